import Foundation
import IndexFixtures
import Indexing
import Testing

@testable import Searching

/// `Searcher.timeline`: periods by day, ISO week, month and year, empty periods, undated
/// articles, shares, deleted documents, and the JSON and CSV shapes.
@Suite struct TimelineTests {
  typealias Article = LabelledArticle

  static let articles: [Article] = [
    Article(id: "a/1.html", title: "Fire in Halstead", body: "A barn fire.", date: "2023-12-31"),
    Article(id: "a/2.html", title: "Theft", body: "A bike was stolen.", date: "2024-01-01"),
    Article(id: "a/3.html", title: "Fire", body: "A shed fire.", date: "2024-02-26"),
    Article(id: "b/4.html", title: "Theft", body: "A van was stolen.", date: "2024-03-03"),
    Article(id: "b/5.html", title: "Fire", body: "A car fire.", date: "2024-05-15"),
    Article(id: "b/6.txt", title: "Fire", body: "A fire, no date."),
    Article(id: "b/7.txt", title: "Theft", body: "A theft, no date."),
  ]

  /// Two commits (two segments).
  static func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
    let path = try LabelledIndex.build(
      [Array(articles.prefix(3)), Array(articles.suffix(4))], prefix: "blotter-timeline")
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(Searcher(reader: try IndexReader.open(path: path)))
  }

  static func timeline(_ q: String, by: TimelineUnit) throws -> Timeline {
    try withSearcher { s in try s.timeline(try s.parse(q), query: q, by: by) }
  }

  @Test func monthsRunFromTheFirstToTheLastDatedArticleWithEmptyMonthsAtZero() throws {
    let t = try Self.timeline("fire", by: .month)
    #expect(t.periods.map(\.period) == [
      "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
    ])
    #expect(t.periods.map(\.matches) == [1, 0, 1, 0, 0, 1])
    #expect(t.periods.map(\.total) == [1, 1, 1, 1, 0, 1])
    // April holds no article: its share is 0, not a division by zero.
    #expect(t.periods.map(\.share) == [1, 0, 1, 0, 0, 1])
    #expect(t.undated == 1)
    #expect(t.undatedTotal == 2)
    #expect(t.matches == 4)
  }

  @Test func yearsAndShares() throws {
    let t = try Self.timeline("fire", by: .year)
    #expect(t.periods.map(\.period) == ["2023", "2024"])
    #expect(t.periods.map(\.matches) == [1, 2])
    #expect(t.periods.map(\.total) == [1, 4])
    #expect(t.periods[1].share == 0.5)
  }

  @Test func isoWeeksStartOnMondayAndTakeTheYearOfTheirThursday() throws {
    let t = try Self.timeline("theft OR fire", by: .week)
    // Sunday 2023-12-31 closes 2023-W52; Monday 2024-01-01 opens 2024-W01; 2024-05-15 is in W20.
    #expect(t.periods.first?.period == "2023-W52")
    #expect(t.periods.last?.period == "2024-W20")
    #expect(t.periods.count == 1 + 20)
    // Monday 2024-02-26 and Sunday 2024-03-03 are one week.
    let w9 = try #require(t.periods.first { $0.period == "2024-W09" })
    #expect(w9.matches == 2 && w9.total == 2)
    #expect(w9.days == Day.parse("2024-02-26")!...Day.parse("2024-03-03")!)
    #expect(t.periods.filter { $0.total > 0 }.map(\.period) == [
      "2023-W52", "2024-W01", "2024-W09", "2024-W20",
    ])
  }

  @Test func daysCoverEveryDayBetweenTheFirstAndLastArticle() throws {
    let t = try Self.timeline("fire", by: .day)
    #expect(t.periods.first?.period == "2023-12-31")
    #expect(t.periods.last?.period == "2024-05-15")
    #expect(t.periods.count == 137)
    #expect(t.periods.first { $0.period == "2024-02-29" }?.total == 0)
    #expect(t.periods.filter { $0.matches > 0 }.map(\.period) == [
      "2023-12-31", "2024-02-26", "2024-05-15",
    ])
  }

  @Test func aQueryWithoutMatchesKeepsTheIndexPeriods() throws {
    let t = try Self.timeline("burglary", by: .year)
    #expect(t.periods.map(\.period) == ["2023", "2024"])
    #expect(t.periods.map(\.matches) == [0, 0])
    #expect(t.undated == 0)
  }

  @Test func isoWeekNamesAtYearBoundaries() {
    func week(_ date: String) -> String {
      let p = TimelineCollector.periodIndex(Day.parse(date)!, .week)
      return TimelineCollector.name(ofPeriod: p, .week)
    }
    #expect(week("2024-12-30") == "2025-W01")  // a Monday in 2024, in 2025's first week
    #expect(week("2021-01-03") == "2020-W53")  // a Sunday in 2021, in 2020's last week
    #expect(week("2020-12-31") == "2020-W53")
    #expect(week("2026-01-01") == "2026-W01")  // a Thursday
    #expect(week("1970-01-01") == "1970-W01")
    #expect(week("1969-12-28") == "1969-W52")
    let p = TimelineCollector.periodIndex(Day.parse("2021-01-03")!, .week)
    #expect(
      TimelineCollector.days(ofPeriod: p, .week)
        == Day.parse("2020-12-28")!...Day.parse("2021-01-03")!)
    let m = TimelineCollector.periodIndex(Day.parse("2024-02-10")!, .month)
    #expect(
      TimelineCollector.days(ofPeriod: m, .month)
        == Day.parse("2024-02-01")!...Day.parse("2024-02-29")!)
  }

  @Test func deletedArticlesCountNeitherAsMatchesNorInTotals() throws {
    let path = try LabelledIndex.build([Self.articles], prefix: "blotter-timeline-del")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    let ref = try #require(w.fileTable.entries["b/5.html"]?.docs.first)
    w.fileTable.entries["b/5.html"] = nil
    w.delete(ref)
    try w.commit()
    let s = Searcher(reader: try IndexReader.open(path: path))
    let t = try s.timeline(try s.parse("fire"), query: "fire", by: .month)
    #expect(t.periods.last?.period == "2024-03")
    #expect(t.periods.map(\.matches) == [1, 0, 1, 0])
  }

  @Test func jsonShape() throws {
    let t = try Self.timeline("fire", by: .year)
    let json = JSONShapes.timeline(t)
    #expect(
      json
        == #"{"query":"fire","by":"year","periods":[{"period":"2023","matches":1,"total":1,"#
        + #""share":1.0},{"period":"2024","matches":2,"total":4,"share":0.5}],"undated":1}"#)
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(parsed?["undated"] as? Int == 1)
  }

  @Test func csvShape() throws {
    let t = try Self.timeline("fire", by: .year)
    #expect(
      JSONShapes.timelineCSV(t)
        == "period,matches,total,share\r\n2023,1,1,1.0\r\n2024,2,4,0.5\r\nundated,1,2,0.5\r\n")
  }
}
