import Analysis
import HeapModule
import Indexing

/// One search result.
public struct Hit: Sendable {
  public var id: String
  public var path: String
  public var title: String
  public var date: String?
  public var source: String?
  public var score: Float
  public var snippet: String
  /// The (field, term) pairs that matched this document.
  public var matched: [MatchedTerm]
  /// The entity mentions the query's `unit:`, `place:`, `officer:` and `figure:` parts matched.
  public var entities: [StoredMentions.Mention]
  public var segment: Int
  public var doc: UInt32
  /// The story the document belongs to (a story of its own, one copy, in an index without
  /// stories).
  public var story: StoryTable.Summary
}

/// The answer to one query.
public struct SearchResult: Sendable {
  public var query: String
  /// How many documents match in all (stories, when searched with `stories`).
  public var total: Int
  public var hits: [Hit]
}

/// How snippets mark matched words.
public struct Highlight: Sendable {
  public var open: String
  public var close: String
  public init(open: String, close: String) {
    self.open = open
    self.close = close
  }
  public static let markdown = Highlight(open: "**", close: "**")
  public static let terminal = Highlight(open: "\u{1B}[1;33m", close: "\u{1B}[0m")
}

/// The order of hits.
public enum HitOrder: String, Sendable, CaseIterable {
  /// Best score first (ties: newer, then earlier in the index).
  case relevance
  /// Newest date first (ties: best score); undated documents last.
  case date
}

/// Runs queries against one index snapshot: parse → bind to each segment → score → top-k →
/// snippets. Owns an analyzer, so one searcher per thread.
public final class Searcher {
  public let reader: IndexReader
  let analyzer = Analyzer(stemming: true)
  let parser = QueryParser()
  /// Resolves what follows `unit:`, `place:`, `officer:` and `figure:`.
  public let entities: EntityResolver
  private var lengthCaches: [Field: [Float]] = [:]
  private var docFreqs: [MatchedTerm: Int] = [:]
  /// Terms of the query outside any NOT, gathered while binding (for highlighting).
  private var positiveTerms: Set<MatchedTerm> = []
  private var negated = 0
  private var storyCache: StoryTable?? = nil

  /// The commit's stories (read once per searcher); nil for an index written without them.
  public func stories() throws -> StoryTable? {
    if let cached = storyCache { return cached }
    let t = try reader.storyTable()
    storyCache = .some(t)
    return t
  }

  public init(reader: IndexReader) {
    self.reader = reader
    entities = EntityResolver(analyzer: analyzer)
  }

  /// Parses and runs `query`.
  /// - Throws: `QueryError` for a malformed query, `IndexError` for a damaged index.
  /// - Parameters:
  ///   - offset: hits to skip (paging): the answer holds hits `offset..<offset + limit`.
  ///   - order: by relevance (the default) or by date.
  ///   - stories: one hit per story (its best copy by `order`); `total` counts stories.
  public func search(
    _ query: String, limit: Int = 10, offset: Int = 0, order: HitOrder = .relevance,
    highlight: Highlight = .markdown, stories: Bool = false
  ) throws -> SearchResult {
    let node = try parser.parse(query, analyzer: analyzer)
    return try search(
      node, query: query, limit: limit, offset: offset, order: order, highlight: highlight,
      stories: stories)
  }

  struct Candidate: Comparable {
    var score: Float
    var day: Int32
    var order: Int  // global doc order: earlier wins ties
    var segment: Int
    var doc: UInt32
    /// Date first, then score (`HitOrder.date`); the same for every candidate of one search.
    var byDate = false
    static func < (a: Candidate, b: Candidate) -> Bool {
      if a.byDate {
        if a.day != b.day { return a.day < b.day }
        if a.score != b.score { return a.score < b.score }
        return a.order > b.order
      }
      if a.score != b.score { return a.score < b.score }
      if a.day != b.day { return a.day < b.day }
      return a.order > b.order
    }
  }

  /// Microseconds the last search spent finding and ranking (before loading documents and
  /// building snippets).
  public private(set) var lastRankMicros = 0

