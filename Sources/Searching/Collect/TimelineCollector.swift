import Indexing

/// The length of a timeline's periods.
public enum TimelineUnit: String, Sendable, CaseIterable {
  /// `2024-03-05`
  case day
  /// ISO 8601 weeks, Monday to Sunday, named by the ISO year of their Thursday: `2024-W09`.
  case week
  /// `2024-03`
  case month
  /// `2024`
  case year
}

/// Attention over time: how many articles a query matches per period, beside how many articles
/// the index holds in that period (`blotter timeline`, `/api/timeline`, the search page's chart).
public struct Timeline: Sendable, Equatable {
  /// One period: its name, the matching articles, all articles, and their ratio.
  public struct Period: Sendable, Equatable {
    /// `2024-03-05`, `2024-W09`, `2024-03` or `2024`.
    public var period: String
    public var matches: Int
    public var total: Int
    /// `matches / total` (0 when the period holds no article).
    public var share: Double { total == 0 ? 0 : Double(matches) / Double(total) }
    /// The period's first and last day (days since 1970-01-01), for a `date:` range.
    public var days: ClosedRange<Int32>
  }

  public var query: String?
  public var by: TimelineUnit
  /// Every period from the first to the last that holds any live article of the index (dated),
  /// in order; a period without a match is there with 0 matches, so timelines of different
  /// queries over one index have the same periods.
  public var periods: [Period]
  /// Matching articles without a date (in no period).
  public var undated: Int
  /// Articles of the index without a date.
  public var undatedTotal: Int

  /// Matching articles in all: dated and undated.
  public var matches: Int { periods.reduce(undated) { $0 + $1.matches } }
}

/// Counts matching and all live documents per day from the date column of each segment
/// (`SegmentReader.day`, FORMAT.md's `<seg>.columns`), never from stored documents: it is not a
/// `DocumentCollector`, which decompresses every matching document. Days are then folded into
/// periods, so the calendar arithmetic runs once per distinct day, not once per document.
public struct TimelineCollector {
  public let by: TimelineUnit
  /// Documents per day, matching and all, indexed by day number.
  private var matchDays: [Int32: Int] = [:]
  private var totalDays: [Int32: Int] = [:]
  private var undatedMatches = 0
  private var undatedTotal = 0

  public init(by: TimelineUnit) { self.by = by }

  /// Counts every live document of `segment` in the totals, and `matching` (live document ids of
  /// that segment, ascending) in the matches.
  public mutating func collect(segment: SegmentReader, matching: [UInt32]) {
    var days: [Int32] = []
    days.reserveCapacity(segment.maxDoc)
    let hasDeletes = segment.info.deletes != nil
    for d in 0..<UInt32(segment.maxDoc) where !hasDeletes || !segment.isDeleted(d) {
      if let day = segment.day(d) { days.append(day) } else { undatedTotal += 1 }
    }
    Self.count(days, into: &totalDays)
    days.removeAll(keepingCapacity: true)
    for d in matching {
      if let day = segment.day(d) { days.append(day) } else { undatedMatches += 1 }
    }
    Self.count(days, into: &matchDays)
  }

  /// Counts stories instead of articles (`timeline --stories`): each story of `table` once, in
  /// the period of its origin (its earliest copy), in the totals, and each story with a copy in
  /// `matching` (per segment number of `table`, live document ids) in the matches. A story whose
  /// origin has no date is undated (all its copies are: undated copies sort last).
  public mutating func collectStories(_ table: StoryTable, matching: [[UInt32]]) {
    var days: [Int32] = []
    days.reserveCapacity(table.stories.count)
    for s in table.stories {
      if let day = table.documents[s.origin].day { days.append(day) } else { undatedTotal += 1 }
    }
    Self.count(days, into: &totalDays)
    var matched = [Bool](repeating: false, count: table.stories.count)
    for (si, ids) in matching.enumerated() {
      for d in ids {
        if let n = table.story(segment: si, doc: d) { matched[n] = true }
      }
    }
    days.removeAll(keepingCapacity: true)
    for (n, s) in table.stories.enumerated() where matched[n] {
      if let day = table.documents[s.origin].day { days.append(day) } else { undatedMatches += 1 }
    }
    Self.count(days, into: &matchDays)
  }

