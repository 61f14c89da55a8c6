import Testing
import TestSupport

@testable import Analysis

/// The scanner takes whole ASCII words and numbers at once and keeps raw bytes as spans of the
/// text; these tests hold it to the plain byte-by-byte statement of the rules (`referenceScan`)
/// on random text made of the characters the rules treat specially.
@Suite struct ScanReferenceTests {
  struct Cut: Equatable, CustomStringConvertible {
    var start: Int
    var end: Int
    var kind: Analyzer.Kind
    var raw: [UInt8]
    var description: String { "\(start)..<\(end) \(kind) \(String(decoding: raw, as: UTF8.self))" }
  }

  /// The scanning rules one byte (or scalar) at a time, as `Analyzer` documents them.
  static func referenceScan(_ text: String) -> [Cut] {
    let buf = Array(text.utf8)
    let n = buf.count
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isLetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }
    var out: [Cut] = []
    var word: [UInt8] = []
    var start = -1
    var isNumber = false
    var currency = false
    func flush(_ end: Int) {
      if start >= 0 {
        let kind: Analyzer.Kind =
          word.count > Analyzer.maxTokenBytes
          ? .skipped : currency ? (isNumber ? .currencyNumber : .word) : (isNumber ? .number : .word)
        out.append(Cut(start: start, end: end, kind: kind, raw: kind == .skipped ? [] : word))
      }
      start = -1
      isNumber = false
      currency = false
      word.removeAll()
    }
    var i = 0
    while i < n {
      let b = buf[i]
      if b < 0x80 {
        if isDigit(b) {
          if start < 0 {
            start = i
            isNumber = true
          }
          word.append(b)
        } else if isLetter(b) {
          if start < 0 { start = i }
          if currency {
            flush(i)
            start = i
          }
          isNumber = false
          word.append(b)
        } else if start >= 0, isNumber, b == 0x2C || b == 0x2E, i + 1 < n, isDigit(buf[i + 1]) {
          if b == 0x2E { word.append(b) }
        } else if start >= 0, !isNumber, b == 0x27, i + 1 < n, isLetter(buf[i + 1]) {
          word.append(b)
        } else {
          flush(i)
          if b == 0x24, i + 1 < n, isDigit(buf[i + 1]) {
            start = i
            currency = true
            isNumber = true
            word.append(b)
          }
        }
        i += 1
        continue
      }
      var len = 1
      while i + len < n, buf[i + len] & 0xC0 == 0x80 { len += 1 }
      let scalar = String(decoding: buf[i..<(i + len)], as: UTF8.self).unicodeScalars.first!
      if scalar == "\u{2019}" || scalar == "\u{2018}" {
        if start >= 0, !isNumber, i + len < n, isLetter(buf[i + len]) || buf[i + len] >= 0x80 {
          word.append(0x27)
        } else {
          flush(i)
        }
      } else if scalar == "£" || scalar == "€" {
        flush(i)
        if i + len < n, isDigit(buf[i + len]) {
          start = i
          currency = true
          isNumber = true
          word.append(contentsOf: buf[i..<(i + len)])
        }
      } else if scalar.properties.isIdeographic || (0x3040...0x309F).contains(scalar.value) {
        flush(i)
        start = i
        word.append(contentsOf: buf[i..<(i + len)])
        flush(i + len)
      } else {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
          .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber:
          if start < 0 { start = i }
          if currency {
            flush(i)
            start = i
          }
          isNumber = false
          word.append(contentsOf: buf[i..<(i + len)])
        default:
          flush(i)
        }
      }
      i += len
    }
    flush(n)
    return out
  }

  static func scan(_ analyzer: Analyzer, _ text: String) -> [Cut] {
    analyzer.scannedTokens(text).map { t in
      Cut(start: t.start, end: t.end, kind: t.kind, raw: t.kind == .skipped ? [] : t.raw)
    }
  }

  /// Pieces the rules single out: word and number runs of every length around the eight-byte
  /// word reads, separators, currency signs, apostrophes, non-ASCII letters and digits,
  /// ideographs, combining marks, over-long runs.
  static let pieces = [
    "a", "Z", "police", "Investigation", "INVESTIGATIONS", "o", "7", "2024", "1", "0", ",", ".",
    "'", "\u{2019}", "\u{2018}", "$", "£", "€", " ", "  ", "-", "/", "\n", "é", "Ł", "ß", "東",
    "ひ", "\u{301}", "٣", "Ⅻ", "😀", String(repeating: "x", count: 70), String(repeating: "9", count: 66),
    "abcdefgh", "abcdefghi", "ABCDEFGHIJKLMNOPQ",
  ]

  @Test func scannerMatchesTheByteByByteRules() {
    let analyzer = Analyzer()
    var rng = SplitMix64(seed: 42)
    for _ in 0..<4000 {
      var text = ""
      for _ in 0..<Int(rng.next() % 14) { text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
      let expected = Self.referenceScan(text)
      let got = Self.scan(analyzer, text)
      #expect(got == expected, "\(text.debugDescription)")
      if got != expected { return }
    }
  }

  @Test func longTextsGrowTheScratchBuffers() {
    // Far more tokens and rewritten bytes than the buffers start with, then a document that
    // gives the memory back, then a short one.
    let analyzer = Analyzer()
    var rng = SplitMix64(seed: 9)
    var text = ""
    for _ in 0..<160_000 {
      text += ["1,000,000", "Kent\u{2019}s", " ", "word", "£5.8"][Int(rng.next() % 5)]
    }
    #expect(Self.scan(analyzer, text) == Self.referenceScan(text))
    let before = analyzer.tokens(text)
    analyzer.beginDocument()
    #expect(analyzer.tokens(text) == before)
    #expect(Self.scan(analyzer, "a 1,5 b") == Self.referenceScan("a 1,5 b"))
  }

  @Test func knownCuts() {
    let analyzer = Analyzer()
    for text in [
      "£5.8m and $1,000,000 seized", "Kent\u{2019}s O'Brien", "rock'n'roll 3.14.15 1,2,3",
      "2024-05-14T09:30", "naïve café Ｋ", "$5m £12bn €3,5",
    ] {
      #expect(Self.scan(analyzer, text) == Self.referenceScan(text), "\(text)")
    }
  }
}
