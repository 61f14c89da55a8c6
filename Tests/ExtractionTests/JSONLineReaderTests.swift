import Testing
import TestSupport

@testable import Extraction

/// The JSON Lines path reads only the keys an article uses, as byte ranges, and normalises the
/// body straight from them; these tests hold each shortcut to the general code it replaces.
@Suite struct JSONLineReaderTests {
  static let keys = ["url", "title", "body", "id", "date", "n"]

  /// What `JSONParser.parse` says of `line`, in `objectFields` terms.
  static func viaParse(_ line: [UInt8]) -> Result<[String?]?, JSONParseError> {
    do {
      let value = try JSONParser.parse(line)
      guard case .object = value else { return .success(nil) }
      return .success(keys.map { value[$0]?.text ?? (value[$0] == nil ? nil : "<other>") })
    } catch {
      return .failure(error)
    }
  }

  static func viaFields(_ line: [UInt8]) -> Result<[String?]?, JSONParseError> {
    do {
      guard let fields = try JSONParser.objectFields(line, keys: keys.map { Array($0.utf8) }) else {
        return .success(nil)
      }
      return .success(
        keys.indices.map { k in fields.values[k] == .other ? "<other>" : fields.text(k) })
    } catch {
      return .failure(error)
    }
  }

  static func same(_ a: Result<[String?]?, JSONParseError>, _ b: Result<[String?]?, JSONParseError>)
    -> Bool
  {
    switch (a, b) {
    case (.success(let x), .success(let y)): x == y
    case (.failure(let x), .failure(let y)): x.message == y.message && x.offset == y.offset
    default: false
    }
  }

  static let lines: [String] = [
    #"{"id": "a1", "title": "Raid", "body": "One.\nTwo.", "date": "2024-05-14"}"#,
    #"  {"title":"x","title":"second","n":12.5e3,"url":null,"body":[1,{"a":"b"}]}  "#,
    #"{"ti\u0074le": "esc\"aped\\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800 x \udc00", "n": -0}"#,
    #"{"body": "a quote\" at eight", "id": 7, "date": true, "url": false}"#,
    #"{}"#, #"[]"#, #"[1, 2]"#, #""just a string""#, #"12"#, "", "   ",
    #"{"title": "unterminated"#, #"{"title": "bad \x escape"}"#, #"{"title": "bad \u12G4"}"#,
    #"{"title" "no colon"}"#, #"{"title": "a",}"#, #"{"title": "a"} trailing"#, #"{title: 1}"#,
    #"{"n": 1.2.3}"#, #"{"n": -}"#, #"{"n": tru}"#, "{\"title\": \"tab\there\"}",
    #"{"a": {"b": {"c": [[[]]]}}, "title": "deep"}"#,
    String(repeating: "[", count: 250), "{\"x\": " + String(repeating: "[", count: 250),
    #"{"body": "0123456789abcdef\\0123456789abcdef\"0123456789abcdef"}"#,
  ]

  @Test func objectFieldsReadWhatParseReads() {
    for line in Self.lines {
      let bytes = Array(line.utf8)
      #expect(Self.same(Self.viaFields(bytes), Self.viaParse(bytes)), "\(line)")
    }
    // Every prefix of every line: errors at each byte, with the same offset.
    for line in Self.lines {
      let bytes = Array(line.utf8)
      for cut in 0..<bytes.count {
        let prefix = Array(bytes[..<cut])
        #expect(Self.same(Self.viaFields(prefix), Self.viaParse(prefix)), "\(line) cut at \(cut)")
      }
    }
  }

