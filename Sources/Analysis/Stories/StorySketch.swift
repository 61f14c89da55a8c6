/// What story grouping knows of one article, computed once when it is indexed: a MinHash
/// signature of its body's word shingles, the number of distinct shingles (so containment can be
/// estimated from two signatures), keys of its headline and first words (candidates a short feed
/// item shares with its full page), and the facts that must agree for two articles to be one
/// story (figures, places, dates written in the text, crime reference numbers).
///
/// Shingles are `shingleWords` consecutive indexed terms of the body (stemmed and folded, so
/// "said"/"says" and case edits do not count as differences). Each distinct shingle's 64-bit
/// hash goes through `hashCount` multiply-shift hash functions (fixed odd multipliers and
/// offsets from SplitMix64); a signature value is a function's minimum over the shingles.
/// Beside the signature it keeps a bottom-k sample (the `bottomCount` smallest shingle hashes,
/// high 32 bits): a short text's sample is all of it, so whether a feed item of one paragraph
/// is contained in its full page is tested shingle by shingle rather than estimated from a few
/// equal signature values.
public struct StorySketch: Sendable, Equatable {
  /// Words per shingle.
  public static let shingleWords = 4
  /// MinHash functions (signature length).
  public static let hashCount = 64
  /// Terms of the body's start hashed into `lead`.
  public static let leadWords = 12
  /// Size of the bottom-k sample.
  public static let bottomCount = 64

  /// One value per hash function (`UInt32.max` for an empty body).
  public var minHashes: [UInt32]
  /// Distinct shingles of the body.
  public var shingles: Int
  /// The smallest `bottomCount` distinct shingle hashes (their high 32 bits), ascending.
  public var bottom: [UInt32]
  /// Hash of the headline's indexed terms in order (0: no headline).
  public var title: UInt64
  /// Hash of the body's first `leadWords` indexed terms (0: shorter body).
  public var lead: UInt64
  /// Facts, sorted: a fact's high 32 bits are its group (kind, and a figure's noun), its low 32
  /// bits its value. Two articles whose facts share a group but no value of it disagree.
  public var facts: [UInt64]

  public init(
    minHashes: [UInt32], shingles: Int, bottom: [UInt32] = [], title: UInt64, lead: UInt64,
    facts: [UInt64]
  ) {
    self.minHashes = minHashes
    self.shingles = shingles
    self.bottom = bottom
    self.title = title
    self.lead = lead
    self.facts = facts
  }

  /// The fact groups.
  public enum FactKind: UInt64, Sendable {
    case figure = 1
    case place = 2
    case date = 3
    case reference = 4
  }

  /// A fact of `kind`, in the group `group` (a figure's noun; empty for the others).
  public static func fact(_ kind: FactKind, group: String = "", value: String) -> UInt64 {
    let g = (kind.rawValue << 29) ^ (Token.hash(of: group) & 0x1FFF_FFFF)
    return g << 32 | (Token.hash(of: value) & 0xFFFF_FFFF)
  }

