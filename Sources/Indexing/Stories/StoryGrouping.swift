import Analysis

/// Groups articles into stories: copies of one release (republished, lightly edited, cut to a
/// feed item, grown by a paragraph or two) join; anything else stays apart.
///
/// Candidates come from buckets: LSH bands of the MinHash signature (`rows` values per band, so
/// pairs with a Jaccard similarity of 0.3 meet with probability 0.95 and of 0.5 with 0.9999),
/// and the exact headline and lead keys (a feed item of one paragraph has a low Jaccard
/// similarity with its full page, but the same headline or first words). Within a bucket only
/// articles published within `window` days of each other are paired (undated ones pair with
/// everything in buckets of at most `undatedBucket` articles).
///
/// A candidate pair joins when the estimated containment of the smaller shingle set in the
/// larger reaches `containment`, its estimated Jaccard similarity reaches `jaccard` (or the
/// headline or lead keys are equal), and no veto applies: a fact group (a figure's noun, places,
/// dates, reference numbers) present in both with no value in common means two different stories.
///
/// The grouping is the connected components of the joined pairs. It depends only on the set of
/// articles: articles are numbered in (day, id) order, a component's root is its smallest
/// number (its origin, the earliest copy), so rebuilding an index or updating it in any order
/// gives the same stories with the same ids.
public struct StoryGrouping: Sendable, Equatable {
  /// One article to group.
  public struct Item: Sendable {
    public var id: String
    public var day: Int32?
    public var sketch: StorySketch
    public init(id: String, day: Int32?, sketch: StorySketch) {
      self.id = id
      self.day = day
      self.sketch = sketch
    }
  }

  public var window: Int32 = 14
  public var rows = 2
  public var containment = 0.7
  public var jaccard = 0.2
  public var minShingles = 5
  public var undatedBucket = 64

  public init() {}

  /// Whether `items` are in grouping order: by day (undated last), then id.
  public static func precedes(_ a: Item, _ b: Item) -> Bool {
    precedes(day: a.day, id: a.id, day: b.day, id: b.id)
  }

  /// Grouping order of two documents by date and id.
  public static func precedes(day a: Int32?, id x: String, day b: Int32?, id y: String) -> Bool {
    let da = a ?? .max
    let db = b ?? .max
    return da != db ? da < db : x.utf8.lexicographicallyPrecedes(y.utf8)
  }

