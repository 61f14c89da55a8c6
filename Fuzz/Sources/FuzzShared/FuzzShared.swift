import CFuzzDriver
import Extraction
import Searching

#if canImport(Glibc)
  import Glibc
#endif

/// What each fuzz target does with one input. The regression tests of the parent package run
/// the same calls over `Fuzz/Regressions/<target>/` (keep the two in step).
public enum FuzzShared {
  /// Hands control to libFuzzer with the process's arguments; exits with its status.
  public static func runDriver(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
  }

  /// Extracts `data` as a file with extension `ext` ("html", "xml", "txt", "jsonl"). Errors are
  /// fine; traps, hangs and memory errors are what the fuzzer looks for.
  public static func extract(_ data: UnsafePointer<UInt8>, _ size: Int, ext: String) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.\(ext)")
  }

  /// Parses `data` (as UTF-8, invalid sequences repaired) as a query.
  public static func parseQuery(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? QueryParser().parse(text)
  }
}
