import Analysis
import Foundation
import IndexFixtures
import Indexing
import Testing

@testable import Searching

/// The collectors (facets, mention contexts), hit explanation, paging and date order, over a
/// small index whose entity mentions are written by hand (no recogniser involved).
@Suite struct CollectorTests {
  typealias Article = LabelledArticle

  static let articles: [Article] = [
    Article(
      id: "gazette/halstead.html#1", title: "Halstead raid",
      body: "Officers from ROCU raided a house in Halstead. DCI Miller said ROCU would return.",
      date: "2024-03-05", source: "Halstead Gazette",
      entities: [
        (.unit, "ROCU", "ROCU"), (.place, "Halstead", "Halstead"),
        (.officer, "Miller", "DCI Miller"),
      ],
      aliases: ["ROCU": ["Regional Organised Crime Unit"], "Miller": ["DCI"]]),
    Article(
      id: "echo/basildon.html", title: "Arrests in Basildon",
      body: "Essex Police and ROCU made arrests in Basildon.\nNobody was hurt.",
      date: "2024-03-20", source: "Echo",
      entities: [
        (.unit, "ROCU", "ROCU"), (.force, "Essex Police", "Essex Police"),
        (.place, "Basildon", "Basildon"),
      ]),
    Article(
      id: "echo/colchester.html", title: "Man jailed", body: "A man was jailed in Colchester.",
      date: "2023-11-01", source: "Echo", entities: [(.place, "Colchester", "Colchester")]),
    Article(
      id: "dumps/undated.txt", title: "Café fire", body: "A fire in a café in Colchester.",
      date: nil, source: nil, entities: []),
  ]

  /// Two commits, so that collecting spans segments.
  static func build() throws -> String {
    try LabelledIndex.build(
      [Array(articles.prefix(2)), Array(articles.suffix(2))], prefix: "blotter-collect")
  }

