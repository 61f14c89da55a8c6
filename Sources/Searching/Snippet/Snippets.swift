import Analysis

/// Picks the passage of a document that best shows why it matched, and marks the matched words.
public enum Snippets {
  /// A snippet of `text`, when the index already told which positions matched (`hits`: position
  /// → term): the text is only split into words, not folded or stemmed. Scans the whole text;
  /// `make(text:positions:hits:marks:analyzer:highlight:maxWords:)` scans only the snippet's
  /// window, given where the text's positions start.
  /// - Parameters:
  ///   - marks: byte ranges to highlight as well (entity mentions); the window centres on them.
  public static func make(
    text: String, hits: [Int32: String], marks: [Range<Int>] = [], analyzer: Analyzer,
    highlight: Highlight,
    maxWords: Int = 30
  ) -> String {
    make(
      text: text, positions: analyzer.textPositions(text),
      hits: hits.map { (position: $0.key, term: $0.value) }, marks: marks, analyzer: analyzer,
      highlight: highlight, maxWords: maxWords)
  }

  /// A snippet of `text` from the matched positions the index gave (`hits`, in any order; one
  /// term per position) and the positions' recorded starts (`positions`, stored with the text):
  /// the window is chosen from the matched positions alone, and only the window's words, and
  /// those around each mark, are cut from the text. The same snippet as a scan of the whole text.
  /// - Parameters:
  ///   - marks: byte ranges to highlight as well (entity mentions); the window centres on them.
  public static func make(
    text: String, positions: TextPositions, hits: [(position: Int32, term: String)],
    marks: [Range<Int>] = [], analyzer: Analyzer, highlight: Highlight, maxWords: Int = 30
  ) -> String {
    let count = positions.count
    if count == 0 || !positions.isWellFormed || maxWords < 1 { return "" }
    // Matched positions, ascending, one term each.
    var matched: [(position: Int, hit: String)] = []
    matched.reserveCapacity(hits.count)
    for h in hits where h.position >= 0 && Int(h.position) < count {
      matched.append((Int(h.position), h.term))
    }
    matched.sort { $0.position < $1.position }
    var unique = 0
    for k in matched.indices where unique == 0 || matched[k].position != matched[unique - 1].position {
      matched[unique] = matched[k]
      unique += 1
    }
    matched.removeLast(matched.count - unique)
    if !marks.isEmpty {
      let inMarks = markedPositions(
        text: text, positions: positions, marks: marks, analyzer: analyzer)
      if !inMarks.isEmpty {
        let marked = "\u{1}mention"
        var merged: [(position: Int, hit: String)] = []
        merged.reserveCapacity(matched.count + inMarks.count)
        var i = 0
        for p in inMarks {
          while i < matched.count && matched[i].position < p {
            merged.append(matched[i])
            i += 1
          }
          // A matched term wins over a mark at the same position.
          if i < matched.count && matched[i].position == p { continue }
          merged.append((p, marked))
        }
        merged.append(contentsOf: matched[i...])
        matched = merged
      }
    }

    // Best window: most distinct matched terms, then most matches, earliest. The score of the
    // window ending at a position only rises where that position matched, so the windows ending
    // at matched positions are the only ones to compare.
    var bestStart = 0
    if !matched.isEmpty {
      var bestScore = (0, 0)
      var counts: [String: Int] = [:]
      var inWindow = 0
      var lo = 0
      for hi in matched.indices {
        let end = matched[hi].position
        let start = max(0, end - maxWords + 1)
        counts[matched[hi].hit, default: 0] += 1
        inWindow += 1
        while matched[lo].position < start {
          let h = matched[lo].hit
          counts[h]! -= 1
          if counts[h] == 0 { counts[h] = nil }
          inWindow -= 1
          lo += 1
        }
        let score = (counts.count, inWindow)
        if score > bestScore {
          bestScore = score
          bestStart = start
        }
      }
      // Start a few words before the first match so it has context, keeping the last one in.
      let windowEnd = min(count, bestStart + maxWords)
      if let firstHit = matched.first(where: { $0.position >= bestStart && $0.position < windowEnd }),
        let lastHit = matched.last(where: { $0.position >= bestStart && $0.position < windowEnd })
      {
        bestStart = max(0, max(firstHit.position - 4, lastHit.position - maxWords + 1))
      }
    }
    let spans = analyzer.spans(
      text, positions: positions, from: bestStart, count: min(count, bestStart + maxWords) - bestStart)
    if spans.isEmpty { return "" }
    let endIndex = bestStart + spans.count - 1
    var text = text
    return text.withUTF8 { utf8 in
      let from = bestStart == 0 ? 0 : Int(spans[0].start)
      let to = endIndex == count - 1 ? utf8.count : Int(spans[spans.count - 1].end)
      var out = bestStart == 0 ? "" : "…"
      // Highlighted spans, neighbours joined across a space, hyphen, slash or apostrophe
      // ("Det Supt Alcock", "T/DCI").
      var marked: [(Int, Int)] = []
      var m = matched.firstIndex { $0.position >= bestStart } ?? matched.count
      while m < matched.count && matched[m].position <= endIndex {
        let p = spans[matched[m].position - bestStart]
        let (a, b) = (Int(p.start), Int(p.end))
        if let last = marked.last, a - last.1 <= 3,
          utf8[last.1..<a].allSatisfy({ $0 == 0x20 || $0 == 0x2D || $0 == 0x2F || $0 == 0x27 })
        {
          marked[marked.count - 1].1 = b
        } else {
          marked.append((a, b))
        }
        m += 1
      }
      var cursor = from
      for (a, b) in marked {
        out += clean(utf8[cursor..<a])
        out += highlight.open + String(decoding: utf8[a..<b], as: UTF8.self) + highlight.close
        cursor = b
      }
      out += clean(utf8[cursor..<to])
      if to < utf8.count { out += "…" }
      return out
    }
  }

