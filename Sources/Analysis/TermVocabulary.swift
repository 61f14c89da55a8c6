/// An analyzer's memo of indexed terms: every raw word the scanner cut (its bytes before folding)
/// maps to a term id, and every term id to its indexed form and `Token.hash`.
///
/// News vocabulary is Zipf-distributed, so with this table each distinct word is folded, stemmed
/// and turned into a `String` once, not once per occurrence, and a document's tokens become small
/// integers that a field can group without hashing or comparing strings. Different raw words
/// with the same indexed form ("Arrests", "arrested") share one id. A raw word is keyed by its
/// first eight bytes as one integer (most words are that short) plus, for longer ones, the rest
/// kept in an arena. Not thread-safe: one per analyzer.
final class TermVocabulary {
  /// One indexed term, with the scratch fields `Analyzer` uses to group a field's occurrences.
  struct Term {
    var text: String
    var hash: UInt64
    /// The grouping pass that last saw this term (`Analyzer.fieldStamp`).
    var mark: UInt32 = 0
    /// This term's index among that field's distinct terms.
    var index: Int32 = 0
  }

  /// A raw word as the table keys it: an ASCII word by its bytes lower-cased (its indexed form
  /// does not depend on case: "Police" and "police" share an entry), any other by its bytes.
  struct Raw {
    var bytes: UnsafePointer<UInt8>
    var count: Int
    /// The readable end of the buffer holding the word: eight-byte reads never pass it.
    var end: UnsafePointer<UInt8>
    /// OR-ed into every eight bytes of an ASCII word to lower-case it (0x20 sets the case bit
    /// of a letter and is already set in digits, `'`, `.` and `$`); 0 for other words.
    var fold: UInt64
    /// The first `min(count, 8)` bytes of the key, little-endian, zero-padded.
    var prefix: UInt64
    var hash: UInt64

    @inline(__always)
    init(_ bytes: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) {
      self.bytes = bytes
      self.count = count
      self.end = end
      let highs: UInt64 = 0x8080_8080_8080_8080
      let lower: UInt64 = 0x2020_2020_2020_2020
      if count <= 8 {  // most words: one integer is the whole key
        let m = Self.mask(count)
        let w = Self.word(bytes, count, end)
        fold = w & highs == 0 ? lower : 0
        prefix = w | (fold & m)
        hash = Token.mix((prefix ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15)
        return
      }
      let first = Self.word(bytes, 8, end)
      var ascii = first & highs == 0
      var k = 8
      while ascii && k < count {
        ascii = Self.word(bytes + k, count - k, end) & highs == 0
        k += 8
      }
      let fold: UInt64 = ascii ? lower : 0
      self.fold = fold
      prefix = first | fold
      var h = (prefix ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15
      k = 8
      while k < count {
        h = (h ^ (Self.word(bytes + k, count - k, end) | (fold & Self.mask(count - k))))
          &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 29
        k += 8
      }
      hash = Token.mix(h)
    }

    /// Bytes `k..<min(k + 8, count)` of the key, little-endian, zero-padded.
    @inline(__always)
    func key(at k: Int) -> UInt64 {
      Self.word(bytes + k, count - k, end) | (fold & Self.mask(count - k))
    }

    /// Keeps the low `n` bytes of a word (all of them when `n >= 8`).
    @inline(__always)
    static func mask(_ n: Int) -> UInt64 {
      n >= 8 ? ~0 : (1 &<< UInt64(truncatingIfNeeded: n &* 8)) &- 1
    }

    /// Up to eight bytes at `p` (`n` of them are the word's), little-endian, zero-padded.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ n: Int, _ end: UnsafePointer<UInt8>) -> UInt64 {
      if end - p >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & mask(n) }
      var w: UInt64 = 0
      var k = 0
      while k < n && k < 8 {
        w |= UInt64(p[k]) &<< UInt64(truncatingIfNeeded: k &* 8)
        k += 1
      }
      return w
    }
  }

  /// An open-addressing slot of the raw-word table; `term < 0` is empty.
  private struct RawSlot {
    var prefix: UInt64 = 0
    var hash: UInt32 = 0
    var count: UInt32 = 0
    var term: Int32 = -1
    /// Where bytes 8… of a longer key are in the arena.
    var offset: UInt32 = 0
  }

  /// Terms by id.
  var terms: [Term] = []
  /// Raw words, open addressing (load at most 1/2).
  private var rawSlots: UnsafeMutablePointer<RawSlot>
  private var rawMask: Int
  private(set) var rawCount = 0
  /// Term ids by `Token.hash` of their text, open addressing (load at most 1/2); -1 is empty.
  private var termSlots: UnsafeMutablePointer<Int32>
  private var termMask: Int
  /// Bytes 8… of keys longer than eight bytes, back to back (eight bytes of slack at the end,
  /// so `Raw.word` may read whole words).
  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCount = 0
  private var arenaCapacity: Int

  private static let initialSlots = 1 << 12

