import Analysis
import Foundation
import Indexing
import Testing
import TestSupport

@testable import Searching

/// Phrase queries against a brute-force scan of the same texts: 600 documents of Zipf-distributed
/// nonsense words (so postings fill blocks and positions chunks), phrases whose rarest word comes
/// first, last or in the middle, with repeated words.
@Suite struct PhraseTests {
  /// Consonant-only words: the stemmer leaves them alone, so each stays one distinct term.
  static let vocabulary = (0..<40).map { i -> String in
    let letters = Array("bcdfghjkmnpqrtvwxz")
    return "zq" + String(letters[i % letters.count]) + String(letters[(i / letters.count) % letters.count])
  }

  static func texts() -> [[String]] {
    var rng = SplitMix64(seed: 7)
    // Word i drawn with weight 1 / (i + 1).
    let weights = (0..<vocabulary.count).map { 1.0 / Double($0 + 1) }
    let total = weights.reduce(0, +)
    return (0..<600).map { d in
      (0..<(20 + d % 60)).map { _ in
        var x = Double(rng.next() % 1_000_000) / 1_000_000 * total
        for (i, w) in weights.enumerated() {
          x -= w
          if x < 0 { return vocabulary[i] }
        }
        return vocabulary[vocabulary.count - 1]
      }
    }
  }

  static func occurrences(of phrase: [String], in words: [String]) -> Int {
    guard words.count >= phrase.count else { return 0 }
    return (0...(words.count - phrase.count)).filter { Array(words[$0..<($0 + phrase.count)]) == phrase }.count
  }

  @Test func phrasesMatchExactlyTheDocumentsThatHoldThem() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("blotter-phrase-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let a = Analyzer()
    let texts = Self.texts()
    let w = try IndexWriter(path: path)
    for (d, words) in texts.enumerated() {
      let body = words.joined(separator: " ")
      _ = try w.add(
        IndexDocument(
          stored: StoredDocument(id: "d\(d)", path: "d\(d)", title: "", text: body), fields: [(.body, a.tokens(body))],
          day: nil))
    }
    try w.commit()
    let s = Searcher(reader: try IndexReader.open(path: path))
    let v = Self.vocabulary
    let phrases: [[String]] = [
      [v[0], v[1]], [v[1], v[0]], [v[0], v[0]], [v[30], v[0]], [v[0], v[30]], [v[0], v[25], v[1]],
      [v[2], v[0], v[2]], [v[0], v[1], v[0], v[1]], [v[5], v[6], v[7]], [v[39], v[38]],
    ]
    for phrase in phrases {
      let expected = texts.enumerated().filter { Self.occurrences(of: phrase, in: $0.element) > 0 }.map { "d\($0.offset)" }
      let r = try s.search("\"\(phrase.joined(separator: " "))\"", limit: 1000)
      #expect(r.total == expected.count, "\(phrase)")
      #expect(r.hits.map(\.id).sorted() == expected.sorted(), "\(phrase)")
      // More occurrences in the same length of text score higher.
      if let best = r.hits.first, let worst = r.hits.last, r.hits.count > 1 {
        let count = { (id: String) in Self.occurrences(of: phrase, in: texts[Int(id.dropFirst())!]) }
        let length = { (id: String) in texts[Int(id.dropFirst())!].count }
        if length(best.id) == length(worst.id) { #expect(count(best.id) >= count(worst.id), "\(phrase)") }
      }
    }
  }
}