  @Test func invalidUTF8IsRepairedLikeParse() {
    let line: [UInt8] = Array(#"{"title": "ab"#.utf8) + [0xE2, 0x80] + Array(#" cd", "body": "x"#.utf8) + [0xFF] + Array("\"}".utf8)
    #expect(Self.same(Self.viaFields(line), Self.viaParse(line)))
  }

  /// `normalizeWhitespace` as it was written over `String`s, the statement of the rules.
  static func referenceNormalize(_ s: String) -> String {
    var out = [UInt8]()
    var pending = false
    var it = Array(s.utf8)
    it.append(0)
    var i = 0
    while i < it.count - 1 {
      let b = it[i]
      if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B {
        pending = true
        i += 1
        continue
      }
      if b == 0xC2 && it[i + 1] == 0xA0 {
        pending = true
        i += 2
        continue
      }
      if b == 0xE2 && i + 2 < it.count && it[i + 1] == 0x80
        && (it[i + 2] == 0xAF || it[i + 2] == 0x89 || it[i + 2] == 0x8B)
      {
        if it[i + 2] != 0x8B { pending = true }
        i += 3
        continue
      }
      if pending && !out.isEmpty { out.append(0x20) }
      pending = false
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  static let pieces = [
    "word", "Polizei", "abcdefgh", "x", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{01}",
    "\u{A0}", "\u{2009}", "\u{202F}", "\u{200B}", "\u{2010}", "\u{2026}", "é", "£", "東", "😀",
    "Browse all 2758", "The post A appeared first on B.", "a b c d e f g h i", " x", "y ",
  ]

  static func randomText(_ rng: inout SplitMix64) -> String {
    var text = ""
    for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
    return text
  }

  @Test func normalizeWhitespaceMatchesTheRules() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<3000 {
      let text = Self.randomText(&rng)
      let expected = Self.referenceNormalize(text)
      #expect(TextCleanup.normalizeWhitespace(text) == expected, "\(text.debugDescription)")
      if TextCleanup.normalizeWhitespace(text) != expected { return }
    }
  }

  @Test func paragraphsAreNormalisedLines() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<3000 {
      var text = Self.randomText(&rng)
      let expected = text.utf8.split(separator: 0x0A)
        .map { Self.referenceNormalize(String(decoding: $0, as: UTF8.self)) }
        .filter { !$0.isEmpty && !ChromeFilter.isWrapperLine($0) }
      let got = text.withUTF8 { TextCleanup.paragraphs($0) }
      #expect(got == expected, "\(text.debugDescription)")
      if got != expected { return }
    }
  }

  @Test func blankBodiesFallBackToTheNextKey() throws {
    func article(_ json: String) throws -> Article {
      try JSONLinesExtraction.article(Array(json.utf8), number: 3, path: "p.jsonl")
    }
    // All spaces: not a body; the next key is used.
    #expect(try article(#"{"title": "T", "body": " \n\t ", "text": "Real text."}"#).paragraphs == ["Real text."])
    // CR LF is one Character that trimming keeps: the body counts, though it has no paragraphs.
    #expect(try article(#"{"title": "T", "body": "\r\n", "text": "Not used."}"#).paragraphs == [])
    let a = try article(#"{"title": "  Two  spaces ", "body": "  Line one.  \n\n  Line\u00a0two. ", "id": 12}"#)
    #expect(a.title == "Two spaces")
    #expect(a.paragraphs == ["Line one.", "Line two."])
    #expect(a.id == "p.jsonl#12")
    #expect(try article(#"{"body": "x"}"#).id == "p.jsonl#3")
  }

  @Test func plainISODatesReadAsTheTokenizerReadsThem() {
    var rng = SplitMix64(seed: 3)
    let digits = Array("0123456789")
    for _ in 0..<2000 {
      var s = ""
      for k in 0..<10 { s.append(k == 4 || k == 7 ? "-" : digits[Int(rng.next() % 10)]) }
      if rng.next() % 4 == 0 { s = "20" + String(s.dropFirst(2)) }
      #expect(DateParsing.normalize(s) == DateParsing.findDate(in: s), "\(s)")
    }
    #expect(DateParsing.normalize("2024-05-14") == "2024-05-14")
    #expect(DateParsing.normalize("1989-05-14") == nil)
    #expect(DateParsing.normalize("2024-13-01") == nil)
  }
}