  /// The positions (ascending) whose start lies inside one of `marks`: only the positions
  /// between the recorded starts around each mark are cut from the text, and one sweep over
  /// them and the marks sorted by start decides (`markedPositions(starts:marks:steps:)`).
  static func markedPositions(
    text: String, positions: TextPositions, marks: [Range<Int>], analyzer: Analyzer
  ) -> [Int] {
    var sweep = MarkSweep(marks)
    // Position ranges to cut: from the recorded start at or before a mark's first byte to the
    // first recorded start at or after its end; overlapping ranges are cut once.
    var ranges: [Range<Int>] = []
    for m in sweep.sorted {
      let lo = positions.checkpoint(atOrBefore: m.lowerBound) * positions.stride
      let hi = min(positions.count, positions.checkpoint(atOrAfter: m.upperBound) * positions.stride)
      guard lo < hi else { continue }
      if let last = ranges.last, lo <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, hi)
      } else {
        ranges.append(lo..<hi)
      }
    }
    var out: [Int] = []
    for r in ranges {
      let spans = analyzer.spans(text, positions: positions, from: r.lowerBound, count: r.count)
      for (k, span) in spans.enumerated() {
        if sweep.contains(Int(span.start)) { out.append(r.lowerBound + k) }
      }
    }
    return out
  }

  /// For each position start (ascending), whether some mark contains it: one sweep over the
  /// positions and the marks sorted by start (`MarkSweep`), so a document with many mentions
  /// costs O((positions + marks) · log marks), not positions × marks.
  /// - Parameter steps: incremented once per position and once per mark visited (tests check
  ///   that it stays linear).
  static func markedPositions<S: Sequence<Int>>(starts: S, marks: [Range<Int>], steps: inout Int)
    -> [Bool]
  {
    var sweep = MarkSweep(marks)
    var out: [Bool] = []
    out.reserveCapacity(starts.underestimatedCount)
    for start in starts { out.append(sweep.contains(start)) }
    steps += sweep.steps
    return out
  }

  /// Whether ascending byte offsets lie inside some of a set of marks, in one pass over both.
  struct MarkSweep {
    /// Non-empty marks by start.
    let sorted: [Range<Int>]
    private var next = 0
    /// The furthest end of the marks that start at or before the last offset asked about.
    private var reach = Int.min
    /// One per offset asked about and one per mark passed (tests check that it stays linear).
    private(set) var steps = 0

    init(_ marks: [Range<Int>]) {
      sorted = marks.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Whether a mark holds `start`; each call's `start` is at least the last one's.
    mutating func contains(_ start: Int) -> Bool {
      steps += 1
      while next < sorted.count && sorted[next].lowerBound <= start {
        reach = max(reach, sorted[next].upperBound)
        next += 1
        steps += 1
      }
      return start < reach
    }
  }

  /// Text with newlines and runs of spaces made single spaces.
  static func clean<C: Collection<UInt8>>(_ bytes: C) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var space = false
    for b in bytes {
      if b == 0x0A || b == 0x0D || b == 0x09 || b == 0x20 {
        if !space { out.append(0x20) }
        space = true
      } else {
        out.append(b)
        space = false
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