  public func search(
    _ node: QueryNode, query: String, limit: Int, offset: Int = 0, order: HitOrder = .relevance,
    highlight: Highlight, stories byStory: Bool = false
  ) throws -> SearchResult {
    let t0 = ContinuousClock.now
    let table = try stories()
    // By story: the best copy of each story so far (a document the table does not know is a
    // story of its own, keyed below zero); the heap is filled from them at the end.
    var bestOfStory: [Int: Candidate] = [:]
    // The heap keeps the best `offset + limit`; the first `offset` are dropped at the end.
    let keep = limit > 0 ? limit + max(0, offset) : 0
    let byDate = order == .date
    positiveTerms = []
    var heap = Heap<Candidate>()
    heap.reserveCapacity(keep + 1)
    var total = 0
    var base = 0
    for (si, segment) in reader.segments.enumerated() {
      let scorer = try bind(node, segment: segment)
      let hasDeletes = segment.info.deletes != nil
      var d = scorer.doc
      var floor: Float = -.infinity  // the heap's minimum once it is full
      while d != PostingsCursor.end {
        if byStory, !hasDeletes || !segment.isDeleted(d) {
          let key = table?.story(segment: si, doc: d) ?? -(base + Int(d)) - 1
          let c = Candidate(
            score: scorer.score(), day: segment.day(d) ?? Int32.min, order: base + Int(d),
            segment: si, doc: d, byDate: byDate)
          if let b = bestOfStory[key] {
            if b < c { bestOfStory[key] = c }
          } else {
            bestOfStory[key] = c
          }
        } else if !hasDeletes || !segment.isDeleted(d) {
          total += 1
          if keep > 0 {
            let score = scorer.score()
            // By date, any score may win: no floor.
            if heap.count < keep || score >= floor || byDate {
              let c = Candidate(
                score: score, day: segment.day(d) ?? Int32.min, order: base + Int(d), segment: si,
                doc: d, byDate: byDate)
              if heap.count < keep {
                heap.insert(c)
              } else if let m = heap.min, m < c {
                _ = heap.replaceMin(with: c)
              }
              if heap.count == keep, !byDate, let m = heap.min { floor = m.score }
            }
          }
        }
        d = scorer.next()
      }
      base += segment.maxDoc
    }
    if byStory {
      total = bestOfStory.count
      if keep > 0 {
        for c in bestOfStory.values {
          if heap.count < keep {
            heap.insert(c)
          } else if let m = heap.min, m < c {
            _ = heap.replaceMin(with: c)
          }
        }
      }
    }
    var best: [Candidate] = []
    while let c = heap.popMax() { best.append(c) }
    if offset > 0 { best.removeFirst(min(offset, best.count)) }
    let d = ContinuousClock.now - t0
    lastRankMicros =
      Int(d.components.seconds) * 1_000_000 + Int(d.components.attoseconds / 1_000_000_000_000)

    let terms = Set(positiveTerms.filter { $0.field == .body || $0.field == .title }.map(\.term))
      .sorted()
    let matched = positiveTerms.sorted {
      ($0.field.rawValue, $0.term) < ($1.field.rawValue, $1.term)
    }
    let matchedPositions = try bodyPositions(
      terms, of: best.map { (segment: $0.segment, doc: $0.doc) })
    var hits: [Hit] = []
    for (k, c) in best.enumerated() {
      let segment = reader.segments[c.segment]
      let (stored, positions) = try segment.documentWithPositions(c.doc)
      let mentions = matchedMentions(in: stored, for: node)
      let marks = mentions.filter { !$0.inTitle }.map { $0.start..<$0.end }
      let snippet = Snippets.make(
        text: stored.text, positions: positions, hits: matchedPositions[k], marks: marks,
        analyzer: analyzer, highlight: highlight)
      hits.append(
        Hit(
          id: stored.id, path: stored.path, title: stored.title, date: stored.date,
          source: stored.source,
          score: c.score, snippet: snippet,
          matched: matched,
          entities: mentions, segment: c.segment, doc: c.doc,
          story: Self.story(table, segment: c.segment, doc: c.doc, stored)))
    }
    return SearchResult(query: query, total: total, hits: hits)
  }

