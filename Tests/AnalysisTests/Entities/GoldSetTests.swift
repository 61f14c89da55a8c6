import Analysis
import Foundation
import Testing

/// Scores the recogniser on the gold sets (see Gold/README.md for the matching rules).
@Suite struct GoldSetTests {
  struct Doc: Decodable {
    var id: String
    var title: String
    var text: String
    var entities: [Gold]
  }
  struct Gold: Decodable {
    var field: String
    var kind: EntityKind
    var start: Int
    var end: Int
    var canonical: String
    var value: Double?
  }

  static func load(_ name: String) throws -> [Doc] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Gold/\(name).json")
    return try JSONDecoder().decode([Doc].self, from: Data(contentsOf: url))
  }

  /// Precision and recall per kind; `strict` also requires equal spans and canonical names.
  static func score(_ docs: [Doc], strict: Bool) -> [EntityKind: (p: Double, r: Double)] {
    var tp: [EntityKind: Int] = [:]
    var nGold: [EntityKind: Int] = [:]
    var nPred: [EntityKind: Int] = [:]
    let recognizer = EntityRecognizer()
    for d in docs {
      let r = recognizer.recognize(title: d.title, text: d.text)
      for (field, preds) in [("title", r.titleMentions), ("body", r.bodyMentions)] {
        let golds = d.entities.filter { $0.field == field }
        for g in golds { nGold[g.kind, default: 0] += 1 }
        for p in preds { nPred[p.kind, default: 0] += 1 }
        var used = Set<Int>()
        for g in golds {
          let hit = preds.indices.first { i in
            let p = preds[i]
            guard !used.contains(i), p.kind == g.kind, p.start < g.end, g.start < p.end else {
              return false
            }
            if !strict { return true }
            if p.start != g.start || p.end != g.end || p.canonical != g.canonical { return false }
            if let v = g.value { return abs((p.figure?.value ?? .nan) - v) <= 1e-6 * max(1, v) }
            return true
          }
          if let hit {
            used.insert(hit)
            tp[g.kind, default: 0] += 1
          }
        }
      }
    }
    var out: [EntityKind: (Double, Double)] = [:]
    for k in EntityKind.allCases {
      let t = Double(tp[k] ?? 0)
      out[k] = (t / Double(max(nPred[k] ?? 0, 1)), t / Double(max(nGold[k] ?? 0, 1)))
    }
    return out
  }

  @Test(arguments: ["gold", "heldout"])
  func precisionAndRecallAtLeast95PerCent(set: String) throws {
    let docs = try Self.load(set)
    #expect(docs.count >= (set == "gold" ? 25 : 10))
    for (kind, s) in Self.score(docs, strict: false) {
      #expect(s.p >= 0.95, "\(set) \(kind) precision \(s.p)")
      #expect(s.r >= 0.95, "\(set) \(kind) recall \(s.r)")
    }
    for (kind, s) in Self.score(docs, strict: true) {
      #expect(s.p >= 0.9 && s.r >= 0.9, "\(set) \(kind) strict \(s)")
    }
  }
}
