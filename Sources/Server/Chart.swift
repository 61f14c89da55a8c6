import Indexing
import Searching

/// The search page's timeline chart: an SVG drawn by the server (no script), inserted raw, so
/// every text in it is escaped here. Accessible: `role="img"` with a `<title>` and a `<desc>`
/// that says what the chart shows, and each bar a link (to the query narrowed to its period)
/// labelled with its period, its count and its share.
enum Chart {
  /// Bars the chart draws at most: a month timeline longer than this is drawn by year.
  static let maxBars = 120
  static let width = 560
  static let height = 160
  /// Room below the bars for the first and last period's names, and above for the maximum.
  static let axis = 18
  static let top = 14

  /// The unit the page draws `periods` months in: months, or years when there are too many.
  static func unit(forMonths periods: Int) -> TimelineUnit {
    periods > maxBars ? .year : .month
  }

  /// The SVG of `t`, or nil when the index holds no dated article.
  static func svg(_ t: Timeline, sort: HitOrder) -> String? {
    guard let first = t.periods.first, let last = t.periods.last else { return nil }
    let query = t.query ?? ""
    let most = max(1, t.periods.map(\.matches).max() ?? 0)
    let n = t.periods.count
    let slot = Double(width) / Double(n)
    let barWidth = max(1, slot * 0.8)
    let plot = Double(height - axis - top)
    let dated = t.periods.reduce(0) { $0 + $1.matches }
    let busiest = t.periods.max { ($0.matches, $1.period) < ($1.matches, $0.period) } ?? first
    func esc(_ s: String) -> String { HTML.escape(s) }
    func num(_ x: Double) -> String { String((x * 10).rounded() / 10) }
    func percent(_ p: Timeline.Period) -> String {
      let tenths = Int((p.share * 1000).rounded())
      return "\(tenths / 10).\(tenths % 10)%"
    }

    let title = "Articles matching \(query) per \(t.by.rawValue)"
    var desc =
      "\(dated) dated \(dated == 1 ? "article" : "articles") from \(first.period) to "
      + "\(last.period)"
    if busiest.matches > 0 {
      desc += "; most in \(busiest.period): \(busiest.matches) of \(busiest.total) (\(percent(busiest)))"
    }
    if t.undated > 0 { desc += "; \(t.undated) without a date" }
    desc += "."

    var s = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
    s += "viewBox=\"0 0 \(width) \(height)\" aria-labelledby=\"timeline-title timeline-desc\">"
    s += "<title id=\"timeline-title\">\(esc(title))</title>"
    s += "<desc id=\"timeline-desc\">\(esc(desc))</desc>"
    s += "<line class=\"axis\" x1=\"0\" y1=\"\(height - axis)\" x2=\"\(width)\" "
    s += "y2=\"\(height - axis)\"/>"
    for (i, p) in t.periods.enumerated() {
      let h = Double(p.matches) / Double(most) * plot
      let x = Double(i) * slot + (slot - barWidth) / 2
      let label =
        "\(p.period): \(p.matches) of \(p.total) \(p.total == 1 ? "article" : "articles")"
        + " (\(percent(p)))"
      let range = "date:\(Day.format(p.days.lowerBound))..\(Day.format(p.days.upperBound))"
      let link = Links.search(Links.narrow(query, range), sort: sort)
      s += "<a href=\"\(esc(link))\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
      // The full-height slot takes the pointer; the bar shows the count.
      s += "<rect class=\"slot\" x=\"\(num(Double(i) * slot))\" y=\"\(top)\" "
      s += "width=\"\(num(slot))\" height=\"\(Int(plot))\"/>"
      if p.matches > 0 {
        s += "<rect class=\"bar\" x=\"\(num(x))\" y=\"\(num(Double(height - axis) - h))\" "
        s += "width=\"\(num(barWidth))\" height=\"\(num(h))\"/>"
      }
      s += "</a>"
    }
    let baseline = height - 4
    s += "<text class=\"tick\" x=\"0\" y=\"\(baseline)\">\(esc(first.period))</text>"
    if n > 1 {
      s += "<text class=\"tick end\" x=\"\(width)\" y=\"\(baseline)\" text-anchor=\"end\">"
      s += "\(esc(last.period))</text>"
    }
    s += "<text class=\"tick\" x=\"0\" y=\"\(top - 3)\">"
    s += "\(most) \(most == 1 ? "article" : "articles")</text>"
    s += "</svg>"
    return s
  }
}
