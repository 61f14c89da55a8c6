import Indexing

/// A cursor over the documents of one segment that match part of a query, in doc-id order, with
/// a score for the current document (tantivy's Scorer, Lucene's Scorer).
protocol Scorer: AnyObject {
  /// The current document, or `PostingsCursor.end`.
  var doc: UInt32 { get }
  @discardableResult func next() -> UInt32
  @discardableResult func advance(to target: UInt32) -> UInt32
  func score() -> Float
  /// Adds the (field, term) pairs that match the current document (for highlighting).
  func matched(into: inout Set<MatchedTerm>)
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
  let cache: [Float]

  init(cursor: PostingsCursor, segment: SegmentReader, field: Field, term: String, weight: Float, cache: [Float]) {
    self.cursor = cursor
    self.segment = segment
    self.field = field
    self.term = term
    self.weight = weight
    self.cache = cache
    cursor.next()
  }

  var doc: UInt32 { cursor.doc }
  func next() -> UInt32 { cursor.next() }
  func advance(to target: UInt32) -> UInt32 { cursor.advance(to: target) }

  func score() -> Float {
    let tf = Float(cursor.freq)
    return weight * tf / (tf + cache[Int(segment.norm(field, cursor.doc))])
  }

  func matched(into set: inout Set<MatchedTerm>) {
    set.insert(MatchedTerm(field: field, term: term))
  }
}

/// Documents where the terms occur at consecutive positions (after their offsets in the phrase).
final class PhraseScorer: Scorer {
  let cursors: [PostingsCursor]
  let offsets: [UInt32]
  let segment: SegmentReader
  let field: Field
  let terms: [String]
  let weight: Float
  let cache: [Float]
  private(set) var doc: UInt32 = 0
  private var freq: Float = 0
  private var positions: [[UInt32]]

  init(cursors: [PostingsCursor], offsets: [UInt32], segment: SegmentReader, field: Field, terms: [String], weight: Float, cache: [Float]) {
    self.cursors = cursors
    self.offsets = offsets
    self.segment = segment
    self.field = field
    self.terms = terms
    self.weight = weight
    self.cache = cache
    positions = Array(repeating: [], count: cursors.count)
    for c in cursors { c.next() }
    doc = cursors.map(\.doc).max() ?? PostingsCursor.end
    settle()
  }

  /// Moves to the first document >= `doc` where every term occurs and the phrase matches.
  private func settle() {
    while doc != PostingsCursor.end {
      // Leapfrog to a common doc.
      var agreed = true
      for c in cursors {
        let d = c.advance(to: doc)
        if d != doc {
          doc = d
          agreed = false
          break
        }
      }
      if !agreed { continue }
      if doc == PostingsCursor.end { return }
      let f = phraseFreq()
      if f > 0 {
        freq = Float(f)
        return
      }
      doc = cursors[0].next()
    }
  }

  private func phraseFreq() -> Int {
    for (k, c) in cursors.enumerated() { c.positions(into: &positions[k]) }
    var count = 0
    // For each start in the first list, check the others by binary search.
    for p0 in positions[0] {
      guard p0 >= offsets[0] else { continue }
      let base = p0 - offsets[0]
      var ok = true
      for k in 1..<cursors.count {
        let want = base + offsets[k]
        if !binaryContains(positions[k], want) {
          ok = false
          break
        }
      }
      if ok { count += 1 }
    }
    return count
  }

  func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = cursors[0].next()
    settle()
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = cursors[0].advance(to: target)
    settle()
    return doc
  }

  func score() -> Float {
    weight * freq / (freq + cache[Int(segment.norm(field, doc))])
  }

  func matched(into set: inout Set<MatchedTerm>) {
    for t in terms { set.insert(MatchedTerm(field: field, term: t)) }
  }
}

private func binaryContains(_ a: [UInt32], _ x: UInt32) -> Bool {
  var lo = 0
  var hi = a.count - 1
  while lo <= hi {
    let m = (lo + hi) / 2
    if a[m] == x { return true }
    if a[m] < x { lo = m + 1 } else { hi = m - 1 }
  }
  return false
}

/// All of the children (AND): leapfrog on the rarest first.
final class ConjunctionScorer: Scorer {
  let children: [Scorer]
  private(set) var doc: UInt32

