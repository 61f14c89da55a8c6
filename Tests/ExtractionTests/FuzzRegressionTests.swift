import Foundation
import Testing
import TestSupport

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
      let raw = Array(try Data(contentsOf: url))
      let bytes = FuzzInput.expanded(raw) ?? raw
      _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.\(ext)")
    }
  }

  @Test func expandedFormMatchesTheFuzzTarget() {
    #expect(FuzzInput.expanded(Array("x(".utf8)) == nil)
    let e = FuzzInput.expanded([1] + Array("<p>\0ab\0</p>\0!".utf8))
    #expect(e == Array(("<p>" + String(repeating: "ab", count: 256) + "</p>" + String(repeating: "!", count: 256)).utf8))
  }

  /// Issue 17, defect 2: long non-ASCII text in a block after the `<h1>`, a text line, a feed
  /// `pubDate` or a JSON Lines `date` made `DateParsing.findDate` recurse until the stack ran
  /// out. Each input now gives its article.
  @Test(arguments: [
    ("FuzzExtractHTML/cjk-block-after-h1.html", "html"), ("FuzzExtractText/cjk-line.txt", "txt"),
    ("FuzzExtractFeed/cjk-pubdate.xml", "xml"), ("FuzzExtractJSONL/cjk-date.jsonl", "jsonl"),
  ])
  func longNonASCIITextIsExtracted(file: String, ext: String) throws {
    let bytes = Array(try Data(contentsOf: Self.regressions.appendingPathComponent(file)))
    let r = try DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.\(ext)")
    let a = try #require(r.articles.first)
    #expect(a.title == "Police appeal" || a.title == "Police appeal in Colchester", "\(a.title)")
    #expect(a.date == nil)
  }

  /// Random bytes (drawn from 0x20…0xFF) that crashed the same way once decoded as windows-1252.
  @Test func randomBytesCrasherIsSurvived() throws {
    let url = Self.regressions.appendingPathComponent("FuzzExtractHTML/random-bytes-5000.html")
    let bytes = Array(try Data(contentsOf: url))
    #expect(bytes.count == 5000)
    _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "fuzz.html")
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
