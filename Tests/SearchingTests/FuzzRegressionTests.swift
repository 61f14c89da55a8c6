import Foundation
import Testing

@testable import Searching

/// Every query the parser fuzzer ever crashed on (`Fuzz/Regressions/FuzzQueryParser/`) is parsed
/// as the fuzz target does (`Fuzz/Sources/FuzzShared`); a crash takes the test process down.
@Suite struct QueryFuzzRegressionTests {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzQueryParser")

  @Test func crashersStayFixed() throws {
    #expect(FileManager.default.fileExists(atPath: Self.dir.path))
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.dir.path)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") {
      let data = try Data(contentsOf: Self.dir.appendingPathComponent(name))
      _ = try? QueryParser().parse(String(decoding: data, as: UTF8.self))
      if let long = Self.expanded(Array(data)) {
        _ = try? QueryParser().parse(String(decoding: long, as: UTF8.self))
      }
    }
  }

  /// `FuzzShared.expanded` (Fuzz/Sources/FuzzShared), copied: `count, head, 0, unit, 0, tail[,
  /// 0, closer]` → `head + unit × n + tail + closer × n`, `n = count × 256` (deep nesting from
  /// a short input).
  static func expanded(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 3 else { return nil }
    let parts = bytes.dropFirst().split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let n = Int(bytes[0]) * 256
    let closer = parts.count > 3 ? parts[3] : []
    guard parts[0].count + parts[2].count + n * (parts[1].count + closer.count) <= 1 << 20 else {
      return nil
    }
    var out = Array(parts[0])
    for _ in 0..<n { out += parts[1] }
    out += parts[2]
    for _ in 0..<n { out += closer }
    return out
  }
}
