import Foundation
import Testing
import TestSupport

@testable import Extraction

/// Long non-ASCII text, random bytes, control characters and runaway sizes: extraction stays
/// bounded in work and size, and nothing it returns carries a control character.
@Suite struct HostileTextTests {
  /// `count` CJK ideographs from a fixed seed (U+4E00…U+9FA5).
  static func cjk(_ count: Int, seed: UInt64 = 7) -> String {
    var rng = SplitMix64(seed: seed)
    var s = ""
    for _ in 0..<count {
      s.unicodeScalars.append(Unicode.Scalar(UInt32(0x4E00 + rng.next() % 0x51A6))!)
    }
    return s
  }

  static func page(_ paragraph: String) -> String {
    "<html><head><title>Police appeal</title></head><body><h1>Police appeal</h1><p>\(paragraph)</p>"
      + "<p>Officers in Colchester appealed for witnesses after a burglary on Tuesday night.</p>"
      + "</body></html>"
  }

  // MARK: - findDate on long non-ASCII text (issue 17, defect 2)

  /// A block of about 1,000 Chinese characters after the `<h1>` recursed in `findDate` until
  /// the stack overflowed (it measured UTF-8 bytes but shortened by characters).
  @Test func cjkBlockAfterHeadlineIsExtracted() throws {
    let r = try DocumentExtractor().extractWithWarnings(bytes: Array(Self.page(Self.cjk(1000)).utf8), path: "cjk.html")
    let a = try #require(r.articles.first)
    #expect(a.title == "Police appeal")
    #expect(a.date == nil)
    // An unspaced run of 1,000 characters is prose, not a one-word block.
    #expect(a.paragraphs.joined().count >= 1000)
  }

  @Test(arguments: [
    cjk(1000), String(repeating: "🚓👮‍♀️", count: 800), String(repeating: "قالت الشرطة ", count: 300),
    String(repeating: "e\u{301}", count: 3000), String(repeating: "\u{200F}", count: 5000),
  ])
  func findDateOnLongNonASCIITextEnds(text: String) {
    #expect(DateParsing.findDate(in: text) == nil)
    // A date after non-ASCII text is found while it is within the bytes read.
    #expect(DateParsing.findDate(in: "警方 14 May 2024 " + text) == "2024-05-14")
  }

  @Test func findDateReadsBoundedPrefix() {
    let far = String(repeating: "x", count: DateParsing.scanLimit) + " 14 May 2024"
    #expect(DateParsing.findDate(in: far) == nil)
    #expect(DateParsing.findDate(in: "Published 3rd March, 2021 by") == "2021-03-03")
    #expect(DateParsing.findDate(in: "2024-05-14T09:30:00Z") == "2024-05-14")
    #expect(DateParsing.findDate(in: "May 14, 2024") == "2024-05-14")
    #expect(DateParsing.findDate(in: "14.05.2024") == "2024-05-14")
    #expect(DateParsing.findDate(in: "99999999999999999999999 2024") == nil)
  }

  /// Random bytes (no NUL and few controls, so not rejected as binary) decode as windows-1252
  /// into long non-ASCII text: 2 of 40 such files crashed the old `findDate`.
  @Test func randomBytesPagesNeverCrash() throws {
    var rng = SplitMix64(seed: 2017)
    for k in 0..<40 {
      let n = [1000, 5000, 20_000][k % 3]
      let bytes = (0..<n).map { _ in UInt8(0x20 + rng.next() % 0xE0) }
      for ext in ["html", "txt", "xml", "jsonl"] {
        _ = try? DocumentExtractor().extractWithWarnings(bytes: bytes, path: "random-\(k).\(ext)")
      }
    }
  }

  /// Found by the HTML fuzz target once it could write long inputs: thousands of unclosed tags
  /// followed by end tags that match none made libxml2 scan its whole stack of open elements per
  /// end tag (quadratic: 12 s under the fuzzer). The parse stops past `HTMLReader.maxDepth`.
  @Test func deepNestingWithUnmatchedEndTagsStopsAtTheDepthBound() throws {
    let n = 30_000
    let html = "<html><head><title>Deep page</title></head><body><h1>Deep page</h1>"
      + "<p>Officers in Witham found quorvbefore goods after a burglary on Tuesday night.</p>"
      + String(repeating: "<div>", count: n) + "quorvafter" + String(repeating: "</oter></x>", count: n)
      + "</body></html>"
    let model = HTMLReader.model(utf8: Array(html.utf8))
    let text = String(decoding: model.text, as: UTF8.self)
    #expect(text.contains("quorvbefore"))
    #expect(!text.contains("quorvafter"))
    let a = try #require(try DocumentExtractor().extract(bytes: Array(html.utf8), path: "deep.html").first)
    #expect(a.title == "Deep page")
    // Within the bound, nesting is read as before.
    let shallow = "<html><body><h1>T</h1>" + String(repeating: "<div>", count: 500) + "<p>quorvinner text</p>"
      + String(repeating: "</div>", count: 500) + "</body></html>"
    let inner = String(decoding: HTMLReader.model(utf8: Array(shallow.utf8)).text, as: UTF8.self)
    #expect(inner.contains("quorvinner"))
  }

