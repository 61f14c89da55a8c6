import Analysis
import Foundation
import Indexing
import Searching

/// An article for a small test index whose entity mentions are written by hand (no recogniser
/// involved), so that Searching's and the server's tests check their own code alone.
public struct LabelledArticle: Sendable {
  public var id: String
  public var title: String
  public var body: String
  public var date: String?
  public var source: String?
  public var url: String?
  /// (kind, canonical, surface): every occurrence of `surface` in title and body is a mention.
  public var entities: [(EntityKind, String, String)]
  /// Aliases by canonical name (a unit's full name, an officer's ranks).
  public var aliases: [String: [String]]

  public init(
    id: String, title: String, body: String, date: String? = nil, source: String? = nil,
    url: String? = nil, entities: [(EntityKind, String, String)] = [],
    aliases: [String: [String]] = [:]
  ) {
    self.id = id
    self.title = title
    self.body = body
    self.date = date
    self.source = source
    self.url = url
    self.entities = entities
    self.aliases = aliases
  }
}

/// Builds and extends test indexes of `LabelledArticle`s.
public enum LabelledIndex {
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

  /// The document `x` becomes: title, body and source analysed, each entity's canonical name in
  /// its field (9 positions apart, multi-word names also whole), the mentions stored. The path is
  /// the id up to a `#` (a feed item's id holds its feed's path and the item).
  public static func document(_ x: LabelledArticle, _ a: Analyzer) -> IndexDocument {
    var inTitle: [EntityMention] = []
    var inBody: [EntityMention] = []
    var entityTokens: [Field: [Token]] = [:]
    for (kind, canonical, surface) in x.entities {
      let aliases = x.aliases[canonical] ?? []
      for (text, field) in [(x.title, 0), (x.body, 1)] {
        for r in ranges(of: surface, in: text) {
          let m = EntityMention(
            kind: kind, canonical: canonical, surface: surface, start: r.lowerBound,
            end: r.upperBound, aliases: aliases)
          if field == 0 { inTitle.append(m) } else { inBody.append(m) }
        }
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
    for (f, list) in entityTokens.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      fields.append((f, list))
    }
    let mentions = StoredMentions.encode(title: inTitle, body: inBody)
    return IndexDocument(
      stored: StoredDocument(
        id: x.id, path: String(x.id.split(separator: "#")[0]), url: x.url, title: x.title,
        date: x.date, source: x.source, text: x.body,
        extra: mentions.isEmpty ? [:] : [StoredMentions.key: mentions]),
      fields: fields, day: x.date.flatMap(Day.parse))
  }

  /// A new index folder (under the temporary folder, named `prefix-UUID`) with one commit per
  /// batch, so that tests can span segments.
  public static func build(_ batches: [[LabelledArticle]], prefix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    for batch in batches { try add(batch, to: path) }
    return path
  }

  /// Commits `list` to the index at `path`, with file-table entries, as `blotter index` would
  /// (`IndexReader.document(id:)` finds a document through them).
  public static func add(_ list: [LabelledArticle], to path: String) throws {
    let a = Analyzer()
    let w = try IndexWriter(path: path)
    for x in list {
      let d = document(x, a)
      let ref = try w.add(d)
      var entry =
        w.fileTable.entries[d.stored.path]
        ?? FileTable.Entry(size: 0, mtimeNanos: 0, hash: 0, docs: [])
      entry.docs.append(ref)
      w.fileTable.entries[d.stored.path] = entry
    }
    try w.commit()
  }
}