  static func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
    let path = try build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(Searcher(reader: try IndexReader.open(path: path)))
  }

  @Test func facetsCountDocumentsAndMentionsOverTheWholeIndex() throws {
    let f = try Self.withSearcher { try $0.facets(.all, sourcesAndMonths: true) }
    #expect(f.documents == 4)
    #expect(f.top(.unit, limit: 10) == [.init(name: "ROCU", documents: 2, mentions: 3)])
    // Places: most documents first, then most mentions, then by name.
    #expect(
      f.top(.place, limit: 10).map(\.name) == ["Basildon", "Halstead", "Colchester"])
    #expect(f.top(.place, limit: 10)[1] == .init(name: "Halstead", documents: 1, mentions: 2))
    #expect(f.top(.place, limit: 10)[2] == .init(name: "Colchester", documents: 1, mentions: 1))
    #expect(f.top(.place, limit: 1).count == 1)
    #expect(f.top(.officer, limit: 10) == [.init(name: "Miller", documents: 1, mentions: 1)])
    #expect(f.topSources(limit: 10).map(\.name) == ["Echo", "Halstead Gazette"])
    #expect(f.topSources(limit: 10)[0].documents == 2)
    // The undated article is in no month.
    #expect(f.months.map(\.name) == ["2023-11", "2024-03"])
    #expect(f.months.map(\.documents) == [1, 2])
  }

  @Test func facetsFollowTheQueryAndTheKinds() throws {
    let f = try Self.withSearcher { s in try s.facets(try s.parse("place:Halstead"), kinds: [.unit]) }
    #expect(f.documents == 1)
    #expect(f.kinds == [.unit])
    #expect(f.top(.unit, limit: 10) == [.init(name: "ROCU", documents: 1, mentions: 2)])
    #expect(f.top(.place, limit: 10).isEmpty)
    // Sources and months are counted only when asked for.
    #expect(f.topSources(limit: 10).isEmpty && f.months.isEmpty)
  }

  @Test func monthsComeFromISODatesOnly() {
    #expect(FacetCollector.month("2024-03-05") == "2024-03")
    #expect(FacetCollector.month("2024-03") == "2024-03")
    #expect(FacetCollector.month("March 2024") == nil)
    #expect(FacetCollector.month("2024") == nil)
    #expect(FacetCollector.month(nil) == nil)
  }

  @Test func mentionsAreGroupedByDocumentWithTheirSentence() throws {
    let r = try Self.withSearcher { s in try s.mentions(try s.parse("unit:ROCU")) }
    let report = try #require(r)
    #expect(report.entities.count == 1)
    #expect(report.entities[0].kind == "unit")
    // Headed by the name the recogniser's tables give the unit, with the names it goes by.
    #expect(report.entities[0].name == "Regional Organised Crime Unit")
    #expect(report.entities[0].aliases.contains("ROCU"))
    #expect(report.entities[0].mentions == 3)
    #expect(report.entities[0].documents == 2)
    #expect(report.documents == 2)
    // Sorted by document id, then offset.
    #expect(
      report.mentions.map(\.doc) == [
        "echo/basildon.html", "gazette/halstead.html#1", "gazette/halstead.html#1",
      ])
    #expect(report.mentions[0].context == "Essex Police and ROCU made arrests in Basildon.")
    #expect(report.mentions[1].context == "Officers from ROCU raided a house in Halstead.")
    #expect(report.mentions[2].context == "DCI Miller said ROCU would return.")
    #expect(report.mentions[1].offset < report.mentions[2].offset)
    #expect(report.mentions.allSatisfy { $0.field == "body" && $0.text == "ROCU" })
  }

  @Test func mentionsHeadEachEntityOfTheQuery() throws {
    let r = try Self.withSearcher { s in try s.mentions(try s.parse("place:Halstead unit:ROCU")) }
    let report = try #require(r)
    #expect(report.entities.map(\.name) == ["Halstead", "Regional Organised Crime Unit"])
    // Halstead: once in the title (listed first), once in the body.
    let own = report.mentions.filter { $0.entity == 0 }
    #expect(own.map(\.field) == ["title", "body"])
    #expect(report.entities[0].mentions == 2 && report.entities[0].documents == 1)
    #expect(report.entities[1].mentions == 2)
  }

  @Test func aQueryWithoutEntitiesHasNoMentionReport() throws {
    let r = try Self.withSearcher { s in try s.mentions(try s.parse("raid")) }
    #expect(r == nil)
  }

  @Test func sentenceStopsAtSentenceEndsAndNeverCutsACharacter() {
    let text = "First one. The café in Colchester burned! Next"
    let start = Array(text.utf8).count - "Colchester burned! Next".utf8.count
    #expect(
      MentionCollector.sentence(around: start..<(start + 10), in: text)
        == "The café in Colchester burned!")
    // A long run without a sentence end is cut near 300 bytes, on a character boundary.
    let long = String(repeating: "é", count: 400) + " Halstead " + String(repeating: "é", count: 400)
    let at = 800 + 1
    let s = MentionCollector.sentence(around: at..<(at + 8), in: long)
    #expect(s.contains("Halstead"))
    #expect(s.utf8.count <= 8 + 2 * 302)
    #expect(!s.contains("\u{FFFD}"))
  }

  @Test func hitsExplainWhichEntitiesMatched() throws {
    let r = try Self.withSearcher { s in try s.search("unit:ROCU place:Halstead", limit: 10) }
    #expect(r.hits.map(\.id) == ["gazette/halstead.html#1"])
    let names = r.hits[0].entities.map { "\($0.kind.rawValue):\($0.canonical)" }
    #expect(names.sorted() == ["place:Halstead", "place:Halstead", "unit:ROCU", "unit:ROCU"])
    // The officer is in the document but not in the query: not listed.
    #expect(!names.contains("officer:Miller"))
  }

  @Test func pagingReturnsTheSameHitsAsOneLongList() throws {
    try Self.withSearcher { s in
      let all = try s.search("date:2000..2030", limit: 10).hits.map(\.id)
      #expect(all.count == 3)
      for offset in 0...3 {
        let page = try s.search("date:2000..2030", limit: 1, offset: offset)
        #expect(page.total == 3)
        #expect(page.hits.map(\.id) == Array(all.dropFirst(offset).prefix(1)))
      }
      #expect(try s.search("date:2000..2030", limit: 10, offset: 10).hits.isEmpty)
    }
  }

  @Test func dateOrderPutsTheNewestFirstAndUndatedLast() throws {
    try Self.withSearcher { s in
      let byDate = try s.search("colchester OR basildon OR halstead", limit: 10, order: .date)
      #expect(
        byDate.hits.map(\.id) == [
          "echo/basildon.html", "gazette/halstead.html#1", "echo/colchester.html",
          "dumps/undated.txt",
        ])
      // Paging by date: the second page starts where the first ended.
      let second = try s.search(
        "colchester OR basildon OR halstead", limit: 2, offset: 2, order: .date)
      #expect(second.hits.map(\.id) == ["echo/colchester.html", "dumps/undated.txt"])
    }
  }

  @Test func jsonShapesParseAndCarryTheCounts() throws {
    let (facets, report) = try Self.withSearcher { s in
      (try s.facets(.all), try s.mentions(try s.parse("unit:ROCU"))!)
    }
    let e = try JSONSerialization.jsonObject(
      with: Data(JSONShapes.entities(facets, query: nil, top: 1).utf8)) as! [String: Any]
    #expect(e["documents"] as? Int == 4)
    let kinds = e["entities"] as! [String: [[String: Any]]]
    #expect(Set(kinds.keys) == Set(EntityKind.allCases.map(\.rawValue)))
    #expect(kinds["place"]?.count == 1)
    #expect(kinds["unit"]?.first?["name"] as? String == "ROCU")
    let m = try JSONSerialization.jsonObject(with: Data(JSONShapes.mentions(report).utf8))
      as! [String: Any]
    #expect((m["entity"] as? [String: Any])?["name"] as? String == "Regional Organised Crime Unit")
    #expect((m["mentions"] as? [[String: Any]])?.count == 3)
  }
}
