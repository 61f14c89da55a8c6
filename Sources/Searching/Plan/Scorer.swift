import Indexing

/// A cursor over the documents of one segment that match part of a query, in doc-id order, with
/// a score for the current document (tantivy's Scorer, Lucene's Scorer).
///
/// An abstract class rather than a protocol: the current document is a stored field read without
/// dynamic dispatch, and parents call children through `Unretained` views, so the per-document
/// loop does no reference counting.
class Scorer {
  /// The current document, or `PostingsCursor.end`.
  @exclusivity(unchecked) final var doc: UInt32 = 0
  /// About how many documents this scorer visits (conjunctions lead with the cheapest).
  var cost: Int { Int.max / 4 }

  @discardableResult func next() -> UInt32 { fatalError("abstract") }
  @discardableResult func advance(to target: UInt32) -> UInt32 { fatalError("abstract") }
  func score() -> Float { fatalError("abstract") }
  /// Adds the (field, term) pairs that match the current document (for highlighting).
  func matched(into: inout Set<MatchedTerm>) {}
}

/// A child reference the scoring loop calls without retaining it; the parent keeps the strong
/// reference in its `children` array.
struct Unretained {
  let ref: Unmanaged<Scorer>
  init(_ s: Scorer) { ref = Unmanaged.passUnretained(s) }
  @inline(__always) var doc: UInt32 { ref._withUnsafeGuaranteedRef { $0.doc } }
  @inline(__always) func next() -> UInt32 { ref._withUnsafeGuaranteedRef { $0.next() } }
  @inline(__always) func advance(to t: UInt32) -> UInt32 { ref._withUnsafeGuaranteedRef { $0.advance(to: t) } }
  @inline(__always) func score() -> Float { ref._withUnsafeGuaranteedRef { $0.score() } }
}

/// A term that matched, for snippets and the hit's entity list.
public struct MatchedTerm: Hashable, Sendable {
  public var field: Field
  public var term: String
}

/// BM25 (k1 = 1.2, b = 0.75), with the length part precomputed for all 256 norm ids.
struct BM25 {
  static let k1: Float = 1.2
  static let b: Float = 0.75

  static func idf(docFreq: Int, docs: Int) -> Float {
    let n = Float(max(docs, 1))
    let df = Float(docFreq)
    return log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /// `k1 · (1 − b + b · len / avgdl)` for each norm id.
  static func lengthCache(avg: Double) -> [Float] {
    (0..<256).map { id in
      k1 * (1 - b + b * Float(FieldNorm.decode(UInt8(id))) / Float(avg))
    }
  }
}

final class TermScorer: Scorer {
  let cursor: PostingsCursor
  let segment: SegmentReader
  let field: Field
  let term: String
  let weight: Float  // idf · boost · (k1 + 1)
  // Raw views for the scoring loop (kept alive by `segment` and freed in deinit).
  private let fastCursor: Unmanaged<PostingsCursor>
  private let norms: UnsafePointer<UInt8>
  private let cache: UnsafeMutablePointer<Float>

  init(cursor: PostingsCursor, segment: SegmentReader, field: Field, term: String, weight: Float, cache: [Float]) {
    self.cursor = cursor
    self.fastCursor = Unmanaged.passUnretained(cursor)
    self.segment = segment
    self.field = field
    self.term = term
    self.weight = weight
    self.norms = segment.normRow(field)
    self.cache = UnsafeMutablePointer<Float>.allocate(capacity: 256)
    for i in 0..<256 { self.cache[i] = cache[i] }
    super.init()
    doc = cursor.next()
  }

  deinit { cache.deallocate() }

  override var cost: Int { cursor.docFreq }

  override func next() -> UInt32 {
    doc = fastCursor._withUnsafeGuaranteedRef { $0.next() }
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    doc = fastCursor._withUnsafeGuaranteedRef { $0.advance(to: target) }
    return doc
  }

  override func score() -> Float {
    let tf = Float(fastCursor._withUnsafeGuaranteedRef { $0.freq })
    return weight * tf / (tf + cache[Int(norms[Int(doc)])])
  }

  override func matched(into set: inout Set<MatchedTerm>) {
    set.insert(MatchedTerm(field: field, term: term))
  }
}

/// Documents where the terms occur at consecutive positions (after their offsets in the phrase).
///
/// The rarest term leads: documents are matched rarest term first, and in a matching document
/// the phrase starts its positions allow are narrowed term by term, rarest first, so a term's
/// positions are decoded only while some start remains.
final class PhraseScorer: Scorer {
  let cursors: [PostingsCursor]
  let offsets: [UInt32]
  let segment: SegmentReader
  let field: Field
  let terms: [String]
  let weight: Float
  let cache: [Float]
  @exclusivity(unchecked) private var freq: Float = 0
  /// Cursors and their offsets in the phrase, rarest term first.
  private let ordered: [PostingsCursor]
  private let orderedOffsets: [UInt32]
  /// Phrase starts still possible in the current document, ascending.
  @exclusivity(unchecked) private var starts = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)
  @exclusivity(unchecked) private var startsCapacity = 64
  @exclusivity(unchecked) private var scratch: [UInt32] = []

