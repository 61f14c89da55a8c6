import Analysis
import Foundation
import Testing

/// The recogniser's exact output on the gold articles, as `Gold/mentions.jsonl` records it:
/// every mention with its kind, canonical name, surface, byte span, aliases and figure. Speed
/// work must leave it unchanged; a deliberate rule change regenerates the file (see
/// `Gold/README.md`).
@Suite struct MentionSnapshotTests {
  struct Doc: Decodable {
    var id: String
    var title: String
    var text: String
  }

  /// Where a recorded mention belongs.
  struct Place: Decodable {
    var doc: String
    var field: String
  }

  static func url(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Gold/\(name)")
  }

  @Test func goldArticlesGiveExactlyTheRecordedMentions() throws {
    var expected: [String: [EntityMention]] = [:]
    let lines = try String(contentsOf: Self.url("mentions.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    let decoder = JSONDecoder()
    for line in lines {
      let data = Data(line.utf8)
      let place = try decoder.decode(Place.self, from: data)
      expected["\(place.doc) \(place.field)", default: []].append(
        try decoder.decode(EntityMention.self, from: data))
    }
    var docs: [Doc] = []
    for set in ["gold.json", "heldout.json"] {
      docs += try decoder.decode([Doc].self, from: Data(contentsOf: Self.url(set)))
    }
    #expect(docs.count == 37)
    #expect(lines.count == 356)
    let recognizer = EntityRecognizer()
    for d in docs {
      let r = recognizer.recognize(title: d.title, text: d.text)
      for (field, got) in [("title", r.titleMentions), ("body", r.bodyMentions)] {
        let want = expected["\(d.id) \(field)"] ?? []
        #expect(
          got.count == want.count, "\(d.id) \(field): \(got.count) mentions, not \(want.count)")
        for (g, w) in zip(got, want) where g != w {
          Issue.record("\(d.id) \(field): got \(g), recorded \(w)")
          break
        }
      }
    }
  }
}
