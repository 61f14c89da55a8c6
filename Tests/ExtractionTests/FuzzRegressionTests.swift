import Foundation
import Testing

@testable import Extraction

/// Every input the fuzzers ever crashed on (`Fuzz/Regressions/<target>/`) goes through the same
/// call as its fuzz target (`Fuzz/Sources/FuzzShared`), so a fixed crash stays fixed. A crash here
/// takes the test process down, which fails the run.
@Suite struct FuzzRegressionTests {
  static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

  /// Fuzz target → the extension its inputs are extracted as.
  static let targets = ["FuzzExtractHTML": "html", "FuzzExtractFeed": "xml", "FuzzExtractText": "txt", "FuzzExtractJSONL": "jsonl"]

  static func inputs(_ target: String) -> [URL] {
    let dir = regressions.appendingPathComponent(target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
  }

  @Test(arguments: targets.keys.sorted())
  func crashersStayFixed(target: String) throws {
    let ext = try #require(Self.targets[target])
    #expect(FileManager.default.fileExists(atPath: Self.regressions.appendingPathComponent(target).path))
    for url in Self.inputs(target) {
      let bytes = Array(try Data(contentsOf: url))
      _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.\(ext)")
    }
  }

  /// The first JSON Lines crasher: a high surrogate escape followed by an escape that is not a
  /// low surrogate overflowed the pair arithmetic.
  @Test func unpairedSurrogateEscapesBecomeReplacementCharacters() throws {
    let line = #"{"title":"\ud83d\ud0e0 x","body":"A \ud800\u0041 \udc00 and \ud83d\ude00 ok here in Witham"}"#
    let r = try DocumentExtractor().extractWithWarnings(bytes: Array(line.utf8), path: "s.jsonl")
    let a = try #require(r.articles.first)
    #expect(a.title == "\u{FFFD}\u{D0E0} x")
    #expect(a.paragraphs.joined(separator: " ").contains("\u{FFFD}A \u{FFFD} and 😀 ok"), "\(a.paragraphs)")
  }
}