  init(cursors: [PostingsCursor], offsets: [UInt32], segment: SegmentReader, field: Field, terms: [String], weight: Float, cache: [Float]) {
    self.cursors = cursors
    self.offsets = offsets
    self.segment = segment
    self.field = field
    self.terms = terms
    self.weight = weight
    self.cache = cache
    let order = cursors.indices.sorted { (cursors[$0].docFreq, $0) < (cursors[$1].docFreq, $1) }
    ordered = order.map { cursors[$0] }
    orderedOffsets = order.map { offsets[$0] }
    super.init()
    for c in cursors { c.next() }
    doc = cursors.map(\.doc).max() ?? PostingsCursor.end
    settle()
  }

  deinit { starts.deallocate() }

  override var cost: Int { ordered.first?.docFreq ?? 0 }

  /// Moves to the first document >= `doc` where every term occurs and the phrase matches.
  private func settle() {
    while doc != PostingsCursor.end {
      var agreed = true
      for c in ordered {
        let d = c.advance(to: doc)
        if d != doc {
          doc = d
          agreed = false
          break
        }
      }
      if !agreed { continue }
      let f = phraseFreq()
      if f > 0 {
        freq = Float(f)
        return
      }
      doc = ordered[0].next()
    }
  }

  /// How many times the phrase occurs in the current document.
  private func phraseFreq() -> Int {
    ordered[0].positions(into: &scratch)
    let first = orderedOffsets[0]
    var count = 0
    reserveStarts(scratch.count)
    scratch.withUnsafeBufferPointer { ps in
      for p in ps where p >= first {
        starts[count] = p &- first
        count += 1
      }
    }
    for k in 1..<ordered.count {
      if count == 0 { return 0 }
      ordered[k].positions(into: &scratch)
      // Keep the starts s with s + offset among this term's positions (both ascending).
      let offset = orderedOffsets[k]
      count = scratch.withUnsafeBufferPointer { ps in
        var kept = 0
        var i = 0
        let n = ps.count
        for r in 0..<count {
          let s = starts[r]
          let want = s &+ offset
          while i < n && ps[i] < want { i += 1 }
          if i < n && ps[i] == want {
            starts[kept] = s
            kept += 1
          }
        }
        return kept
      }
    }
    return count
  }

  private func reserveStarts(_ n: Int) {
    if n <= startsCapacity { return }
    starts.deallocate()
    startsCapacity = max(n, startsCapacity * 2)
    starts = .allocate(capacity: startsCapacity)
  }

  override func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = ordered[0].next()
    settle()
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = ordered[0].advance(to: target)
    settle()
    return doc
  }

  override func score() -> Float {
    weight * freq / (freq + cache[Int(segment.norm(field, doc))])
  }

  override func matched(into set: inout Set<MatchedTerm>) {
    for t in terms { set.insert(MatchedTerm(field: field, term: t)) }
  }
}

/// Children viewed without reference counting (the owner keeps `children`).
final class ChildList {
  let children: [Scorer]
  let fast: UnsafeMutablePointer<Unretained>
  let count: Int

  init(_ children: [Scorer]) {
    self.children = children
    count = children.count
    fast = UnsafeMutablePointer<Unretained>.allocate(capacity: max(1, count))
    for (i, c) in children.enumerated() { (fast + i).initialize(to: Unretained(c)) }
  }

  deinit {
    fast.deinitialize(count: count)
    fast.deallocate()
  }
}

/// All of the children (AND): leapfrog.
final class ConjunctionScorer: Scorer {
  let list: ChildList
  private let fast: UnsafeMutablePointer<Unretained>
  private let n: Int

  init(_ children: [Scorer]) {
    // Lead with the rarest child: the others are only asked to advance to its documents.
    list = ChildList(children.sorted { $0.cost < $1.cost })
    fast = list.fast
    n = list.count
    super.init()
    doc = children.map(\.doc).max() ?? PostingsCursor.end
    settle()
  }

  override var cost: Int { list.children.first?.cost ?? 0 }

  private func settle() {
    outer: while doc != PostingsCursor.end {
      for i in 0..<n {
        let d = fast[i].advance(to: doc)
        if d != doc {
          doc = d
          continue outer
        }
      }
      return
    }
  }

  override func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = fast[0].next()
    settle()
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = fast[0].advance(to: target)
    settle()
    return doc
  }

  override func score() -> Float {
    var s: Float = 0
    for i in 0..<n { s += fast[i].score() }
    return s
  }

  override func matched(into set: inout Set<MatchedTerm>) {
    for c in list.children { c.matched(into: &set) }
  }
}

/// Any of the children (OR); the score sums the children on the current document.
final class DisjunctionScorer: Scorer {
  let list: ChildList
  private let fast: UnsafeMutablePointer<Unretained>
  private let n: Int

