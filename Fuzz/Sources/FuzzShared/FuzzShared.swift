import CFuzzDriver
import Extraction
import Searching

#if canImport(Glibc)
  import Glibc
#endif

/// What each fuzz target does with one input. The regression tests of the parent package run
/// the same calls over `Fuzz/Regressions/<target>/` (keep the two in step: they copy
/// `expanded(_:)`).
public enum FuzzShared {
  /// Hands control to libFuzzer with the process's arguments; exits with its status.
  public static func runDriver(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
  }

  /// Most bytes an expanded input may have.
  public static let maxExpanded = 1 << 20

  /// A long input written short, so the fuzzer reaches sizes and depths that byte mutations
  /// alone would need thousands of steps for (a 2,000-byte run of CJK text in one block, a query
  /// nested 20,000 deep): `count, head, 0x00, unit, 0x00, tail[, 0x00, closer]` stands for
  /// `head + unit × n + tail + closer × n` with `n = count × 256` (`((…court…))`: unit `(`,
  /// tail `court`, closer `)`). Nil for input without two NUL bytes after the first byte, which
  /// is used as it is (raw pages and feeds with NUL bytes are rejected as binary anyway, so the
  /// form takes nothing away from them), and for expansions past `maxExpanded` bytes.
  public static func expanded(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 3 else { return nil }
    let parts = bytes.dropFirst().split(
      separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let n = Int(bytes[0]) * 256
    let head = parts[0]
    let unit = parts[1]
    let tail = parts[2]
    let closer = parts.count > 3 ? parts[3] : []
    let size = head.count + tail.count + n * (unit.count + closer.count)
    guard size <= maxExpanded else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(size)
    out += head
    for _ in 0..<n { out += unit }
    out += tail
    for _ in 0..<n { out += closer }
    return out
  }

  /// Extracts `data` as a file with extension `ext` ("html", "xml", "txt", "jsonl"), in its
  /// expanded form when it has one. Errors are fine; traps, hangs and memory errors are what
  /// the fuzzer looks for.
  public static func extract(_ data: UnsafePointer<UInt8>, _ size: Int, ext: String) {
    let raw = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes = expanded(raw) ?? raw
    _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.\(ext)")
  }

  /// Parses `data` (as UTF-8, invalid sequences repaired) as a query, and its expanded form too
  /// when it has one.
  public static func parseQuery(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let raw = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? QueryParser().parse(String(decoding: raw, as: UTF8.self))
    if let long = expanded(raw) {
      _ = try? QueryParser().parse(String(decoding: long, as: UTF8.self))
    }
  }
}
