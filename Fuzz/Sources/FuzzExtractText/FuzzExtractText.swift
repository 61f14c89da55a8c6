import FuzzShared

/// libFuzzer target: extract the input as a .txt scrape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  FuzzShared.extract(data, size, ext: "txt")
  return 0
}

@main enum FuzzExtractText {
  static func main() {
    FuzzShared.runDriver(fuzzTestOneInput)
  }
}
