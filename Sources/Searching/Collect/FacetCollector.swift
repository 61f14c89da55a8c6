import Analysis
import Indexing

/// Counts the entities of the documents a query matches (`blotter entities`, the web page's
/// facets): each entity by the documents that name it and by its mentions; optionally the
/// documents per source and per month too. Given a story table (`blotter entities --by story`),
/// it counts stories instead: `documents` is then the number of stories, each entity's
/// `documents` the stories one of whose copies names it (mentions are still every copy's).
public struct FacetCollector: DocumentCollector {
  /// One entity (or source, or month) and how often it occurs.
  public struct Count: Sendable, Equatable {
    public var name: String
    public var documents: Int
    public var mentions: Int

    public init(name: String, documents: Int, mentions: Int) {
      self.name = name
      self.documents = documents
      self.mentions = mentions
    }
  }

  /// The kinds counted.
  public let kinds: [EntityKind]
  /// Whether sources and months are counted too.
  public let countsSourcesAndMonths: Bool
  /// Documents collected.
  public private(set) var documents = 0
  private var counts: [EntityKind: [String: (documents: Int, mentions: Int)]] = [:]
  private var sourceCounts: [String: Int] = [:]
  private var monthCounts: [String: Int] = [:]
  /// Counting stories: the table, and the (story, entity) pairs and stories already counted.
  public let stories: StoryTable?
  private var storyEntities: Set<String> = []
  private var storiesSeen: Set<Int> = []

  /// - Parameters:
  ///   - kinds: the entity kinds to count (all by default).
  ///   - sourcesAndMonths: also count documents per source and per month of their date.
  ///   - stories: count stories of this table instead of documents.
  public init(
    kinds: [EntityKind] = EntityKind.allCases, sourcesAndMonths: Bool = false,
    stories: StoryTable? = nil
  ) {
    self.kinds = kinds
    countsSourcesAndMonths = sourcesAndMonths
    self.stories = stories
  }

  public mutating func collect(_ stored: StoredDocument, segment: Int, doc: UInt32) {
    // A document the table does not know is a story of its own.
    let story = stories.map { $0.story(segment: segment, doc: doc) ?? -1 - Int(doc) - segment << 32 }
    if let story {
      if storiesSeen.insert(story).inserted { documents += 1 }
    } else {
      documents += 1
    }
    if countsSourcesAndMonths {
      if let s = stored.source, !s.isEmpty { sourceCounts[s, default: 0] += 1 }
      if let m = Self.month(stored.date) { monthCounts[m, default: 0] += 1 }
    }
    guard let raw = stored.extra[StoredMentions.key] else { return }
    var seen = Set<String>()
    for m in StoredMentions.decode(raw) where kinds.contains(m.kind) {
      let key = m.kind.rawValue + "\t" + m.canonical
      counts[m.kind, default: [:]][m.canonical, default: (0, 0)].mentions += 1
      if seen.insert(key).inserted, story.map({ storyEntities.insert("\($0)\t" + key).inserted }) ?? true {
        counts[m.kind, default: [:]][m.canonical, default: (0, 0)].documents += 1
      }
    }
  }

  /// The `limit` entities of `kind` named by the most documents, then the most mentions, then
  /// by name.
  public func top(_ kind: EntityKind, limit: Int) -> [Count] {
    (counts[kind] ?? [:]).sorted {
      ($0.value.documents, $0.value.mentions, $1.key) > (
        $1.value.documents, $1.value.mentions, $0.key
      )
    }.prefix(limit).map {
      Count(name: $0.key, documents: $0.value.documents, mentions: $0.value.mentions)
    }
  }

  /// The `limit` sources with the most documents (`mentions` is the document count too).
  public func topSources(limit: Int) -> [Count] {
    sourceCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map {
      Count(name: $0.key, documents: $0.value, mentions: $0.value)
    }
  }

  /// Documents per month (`YYYY-MM`), in month order; undated documents are not counted.
  public var months: [Count] {
    monthCounts.sorted { $0.key < $1.key }.map {
      Count(name: $0.key, documents: $0.value, mentions: $0.value)
    }
  }

  /// The `YYYY-MM` of an ISO date (`2024-03-05`, `2024-03`), or nil.
  static func month(_ date: String?) -> String? {
    guard let d = date?.utf8, d.count >= 7 else { return nil }
    let b = Array(d.prefix(7))
    let digits = [0, 1, 2, 3, 5, 6].allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 }
    guard digits && b[4] == UInt8(ascii: "-") else { return nil }
    return String(decoding: b, as: UTF8.self)
  }
}

extension Searcher {
  /// The entity facets of every document `node` matches.
  public func facets(
    _ node: QueryNode, kinds: [EntityKind] = EntityKind.allCases, sourcesAndMonths: Bool = false,
    byStory: Bool = false
  ) throws -> FacetCollector {
    var c = FacetCollector(
      kinds: kinds, sourcesAndMonths: sourcesAndMonths, stories: byStory ? try stories() : nil)
    try collect(node, into: &c)
    return c
  }
}