  /// The story of each item (in grouping order): the index of its origin.
  /// - Parameter items: sorted by `precedes`.
  public func group(_ items: [Item]) -> [Int] {
    var parent = Array(items.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    for (i, j) in joinedPairs(items) {
      let a = find(i)
      let b = find(j)
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    return items.indices.map(find)
  }

  /// Pairs `(i, j)`, `i < j`, that the candidate buckets propose and `joins` accepts.
  public func joinedPairs(_ items: [Item]) -> [(Int, Int)] {
    candidates(items).filter { joins(items[$0.0], items[$0.1]) }
  }

  /// Candidate pairs `(i, j)`, `i < j`, from the buckets, each once, sorted.
  public func candidates(_ items: [Item]) -> [(Int, Int)] {
    var keys: [(key: UInt64, item: Int32)] = []
    let bands = StorySketch.hashCount / rows
    keys.reserveCapacity(items.count * (bands + 2))
    for (n, it) in items.enumerated() {
      let s = it.sketch
      guard s.shingles > 0 else { continue }
      for b in 0..<bands {
        var h = UInt64(b) &* 0x9E37_79B9_7F4A_7C15
        for r in 0..<rows { h = Token.mix(h ^ UInt64(s.minHashes[b * rows + r])) }
        keys.append((h, Int32(n)))
      }
      if s.title != 0 { keys.append((Token.mix(s.title ^ 0x7469_746C_6500_0000), Int32(n))) }
      if s.lead != 0 { keys.append((Token.mix(s.lead ^ 0x6C65_6164_0000_0000), Int32(n))) }
    }
    keys.sort { $0.key != $1.key ? $0.key < $1.key : $0.item < $1.item }
    var pairs: Set<UInt64> = []
    var start = 0
    while start < keys.count {
      var end = start + 1
      while end < keys.count && keys[end].key == keys[start].key { end += 1 }
      if end - start > 1 {
        let run = keys[start..<end].map { Int($0.item) }
        let small = run.count <= undatedBucket
        for x in 0..<run.count {
          let i = run[x]
          for y in (x + 1)..<run.count {
            let j = run[y]
            if let di = items[i].day, let dj = items[j].day {
              // Sorted by day within the run: later ones are further away.
              if dj - di > window { break }
            } else if !small {
              break  // undated from here on, in a big bucket
            }
            if items[i].id == items[j].id { continue }
            pairs.insert(UInt64(i) << 32 | UInt64(j))
          }
        }
      }
      start = end
    }
    return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
  }

  /// Whether two articles are copies of one story.
  public func joins(_ a: Item, _ b: Item) -> Bool {
    if let da = a.day, let db = b.day, abs(da - db) > window { return false }
    let (s, t) = (a.sketch, b.sketch)
    guard min(s.shingles, t.shingles) >= minShingles else { return false }
    let j = Self.jaccard(s, t)
    let c = Self.containment(s, t, jaccard: j)
    guard c >= containment else { return false }
    let keyed = (s.title != 0 && s.title == t.title) || (s.lead != 0 && s.lead == t.lead)
    guard j >= jaccard || keyed else { return false }
    return !Self.vetoed(s, t)
  }

  /// Estimated Jaccard similarity of the two shingle sets: the share of equal signature values.
  public static func jaccard(_ s: StorySketch, _ t: StorySketch) -> Double {
    var same = 0
    for i in 0..<StorySketch.hashCount where s.minHashes[i] == t.minHashes[i] { same += 1 }
    return Double(same) / Double(StorySketch.hashCount)
  }

  /// Estimated containment of the smaller shingle set A in the larger B, |A ∩ B| / |A|.
  ///
  /// From the bottom-k samples when that tests at least `sampled` of A's shingles: each of A's
  /// sampled shingles not above B's largest sampled one is in B exactly when it is in B's
  /// sample (all of B's shingles up to there are), so the share found is an unbiased estimate —
  /// exact for a short A contained in B. Otherwise from the signatures:
  /// |A ∩ B| = J (|A| + |B|) / (1 + J).
  public static func containment(_ s: StorySketch, _ t: StorySketch, jaccard j: Double) -> Double {
    let (a, b) = s.shingles <= t.shingles ? (s, t) : (t, s)
    guard a.shingles > 0 else { return 0 }
    if let c = sampledContainment(a, in: b) { return c }
    let common = j * Double(a.shingles + b.shingles) / (1 + j)
    return min(1, common / Double(a.shingles))
  }

  /// Shingles of A a bottom-k estimate must test.
  static let sampled = 4

  /// The bottom-k estimate of A's containment in B, if it tests at least `sampled` shingles.
  public static func sampledContainment(_ a: StorySketch, in b: StorySketch) -> Double? {
    guard !a.bottom.isEmpty, !b.bottom.isEmpty else { return nil }
    // B's sample is all of B when B is no bigger than it.
    let limit = b.bottom.count < StorySketch.bottomCount ? UInt32.max : b.bottom.last!
    var tested = 0
    var found = 0
    var k = 0
    for x in a.bottom where x <= limit {
      tested += 1
      while k < b.bottom.count && b.bottom[k] < x { k += 1 }
      if k < b.bottom.count && b.bottom[k] == x { found += 1 }
    }
    guard tested >= sampled else { return nil }
    return Double(found) / Double(tested)
  }

  /// Whether the two articles' facts disagree: some group is present in both with no value in
  /// common.
  public static func vetoed(_ s: StorySketch, _ t: StorySketch) -> Bool {
    var i = 0
    var k = 0
    let (f, g) = (s.facts, t.facts)
    while i < f.count && k < g.count {
      let gf = f[i] >> 32
      let gg = g[k] >> 32
      if gf < gg {
        while i < f.count && f[i] >> 32 == gf { i += 1 }
      } else if gg < gf {
        while k < g.count && g[k] >> 32 == gg { k += 1 }
      } else {
        // The same group in both: it must share a value.
        var shared = false
        var x = i
        var y = k
        while x < f.count && f[x] >> 32 == gf && y < g.count && g[y] >> 32 == gf {
          if f[x] == g[y] {
            shared = true
            break
          }
          if f[x] < g[y] { x += 1 } else { y += 1 }
        }
        if !shared { return true }
        while i < f.count && f[i] >> 32 == gf { i += 1 }
        while k < g.count && g[k] >> 32 == gg { k += 1 }
      }
    }
    return false
  }
}
