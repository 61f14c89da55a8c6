import Analysis
import Indexing

/// Every mention of the entities a query names, in the documents it matches, with the sentence
/// around each (`blotter mentions`, the web page's mentions view).
public struct MentionReport: Sendable {
  /// One entity part of the query: the entity it names, and how often the documents mention it.
  public struct Entity: Sendable, Equatable {
    /// The field (`unit`, `place`, `officer`, …) or `figure`.
    public var kind: String
    public var name: String
    /// Other names the entity goes by in the tables and in the documents' mentions.
    public var aliases: [String]
    public var mentions: Int
    public var documents: Int
  }

  /// One mention in one document.
  public struct Mention: Sendable, Equatable {
    public var doc: String
    public var path: String
    public var title: String
    /// `title` or `body`.
    public var field: String
    /// UTF-8 byte offset in the field.
    public var offset: Int
    /// The words as they appear.
    public var text: String
    /// The sentence around them (about 300 bytes at most each side).
    public var context: String
    /// The index in `entities` of the entity mentioned.
    public var entity: Int
    /// The id of the document's story (its own id in an index without stories).
    public var story: String
  }

  /// The query's entity parts, in query order.
  public var entities: [Entity]
  /// By document id, then title before body, then offset.
  public var mentions: [Mention]
  /// Documents holding at least one mention (stories, when `byStory`; so are the entities'
  /// `documents`).
  public var documents: Int
  /// Whether documents are counted by story (`mentions --by story`).
  public var byStory = false
}

/// Gathers `MentionReport.Mention`s: the stored mentions of each matching document that the
/// query's entity parts name (see `Searcher.entityParts`).
public struct MentionCollector: DocumentCollector {
  let searcher: Searcher
  /// The entity parts of the query.
  public let parts: [QueryNode]
  private var rows: [MentionReport.Mention] = []
  private var partMentions: [[StoredMentions.Mention]]
  /// Counting stories: the commit's stories (nil: count documents).
  let stories: StoryTable?
  let byStory: Bool

  /// - Parameter byStory: count stories, not documents (with `stories`, the commit's table;
  ///   documents it does not know are stories of their own).
  public init(searcher: Searcher, parts: [QueryNode], byStory: Bool = false, stories: StoryTable? = nil) {
    self.searcher = searcher
    self.parts = parts
    self.byStory = byStory
    self.stories = stories
    partMentions = Array(repeating: [], count: parts.count)
  }

  public mutating func collect(_ stored: StoredDocument, segment: Int, doc: UInt32) {
    // Each text is made bytes once per document, not once per mention.
    var body: [UInt8]?
    var title: [UInt8]?
    let story = stories?.story(segment: segment, doc: doc).map { stories!.summary($0).id } ?? stored.id
    for (m, part) in searcher.matchedMentions(in: stored, parts: parts) {
      partMentions[part].append(m)
      let source: [UInt8]
      if m.inTitle {
        if title == nil { title = Array(stored.title.utf8) }
        source = title ?? []
      } else {
        if body == nil { body = Array(stored.text.utf8) }
        source = body ?? []
      }
      rows.append(
        MentionReport.Mention(
          doc: stored.id, path: stored.path, title: stored.title,
          field: m.inTitle ? "title" : "body", offset: m.start, text: m.surface,
          context: Self.sentence(around: m.start..<m.end, in: source), entity: part,
          story: story))
    }
  }

  /// The collected mentions, sorted, under their entities' headings.
  public func report() -> MentionReport {
    var sorted = rows
    sorted.sort {
      ($0.doc, $0.field == "title" ? 0 : 1, $0.offset) < (
        $1.doc, $1.field == "title" ? 0 : 1, $1.offset
      )
    }
    let unit: (MentionReport.Mention) -> String = byStory ? { $0.story } : { $0.doc }
    var entities: [MentionReport.Entity] = []
    for i in parts.indices {
      let h = Self.heading(parts[i], mentions: partMentions[i], searcher.entities)
      let own = sorted.filter { $0.entity == i }
      entities.append(
        MentionReport.Entity(
          kind: h.kind, name: h.name, aliases: h.aliases, mentions: own.count,
          documents: Set(own.map(unit)).count))
    }
    return MentionReport(
      entities: entities, mentions: sorted, documents: Set(sorted.map(unit)).count,
      byStory: byStory)
  }