  /// The story of a stored document (a story of its own when `table` does not know it).
  static func story(
    _ table: StoryTable?, segment: Int, doc: UInt32, _ d: StoredDocument
  ) -> StoryTable.Summary {
    let day = d.date.flatMap(Day.parse)
    guard let table else {
      return StoryTable.Summary(
        id: d.id, origin: d.id, docs: [d.id], sources: d.source.map { [$0] } ?? [], days: [day])
    }
    return table.summary(segment: segment, doc: doc, id: d.id, source: d.source, day: day)
  }

  /// Every live document matching `node`, per segment, in id order (no scoring, no limit).
  public func matchingDocuments(_ node: QueryNode) throws -> [[UInt32]] {
    var out: [[UInt32]] = []
    for segment in reader.segments {
      let scorer = try bind(node, segment: segment)
      var ids: [UInt32] = []
      var d = scorer.doc
      while d != PostingsCursor.end {
        if !segment.isDeleted(d) { ids.append(d) }
        d = scorer.next()
      }
      out.append(ids)
    }
    return out
  }

  /// Parses a query (for commands that run it their own way).
  public func parse(_ query: String) throws(QueryError) -> QueryNode {
    try parser.parse(query, analyzer: analyzer)
  }

  /// For each of `docs`, the positions of `terms` in its body, read from the postings: per
  /// segment, each term is looked up once and its postings walked once, over that segment's
  /// documents in id order. A position two terms share keeps the later term (in `terms` order).
  func bodyPositions(
    _ terms: [String], of docs: [(segment: Int, doc: UInt32)]
  ) throws -> [[(position: Int32, term: String)]] {
    var out = [[(position: Int32, term: String)]](repeating: [], count: docs.count)
    if terms.isEmpty { return out }
    var buf: [UInt32] = []
    let bySegment = Dictionary(grouping: docs.indices, by: { docs[$0].segment })
    for (si, indices) in bySegment {
      let segment = reader.segments[si]
      let ordered = indices.sorted { docs[$0].doc < docs[$1].doc }
      for t in terms {
        guard let info = try segment.termInfo(field: .body, term: t) else { continue }
        let c = segment.postings(info)
        for i in ordered {
          let doc = docs[i].doc
          if c.advance(to: doc) == doc {
            c.positions(into: &buf)
            for p in buf { out[i].append((Int32(p), t)) }
          }
        }
      }
    }
    return out
  }

  // MARK: - Binding a query to a segment

  private func cache(_ field: Field) -> [Float] {
    if let c = lengthCaches[field] { return c }
    let c = BM25.lengthCache(avg: reader.averageLength(field))
    lengthCaches[field] = c
    return c
  }

  private func boost(_ field: Field) -> Float {
    switch field {
    case .title: 2.0
    case .body: 1.0
    default: 1.0
    }
  }

  /// Document frequency over all segments, cached for the searcher's life (one snapshot).
  func docFreq(_ field: Field, _ term: String) throws -> Int {
    let key = MatchedTerm(field: field, term: term)
    if let n = docFreqs[key] { return n }
    let n = try reader.docFreq(field: field, term: term)
    if docFreqs.count > 100_000 { docFreqs.removeAll() }
    docFreqs[key] = n
    return n
  }

  /// Fields a bare word searches.
  static let defaultFields: [Field] = [.title, .body]

  func termScorer(_ segment: SegmentReader, _ field: Field, _ term: String) throws -> Scorer? {
    if negated == 0 { positiveTerms.insert(MatchedTerm(field: field, term: term)) }
    guard let info = try segment.termInfo(field: field, term: term) else { return nil }
    return try termScorer(segment, field, term, info: info, highlight: false)
  }

  func termScorer(
    _ segment: SegmentReader, _ field: Field, _ term: String, info: TermInfo, highlight: Bool
  ) throws -> TermScorer {
    if highlight && negated == 0 { positiveTerms.insert(MatchedTerm(field: field, term: term)) }
    let df = try docFreq(field, term)
    let w = BM25.idf(docFreq: df, docs: reader.totalDocs) * boost(field) * (BM25.k1 + 1)
    return TermScorer(
      cursor: segment.postings(info), segment: segment, field: field, term: term, weight: w,
      cache: cache(field))
  }

