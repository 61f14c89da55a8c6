import Analysis
import Foundation
import Indexing
import Testing
import TestSupport

@testable import Searching

/// Snippets are cut from the matched positions and the stored text's recorded position starts,
/// scanning only the window's words (issue 16). These tests hold them to the snippet a scan of
/// the whole text gave before (`reference`, the earlier implementation kept here verbatim in
/// substance), on random texts, matches, entity marks, strides and window sizes.
@Suite struct SnippetWindowTests {
  /// The snippet from every position of the text, as blotter made it before issue 16.
  static func reference(
    text: String, hits: [Int32: String], marks: [Range<Int>], analyzer: Analyzer,
    highlight: Highlight, maxWords: Int
  ) -> String {
    let spans = analyzer.spans(text)
    if spans.isEmpty { return "" }
    var positions: [(start: Int, end: Int, hit: String?)] = spans.map {
      (Int($0.start), Int($0.end), nil)
    }
    for (p, term) in hits where p >= 0 && Int(p) < positions.count { positions[Int(p)].hit = term }
    let utf8 = Array(text.utf8)
    for k in positions.indices where positions[k].hit == nil {
      if marks.contains(where: { $0.contains(positions[k].start) }) {
        positions[k].hit = "\u{1}mention"
      }
    }
    var bestStart = 0
    var bestScore = (-1, -1)
    if positions.contains(where: { $0.hit != nil }) {
      var counts: [String: Int] = [:]
      var matches = 0
      var lo = 0
      for hi in 0..<positions.count {
        if let h = positions[hi].hit {
          counts[h, default: 0] += 1
          matches += 1
        }
        if hi - lo + 1 > maxWords {
          if let h = positions[lo].hit {
            counts[h]! -= 1
            if counts[h] == 0 { counts[h] = nil }
            matches -= 1
          }
          lo += 1
        }
        let score = (counts.count, matches)
        if score > bestScore {
          bestScore = score
          bestStart = lo
        }
      }
      let window = bestStart..<min(positions.count, bestStart + maxWords)
      if let firstHit = window.first(where: { positions[$0].hit != nil }),
        let lastHit = window.last(where: { positions[$0].hit != nil })
      {
        bestStart = max(0, max(firstHit - 4, lastHit - maxWords + 1))
      }
    }
    let endIndex = min(positions.count, bestStart + maxWords) - 1
    let from = bestStart == 0 ? 0 : positions[bestStart].start
    let to = endIndex == positions.count - 1 ? utf8.count : positions[endIndex].end
    var out = bestStart == 0 ? "" : "…"
    var joined: [(Int, Int)] = []
    for k in bestStart...endIndex where positions[k].hit != nil {
      let p = positions[k]
      if let last = joined.last, p.start - last.1 <= 3,
        utf8[last.1..<p.start].allSatisfy({ $0 == 0x20 || $0 == 0x2D || $0 == 0x2F || $0 == 0x27 })
      {
        joined[joined.count - 1].1 = p.end
      } else {
        joined.append((p.start, p.end))
      }
    }
    var cursor = from
    for (a, b) in joined {
      out += Snippets.clean(utf8[cursor..<a])
      out += highlight.open + String(decoding: utf8[a..<b], as: UTF8.self) + highlight.close
      cursor = b
    }
    out += Snippets.clean(utf8[cursor..<to])
    if to < utf8.count { out += "…" }
    return out
  }

  static let words = [
    "police", "raid", "Ipswich", "cocaine", "Det", "Supt", "Alcock", "T/DCI", "£5.8m", "1,000",
    "O'Brien", "Kent\u{2019}s", "东京", "naïve", "-", "/", "\n\n", ",", ".", "   ",
    String(repeating: "x", count: 70), "arrests", "the", "of", "and",
  ]