  init(_ children: [Scorer]) {
    self.children = children
    doc = children.map(\.doc).max() ?? PostingsCursor.end
    settle()
  }

  private func settle() {
    outer: while doc != PostingsCursor.end {
      for c in children {
        let d = c.advance(to: doc)
        if d != doc {
          doc = d
          continue outer
        }
      }
      return
    }
  }

  func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = children[0].next()
    settle()
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = children[0].advance(to: target)
    settle()
    return doc
  }

  func score() -> Float { children.reduce(0) { $0 + $1.score() } }

  func matched(into set: inout Set<MatchedTerm>) {
    for c in children { c.matched(into: &set) }
  }
}

/// Any of the children (OR); the score sums the children on the current document.
final class DisjunctionScorer: Scorer {
  let children: [Scorer]
  private(set) var doc: UInt32

  init(_ children: [Scorer]) {
    self.children = children
    doc = children.map(\.doc).min() ?? PostingsCursor.end
  }

  func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    let current = doc
    var m = PostingsCursor.end
    for c in children {
      var d = c.doc
      if d == current { d = c.next() }
      if d < m { m = d }
    }
    doc = m
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    var m = PostingsCursor.end
    for c in children {
      var d = c.doc
      if d < target { d = c.advance(to: target) }
      if d < m { m = d }
    }
    doc = m
    return doc
  }

  func score() -> Float {
    var s: Float = 0
    for c in children where c.doc == doc { s += c.score() }
    return s
  }

  func matched(into set: inout Set<MatchedTerm>) {
    for c in children where c.doc == doc { c.matched(into: &set) }
  }
}

/// `include` without the documents of `exclude`.
final class ExclusionScorer: Scorer {
  let include: Scorer
  let exclude: Scorer
  private(set) var doc: UInt32

  init(include: Scorer, exclude: Scorer) {
    self.include = include
    self.exclude = exclude
    doc = include.doc
    settle()
  }

  private func settle() {
    while doc != PostingsCursor.end {
      let e = exclude.advance(to: doc)
      if e != doc { return }
      doc = include.next()
    }
  }

  func next() -> UInt32 {
    doc = include.next()
    settle()
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    doc = include.advance(to: target)
    settle()
    return doc
  }

  func score() -> Float { include.score() }
  func matched(into set: inout Set<MatchedTerm>) { include.matched(into: &set) }
}

/// Every document id of the segment (a query of only exclusions or filters).
final class AllScorer: Scorer {
  let maxDoc: UInt32
  private(set) var doc: UInt32

  init(maxDoc: Int) {
    self.maxDoc = UInt32(maxDoc)
    doc = maxDoc > 0 ? 0 : PostingsCursor.end
  }

  func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = doc + 1 < maxDoc ? doc + 1 : PostingsCursor.end
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = target < maxDoc ? target : PostingsCursor.end
    return doc
  }

  func score() -> Float { 0 }
  func matched(into set: inout Set<MatchedTerm>) {}
}

/// Documents of `inner` for which `keep` holds (date ranges, figure comparisons).
final class FilterScorer: Scorer {
  let inner: Scorer
  let keep: (UInt32) -> Bool
  let matchedTerms: [MatchedTerm]
  private(set) var doc: UInt32

  init(inner: Scorer, matched: [MatchedTerm] = [], keep: @escaping (UInt32) -> Bool) {
    self.inner = inner
    self.keep = keep
    self.matchedTerms = matched
    doc = inner.doc
    settle()
  }

  private func settle() {
    while doc != PostingsCursor.end && !keep(doc) { doc = inner.next() }
  }

  func next() -> UInt32 {
    doc = inner.next()
    settle()
    return doc
  }

  func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = inner.advance(to: target)
    settle()
    return doc
  }

  func score() -> Float { inner.score() }
  func matched(into set: inout Set<MatchedTerm>) {
    inner.matched(into: &set)
    for m in matchedTerms { set.insert(m) }
  }
}

/// Matches nothing.
final class EmptyScorer: Scorer {
  var doc: UInt32 { PostingsCursor.end }
  func next() -> UInt32 { PostingsCursor.end }
  func advance(to target: UInt32) -> UInt32 { PostingsCursor.end }
  func score() -> Float { 0 }
  func matched(into set: inout Set<MatchedTerm>) {}
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