  /// A phrase (or single term) of already-analysed tokens in one field.
  func phraseScorer(_ segment: SegmentReader, _ field: Field, _ tokens: [Token]) throws -> Scorer {
    // Collapse same-position alternatives: keep the last (most specific) of each position.
    var byPos: [(Int32, String)] = []
    for t in tokens {
      if let last = byPos.last, last.0 == t.position {
        byPos[byPos.count - 1] = (t.position, t.term)
      } else {
        byPos.append((t.position, t.term))
      }
    }
    if byPos.count == 1 { return try termScorer(segment, field, byPos[0].1) ?? EmptyScorer() }
    var cursors: [PostingsCursor] = []
    var idf: Float = 0
    if negated == 0 {
      for (_, term) in byPos { positiveTerms.insert(MatchedTerm(field: field, term: term)) }
    }
    for (_, term) in byPos {
      guard let info = try segment.termInfo(field: field, term: term) else { return EmptyScorer() }
      cursors.append(segment.postings(info))
      idf += BM25.idf(docFreq: try docFreq(field, term), docs: reader.totalDocs)
    }
    let first = byPos[0].0
    return PhraseScorer(
      cursors: cursors, offsets: byPos.map { UInt32($0.0 - first) }, segment: segment, field: field,
      terms: byPos.map(\.1), weight: idf * boost(field) * (BM25.k1 + 1), cache: cache(field))
  }

  func textScorer(_ segment: SegmentReader, _ fields: [Field], _ text: String) throws -> Scorer? {
    let tokens = analyzer.tokens(text, mode: .query)
    if tokens.isEmpty { return nil }
    var parts: [Scorer] = []
    for f in fields {
      let s = try phraseScorer(segment, f, tokens)
      if !(s is EmptyScorer) { parts.append(s) }
    }
    if parts.isEmpty { return EmptyScorer() }
    return parts.count == 1 ? parts[0] : DisjunctionScorer(parts)
  }

  /// Prefix expansions scored as a disjunction of cursors; wider ones are summed into a
  /// `ScoreAccumulator`, whose memory depends on the segment's size, not on the expansion.
  static let maxCursorExpansions = 64
  /// Expanded terms of one prefix that snippets highlight (the hits themselves are exact).
  static let maxHighlightedExpansions = 256

  /// Every term of `fields` starting with `folded`, streamed from the term dictionary: the answer
  /// is exact however many terms the prefix expands to.
  func prefixScorer(_ segment: SegmentReader, _ fields: [Field], _ folded: String) throws -> Scorer
  {
    var parts: [Scorer] = []
    var wide: ScoreAccumulator?
    var failure: Error?
    for f in fields {
      var expanded = 0
      try segment.forEachTerm(field: f, prefix: folded) { term, info in
        do {
          expanded += 1
          if negated == 0 && expanded <= Self.maxHighlightedExpansions {
            positiveTerms.insert(MatchedTerm(field: f, term: term))
          }
          let s = try termScorer(segment, f, term, info: info, highlight: false)
          if let acc = wide {
            acc.add(s)
          } else if parts.count < Self.maxCursorExpansions {
            parts.append(s)
          } else {
            let acc = ScoreAccumulator(maxDoc: segment.maxDoc)
            for p in parts { acc.add(p) }
            acc.add(s)
            parts = []
            wide = acc
          }
          return true
        } catch {
          failure = error
          return false
        }
      }
      if let failure { throw failure }
    }
    if let wide { return wide.finish() }
    if parts.isEmpty { return EmptyScorer() }
    return parts.count == 1 ? parts[0] : DisjunctionScorer(parts)
  }

  func bind(_ node: QueryNode, segment: SegmentReader) throws -> Scorer {
    try bindOptional(node, segment: segment) ?? AllScorer(maxDoc: segment.maxDoc)
  }