  @Test func windowedSnippetsMatchTheWholeTextScan() {
    let analyzer = Analyzer()
    var rng = SplitMix64(seed: 1616)
    let terms = ["polic", "raid", "ipswich", "cocain", "alcock"]
    var compared = 0
    for round in 0..<3000 {
      var text = ""
      let length = Int(rng.next() % 300)
      for _ in 0..<length {
        text += Self.words[Int(rng.next() % UInt64(Self.words.count))]
        if rng.next() % 3 > 0 { text += " " }
      }
      let count = analyzer.spans(text).count
      var hits: [Int32: String] = [:]
      if count > 0 {
        for _ in 0..<Int(rng.next() % 12) {
          hits[Int32(rng.next() % UInt64(count + 2))] = terms[Int(rng.next() % UInt64(terms.count))]
        }
      }
      let bytes = text.utf8.count
      var marks: [Range<Int>] = []
      if bytes > 0 && rng.next() % 2 == 0 {
        for _ in 0..<Int(rng.next() % 6) {
          let a = Int(rng.next() % UInt64(bytes))
          marks.append(a..<min(bytes, a + Int(rng.next() % 40)))
        }
      }
      let maxWords = round % 4 == 0 ? 1 + Int(rng.next() % 12) : 30
      let step = [1, 2, 5, 32][Int(rng.next() % 4)]
      let expected = Self.reference(
        text: text, hits: hits, marks: marks, analyzer: analyzer, highlight: .markdown,
        maxWords: maxWords)
      let got = Snippets.make(
        text: text, positions: analyzer.textPositions(text, stride: step),
        hits: hits.map { (position: $0.key, term: $0.value) }, marks: marks, analyzer: analyzer,
        highlight: .markdown, maxWords: maxWords)
      #expect(got == expected, "round \(round): \(text.debugDescription) hits \(hits) marks \(marks)")
      if got != expected { return }
      if !hits.isEmpty || !marks.isEmpty { compared += 1 }
    }
    #expect(compared > 1000)
  }

  /// A long document with a mention every 500 words: each mark finds its position from the
  /// recorded starts around it.
  @Test func marksFindTheirPositionsInALongText() {
    let analyzer = Analyzer()
    var text = ""
    var marks: [Range<Int>] = []
    for k in 0..<20_000 {
      if k % 500 == 250 {
        marks.append(text.utf8.count..<(text.utf8.count + 7))
        text += "Ipswich "
      } else {
        text += "word\(k % 7) "
      }
    }
    let positions = analyzer.textPositions(text)
    let marked = Snippets.markedPositions(
      text: text, positions: positions, marks: marks.reversed(), analyzer: analyzer)
    #expect(marked == (0..<20_000).filter { $0 % 500 == 250 })
    let snippet = Snippets.make(
      text: text, positions: positions, hits: [], marks: marks, analyzer: analyzer,
      highlight: .markdown)
    #expect(snippet.hasPrefix("…word") && snippet.contains("**Ipswich**"))
  }
}

extension SnippetWindowTests {
  /// Searches over three segments: every hit's snippet is the one a whole-text scan makes from
  /// the positions where the query's terms occur in the stored text.
  @Test func searchSnippetsMatchTheWholeTextScan() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("blotter-snippets-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let a = Analyzer()
    var rng = SplitMix64(seed: 77)
    for _ in 0..<3 {
      let w = try IndexWriter(path: path)
      for _ in 0..<150 {
        var text = ""
        for _ in 0..<(20 + Int(rng.next() % 200)) {
          text += Self.words[Int(rng.next() % UInt64(Self.words.count))] + " "
        }
        let id = "d\(rng.next() % 1_000_000_000)"
        _ = try w.add(
          IndexDocument(
            stored: StoredDocument(id: id, path: id, title: "t", text: text),
            fields: [(.title, a.tokens("t")), (.body, a.tokens(text))], day: nil))
      }
      try w.commit()
    }
    let s = Searcher(reader: try IndexReader.open(path: path))
    #expect(s.reader.segments.count == 3)
    for (q, terms) in [
      ("police", ["polic"]), ("raid OR cocaine", ["raid", "cocain"]),
      ("\"Det Supt\"", ["det", "supt"]), ("ipswich alcock", ["ipswich", "alcock"]),
    ] {
      let r = try s.search(q, limit: 20)
      #expect(!r.hits.isEmpty, "\(q)")
      for h in r.hits {
        let text = try s.reader.segments[h.segment].document(h.doc).text
        var hits: [Int32: String] = [:]
        for t in a.tokens(text) where terms.contains(t.term) { hits[t.position] = t.term }
        let expected = Self.reference(
          text: text, hits: hits, marks: [], analyzer: a, highlight: .markdown, maxWords: 30)
        #expect(h.snippet == expected, "\(q) \(h.id)")
      }
    }
  }
}
