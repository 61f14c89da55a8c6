/// Names of one or more tokens (units, ranks, gazetteer places) keyed by their sequence hash —
/// `EntityTokens.combine` folded over the tokens' hashes, as `EntityTokens.phraseHash` computes
/// it — with every proper prefix of a name marked too.
///
/// A scanner extends a sequence one token at a time and stops at the first token that no name
/// continues with, instead of probing up to the longest name's length at every capitalised
/// word. Stopping early changes no result: a sequence that is neither a name nor a prefix of one
/// cannot become a name by growing.
struct PhraseTable: Sendable {
  /// What a sequence hash is in the table.
  struct Probe {
    /// The payload of the name that ends here, or -1 when the sequence is only a prefix.
    var payload: Int
    /// Some longer name starts with this sequence.
    var continues: Bool
  }

  private var keys: [UInt64]
  /// Per slot: 0 when empty; otherwise bit 0 says a longer name continues, and the bits above
  /// hold the payload + 1 (0 when no name ends here).
  private var values: [UInt64]
  private var mask: Int

  /// Builds the table; a later name with the same tokens replaces an earlier one's payload.
  /// - Parameter names: each name's token hashes in text order (commas left out, as
  ///   `EntityTokens.phraseHash` leaves them out) and its payload (≥ 0).
  init(_ names: [(tokens: [UInt64], payload: Int)]) {
    var slots: [UInt64: UInt64] = [:]
    for (tokens, payload) in names where !tokens.isEmpty {
      var seq: UInt64 = 0
      for (k, h) in tokens.enumerated() {
        seq = EntityTokens.combine(seq, h)
        if k < tokens.count - 1 {
          slots[seq, default: 0] |= 1
        } else {
          slots[seq] = (slots[seq, default: 0] & 1) | (UInt64(payload + 1) << 1)
        }
      }
    }
    var n = 8
    while n < slots.count * 2 { n <<= 1 }
    keys = Array(repeating: 0, count: n)
    values = Array(repeating: 0, count: n)
    mask = n - 1
    for (k, v) in slots {
      var i = HashSet64.slot(k, mask)
      while values[i] != 0 && keys[i] != k { i = (i + 1) & mask }
      keys[i] = k
      values[i] = v
    }
  }

  /// The name ending at `seq` and whether longer names continue it; nil when neither.
  @inline(__always) func probe(_ seq: UInt64) -> Probe? {
    var i = HashSet64.slot(seq, mask)
    while true {
      let v = values[i]
      if v == 0 { return nil }
      if keys[i] == seq { return Probe(payload: Int(v >> 1) - 1, continues: v & 1 != 0) }
      i = (i + 1) & mask
    }
  }

  /// The payload of the name whose sequence hash is `seq`, if one ends there.
  func payload(_ seq: UInt64) -> Int? {
    guard let p = probe(seq), p.payload >= 0 else { return nil }
    return p.payload
  }
}