  // MARK: - Control characters (issue 17, defect 11)

  static func hasControl(_ s: String) -> Bool {
    s.unicodeScalars.contains {
      ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || ($0.value >= 0x7F && $0.value <= 0x9F)
    }
  }

  static func expectClean(_ a: Article) {
    for field in [a.title, a.url ?? "", a.source ?? "", a.byline ?? ""] + a.paragraphs {
      #expect(!hasControl(field), "\(a.id): \(field.debugDescription)")
    }
  }

  @Test func controlCharactersAreNotStored() throws {
    let esc = "\u{1B}"
    let title = "\(esc)]0;pwned\u{07}Raid in Witham\(esc)[2J"
    let link = "\(esc)]8;;http://evil.example/\(esc)\\click\(esc)]8;;\(esc)\\"
    let html = "<html><head><title>\(title)</title><meta name=\"author\" content=\"Jo\(esc)[31m Smith\">"
      + "</head><body><h1>\(title)</h1><p>Officers in Witham \(link) found \u{9B}2J drugs\u{01}\u{7F}.</p>"
      + "<p>Det Sgt Ann Lee said\u{08}\u{0B}: the enquiry in Witham continues with officers.</p></body></html>"
    let h = try #require(try DocumentExtractor().extract(bytes: Array(html.utf8), path: "e.html").first)
    Self.expectClean(h)
    #expect(h.title.contains("Raid in Witham"))
    #expect(h.text.contains("click"))

    let line = #"{"id":"x","title":"\u001b]0;pwned\u0007Raid","source":"Wire\u001b[2J","author":"By Jo\u0007 Smith","url":"http://a.example/\u001b[1m","body":"Line \u001b[31mone\u0000\nLine \u009b2J two"}"#
    let j = try #require(try DocumentExtractor().extract(bytes: Array(line.utf8), path: "e.jsonl").first)
    Self.expectClean(j)
    #expect(j.title == "]0;pwnedRaid")
    #expect(j.paragraphs == ["Line [31mone", "Line 2J two"])
    let streamed = try DocumentExtractor().extractJSONLine(Array(line.utf8), number: 1, path: "e.jsonl")
    #expect(streamed == j)

    let text = "Raid in Witham\(esc)[2J\n\nOfficers found drugs\u{07} in a flat \(esc)]0;x\u{07}in Witham on Tuesday night.\n"
    let t = try #require(try DocumentExtractor().extract(bytes: Array(text.utf8), path: "e.txt").first)
    Self.expectClean(t)

    let feed = "<rss version=\"2.0\"><channel><title>Wire&#x1B;[2J</title><item><title>Raid&#x1B;]0;x&#x7;</title>"
      + "<description>Officers &#x9B;found drugs in Witham.</description></item></channel></rss>"
    // libxml2 may refuse the character references; whatever it returns must be clean.
    for a in (try? DocumentExtractor().extract(bytes: Array(feed.utf8), path: "e.xml")) ?? [] {
      Self.expectClean(a)
    }
  }

  @Test func strippingControlsKeepsOtherText() {
    #expect(TextCleanup.strippingControls("a\tb\nc") == "a\tb\nc")
    #expect(TextCleanup.strippingControls("é€中🚓\u{A0}") == "é€中🚓\u{A0}")
    #expect(TextCleanup.strippingControls("\u{1B}[2Jx\u{85}y\u{9F}\u{7F}") == "[2Jxy")
  }

  // MARK: - Size caps (issue 17, defect 9)