  init() {
    rawMask = Self.initialSlots - 1
    rawSlots = .allocate(capacity: Self.initialSlots)
    rawSlots.initialize(repeating: RawSlot(), count: Self.initialSlots)
    termMask = Self.initialSlots - 1
    termSlots = .allocate(capacity: Self.initialSlots)
    termSlots.initialize(repeating: -1, count: Self.initialSlots)
    arenaCapacity = 1 << 14
    arena = .allocate(capacity: arenaCapacity + 8)
  }

  deinit {
    rawSlots.deallocate()
    termSlots.deallocate()
    arena.deallocate()
  }

  /// Forgets every word and term; ids handed out before are meaningless afterwards.
  func removeAll() {
    terms.removeAll(keepingCapacity: true)
    rawSlots.update(repeating: RawSlot(), count: rawMask + 1)
    termSlots.update(repeating: -1, count: termMask + 1)
    rawCount = 0
    arenaCount = 0
  }

  // MARK: - Raw words

  /// The term id of a raw word, or -1 when it has not been seen.
  @inline(__always)
  func id(of raw: Raw) -> Int32 {
    var i = Int(truncatingIfNeeded: raw.hash) & rawMask
    while true {
      let s = rawSlots[i]
      if s.term < 0 { return -1 }
      if s.prefix == raw.prefix && Int(s.count) == raw.count
        && (raw.count <= 8
          || (s.hash == UInt32(truncatingIfNeeded: raw.hash) && tailMatches(raw, at: Int(s.offset))))
      {
        return s.term
      }
      i = (i + 1) & rawMask
    }
  }

  /// Whether key bytes 8… of `raw` are those kept at `offset` in the arena.
  private func tailMatches(_ raw: Raw, at offset: Int) -> Bool {
    let arenaEnd = UnsafePointer(arena + arenaCapacity + 8)
    var k = 8
    while k < raw.count {
      if raw.key(at: k) != Raw.word(arena + offset + (k - 8), raw.count - k, arenaEnd) { return false }
      k += 8
    }
    return true
  }

  /// Records that `raw` (not yet in the table) analyses to term `id`.
  func insert(_ raw: Raw, id: Int32) {
    let tail = max(0, raw.count - 8)
    if arenaCount + tail > arenaCapacity {
      var capacity = arenaCapacity * 2
      while arenaCount + tail > capacity { capacity *= 2 }
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
      bigger.update(from: arena, count: arenaCount)
      arena.deallocate()
      arena = bigger
      arenaCapacity = capacity
    }
    for k in 0..<tail {
      arena[arenaCount + k] = raw.bytes[8 + k] | UInt8(truncatingIfNeeded: raw.fold)
    }
    placeRaw(
      RawSlot(
        prefix: raw.prefix, hash: UInt32(truncatingIfNeeded: raw.hash),
        count: UInt32(raw.count), term: id, offset: UInt32(arenaCount)),
      hash: raw.hash)
    arenaCount += tail
    rawCount += 1
    if rawCount * 2 > rawMask { growRaw() }
  }

  private func placeRaw(_ slot: RawSlot, hash: UInt64) {
    var i = Int(truncatingIfNeeded: hash) & rawMask
    while rawSlots[i].term >= 0 { i = (i + 1) & rawMask }
    rawSlots[i] = slot
  }

  /// Doubles the raw-word table. Slots are placed by the low 32 bits of the hash they keep, which
  /// are the bits `id(of:)` probes with while the table has at most 2^32 slots.
  private func growRaw() {
    let old = rawSlots
    let oldCount = rawMask + 1
    rawMask = oldCount * 2 - 1
    rawSlots = .allocate(capacity: oldCount * 2)
    rawSlots.initialize(repeating: RawSlot(), count: oldCount * 2)
    for i in 0..<oldCount where old[i].term >= 0 { placeRaw(old[i], hash: UInt64(old[i].hash)) }
    old.deallocate()
  }

  // MARK: - Terms

  /// The id of an indexed term, added when new. `hash` is `Token.hash(of: text)`.
  func id(ofTerm text: String, hash: UInt64) -> Int32 {
    var i = Int(truncatingIfNeeded: hash) & termMask
    while true {
      let t = termSlots[i]
      if t < 0 { break }
      if terms[Int(t)].hash == hash && terms[Int(t)].text == text { return t }
      i = (i + 1) & termMask
    }
    let id = Int32(terms.count)
    termSlots[i] = id
    terms.append(Term(text: text, hash: hash))
    if terms.count * 2 > termMask { growTerms() }
    return id
  }

  private func growTerms() {
    termSlots.deallocate()
    let count = (termMask + 1) * 2
    termMask = count - 1
    termSlots = .allocate(capacity: count)
    termSlots.initialize(repeating: -1, count: count)
    for (id, t) in terms.enumerated() {
      var i = Int(truncatingIfNeeded: t.hash) & termMask
      while termSlots[i] >= 0 { i = (i + 1) & termMask }
      termSlots[i] = Int32(id)
    }
  }
}
