import Indexing
import Testing

@testable import Searching

@Suite struct QueryParserTests {
  let p = QueryParser()

  @Test func termsAreAndedByDefault() throws {
    #expect(
      try p.parse("halstead cannabis")
        == .and([.term(field: nil, text: "halstead"), .term(field: nil, text: "cannabis")]))
  }

  @Test func booleansPhrasesGroupsAndPrefixes() throws {
    #expect(
      try p.parse("\"county lines\" OR (knife -crime) NOT drugs arrest*")
        == .and([
          .or([
            .phrase(field: nil, text: "county lines"),
            .and([.term(field: nil, text: "knife"), .not(.term(field: nil, text: "crime"))]),
          ]),
          .not(.term(field: nil, text: "drugs")),
          .prefix(field: nil, text: "arrest"),
        ]))
    #expect(
      try p.parse("a AND b") == .and([.term(field: nil, text: "a"), .term(field: nil, text: "b")]))
  }

  static func t(_ s: String) -> QueryNode { .term(field: nil, text: s) }

  /// OR binds tighter than AND, written or implied, as in web search.
  @Test func orBindsTighterThanAnd() throws {
    let t = Self.t
    #expect(
      try p.parse("place:Kent knife OR machete")
        == .and([
          .entity(kind: .place, text: "Kent", exact: false), .or([t("knife"), t("machete")]),
        ]))
    #expect(try p.parse("a b OR c") == .and([t("a"), .or([t("b"), t("c")])]))
    #expect(try p.parse("a AND b OR c") == .and([t("a"), .or([t("b"), t("c")])]))
    #expect(try p.parse("a OR b c OR d") == .and([.or([t("a"), t("b")]), .or([t("c"), t("d")])]))
    #expect(try p.parse("(a b) OR c") == .or([.and([t("a"), t("b")]), t("c")]))
    #expect(try p.parse("NOT a OR b") == .or([.not(t("a")), t("b")]))
    #expect(try p.parse("a OR -b") == .or([t("a"), .not(t("b"))]))
  }

  /// Words with no letters or digits are dropped: ignored in an AND, nothing in an OR; a query
  /// left with nothing is an error naming the column.
  @Test func partsWithNothingSearchable() throws {
    let t = Self.t
    #expect(try p.parse("!!! OR court") == t("court"))
    #expect(try p.parse("court OR #") == t("court"))
    #expect(try p.parse("court !!!") == t("court"))
    #expect(try p.parse("court -!!!") == t("court"))
    #expect(try p.parse("court (!!! OR …)") == t("court"))
    #expect(try p.parse("title:(!!! OR raid)") == .term(field: .title, text: "raid"))
    // Figure nouns are symbols, not words: they stay.
    #expect(try p.parse("figure:£>5") == .figure(noun: "£", op: .gt, value: 5))
    #expect(
      try p.parse("figure:(% OR firearms)")
        == .or([
          .entity(kind: .figure, text: "%", exact: false),
          .entity(kind: .figure, text: "firearms", exact: false),
        ]))
  }

  @Test(arguments: [
    ("!!!", 1), ("#", 1), ("…", 1), ("title:!!!", 7), ("\u{0}", 1), ("NOT !!!", 5),
    ("!!! OR ##", 1),
    ("place:!!!", 7), ("\"!! ??\"", 1), ("(… OR ¿)", 2),
  ])
  func queriesWithNothingSearchableAreRefused(query: String, column: Int) {
    #expect(throws: QueryError.self, "\(query)") { try p.parse(query) }
    do {
      _ = try p.parse(query)
    } catch {
      #expect(error.message.contains("no searchable words"), "\(query): \(error)")
      #expect(error.column == column, "\(query): \(error)")
    }
  }

  /// The analyzer keeps no token over 64 bytes, so such a word could never match: say so.
  @Test func wordsLongerThanTheIndexKeepsAreRefused() throws {
    let long = String(repeating: "a", count: 65)
    for q in [long, "court \(long)", "court OR \(long)", "title:\(long)", "\(long)*"] {
      do {
        _ = try p.parse(q)
        Issue.record("\(q.prefix(20)) parsed")
      } catch {
        #expect(error.message.contains("longer than 64 bytes"), "\(error)")
      }
    }
    #expect(
      try p.parse(String(repeating: "a", count: 64)) == Self.t(String(repeating: "a", count: 64)))
  }

  /// `letters:value` must name a field; other colons are text.
  @Test func unknownFieldsAreRefusedWithTheKnownOnes() throws {
    do {
      _ = try p.parse("knife palce:Essex")
      Issue.record("palce: parsed")
    } catch {
      #expect(error.column == 7)
      #expect(error.message.contains("unknown field 'palce:'"))
      #expect(error.message.contains("did you mean place:?"))
      for f in [
        "title:", "body:", "source:", "byline:", "date:", "unit:", "place:", "officer:", "figure:",
      ] {
        #expect(error.message.contains(f), "\(f)")
      }
    }
    #expect(try p.parse("10:30") == Self.t("10:30"))
    #expect(try p.parse("https://police.uk/x") == Self.t("https://police.uk/x"))
    #expect(try p.parse("Update: raid") == .and([Self.t("Update:"), Self.t("raid")]))
    #expect(try p.parse("(raid Update:)") == .and([Self.t("raid"), Self.t("Update:")]))
    #expect(throws: QueryError.self) { try p.parse("palce:\"Canvey Island\"") }
    #expect(throws: QueryError.self) { try p.parse("palce:(Essex OR Kent)") }
    #expect(try p.parse("PLACE:Essex") == .entity(kind: .place, text: "Essex", exact: false))
    #expect(QueryFields.closest(to: "ofifcer")?.name == "officer")
    #expect(QueryFields.closest(to: "zzzzzz") == nil)
  }

  /// A query holds at most `maxTerms` words and filters.
  @Test func wideQueriesAreBounded() throws {
    let ok = (0..<QueryParser.maxTerms).map { "w\($0)" }.joined(separator: " OR ")
    guard case .or(let parts) = try p.parse(ok) else {
      Issue.record("not an OR")
      return
    }
    #expect(parts.count == QueryParser.maxTerms)
    let words = (0...QueryParser.maxTerms).map { "w\($0)" }
    do {
      _ = try p.parse(words.joined(separator: " "))
      Issue.record("\(words.count) words parsed")
    } catch {
      #expect(error.message.contains("more than \(QueryParser.maxTerms)"))
      #expect(error.column == words.dropLast().joined(separator: " ").count + 2)
    }
  }

  /// Nesting is bounded: 20,000 levels of parentheses or NOTs are an error, not a crash.
  @Test func deepNestingIsRefusedWithTheColumn() throws {
    let deep =
      String(repeating: "(", count: 20_000) + "court" + String(repeating: ")", count: 20_000)
    #expect(throws: QueryError.self) { try p.parse(deep) }
    do { _ = try p.parse(deep) } catch { #expect(error.column == QueryParser.maxDepth + 1) }
    let nots = String(repeating: "NOT ", count: 20_000) + "court"
    do {
      _ = try p.parse(nots)
      Issue.record("NOT × 20,000 parsed")
    } catch {
      #expect(error.column == QueryParser.maxDepth * 4 + 1)
      #expect(error.message.contains("deep"))
    }
    let minus =
      String(repeating: "-(", count: 20_000) + "court" + String(repeating: ")", count: 20_000)
    #expect(throws: QueryError.self) { try p.parse(minus) }
    // As deep as allowed still parses.
    let ok =
      String(repeating: "(", count: QueryParser.maxDepth) + "court"
      + String(repeating: ")", count: QueryParser.maxDepth)
    #expect(try p.parse(ok) == Self.t("court"))
  }

  @Test func fieldsAndEntityFields() throws {
    #expect(try p.parse("title:raid") == .term(field: .title, text: "raid"))
    #expect(
      try p.parse("source:\"Bedford Clarion\"") == .phrase(field: .source, text: "Bedford Clarion"))
    #expect(try p.parse("unit:ROCU") == .entity(kind: .unit, text: "ROCU", exact: false))
    #expect(
      try p.parse("officer:\"DCI Miller\"")
        == .entity(kind: .officer, text: "DCI Miller", exact: true))
    #expect(
      try p.parse("title:(raid OR arrest)")
        == .or([.term(field: .title, text: "raid"), .term(field: .title, text: "arrest")]))
    // A URL is plain text.
    #expect(try p.parse("http://x") == .term(field: nil, text: "http://x"))
    #expect(throws: QueryError.self) { try p.parse("title:(body:raid)") }
  }

  @Test func dates() throws {
    let y2019 = try p.parse("date:2019")
    #expect(y2019 == .dateRange(from: Day.parse("2019-01-01"), to: Day.parse("2019-12-31")))
    #expect(
      try p.parse("date:2024-02")
        == .dateRange(from: Day.parse("2024-02-01"), to: Day.parse("2024-02-29")))
    #expect(
      try p.parse("date:2019..2022")
        == .dateRange(from: Day.parse("2019-01-01"), to: Day.parse("2022-12-31")))
    #expect(
      try p.parse("date:2022-03-01..2022-03-31")
        == .dateRange(from: Day.parse("2022-03-01"), to: Day.parse("2022-03-31")))
    #expect(try p.parse("date:2020..") == .dateRange(from: Day.parse("2020-01-01"), to: nil))
  }

  @Test func figures() throws {
    #expect(try p.parse("figure:arrests>400") == .figure(noun: "arrests", op: .gt, value: 400))
    #expect(try p.parse("figure:years>=1000") == .figure(noun: "years", op: .ge, value: 1000))
    #expect(try p.parse("figure:£>5.8m") == .figure(noun: "£", op: .gt, value: 5_800_000))
    #expect(try p.parse("figure:%>70") == .figure(noun: "%", op: .gt, value: 70))
    #expect(
      try p.parse("figure:firearms") == .entity(kind: .figure, text: "firearms", exact: false))
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