  @Test func bodyAndTitleAreCapped() throws {
    let para = String(repeating: "Officers in Witham searched the flat and found stolen goods. ", count: 40)
    var text = String(repeating: "x", count: 5000) + "\n\n"
    for _ in 0..<1500 { text += para + "\n\n" }
    #expect(text.utf8.count > 3 * ArticleLimits.maxTextBytes)
    let a = try #require(try DocumentExtractor().extract(bytes: Array(text.utf8), path: "big.txt").first)
    let body = a.paragraphs.reduce(0) { $0 + $1.utf8.count }
    #expect(body <= ArticleLimits.maxTextBytes)
    #expect(body > ArticleLimits.maxTextBytes - para.utf8.count)
    #expect(a.title.utf8.count <= ArticleLimits.maxFieldBytes)

    let line = "{\"title\":\"" + String(repeating: "天", count: 5000) + "\",\"body\":\"" + String(repeating: "警方 ", count: 500_000) + "\"}"
    let j = try #require(try DocumentExtractor().extract(bytes: Array(line.utf8), path: "big.jsonl").first)
    #expect(j.title.utf8.count <= ArticleLimits.maxFieldBytes && j.title.utf8.count > 2000)
    #expect(j.text.utf8.count <= ArticleLimits.maxTextBytes)
    #expect(j.title.unicodeScalars.allSatisfy { $0 == "天" })
  }

  @Test func boundedCutsAtCharactersAndWords() {
    #expect(ArticleLimits.bounded("ab cd", 10) == "ab cd")
    #expect(ArticleLimits.bounded("ab cdef", 5) == "ab")
    #expect(ArticleLimits.bounded("天天天", 7) == "天天")
    #expect(ArticleLimits.bounded("天天天", 2) == "")
  }

  @Test func onlyTheHeadOfOneDocumentFilesIsRead() {
    let lines = Array(("天天\n" + String(repeating: "ab\n", count: 10)).utf8)
    let head = ArticleLimits.head(lines, 9)
    #expect(head == Array("天天\n".utf8))
    #expect(ArticleLimits.head(lines, 10) == Array("天天\nab\n".utf8))
    #expect(ArticleLimits.head(Array("天天天".utf8), 7) == Array("天天".utf8))
    #expect(ArticleLimits.maxInputBytes(.html) == ArticleLimits.maxPageBytes)
    #expect(ArticleLimits.maxInputBytes(.text) == ArticleLimits.maxTextFileBytes)
    #expect(ArticleLimits.maxInputBytes(.feed) == nil && ArticleLimits.maxInputBytes(.jsonLines) == nil)
  }

  /// A `.gz` that expands past the extractor's limit fails as soon as it passes it.
  @Test func inflatedSizeIsLimited() throws {
    let text = Array(("Raid in Witham\n\n" + String(repeating: "Officers searched a flat. ", count: 40_000)).utf8)
    let gz = try #require(SystemGzip.compress(text))
    #expect(gz.count < 20_000)
    do {
      _ = try DocumentExtractor(maxInflatedBytes: 100_000).extract(bytes: gz, path: "bomb.txt.gz")
      Issue.record("a .gz expanding past the limit was extracted")
    } catch {
      #expect(error.description.contains("size limit"), "\(error)")
    }
    let ok = try DocumentExtractor(maxInflatedBytes: text.count).extract(bytes: gz, path: "bomb.txt.gz")
    #expect(ok.count == 1)
  }


  // MARK: - Duplicate JSON Lines ids (issue 17, defect 8)

  @Test func duplicateJSONLinesIdsKeepTheFirst() throws {
    let lines = [
      #"{"id":"a","title":"First Witham raid","body":"Officers raided a flat in Witham."}"#,
      #"{"id":"b","title":"Other","body":"Another article about Maldon."}"#,
      #"{"id":"a","title":"Second Witham raid","body":"A later line with the same id."}"#,
      #"{"title":"No id","body":"Its id is its line number."}"#,
      #"{"id":"4","title":"Clash","body":"An explicit id equal to a line number."}"#,
    ].joined(separator: "\n")
    let r = try DocumentExtractor().extractWithWarnings(bytes: Array(lines.utf8), path: "d.jsonl")
    #expect(r.articles.map(\.id) == ["d.jsonl#a", "d.jsonl#b", "d.jsonl#4"])
    #expect(r.articles[0].title == "First Witham raid")
    #expect(r.warnings.count == 2)
    #expect(r.warnings.map(\.description) == [
      "d.jsonl: JSON line 3: duplicate id \"a\" (line 1 has it; kept that one)",
      "d.jsonl: JSON line 5: duplicate id \"4\" (line 4 has it; kept that one)",
    ])
  }
}