  /// Adds how often each day occurs in `days` to `counts`: through an array over the days'
  /// span (a dictionary update per document would cost more than everything else), or, for a
  /// span of more than 2^22 days (a broken date), directly.
  static func count(_ days: [Int32], into counts: inout [Int32: Int]) {
    guard let lo = days.min(), let hi = days.max() else { return }
    let span = Int(hi) - Int(lo) + 1
    guard span <= 1 << 22 else {
      for d in days { counts[d, default: 0] += 1 }
      return
    }
    var runs = [Int](repeating: 0, count: span)
    for d in days { runs[Int(d) - Int(lo)] += 1 }
    for (i, n) in runs.enumerated() where n > 0 { counts[lo + Int32(i), default: 0] += n }
  }

  /// The timeline: every period from the index's first dated period to its last.
  public func timeline(query: String?) -> Timeline {
    var totals: [Int: Int] = [:]
    var matches: [Int: Int] = [:]
    for (day, n) in totalDays { totals[Self.periodIndex(day, by), default: 0] += n }
    for (day, n) in matchDays { matches[Self.periodIndex(day, by), default: 0] += n }
    var periods: [Timeline.Period] = []
    if let first = totals.keys.min(), let last = totals.keys.max() {
      periods.reserveCapacity(last - first + 1)
      for p in first...last {
        periods.append(
          Timeline.Period(
            period: Self.name(ofPeriod: p, by), matches: matches[p] ?? 0, total: totals[p] ?? 0,
            days: Self.days(ofPeriod: p, by)))
      }
    }
    return Timeline(
      query: query, by: by, periods: periods, undated: undatedMatches, undatedTotal: undatedTotal)
  }

  // MARK: Calendar

  /// Consecutive periods get consecutive indexes: days since 1970-01-01; weeks since the week of
  /// 1970-01-01 (Monday 1969-12-29); months as year × 12 + month − 1; years.
  static func periodIndex(_ day: Int32, _ by: TimelineUnit) -> Int {
    let d = Int(day)
    switch by {
    case .day: return d
    case .week: return floorDiv(d + 3, 7)
    case .month:
      let c = civil(d)
      return c.year * 12 + c.month - 1
    case .year: return civil(d).year
    }
  }

  /// The name of period `p` (a `periodIndex`).
  static func name(ofPeriod p: Int, _ by: TimelineUnit) -> String {
    switch by {
    case .day: return Day.format(Int32(clamping: p))
    case .week:
      // The week's Thursday names its ISO year; its week number counts from that year's first.
      let thursday = p * 7 - 3 + 3
      let y = civil(thursday).year
      let jan1 = Int(Day.from(year: y, month: 1, day: 1) ?? 0)
      let week = (thursday - jan1) / 7 + 1
      return pad(y, 4) + "-W" + pad(week, 2)
    case .month:
      return pad(floorDiv(p, 12), 4) + "-" + pad(p - floorDiv(p, 12) * 12 + 1, 2)
    case .year: return pad(p, 4)
    }
  }

  /// The first and last day of period `p` (a `periodIndex`).
  static func days(ofPeriod p: Int, _ by: TimelineUnit) -> ClosedRange<Int32> {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int { Int(Day.from(year: y, month: m, day: d) ?? 0) }
    let (first, last): (Int, Int)
    switch by {
    case .day: (first, last) = (p, p)
    case .week: (first, last) = (p * 7 - 3, p * 7 + 3)
    case .month:
      let y = floorDiv(p, 12)
      let m = p - y * 12 + 1
      (first, last) = (day(y, m, 1), day(y, m, Day.daysIn(month: m, year: y)))
    case .year: (first, last) = (day(p, 1, 1), day(p, 12, 31))
    }
    return Int32(clamping: first)...Int32(clamping: last)
  }

  static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
  static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

  static func pad(_ v: Int, _ n: Int) -> String {
    let s = String(abs(v))
    return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, n - s.count)) + s
  }

  /// Year, month and day of a day number (Howard Hinnant's civil_from_days).
  static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}

extension Searcher {
  /// The timeline of `node` (`.all` for every document) by `by`.
  /// - Parameter stories: count stories (each in its origin's period) instead of articles; an
  ///   index written without stories counts each article as its own story.
  /// - Throws: `IndexError` for a damaged index.
  public func timeline(
    _ node: QueryNode, query: String?, by: TimelineUnit, stories: Bool = false
  ) throws -> Timeline {
    var c = TimelineCollector(by: by)
    if stories, let table = try self.stories() {
      c.collectStories(table, matching: try matchingDocuments(node))
      return c.timeline(query: query)
    }
    for (si, ids) in try matchingDocuments(node).enumerated() {
      c.collect(segment: reader.segments[si], matching: ids)
    }
    return c.timeline(query: query)
  }
}
