import FuzzShared

/// libFuzzer target: extract the input as a .xml (RSS/Atom) file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  FuzzShared.extract(data, size, ext: "xml")
  return 0
}

@main enum FuzzExtractFeed {
  static func main() {
    FuzzShared.runDriver(fuzzTestOneInput)
  }
}
