import FuzzShared

/// libFuzzer target: extract the input as a .html file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  FuzzShared.extract(data, size, ext: "html")
  return 0
}

@main enum FuzzExtractHTML {
  static func main() {
    FuzzShared.runDriver(fuzzTestOneInput)
  }
}
