import Analysis

/// An open-addressing map from terms to dense ids, probed by the hash the analyzer already
/// computed (`Token.hash`): no rehashing of strings on the indexing hot path.
struct TermTable {
  private var slots: [Int32]  // -1 empty, else id
  private var slotHashes: [UInt64]
  private(set) var terms: [String] = []
  private var mask: Int

  init(capacity: Int = 1024) {
    var n = 16
    while n < capacity * 2 { n <<= 1 }
    slots = Array(repeating: -1, count: n)
    slotHashes = Array(repeating: 0, count: n)
    mask = n - 1
  }

  var count: Int { terms.count }

  /// The id of `term`, inserting it if new; `inserted` tells which.
  @inline(__always)
  mutating func id(_ term: String, hash: UInt64) -> (id: Int32, inserted: Bool) {
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let s = slots[i]
      if s < 0 { break }
      if slotHashes[i] == hash && terms[Int(s)] == term { return (s, false) }
      i = (i + 1) & mask
    }
    let id = Int32(terms.count)
    slots[i] = id
    slotHashes[i] = hash
    terms.append(term)
    if terms.count * 2 > slots.count { grow() }
    return (id, true)
  }

  private mutating func grow() {
    let n = slots.count * 2
    var newSlots = [Int32](repeating: -1, count: n)
    var newHashes = [UInt64](repeating: 0, count: n)
    let m = n - 1
    for i in 0..<slots.count where slots[i] >= 0 {
      var j = Int(truncatingIfNeeded: slotHashes[i]) & m
      while newSlots[j] >= 0 { j = (j + 1) & m }
      newSlots[j] = slots[i]
      newHashes[j] = slotHashes[i]
    }
    slots = newSlots
    slotHashes = newHashes
    mask = m
  }
}
