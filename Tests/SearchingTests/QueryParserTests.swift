import Indexing
import Testing

@testable import Searching

@Suite struct QueryParserTests {
  let p = QueryParser()

  @Test func termsAreAndedByDefault() throws {
    #expect(try p.parse("halstead cannabis") == .and([.term(field: nil, text: "halstead"), .term(field: nil, text: "cannabis")]))
  }

  @Test func booleansPhrasesGroupsAndPrefixes() throws {
    #expect(
      try p.parse("\"county lines\" OR (knife -crime) NOT drugs arrest*")
        == .or([
          .phrase(field: nil, text: "county lines"),
          .and([
            .and([.term(field: nil, text: "knife"), .not(.term(field: nil, text: "crime"))]),
            .not(.term(field: nil, text: "drugs")),
            .prefix(field: nil, text: "arrest"),
          ]),
        ]))
    #expect(try p.parse("a AND b") == .and([.term(field: nil, text: "a"), .term(field: nil, text: "b")]))
  }

  @Test func fieldsAndEntityFields() throws {
    #expect(try p.parse("title:raid") == .term(field: .title, text: "raid"))
    #expect(try p.parse("source:\"Bedford Clarion\"") == .phrase(field: .source, text: "Bedford Clarion"))
    #expect(try p.parse("unit:ROCU") == .entity(kind: .unit, text: "ROCU", exact: false))
    #expect(try p.parse("officer:\"DCI Miller\"") == .entity(kind: .officer, text: "DCI Miller", exact: true))
    #expect(try p.parse("title:(raid OR arrest)") == .or([.term(field: .title, text: "raid"), .term(field: .title, text: "arrest")]))
    // Unknown field names are plain text.
    #expect(try p.parse("http://x") == .term(field: nil, text: "http://x"))
  }

  @Test func dates() throws {
    let y2019 = try p.parse("date:2019")
    #expect(y2019 == .dateRange(from: Day.parse("2019-01-01"), to: Day.parse("2019-12-31")))
    #expect(try p.parse("date:2024-02") == .dateRange(from: Day.parse("2024-02-01"), to: Day.parse("2024-02-29")))
    #expect(try p.parse("date:2019..2022") == .dateRange(from: Day.parse("2019-01-01"), to: Day.parse("2022-12-31")))
    #expect(
      try p.parse("date:2022-03-01..2022-03-31") == .dateRange(from: Day.parse("2022-03-01"), to: Day.parse("2022-03-31")))
    #expect(try p.parse("date:2020..") == .dateRange(from: Day.parse("2020-01-01"), to: nil))
  }

  @Test func figures() throws {
    #expect(try p.parse("figure:arrests>400") == .figure(noun: "arrests", op: .gt, value: 400))
    #expect(try p.parse("figure:years>=1000") == .figure(noun: "years", op: .ge, value: 1000))
    #expect(try p.parse("figure:£>5.8m") == .figure(noun: "£", op: .gt, value: 5_800_000))
    #expect(try p.parse("figure:%>70") == .figure(noun: "%", op: .gt, value: 70))
    #expect(try p.parse("figure:firearms") == .entity(kind: .figure, text: "firearms", exact: false))
  }

  @Test(arguments: [
    ("", 1, "empty query"),
    ("\"county lines", 1, "never closed"),
    ("(knife crime", 1, "never closed"),
    ("knife crime)", 12, "unmatched ')'"),
    ("knife OR", 7, "OR needs"),
    ("OR knife", 1, "OR needs"),
    ("date:2019-13", 11, "month 13"),
    ("date:20x9", 6, "not a date"),
    ("date:2022..2019", 6, "ends before"),
    ("figure:arrests>lots", 16, "not a number"),
    ("title:", 7, "needs a value"),
    ("knife NOT", 7, "NOT needs"),
    ("*", 1, "prefix needs"),
  ])
  func malformedQueriesPointAtTheColumn(query: String, column: Int, message: String) {
    do {
      _ = try p.parse(query)
      Issue.record("\(query) parsed")
    } catch {
      #expect(error.column == column, "\(query): \(error)")
      #expect(error.message.contains(message), "\(query): \(error)")
    }
  }
}
