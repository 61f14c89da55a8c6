import Analysis

/// Picks the passage of a document that best shows why it matched, and marks the matched words.
public enum Snippets {
  /// A snippet of `text`, when the index already told which positions matched (`hits`: position
  /// → term): the text is only split into words, not folded or stemmed.
  /// - Parameters:
  ///   - marks: byte ranges to highlight as well (entity mentions); the window centres on them.
  public static func make(
    text: String, hits: [Int32: String], marks: [Range<Int>] = [], analyzer: Analyzer,
    highlight: Highlight,
    maxWords: Int = 30
  ) -> String {
    let spans = analyzer.spans(text)
    if spans.isEmpty { return "" }
    var positions: [(start: Int, end: Int, hit: String?)] = []
    positions.reserveCapacity(spans.count)
    for s in spans { positions.append((Int(s.start), Int(s.end), nil)) }
    // The matched positions are few: set them, rather than look every position up.
    for (p, term) in hits where p >= 0 && Int(p) < positions.count {
      positions[Int(p)].hit = term
    }
    return window(
      text: text, positions: &positions, marks: marks, highlight: highlight, maxWords: maxWords)
  }

  static func window(
    text: String, positions: inout [(start: Int, end: Int, hit: String?)], marks: [Range<Int>],
    highlight: Highlight, maxWords: Int
  ) -> String {
    let utf8 = Array(text.utf8)
    let marked = "\u{1}mention"
    if !marks.isEmpty {
      var steps = 0
      let inMark = markedPositions(starts: positions.lazy.map(\.start), marks: marks, steps: &steps)
      for k in positions.indices where positions[k].hit == nil && inMark[k] {
        positions[k].hit = marked
      }
    }
    let terms = positions.contains { $0.hit != nil }
    // Best window: most distinct matched terms, then most matches, earliest.
    var bestStart = 0
    var bestScore = (-1, -1)
    if terms {
      var counts: [String: Int] = [:]
      var hits = 0
      var lo = 0
      for hi in 0..<positions.count {
        if let h = positions[hi].hit {
          counts[h, default: 0] += 1
          hits += 1
        }
        if hi - lo + 1 > maxWords {
          if let h = positions[lo].hit {
            counts[h]! -= 1
            if counts[h] == 0 { counts[h] = nil }
            hits -= 1
          }
          lo += 1
        }
        let score = (counts.count, hits)
        if score > bestScore {
          bestScore = score
          bestStart = lo
        }
      }
      // Start a few words before the first match so it has context, keeping the last one in.
      let window = bestStart..<min(positions.count, bestStart + maxWords)
      if let firstHit = window.first(where: { positions[$0].hit != nil }),
        let lastHit = window.last(where: { positions[$0].hit != nil })
      {
        bestStart = max(0, max(firstHit - 4, lastHit - maxWords + 1))
      }
    }
    let endIndex = min(positions.count, bestStart + maxWords) - 1
    let from = bestStart == 0 ? 0 : positions[bestStart].start
    let to = endIndex == positions.count - 1 ? utf8.count : positions[endIndex].end
    var out = bestStart == 0 ? "" : "…"
    // Highlighted spans, neighbours joined across a space, hyphen, slash or apostrophe
    // ("Det Supt Alcock", "T/DCI").
    var spans: [(Int, Int)] = []
    for k in bestStart...endIndex where positions[k].hit != nil {
      let p = positions[k]
      if let last = spans.last, p.start - last.1 <= 3,
        utf8[last.1..<p.start].allSatisfy({ $0 == 0x20 || $0 == 0x2D || $0 == 0x2F || $0 == 0x27 })
      {
        spans[spans.count - 1].1 = p.end
      } else {
        spans.append((p.start, p.end))
      }
    }
    var cursor = from
    for (a, b) in spans {
      out += clean(utf8[cursor..<a])
      out += highlight.open + String(decoding: utf8[a..<b], as: UTF8.self) + highlight.close
      cursor = b
    }
    out += clean(utf8[cursor..<to])
    if to < utf8.count { out += "…" }
    return out
  }

  /// For each position start (ascending), whether some mark contains it: one sweep over the
  /// positions and the marks sorted by start, so a document with many mentions costs
  /// O((positions + marks) · log marks), not positions × marks.
  /// - Parameter steps: incremented once per position and once per mark visited (tests check
  ///   that it stays linear).
  static func markedPositions<S: Sequence<Int>>(starts: S, marks: [Range<Int>], steps: inout Int)
    -> [Bool]
  {
    let sorted = marks.sorted { $0.lowerBound < $1.lowerBound }
    var out: [Bool] = []
    out.reserveCapacity(starts.underestimatedCount)
    var next = 0
    // The furthest end of the marks that start at or before the current position.
    var reach = Int.min
    for start in starts {
      steps += 1
      while next < sorted.count && sorted[next].lowerBound <= start {
        reach = max(reach, sorted[next].upperBound)
        next += 1
        steps += 1
      }
      out.append(start < reach)
    }
    return out
  }

  /// Text with newlines and runs of spaces made single spaces.
  static func clean(_ bytes: ArraySlice<UInt8>) -> String {
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
