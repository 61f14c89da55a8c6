import Analysis
import Indexing
import Searching

/// A request the server refuses: an HTTP status, a message, and the JSON body the API answers
/// (`{"error": …}`, or `{"query", "error", "column"}` for a query that does not parse).
struct Refusal: Error, Sendable {
  var status: Int
  var message: String
  var json: String
  /// The 1-based column of a bad query, for the page to point at.
  var column: Int?

  static func badRequest(_ message: String) -> Refusal {
    Refusal(status: 400, message: message, json: errorJSON(message))
  }

  static func notFound(_ message: String) -> Refusal {
    Refusal(status: 404, message: message, json: errorJSON(message))
  }

  static func badQuery(_ query: String, _ e: QueryError) -> Refusal {
    Refusal(
      status: 400, message: "bad query: \(e)", json: JSONShapes.queryError(query: query, e),
      column: e.column)
  }

  /// The index could not be read (a damaged file): a 500 that says so, never a stack.
  static func indexError(_ error: any Error) -> Refusal {
    let message = "the index could not be read: \(error)"
    return Refusal(status: 500, message: message, json: errorJSON(message))
  }

  static func errorJSON(_ message: String) -> String {
    var j = JSONWriter()
    j.open()
    j.field("error", message)
    j.close()
    return j.text
  }
}

/// What the JSON API and the pages ask of the index, with the parameters read and checked the
/// same way for both.
struct Queries: Sendable {
  let index: IndexHandle

  /// Hits per page by default, and at most.
  static let defaultLimit = 10
  static let maxLimit = 100
  /// Paging stops here (the heap keeps offset + limit candidates).
  static let maxOffset = 10_000
  /// Entities per kind that `/api/entities` lists by default.
  static let defaultTop = 10

  struct SearchRequest: Sendable {
    var query: String
    var limit: Int
    var offset: Int
    var order: HitOrder
    /// One hit per story (`stories=true`).
    var stories = false
  }

  /// Reads `q`, `limit`, `offset` and `sort`.
  static func searchRequest(_ p: QueryString) throws(Refusal) -> SearchRequest {
    guard let q = p["q"], q.contains(where: { !$0.isWhitespace }) else {
      throw .badRequest("give a query: q=…")
    }
    let limit = try integer(p, "limit", default: defaultLimit, in: 0...maxLimit)
    let offset = try integer(p, "offset", default: 0, in: 0...maxOffset)
    var order = HitOrder.relevance
    if let s = p["sort"], !s.isEmpty {
      guard let o = HitOrder(rawValue: s) else {
        throw .badRequest("sort must be relevance or date (got \(s))")
      }
      order = o
    }
    var stories = false
    if let s = p["stories"], !s.isEmpty {
      guard let b = ["true": true, "1": true, "false": false, "0": false][s] else {
        throw .badRequest("stories must be true or false (got \(s))")
      }
      stories = b
    }
    return SearchRequest(query: q, limit: limit, offset: offset, order: order, stories: stories)
  }

  static func integer(
    _ p: QueryString, _ name: String, default value: Int, in range: ClosedRange<Int>
  ) throws(Refusal) -> Int {
    guard let s = p[name], !s.isEmpty else { return value }
    guard let n = Int(s), range.contains(n) else {
      throw .badRequest(
        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(s))")
    }
    return n
  }

  /// Runs a search; `highlight` marks the snippets' matched words.
  func search(_ r: SearchRequest, highlight: Highlight) throws(Refusal) -> SearchResult {
    do {
      return try index.withSearcher {
        try $0.search(
          r.query, limit: r.limit, offset: r.offset, order: r.order, highlight: highlight,
          stories: r.stories)
      }
    } catch let e as QueryError {
      throw .badQuery(r.query, e)
    } catch {
      throw .indexError(error)
    }
  }

  /// The facets of `query` (every document when nil).
  func facets(_ query: String?, kinds: [EntityKind], sourcesAndMonths: Bool) throws(Refusal)
    -> FacetCollector
  {
    do {
      // Cached by the query and what is counted.
      let key =
        kinds.map(\.rawValue).joined(separator: ",") + (sourcesAndMonths ? "+" : "") + "\t"
        + (query ?? "")
      return try index.facets(key) { s in
        let node = try query.map { (q) throws(QueryError) in try s.parse(q) } ?? .all
        return try s.facets(node, kinds: kinds, sourcesAndMonths: sourcesAndMonths)
      }
    } catch let e as QueryError {
      throw .badQuery(query ?? "", e)
    } catch {
      throw .indexError(error)
    }
  }

  /// Reads `kind` (one entity kind, or all).
  static func kinds(_ p: QueryString) throws(Refusal) -> [EntityKind] {
    guard let k = p["kind"], !k.isEmpty else { return EntityKind.allCases }
    guard let kind = EntityKind(rawValue: k) else {
      throw .badRequest("kind must be unit, force, place, officer or figure (got \(k))")
    }
    return [kind]
  }

  /// The mentions of the entities `query` names.
  func mentions(_ query: String) throws(Refusal) -> MentionReport {
    do {
      let report = try index.withSearcher { s in try s.mentions(try s.parse(query)) }
      guard let report else {
        throw Refusal.badRequest(
          "the query names no entity (try unit:ROCU, force:NCA, place:Kent, officer:Alcock, "
            + "figure:arrests>400)"
        )
      }
      return report
    } catch let e as QueryError {
      throw .badQuery(query, e)
    } catch let e as Refusal {
      throw e
    } catch {
      throw .indexError(error)
    }
  }

  /// The story of the document `id` names, when the index has stories and knows it.
  func story(_ id: String) throws(Refusal) -> StoryTable.Summary? {
    do {
      let reader = index.reader
      guard let found = try reader.document(id: id), let table = try reader.storyTable(),
        let n = table.story(segment: found.segment, doc: found.doc)
      else { return nil }
      return table.summary(n)
    } catch {
      throw .indexError(error)
    }
  }

  /// The stored document `id` names exactly (ids hold `/` and `#`), with its stored mentions.
  func document(_ id: String) throws(Refusal) -> StoredDocument {
    let found: StoredDocument?
    do {
      found = try index.reader.document(id: id)?.stored
    } catch {
      throw .indexError(error)
    }
    guard let found else { throw .notFound("no document \(id)") }
    return found
  }

  func stats() throws(Refusal) -> IndexStats {
    do {
      return try IndexStats(index.reader)
    } catch {
      throw .indexError(error)
    }
  }

  /// Reads `by` (month when absent).
  static func timelineUnit(_ p: QueryString) throws(Refusal) -> TimelineUnit {
    guard let b = p["by"], !b.isEmpty else { return .month }
    guard let unit = TimelineUnit(rawValue: b) else {
      throw .badRequest("by must be day, week, month or year (got \(b))")
    }
    return unit
  }

  /// The timeline of `query` by `by` (read from the date column: milliseconds, not cached).
  func timeline(_ query: String, by: TimelineUnit) throws(Refusal) -> Timeline {
    do {
      return try index.withSearcher { s in try s.timeline(try s.parse(query), query: query, by: by) }
    } catch let e as QueryError {
      throw .badQuery(query, e)
    } catch {
      throw .indexError(error)
    }
  }

  /// `q`, required and not blank.
  static func requiredQuery(_ p: QueryString) throws(Refusal) -> String {
    guard let q = p["q"], q.contains(where: { !$0.isWhitespace }) else {
      throw .badRequest("give a query: q=…")
    }
    return q
  }
}
