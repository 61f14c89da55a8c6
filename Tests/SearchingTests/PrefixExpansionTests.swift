import Analysis
import Foundation
import Indexing
import Testing

@testable import Searching

/// Prefix queries expand to every term of the dictionary with that prefix (issue 17: they
/// stopped after 256 terms per segment and field, so `c*` found fewer documents than `crime`).
@Suite struct PrefixExpansionTests {
  /// 700 documents in two segments; document i holds the word "c" + a name of its own (700
  /// distinct c-words), "crime" in every third, and "rare" in every 50th.
  static func build() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "blotter-prefix-\(UUID().uuidString)"
    ).path
    let a = Analyzer()
    for range in [0..<350, 350..<700] {
      let w = try IndexWriter(path: path)
      for i in range {
        var body = "Report \(i): the word c\(Self.name(i)) appears here"
        if i % 3 == 0 { body += " with crime" }
        if i % 50 == 0 { body += " and a rare note" }
        let title = "Story \(i)"
        _ = try w.add(
          IndexDocument(
            stored: StoredDocument(id: "d\(i)", path: "d\(i)", title: title, date: nil, text: body),
            fields: [(.title, a.tokens(title)), (.body, a.tokens(body))], day: nil, figures: []))
      }
      try w.commit()
    }
    return path
  }

  /// Letters only (no stemming surprises): 0 → "aaa", 1 → "aab", …
  static func name(_ i: Int) -> String {
    let l = Array("abcdefghijklmnopqrstuvwxyz")
    return String([l[(i / 676) % 26], l[(i / 26) % 26], l[i % 26]]) + "x"
  }

  @Test func aPrefixFindsEveryDocumentHoweverManyTermsItExpandsTo() throws {
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    #expect(try s.search("c*", limit: 10).total == 700)
    // Narrower than "crime" alone was the old bug.
    #expect(try s.search("cr*", limit: 0).total >= (try s.search("crime", limit: 0).total))
    #expect(try s.search("c* rare", limit: 100).total == 14)
    #expect(try s.search("rare -c*", limit: 100).total == 0)
    #expect(try s.search("c* OR rare", limit: 0).total == 700)
    // A narrow prefix (few terms, scored by cursors) still works.
    #expect(try s.search("caab*", limit: 0).total == 1)
  }

  /// Wide expansions are summed per document instead of through one cursor per term: the
  /// scores must be the ones the explicit OR of the same terms gives.
  @Test func wideExpansionsScoreLikeTheExplicitDisjunction() throws {
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    // "cab…" covers 26 words per segment: below the cursor limit. "ca…" covers 676 (both
    // segments): above it.
    let narrow = (0..<26).map { "cab\(Array("abcdefghijklmnopqrstuvwxyz")[$0])x" }
    #expect(Searcher.maxCursorExpansions < 350)
    for (prefix, words) in [
      ("cab*", narrow), ("c*", (0..<700).map { "c" + Self.name($0) } + ["crime"]),
    ] {
      // The 40 best (ties may order differently when sums differ in the last bit).
      let wide = try s.search(prefix, limit: 40)
      let explicit = try s.search(words.joined(separator: " OR "), limit: 40)
      #expect(wide.total == explicit.total)
      #expect(wide.hits.count == min(40, wide.total) && explicit.hits.count == wide.hits.count)
      let differ = zip(wide.hits, explicit.hits).filter { abs($0.score - $1.score) >= 1e-4 }
      #expect(differ.isEmpty, "\(prefix): \(differ.count) scores differ")
    }
  }
}