  /// Sketches an article from its analysed title and body, its body text (dates and reference
  /// numbers are read from it) and its entity mentions (figures, places).
  public init(title: FieldTerms, body: FieldTerms, text: String, mentions: [EntityMention]) {
    let words = Self.sequence(body)
    var shingleHashes: [UInt64] = []
    let w = Self.shingleWords
    if words.count >= w {
      shingleHashes.reserveCapacity(words.count - w + 1)
      for i in 0...(words.count - w) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in i..<(i + w) { h = Token.mix(h ^ words[k]) &* 0x100_0000_01b3 }
        shingleHashes.append(Token.mix(h))
      }
    } else if !words.isEmpty {
      var h: UInt64 = 0x9E37_79B9_7F4A_7C15
      for x in words { h = Token.mix(h ^ x) &* 0x100_0000_01b3 }
      shingleHashes.append(Token.mix(h))
    }
    shingleHashes.sort()
    var distinct = 0
    for k in shingleHashes.indices where k == 0 || shingleHashes[k] != shingleHashes[k - 1] {
      shingleHashes[distinct] = shingleHashes[k]
      distinct += 1
    }
    shingleHashes.removeLast(shingleHashes.count - distinct)
    minHashes = Self.signature(shingleHashes)
    shingles = distinct
    bottom = Self.bottom(shingleHashes)
    let titleWords = Self.sequence(title)
    self.title = titleWords.isEmpty ? 0 : Self.combine(titleWords)
    lead = words.count >= Self.leadWords ? Self.combine(words[0..<Self.leadWords]) : 0
    facts = Self.extractFacts(text: text, mentions: mentions)
  }

  /// The MinHash signature of a set of shingle hashes: eight hash functions at a time in SIMD
  /// lanes (values are the high 32 bits of a 64-bit multiply-add, so lanes stay 64 bits wide).
  public static func signature(_ shingles: [UInt64]) -> [UInt32] {
    var mins = [SIMD8<UInt64>](repeating: SIMD8(repeating: UInt64(UInt32.max)), count: lanes)
    let (a, b) = (laneMultipliers, laneOffsets)
    mins.withUnsafeMutableBufferPointer { mins in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          for s in shingles {
            let x = SIMD8<UInt64>(repeating: s)
            for j in 0..<lanes {
              mins[j] = pointwiseMin(mins[j], (x &* a[j] &+ b[j]) &>> 32)
            }
          }
        }
      }
    }
    var sig = [UInt32](repeating: .max, count: hashCount)
    for j in 0..<lanes {
      for k in 0..<8 { sig[j * 8 + k] = UInt32(truncatingIfNeeded: mins[j][k]) }
    }
    return sig
  }

  static let lanes = hashCount / 8
  static let laneMultipliers: [SIMD8<UInt64>] = (0..<lanes).map { j in
    SIMD8((0..<8).map { multipliers[j * 8 + $0] })
  }
  static let laneOffsets: [SIMD8<UInt64>] = (0..<lanes).map { j in
    SIMD8((0..<8).map { offsets[j * 8 + $0] })
  }

  /// The bottom-k sample of ascending distinct shingle hashes.
  public static func bottom(_ sorted: [UInt64]) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(min(bottomCount, sorted.count))
    for s in sorted {
      let v = UInt32(truncatingIfNeeded: s >> 32)
      if out.last != v { out.append(v) }
      if out.count == bottomCount { break }
    }
    return out
  }

  /// Odd multipliers and offsets of the hash functions (SplitMix64 from a fixed seed, so every
  /// index computes the same signatures).
  static let (multipliers, offsets): ([UInt64], [UInt64]) = {
    var state: UInt64 = 0x5EED_B107_7E25_7031
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var a: [UInt64] = []
    var b: [UInt64] = []
    for _ in 0..<hashCount {
      a.append(next() | 1)
      b.append(next())
    }
    return (a, b)
  }()

  /// The field's term hashes in position order (one per position; an alternative at the same
  /// position, such as "£5.8" beside "5.8", replaces the other).
  static func sequence(_ field: FieldTerms) -> [UInt64] {
    var seq = [UInt64](repeating: 0, count: Int(field.length))
    for k in field.terms.indices {
      for p in field.positions[field.offsets[k]..<field.offsets[k + 1]] {
        seq[Int(p)] = field.hashes[k]
      }
    }
    return seq.filter { $0 != 0 }
  }

  static func combine<C: Collection<UInt64>>(_ words: C) -> UInt64 {
    var h: UInt64 = 0x2545_F491_4F6C_DD1D
    for x in words { h = Token.mix(h ^ x) &* 0x100_0000_01b3 }
    let out = Token.mix(h)
    return out == 0 ? 1 : out
  }

  // MARK: - Facts

  /// Figures (noun and value), places (canonical names), dates written as day and month, and
  /// crime reference numbers.
  public static func extractFacts(text: String, mentions: [EntityMention]) -> [UInt64] {
    var out: Set<UInt64> = []
    for m in mentions {
      switch m.kind {
      case .figure:
        if let f = m.figure {
          out.insert(fact(.figure, group: f.noun.lowercased(), value: f.value.description))
        }
      case .place: out.insert(fact(.place, value: m.canonical))
      default: break
      }
    }
    // Word by word over the text's bytes, without a string or an array per word: a date or a
    // reference is rare, and only then is a string made (the same one the fact hashes).
    var text = text
    text.withUTF8 { bytes in
      let words = Self.wordRanges(bytes)
      for (i, w) in words.enumerated() {
        if let month = Self.month(bytes, w) {
          // "12 March", "12th March", "March 12"; "may" only beside a day number.
          let before = i > 0 ? Self.dayNumber(bytes, words[i - 1]) : nil
          let after = i + 1 < words.count ? Self.dayNumber(bytes, words[i + 1]) : nil
          if let d = before ?? after { out.insert(fact(.date, value: "\(month)-\(d)")) }
        } else if let ref = Self.reference(bytes, w) {
          out.insert(fact(.reference, value: ref))
        }
      }
    }
    return out.sorted()
  }

  /// The text's words as byte ranges: split at spaces, tabs and line feeds, with surrounding
  /// characters other than ASCII letters and digits trimmed (inner `/` and `-` kept).
  static func wordRanges(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var i = 0
    let n = b.count
    while i < n {
      while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 { i += 1 }
      let start = i
      while i < n, b[i] != 0x20 && b[i] != 0x0A && b[i] != 0x09 { i += 1 }
      var lo = start
      var hi = i
      while lo < hi, !isAlnum(b[lo]) { lo += 1 }
      while hi > lo, !isAlnum(b[hi - 1]) { hi -= 1 }
      if lo < hi { out.append(lo..<hi) }
    }
    return out
  }

  static func isAlnum(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
  }

  /// Month names and short forms (not "mar", "may" is only the full name), lower case, with
  /// their numbers.
  static let monthNames: [([UInt8], Int)] = {
    let names = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december",
    ]
    var t: [([UInt8], Int)] = []
    for (i, n) in names.enumerated() {
      t.append((Array(n.utf8), i + 1))
      if n != "may" && n != "march" { t.append((Array(n.prefix(3).utf8), i + 1)) }
    }
    t.append((Array("sept".utf8), 9))
    return t
  }()

  /// The month a word names (3 to 9 ASCII letters, any case), if any.
  static func month(_ b: UnsafeBufferPointer<UInt8>, _ w: Range<Int>) -> Int? {
    guard w.count >= 3, w.count <= 9 else { return nil }
    // Every month's name starts with one of j, f, m, a, s, o, n, d.
    switch b[w.lowerBound] | 0x20 {
    case 0x6A, 0x66, 0x6D, 0x61, 0x73, 0x6F, 0x6E, 0x64: break
    default: return nil
    }
    for k in w where !(b[k] | 0x20 >= 0x61 && b[k] | 0x20 <= 0x7A) { return nil }
    outer: for (name, number) in monthNames where name.count == w.count {
      for (j, k) in w.enumerated() where b[k] | 0x20 != name[j] { continue outer }
      return number
    }
    return nil
  }

  /// 1–31, with an optional ordinal suffix.
  static func dayNumber(_ b: UnsafeBufferPointer<UInt8>, _ w: Range<Int>) -> Int? {
    var n = 0
    var k = w.lowerBound
    while k < w.upperBound, b[k] >= 0x30 && b[k] <= 0x39 {
      n = n * 10 + Int(b[k] - 0x30)
      k += 1
    }
    let digits = k - w.lowerBound
    guard digits >= 1, digits <= 2, (1...31).contains(n) else { return nil }
    let rest = w.upperBound - k
    if rest == 0 { return n }
    guard rest == 2 else { return nil }
    let (x, y) = (b[k] | 0x20, b[k + 1] | 0x20)
    let ok =
      (x == 0x73 && y == 0x74) || (x == 0x6E && y == 0x64) || (x == 0x72 && y == 0x64)
      || (x == 0x74 && y == 0x68)
    return ok ? n : nil
  }

  /// A crime or incident reference ("42/12345/24", "CAD-1234-12MAR"): letters and digits joined
  /// by `/` or `-`, with at least five digits, uppercased.
  static func reference(_ b: UnsafeBufferPointer<UInt8>, _ w: Range<Int>) -> String? {
    guard w.count >= 6, w.count <= 32 else { return nil }
    var digits = 0
    var separators = 0
    for k in w {
      let c = b[k]
      if c >= 0x30 && c <= 0x39 {
        digits += 1
      } else if c == 0x2F || c == 0x2D {
        separators += 1
      } else if !isAlnum(c) {
        return nil
      }
    }
    guard digits >= 5, separators >= 1 else { return nil }
    return String(
      decoding: w.map { b[$0] >= 0x61 && b[$0] <= 0x7A ? b[$0] - 0x20 : b[$0] }, as: UTF8.self)
  }
}
