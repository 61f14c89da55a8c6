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
    }
  }
}