  /// nil means "no constraint" (a word with no indexable characters).
  func bindOptional(_ node: QueryNode, segment: SegmentReader) throws -> Scorer? {
    switch node {
    case .all:
      return AllScorer(maxDoc: segment.maxDoc)
    case .term(let field, let text), .phrase(let field, let text):
      return try textScorer(segment, field.map { [$0] } ?? Self.defaultFields, text)
    case .prefix(let field, let text):
      let folded = analyzer.fold(text)
      if folded.isEmpty { return nil }
      return try prefixScorer(segment, field.map { [$0] } ?? Self.defaultFields, folded)
    case .entity(let kind, let text, _):
      var parts: [Scorer] = []
      for terms in entities.searchTerms(kind, text) where !terms.isEmpty {
        let tokens = terms.enumerated().map {
          Token(term: $1, position: Int32($0), start: 0, end: 0)
        }
        let s = try phraseScorer(segment, kind, tokens)
        if !(s is EmptyScorer) { parts.append(s) }
      }
      if parts.isEmpty { return EmptyScorer() }
      return parts.count == 1 ? parts[0] : DisjunctionScorer(parts)
    case .and(let children):
      var positives: [Scorer] = []
      var negatives: [Scorer] = []
      for c in children {
        if case .not(let inner) = c {
          negated += 1
          defer { negated -= 1 }
          if let s = try bindOptional(inner, segment: segment) { negatives.append(s) }
        } else if let s = try bindOptional(c, segment: segment) {
          positives.append(s)
        }
      }
      var include: Scorer
      if positives.isEmpty {
        include = AllScorer(maxDoc: segment.maxDoc)
      } else {
        // Filters are cheap to test but expensive to iterate: put term scorers first.
        include = positives.count == 1 ? positives[0] : ConjunctionScorer(positives)
      }
      if !negatives.isEmpty {
        include = ExclusionScorer(
          include: include,
          exclude: negatives.count == 1 ? negatives[0] : DisjunctionScorer(negatives))
      }
      return include
    case .or(let children):
      // An operand with nothing searchable in it matches nothing.
      var parts: [Scorer] = []
      for c in children {
        if let s = try bindOptional(c, segment: segment) { parts.append(s) }
      }
      if parts.isEmpty { return nil }
      return parts.count == 1 ? parts[0] : DisjunctionScorer(parts)
    case .not(let inner):
      negated += 1
      defer { negated -= 1 }
      guard let ex = try bindOptional(inner, segment: segment) else { return EmptyScorer() }
      return ExclusionScorer(include: AllScorer(maxDoc: segment.maxDoc), exclude: ex)
    case .dateRange(let from, let to):
      let lo = from ?? Int32.min + 1
      let hi = to ?? Int32.max
      return FilterScorer(inner: AllScorer(maxDoc: segment.maxDoc)) { d in
        guard let day = segment.day(d) else { return false }
        return day >= lo && day <= hi
      }
    case .figure(let noun, let op, let value):
      let (stored, scale) = FigureNoun.normalize(noun)
      let value = value * scale
      let term = stored.lowercased()
      // Only documents whose figure field counts this noun can hold such a figure: walk that
      // term's postings and the noun's figure list together.
      guard let nounId = segment.figureNounId(term),
        let inner = try termScorer(segment, .figure, term)
      else {
        return EmptyScorer()
      }
      let (low, incLow, high, incHigh): (Double, Bool, Double, Bool)
      switch op {
      case .gt: (low, incLow, high, incHigh) = (value, false, .infinity, true)
      case .ge: (low, incLow, high, incHigh) = (value, true, .infinity, true)
      case .lt: (low, incLow, high, incHigh) = (-.infinity, true, value, false)
      case .le: (low, incLow, high, incHigh) = (-.infinity, true, value, true)
      case .eq:
        let eps = 1e-9 * max(1, abs(value))
        (low, incLow, high, incHigh) = (value - eps, true, value + eps, true)
      }
      return FigureFilterScorer(
        inner: inner, figures: segment.figures(noun: nounId), low: low, includingLow: incLow,
        high: high,
        includingHigh: incHigh)
    }
  }
}
