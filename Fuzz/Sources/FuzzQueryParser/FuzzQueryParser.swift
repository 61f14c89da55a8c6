import FuzzShared

/// libFuzzer target: parse the input as a search query.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  FuzzShared.parseQuery(data, size)
  return 0
}

@main enum FuzzQueryParser {
  static func main() {
    FuzzShared.runDriver(fuzzTestOneInput)
  }
}