  /// How one entity of the query is headed: the entity the query names (place:Essex is headed
  /// Essex, not the town most of its mentions name), with the other names its own mentions use.
  static func heading(
    _ part: QueryNode, mentions: [StoredMentions.Mention], _ entities: EntityResolver
  ) -> (kind: String, name: String, aliases: [String]) {
    switch part {
    case .figure(let noun, let op, let value):
      return (
        "figure", "\(FigureNoun.normalize(noun).noun) \(op.rawValue) \(number(value))", []
      )
    case .entity(let field, let text, _):
      var (name, aliases) = entities.describe(field, text)
      if let c = entities.canonical(field, text) { name = c }
      // Units and places the tables know keep their canonical name; otherwise (officers, names
      // the tables do not know) the documents name the entity: its most frequent canonical name.
      if entities.canonical(field, text) == nil && field != .place {
        var counts: [String: Int] = [:]
        for m in mentions { counts[m.canonical, default: 0] += 1 }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
          name = best.key
        }
      }
      var seen = Set([name.lowercased()])
      var out: [String] = []
      func add(_ a: String) {
        if seen.insert(a.lowercased()).inserted { out.append(a) }
      }
      for a in aliases { add(a) }
      for m in mentions where m.canonical.lowercased() == name.lowercased() && m.kind != .figure {
        // A place's stored aliases are the areas around it, not other names for it.
        if m.kind != .place { for a in m.aliases { add(a) } }
        add(m.surface)
      }
      return (field.name, name, out)
    default:
      return ("entity", "", [])
    }
  }

  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  /// The sentence containing `range` (UTF-8 offsets), trimmed to about 300 bytes.
  public static func sentence(around range: Range<Int>, in text: String) -> String {
    sentence(around: range, in: Array(text.utf8))
  }

  /// The sentence containing `range` of the UTF-8 bytes `u`.
  static func sentence(around range: Range<Int>, in u: [UInt8]) -> String {
    guard range.lowerBound <= u.count else { return "" }
    func isEnd(_ i: Int) -> Bool {
      let c = u[i]
      if c == 0x0A { return true }
      if c == 0x2E || c == 0x21 || c == 0x3F {
        return i + 1 >= u.count || u[i + 1] == 0x20 || u[i + 1] == 0x0A
      }
      return false
    }
    var a = range.lowerBound
    while a > 0 && !isEnd(a - 1) && range.lowerBound - a < 300 { a -= 1 }
    var b = min(range.upperBound, u.count)
    while b < u.count && !isEnd(b) && b - range.upperBound < 300 { b += 1 }
    if b < u.count && u[b] != 0x0A { b += 1 }
    // Do not cut a UTF-8 sequence.
    while a < u.count && (u[a] & 0xC0) == 0x80 { a += 1 }
    while b < u.count && (u[b] & 0xC0) == 0x80 { b += 1 }
    var s = Substring(String(decoding: u[a..<b], as: UTF8.self))
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

extension Searcher {
  /// Every mention of the entities `node` names (its `entityParts`) in the documents it
  /// matches; nil when the query names no entity.
  /// - Parameter byStory: count stories instead of documents.
  public func mentions(_ node: QueryNode, byStory: Bool = false) throws -> MentionReport? {
    let parts = Self.entityParts(node)
    if parts.isEmpty { return nil }
    var c = MentionCollector(
      searcher: self, parts: parts, byStory: byStory, stories: byStory ? try stories() : nil)
    try collect(node, into: &c)
    return c.report()
  }
}
