import Analysis
import Foundation
import Indexing
import Searching

/// A small index for the server's tests, its entity mentions written by hand: a feed item whose
/// id holds slashes and `#`, and a scraped title holding a `<script>`.
enum ServerFixture {
  struct Article {
    var id: String
    var title: String
    var body: String
    var date: String?
    var source: String?
    var url: String? = nil
    /// (kind, canonical, surface): every occurrence of `surface` in title and body.
    var entities: [(EntityKind, String, String)]
  }

  static let articles: [Article] = [
    Article(
      id: "halstead-gazette/2024/raid.html", title: "Halstead raid",
      body: "Officers from ROCU raided a house in Halstead.\nDCI Miller said ROCU would return.",
      date: "2024-03-05", source: "Halstead Gazette", url: "https://example.org/raid",
      entities: [
        (.unit, "ROCU", "ROCU"), (.place, "Halstead", "Halstead"),
        (.officer, "Miller", "DCI Miller"),
      ]),
    Article(
      id: "feeds/echo.rss#https://echo.example/a/1", title: "Arrests in Basildon",
      body: "Essex Police and ROCU made arrests in Basildon. Nobody was hurt.",
      date: "2024-04-20", source: "Echo",
      entities: [
        (.unit, "ROCU", "ROCU"), (.force, "Essex Police", "Essex Police"),
        (.place, "Basildon", "Basildon"),
      ]),
    Article(
      id: "dumps/scraped.html", title: "<script>alert('x')</script> Colchester fire",
      body: "A fire in <b>Colchester</b> was put out. <img src=x onerror=alert(1)>",
      date: "2023-11-01", source: "Echo", url: "javascript:alert(1)",
      entities: [(.place, "Colchester", "Colchester")]),
  ]

  /// Every occurrence of `surface` in `text`, as UTF-8 byte ranges.
  static func ranges(of surface: String, in text: String) -> [Range<Int>] {
    let t = Array(text.utf8)
    let s = Array(surface.utf8)
    var out: [Range<Int>] = []
    var i = 0
    while i + s.count <= t.count {
      if Array(t[i..<(i + s.count)]) == s {
        out.append(i..<(i + s.count))
        i += s.count
      } else {
        i += 1
      }
    }
    return out
  }

  static func document(_ x: Article, _ a: Analyzer) -> IndexDocument {
    var inTitle: [EntityMention] = []
    var inBody: [EntityMention] = []
    var entityTokens: [Field: [Token]] = [:]
    for (kind, canonical, surface) in x.entities {
      for r in ranges(of: surface, in: x.title) {
        inTitle.append(
          EntityMention(
            kind: kind, canonical: canonical, surface: surface, start: r.lowerBound,
            end: r.upperBound))
      }
      for r in ranges(of: surface, in: x.body) {
        inBody.append(
          EntityMention(
            kind: kind, canonical: canonical, surface: surface, start: r.lowerBound,
            end: r.upperBound))
      }
      let field: Field =
        kind == .unit ? .unit : kind == .force ? .force : kind == .place ? .place : .officer
      var list = entityTokens[field, default: []]
      let next = (list.last?.position ?? -9) + 9
      let tokens = a.tokens(canonical, mode: .query)
      for t in tokens {
        list.append(Token(term: t.term, position: next + t.position, start: 0, end: 0))
      }
      if tokens.count > 1 {
        list.append(
          Token(
            term: EntityResolver.wholeName(tokens.map(\.term)), position: next, start: 0, end: 0))
      }
      entityTokens[field] = list
    }
    var fields: [(Field, [Token])] = [(.title, a.tokens(x.title)), (.body, a.tokens(x.body))]
    if let s = x.source { fields.append((.source, a.tokens(s))) }
    for (f, list) in entityTokens { fields.append((f, list)) }
    let mentions = StoredMentions.encode(title: inTitle, body: inBody)
    return IndexDocument(
      stored: StoredDocument(
        id: x.id, path: String(x.id.split(separator: "#")[0]), url: x.url, title: x.title,
        date: x.date, source: x.source, text: x.body,
        extra: mentions.isEmpty ? [:] : [StoredMentions.key: mentions]),
      fields: fields, day: x.date.flatMap(Day.parse))
  }

  /// A new index folder holding `articles`.
  static func build(_ list: [Article] = articles) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("blotter-serve-\(UUID().uuidString)").path
    try add(list, to: path)
    return path
  }

  /// Commits `list` to the index at `path`.
  static func add(_ list: [Article], to path: String) throws {
    let a = Analyzer()
    let w = try IndexWriter(path: path)
    for x in list {
      let d = document(x, a)
      let ref = try w.add(d)
      // The file table maps a corpus path to its documents (`reader.document(id:)` reads it).
      var entry =
        w.fileTable.entries[d.stored.path]
        ?? FileTable.Entry(size: 0, mtimeNanos: 0, hash: 0, docs: [])
      entry.docs.append(ref)
      w.fileTable.entries[d.stored.path] = entry
    }
    try w.commit()
  }
}