  init(_ children: [Scorer]) {
    list = ChildList(children)
    fast = list.fast
    n = list.count
    super.init()
    doc = children.map(\.doc).min() ?? PostingsCursor.end
  }

  override var cost: Int { list.children.reduce(0) { $0 &+ $1.cost } }

  override func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    let current = doc
    var m = PostingsCursor.end
    for i in 0..<n {
      var d = fast[i].doc
      if d == current { d = fast[i].next() }
      if d < m { m = d }
    }
    doc = m
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    var m = PostingsCursor.end
    for i in 0..<n {
      var d = fast[i].doc
      if d < target { d = fast[i].advance(to: target) }
      if d < m { m = d }
    }
    doc = m
    return doc
  }

  override func score() -> Float {
    var s: Float = 0
    for i in 0..<n where fast[i].doc == doc { s += fast[i].score() }
    return s
  }

  override func matched(into set: inout Set<MatchedTerm>) {
    for c in list.children where c.doc == doc { c.matched(into: &set) }
  }
}

/// `include` without the documents of `exclude`.
final class ExclusionScorer: Scorer {
  let include: Scorer
  let exclude: Scorer

  init(include: Scorer, exclude: Scorer) {
    self.include = include
    self.exclude = exclude
    super.init()
    doc = include.doc
    settle()
  }

  override var cost: Int { include.cost }

  private func settle() {
    while doc != PostingsCursor.end {
      let e = exclude.doc < doc ? exclude.advance(to: doc) : exclude.doc
      if e != doc { return }
      doc = include.next()
    }
  }

  override func next() -> UInt32 {
    doc = include.next()
    settle()
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = include.advance(to: target)
    settle()
    return doc
  }

  override func score() -> Float { include.score() }
  override func matched(into set: inout Set<MatchedTerm>) { include.matched(into: &set) }
}

/// Every document id of the segment (a query of only exclusions or filters).
final class AllScorer: Scorer {
  let maxDoc: UInt32

  init(maxDoc: Int) {
    self.maxDoc = UInt32(maxDoc)
    super.init()
    doc = maxDoc > 0 ? 0 : PostingsCursor.end
  }

  override var cost: Int { Int(maxDoc) }

  override func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = doc + 1 < maxDoc ? doc + 1 : PostingsCursor.end
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = target < maxDoc ? target : PostingsCursor.end
    return doc
  }

  override func score() -> Float { 0 }
}

/// Documents of `inner` for which `keep` holds (date ranges, figure comparisons).
final class FilterScorer: Scorer {
  let inner: Scorer
  let keep: (UInt32) -> Bool

  init(inner: Scorer, keep: @escaping (UInt32) -> Bool) {
    self.inner = inner
    self.keep = keep
    super.init()
    doc = inner.doc
    settle()
  }

  /// Filters are cheap to test and costly to walk: a conjunction should lead with something else.
  override var cost: Int { inner.cost &* 2 }

  private func settle() {
    while doc != PostingsCursor.end && !keep(doc) { doc = inner.next() }
  }

  override func next() -> UInt32 {
    doc = inner.next()
    settle()
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = inner.advance(to: target)
    settle()
    return doc
  }

  override func score() -> Float { inner.score() }
  override func matched(into set: inout Set<MatchedTerm>) { inner.matched(into: &set) }
}

/// Documents of `inner` (the postings of a figure noun) with a figure of that noun in a value
/// interval: `figure:arrests>400`. The noun's figure list is walked alongside the postings (both
/// in doc-id order), and the per-document test is a direct call.
final class FigureFilterScorer: Scorer {
  let inner: Scorer
  @exclusivity(unchecked) private var figures: FigureCursor
  let low: Double, includingLow: Bool, high: Double, includingHigh: Bool

  init(inner: Scorer, figures: FigureCursor, low: Double, includingLow: Bool, high: Double, includingHigh: Bool) {
    self.inner = inner
    self.figures = figures
    self.low = low
    self.includingLow = includingLow
    self.high = high
    self.includingHigh = includingHigh
    super.init()
    doc = inner.doc
    settle()
  }

  override var cost: Int { inner.cost &* 2 }

  @inline(__always) private func keep(_ d: UInt32) -> Bool {
    figures.contains(d, above: low, includingLow: includingLow, below: high, includingHigh: includingHigh)
  }

  private func settle() {
    while doc != PostingsCursor.end && !keep(doc) { doc = inner.next() }
  }

  override func next() -> UInt32 {
    doc = inner.next()
    settle()
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = inner.advance(to: target)
    settle()
    return doc
  }

  override func score() -> Float { inner.score() }
  override func matched(into set: inout Set<MatchedTerm>) { inner.matched(into: &set) }
}

/// Matches nothing.
final class EmptyScorer: Scorer {
  override var cost: Int { 0 }

  override init() {
    super.init()
    doc = PostingsCursor.end
  }
  override func next() -> UInt32 { PostingsCursor.end }
  override func advance(to target: UInt32) -> UInt32 { PostingsCursor.end }
  override func score() -> Float { 0 }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
