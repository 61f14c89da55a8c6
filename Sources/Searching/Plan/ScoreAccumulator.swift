import Indexing

/// The union of many term scorers (a prefix that expands to thousands of terms), computed by
/// draining each term's postings into one score per document of the segment: memory is
/// 4 bytes per document plus a bitset, whatever the number of terms, and the scores are the sums
/// a `DisjunctionScorer` over the same terms would give (Lucene's and tantivy's rewrite of wide
/// multi-term queries into a doc-id set, kept scored).
final class ScoreAccumulator {
  private var scores: [Float]
  private var bits: [UInt64]

  init(maxDoc: Int) {
    scores = [Float](repeating: 0, count: maxDoc)
    bits = [UInt64](repeating: 0, count: (maxDoc + 63) / 64)
  }

  /// Adds every document of `scorer` with its score; the scorer is used up.
  func add(_ scorer: Scorer) {
    var d = scorer.doc
    while d != PostingsCursor.end {
      let i = Int(d)
      if i < scores.count {
        scores[i] += scorer.score()
        bits[i >> 6] |= 1 << UInt64(i & 63)
      }
      d = scorer.next()
    }
  }

  /// A scorer over the documents added so far.
  func finish() -> Scorer { AccumulatedScorer(scores: scores, bits: bits) }
}

/// Walks the documents a `ScoreAccumulator` collected, in id order.
final class AccumulatedScorer: Scorer {
  private let scores: [Float]
  private let bits: [UInt64]
  private let matches: Int

  init(scores: [Float], bits: [UInt64]) {
    self.scores = scores
    self.bits = bits
    matches = bits.reduce(0) { $0 + $1.nonzeroBitCount }
    super.init()
    doc = find(from: 0)
  }

  override var cost: Int { matches }

  /// The first collected document >= `from`, or `PostingsCursor.end`.
  private func find(from: Int) -> UInt32 {
    var w = from >> 6
    guard w < bits.count else { return PostingsCursor.end }
    var word = bits[w] & (~0 << UInt64(from & 63))
    while true {
      if word != 0 { return UInt32(w << 6 + word.trailingZeroBitCount) }
      w += 1
      if w == bits.count { return PostingsCursor.end }
      word = bits[w]
    }
  }

  override func next() -> UInt32 {
    if doc == PostingsCursor.end { return doc }
    doc = find(from: Int(doc) + 1)
    return doc
  }

  override func advance(to target: UInt32) -> UInt32 {
    if doc == PostingsCursor.end || doc >= target { return doc }
    doc = find(from: Int(target))
    return doc
  }

  override func score() -> Float { scores[Int(doc)] }
}
