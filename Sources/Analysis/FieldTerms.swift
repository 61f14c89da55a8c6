/// One analysed field, inverted: every distinct term once, in first-occurrence order, with its
/// `Token.hash` and its positions, ascending and each counted once (an alternative at the same
/// position, such as "5.8" beside "£5.8", is a different term).
///
/// `Analyzer.fieldTerms` builds it from the analyzer's term ids, so no string is hashed or
/// compared per occurrence; the index stores it as it is.
public struct FieldTerms: Sendable, Equatable {
  /// Distinct terms in first-occurrence order.
  public internal(set) var terms: [String] = []
  /// `Token.hash` of each term, parallel to `terms`.
  public internal(set) var hashes: [UInt64] = []
  /// Positions of all terms, concatenated: term k owns `positions[offsets[k]..<offsets[k+1]]`.
  public internal(set) var positions: [UInt32] = []
  public internal(set) var offsets: [Int] = [0]
  /// Field length: the last position + 1 (0 for an empty field).
  public internal(set) var length: UInt32 = 0
  /// The vocabulary `ids` number terms in (`Analyzer.vocabularyID`), or 0 for none.
  public internal(set) var vocabulary: UInt64 = 0
  /// Each term's id in `vocabulary`, parallel to `terms` (empty when `vocabulary` is 0): the
  /// index writer maps these to its own term ids, so it looks a term's string up once per
  /// vocabulary, not once per document.
  public internal(set) var ids: [Int32] = []

  /// An empty field.
  public init() {}

  /// Equal when the terms, hashes, positions and length are: which vocabulary numbered the terms
  /// does not change the field.
  public static func == (a: FieldTerms, b: FieldTerms) -> Bool {
    a.terms == b.terms && a.hashes == b.hashes && a.positions == b.positions
      && a.offsets == b.offsets && a.length == b.length
  }

  /// Inverts `tokens`, which may come in any order.
  public init(tokens: [Token]) {
    var slots = [Int32](repeating: -1, count: max(16, 2 * tokens.count).nextPowerOfTwo)
    let mask = slots.count - 1
    let termOf = [Int32](unsafeUninitializedCapacity: tokens.count) { out, count in
      for (k, t) in tokens.enumerated() {
        var i = Int(truncatingIfNeeded: t.hash) & mask
        while slots[i] >= 0 && !(hashes[Int(slots[i])] == t.hash && terms[Int(slots[i])] == t.term) {
          i = (i + 1) & mask
        }
        if slots[i] < 0 {
          slots[i] = Int32(terms.count)
          terms.append(t.term)
          hashes.append(t.hash)
        }
        out[k] = slots[i]
      }
      count = tokens.count
    }
    var ends: [Int] = []
    termOf.withUnsafeBufferPointer { termOf in
      tokens.map(\.position).withUnsafeBufferPointer {
        invert(termOf: termOf, positions: $0, scratch: &ends)
      }
    }
  }

  /// Lays out the positions term by term (a counting sort: `terms` is already filled and
  /// `termOf[i]` numbers occurrence i's term), keeping each term's positions ascending and once.
  /// `scratch` is working space a caller may reuse across calls.
  mutating func invert(
    termOf: UnsafeBufferPointer<Int32>, positions occurrences: UnsafeBufferPointer<Int32>,
    scratch ends: inout [Int]
  ) {
    let termCount = terms.count
    let n = termOf.count
    var offsets = [Int](repeating: 0, count: termCount + 1)
    ends.removeAll(keepingCapacity: true)
    ends.append(contentsOf: repeatElement(0, count: termCount))
    var length: UInt32 = 0
    var clean = true  // no repeated or descending position within a term
    var unsorted = false
    let positions = [UInt32](unsafeUninitializedCapacity: n) { positions, count in
      offsets.withUnsafeMutableBufferPointer { offsets in
        ends.withUnsafeMutableBufferPointer { ends in
          for k in termOf { offsets[Int(k) + 1] += 1 }
          for k in 0..<termCount {
            ends[k] = offsets[k]
            offsets[k + 1] += offsets[k]
          }
          for i in 0..<n {
            let k = Int(termOf[i])
            let p = UInt32(max(0, occurrences[i]))
            if p + 1 > length { length = p + 1 }
            let at = ends[k]
            if at > offsets[k] {
              let last = positions[at - 1]
              if p == last {  // an alternative at the same position counts once
                clean = false
                continue
              }
              if p < last {
                clean = false
                unsorted = true
              }
            }
            positions[at] = p
            ends[k] = at + 1
          }
          // Repeats skipped above leave each term's slots short; zero the rest (compact drops it).
          if !clean {
            for k in 0..<termCount {
              positions.baseAddress.unsafelyUnwrapped.advanced(by: ends[k])
                .initialize(repeating: 0, count: offsets[k + 1] - ends[k])
            }
          }
        }
      }
      count = n
    }
    self.positions = positions
    self.offsets = offsets
    self.length = length
    if !clean { compact(ends: ends, sort: unsorted) }
  }

  /// Closes the gaps left by skipped repeats (term k's positions end at `ends[k]`), sorting and
  /// de-duplicating each term's positions when some arrived out of order.
  private mutating func compact(ends: [Int], sort: Bool) {
    var packed: [UInt32] = []
    packed.reserveCapacity(positions.count)
    var packedOffsets = [0]
    packedOffsets.reserveCapacity(offsets.count)
    for k in 0..<terms.count {
      let mine = positions[offsets[k]..<ends[k]]
      if sort {
        packed.append(contentsOf: Array(Set(mine)).sorted())
      } else {
        packed.append(contentsOf: mine)
      }
      packedOffsets.append(packed.count)
    }
    positions = packed
    offsets = packedOffsets
  }
}

extension Int {
  /// The smallest power of two not below `self` (for `self >= 1`).
  fileprivate var nextPowerOfTwo: Int {
    var p = 1
    while p < self { p <<= 1 }
    return p
  }
}
