import Foundation
import Hummingbird
import HummingbirdTesting
import Indexing
import Testing

@testable import Server

/// Every route of `blotter serve`, in process, over the fixture index.
@Suite struct RouteTests {
  struct Answer {
    var status: Int
    var body: String
    var contentType: String?
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
  }

  /// Runs `body` against a server over a new fixture index (removed afterwards).
  static func withServer(
    _ body: @Sendable (_ get: @Sendable (String) async throws -> Answer, _ path: String)
      async throws -> Void
  ) async throws {
    let path = try ServerFixture.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let app = try await BlotterServer.application(index: try IndexHandle(path: path))
    try await app.test(.router) { client in
      try await body(
        { uri in
          try await client.execute(uri: uri, method: .get) { r in
            Answer(
              status: Int(r.status.code),
              body: String(decoding: r.body.readableBytesView, as: UTF8.self),
              contentType: r.headers[.contentType])
          }
        }, path)
    }
  }

  // MARK: /api/search

  @Test func searchAnswersTheCLIShape() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/search?q=rocu")
      #expect(a.status == 200)
      #expect(a.contentType == "application/json; charset=utf-8")
      #expect(a.object["query"] as? String == "rocu")
      #expect(a.object["total"] as? Int == 2)
      let hits = a.object["hits"] as? [[String: Any]] ?? []
      #expect(Set(hits.compactMap { $0["doc"] as? String }) == [
        "halstead-gazette/2024/raid.html", "feeds/echo.rss#https://echo.example/a/1",
      ])
      #expect(hits.allSatisfy { ($0["snippet"] as? String)?.contains("**ROCU**") == true })
    }
  }

  @Test func searchReadsFormEncodingPagingAndSort() async throws {
    try await Self.withServer { get, _ in
      // '+' is a space, as a form sends it.
      let phrase = try await get("/api/search?q=%22made+arrests%22")
      #expect(phrase.object["query"] as? String == "\"made arrests\"")
      #expect(phrase.object["total"] as? Int == 1)
      let byDate = try await get("/api/search?q=date:2000..2030&sort=date")
      let ids = (byDate.object["hits"] as? [[String: Any]] ?? []).compactMap { $0["doc"] as? String }
      #expect(ids == [
        "feeds/echo.rss#https://echo.example/a/1", "halstead-gazette/2024/raid.html",
        "dumps/scraped.html",
      ])
      let page = try await get("/api/search?q=date:2000..2030&sort=date&limit=1&offset=1")
      #expect(page.object["total"] as? Int == 3)
      #expect((page.object["hits"] as? [[String: Any]])?.first?["doc"] as? String == ids[1])
      // Entity parts of the query are listed on the hit.
      let ent = try await get("/api/search?q=unit:ROCU+place:Halstead")
      let hit = (ent.object["hits"] as? [[String: Any]])?.first
      let entities = hit?["entities"] as? [[String: Any]] ?? []
      #expect(Set(entities.compactMap { $0["name"] as? String }) == ["ROCU", "Halstead"])
    }
  }

  @Test func aBadQueryIs400WithItsColumn() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/search?q=rocu+%22unclosed")
      #expect(a.status == 400)
      #expect(a.object["query"] as? String == "rocu \"unclosed")
      #expect(a.object["column"] as? Int == 6)
      #expect((a.object["error"] as? String)?.isEmpty == false)
    }
  }

  @Test(arguments: [
    "/api/search", "/api/search?q=", "/api/search?q=+++", "/api/search?q=x&limit=abc",
    "/api/search?q=x&limit=101", "/api/search?q=x&offset=-1", "/api/search?q=x&sort=newest",
    "/api/doc", "/api/mentions", "/api/mentions?q=raid", "/api/entities?kind=person",
    "/api/entities?top=0",
  ])
  func badParametersAre400WithAMessage(uri: String) async throws {
    try await Self.withServer { get, _ in
      let a = try await get(uri)
      #expect(a.status == 400, "\(uri)")
      #expect((a.object["error"] as? String)?.isEmpty == false, "\(uri): \(a.body)")
      #expect(!a.body.contains("Stack") && !a.body.contains(".swift"))
    }
  }

  // MARK: /api/doc

  @Test func docFindsIdsWithSlashesAndHashes() async throws {
    try await Self.withServer { get, _ in
      let id = "feeds/echo.rss#https://echo.example/a/1"
      let a = try await get("/api/doc?id=" + QueryString.encode(id))
      #expect(a.status == 200)
      #expect(a.object["doc"] as? String == id)
      #expect(a.object["path"] as? String == "feeds/echo.rss")
      #expect(a.object["title"] as? String == "Arrests in Basildon")
      #expect(a.object["byline"] is NSNull)
      let missing = try await get("/api/doc?id=feeds/echo.rss%23nope")
      #expect(missing.status == 404)
      #expect((missing.object["error"] as? String)?.contains("feeds/echo.rss#nope") == true)
    }
  }

  // MARK: /api/mentions, /api/entities, /api/stats

  @Test func mentionsGroupsEveryMention() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/mentions?q=unit:ROCU")
      #expect(a.status == 200)
      #expect(
        (a.object["entity"] as? [String: Any])?["name"] as? String
          == "Regional Organised Crime Unit")
      #expect(a.object["documents"] as? Int == 2)
      let mentions = a.object["mentions"] as? [[String: Any]] ?? []
      #expect(mentions.count == 3)
      #expect(mentions.contains { $0["context"] as? String == "DCI Miller said ROCU would return." })
      let bad = try await get("/api/mentions?q=unit:(")
      #expect(bad.status == 400)
      #expect(bad.object["column"] is Int)
    }
  }

  @Test func entitiesCountsByKind() async throws {
    try await Self.withServer { get, _ in
      let all = try await get("/api/entities")
      #expect(all.object["documents"] as? Int == 3)
      #expect(all.object["query"] is NSNull)
      let place = try await get("/api/entities?kind=place&q=echo")
      let kinds = place.object["entities"] as? [String: [[String: Any]]] ?? [:]
      #expect(Array(kinds.keys) == ["place"])
      // "echo" is in no title or body: nothing matches.
      #expect(place.object["documents"] as? Int == 0)
      let top = try await get("/api/entities?kind=unit&top=1")
      let units = (top.object["entities"] as? [String: [[String: Any]]])?["unit"] ?? []
      #expect(units.count == 1)
      #expect(units.first?["name"] as? String == "ROCU")
      #expect(units.first?["documents"] as? Int == 2)
      #expect(units.first?["mentions"] as? Int == 3)
    }
  }

  // MARK: /api/timeline

  @Test func timelineAnswersTheCLIShapeWithEmptyMonths() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/timeline?q=rocu")
      #expect(a.status == 200)
      #expect(a.contentType == "application/json; charset=utf-8")
      #expect(a.object["query"] as? String == "rocu")
      #expect(a.object["by"] as? String == "month")
      #expect(a.object["undated"] as? Int == 0)
      let periods = a.object["periods"] as? [[String: Any]] ?? []
      // From the index's first dated article (2023-11) to its last (2024-04).
      #expect(periods.compactMap { $0["period"] as? String } == [
        "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04",
      ])
      #expect(periods.compactMap { $0["matches"] as? Int } == [0, 0, 0, 0, 1, 1])
      #expect(periods.compactMap { $0["total"] as? Int } == [1, 0, 0, 0, 1, 1])
      #expect(periods.compactMap { ($0["share"] as? NSNumber)?.doubleValue } == [0, 0, 0, 0, 1, 1])
      let years = try await get("/api/timeline?q=colchester+OR+rocu&by=year")
      let y = years.object["periods"] as? [[String: Any]] ?? []
      #expect(y.compactMap { $0["period"] as? String } == ["2023", "2024"])
      #expect(y.compactMap { $0["matches"] as? Int } == [1, 2])
      let weeks = try await get("/api/timeline?q=rocu&by=week")
      let w = weeks.object["periods"] as? [[String: Any]] ?? []
      // Wednesday 2023-11-01 is in ISO week 44; Saturday 2024-04-20 in week 16.
      #expect(w.first?["period"] as? String == "2023-W44")
      #expect(w.last?["period"] as? String == "2024-W16")
    }
  }

  @Test func timelineRefusesABadPeriodOrQuery() async throws {
    try await Self.withServer { get, _ in
      let hour = try await get("/api/timeline?q=rocu&by=hour")
      #expect(hour.status == 400)
      #expect((hour.object["error"] as? String)?.contains("day, week, month or year") == true)
      let none = try await get("/api/timeline")
      #expect(none.status == 400)
      let bad = try await get("/api/timeline?q=%22unclosed")
      #expect(bad.status == 400)
      #expect(bad.object["column"] as? Int == 1)
    }
  }

  @Test func statsDescribesTheCommit() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/stats")
      #expect(a.status == 200)
      #expect(a.object["documents"] as? Int == 3)
      #expect(a.object["segments"] as? Int == 1)
      #expect((a.object["bytes"] as? Int ?? 0) > 0)
    }
  }

  @Test func unknownPathsAre404WithoutAStack() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/api/nothing")
      #expect(a.status == 404)
      #expect(!a.body.contains(".swift"))
    }
  }

  // MARK: Commits while serving

  @Test func aNewCommitIsPickedUpWithoutARestart() async throws {
    try await Self.withServer { get, path in
      #expect(try await get("/api/search?q=felixstowe").object["total"] as? Int == 0)
      let generation = try await get("/api/stats").object["generation"] as? Int
      try ServerFixture.add(
        [
          ServerFixture.Article(
            id: "echo/felixstowe.html", title: "Felixstowe seizure",
            body: "Border officers seized cocaine at Felixstowe.", date: "2024-05-01",
            source: "Echo", entities: [(.place, "Felixstowe", "Felixstowe")])
        ], to: path)
      let after = try await get("/api/search?q=felixstowe")
      #expect(after.object["total"] as? Int == 1)
      let stats = try await get("/api/stats").object
      #expect(stats["documents"] as? Int == 4)
      #expect(stats["generation"] as? Int != generation)
      // The facets of the old commit are not served from the cache.
      let places = try await get("/api/entities?kind=place").object["entities"]
      let names = ((places as? [String: [[String: Any]]])?["place"] ?? []).compactMap {
        $0["name"] as? String
      }
      #expect(names.contains("Felixstowe"))
    }
  }

  @Test func everyRequestIsAnsweredWhileCommitsLand() async throws {
    try await Self.withServer { get, path in
      // A writer commits eight times while requests run; each answer is a whole commit's.
      let writer = Task.detached {
        for k in 0..<8 {
          try ServerFixture.add(
            [
              ServerFixture.Article(
                id: "live/\(k).html", title: "Live \(k)", body: "Colchester live report \(k).",
                date: "2024-06-01", source: "Echo", entities: [])
            ], to: path)
        }
      }
      var totals: [Int] = []
      for _ in 0..<60 {
        let a = try await get("/api/search?q=colchester")
        #expect(a.status == 200)
        totals.append(a.object["total"] as? Int ?? -1)
      }
      try await writer.value
      // Colchester: the scraped page, then one more per commit.
      #expect(totals.allSatisfy { (1...9).contains($0) }, "\(totals)")
      #expect(totals == totals.sorted())
      #expect(try await get("/api/search?q=colchester").object["total"] as? Int == 9)
    }
  }

  // MARK: Pages

  @Test func theSearchPageShowsHitsFacetsAndPaging() async throws {
    try await Self.withServer { get, _ in
      let home = try await get("/")
      #expect(home.status == 200)
      #expect(home.contentType == "text/html; charset=utf-8")
      #expect(home.body.contains("<form class=\"search\""))
      #expect(home.body.contains("3 articles"))
      let a = try await get("/?q=rocu&limit=1")
      #expect(a.status == 200)
      #expect(a.body.contains("2 matches for <code>rocu</code>"))
      #expect(a.body.contains("<mark>ROCU</mark>"))
      // Facets narrow the query.
      #expect(a.body.contains("href=\"/?q=rocu%20place%3A%22Halstead%22\""))
      #expect(a.body.contains("href=\"/?q=rocu%20date%3A2024-03\""))
      #expect(a.body.contains("href=\"/?q=rocu%20source%3A%22Echo%22\""))
      // Paging: a next page, no previous one.
      #expect(a.body.contains("rel=\"next\" href=\"/?q=rocu&amp;offset=1\""))
      #expect(!a.body.contains("rel=\"prev\""))
    }
  }

  @Test func theSearchPageDrawsTheTimelineAsAnAccessibleSVG() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/?q=rocu")
      #expect(a.status == 200)
      #expect(a.body.contains("<svg class=\"timeline\""))
      #expect(a.body.contains("role=\"img\""))
      #expect(a.body.contains("<title id=\"timeline-title\">Articles matching rocu per month</title>"))
      #expect(
        a.body.contains(
          "<desc id=\"timeline-desc\">2 dated articles from 2023-11 to 2024-04; most in 2024-03: "
            + "1 of 1 (100.0%).</desc>"))
      // One labelled bar link per month, each narrowing the query to its month.
      #expect(a.body.components(separatedBy: "<rect class=\"slot\"").count == 7)
      #expect(a.body.components(separatedBy: "<rect class=\"bar\"").count == 3)
      #expect(a.body.contains("<title>2024-03: 1 of 1 article (100.0%)</title>"))
      #expect(a.body.contains("<title>2023-12: 0 of 0 articles (0.0%)</title>"))
      #expect(a.body.contains("href=\"/?q=rocu%20date%3A2024-03-01..2024-03-31\""))
      #expect(a.body.contains("<figcaption>Matches per month, of all articles</figcaption>"))
      // No query, no chart.
      let home = try await get("/")
      #expect(!home.body.contains("<svg"))
      // The query is escaped inside the SVG too.
      let hostile = try await get("/?q=colchester+%3Cb%3Ex%3C%2Fb%3E+OR+fire")
      #expect(hostile.body.contains("<svg class=\"timeline\""))
      #expect(!hostile.body.contains("<b>"))
      #expect(hostile.body.contains("Articles matching colchester &lt;b&gt;x&lt;/b&gt; OR fire"))
    }
  }

  @Test func scrapedMarkupShowsAsText() async throws {
    try await Self.withServer { get, _ in
      let page = try await get("/?q=colchester")
      #expect(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Colchester fire"))
      #expect(!page.body.contains("<script"))
      let doc = try await get("/doc?id=dumps/scraped.html")
      #expect(doc.status == 200)
      #expect(!doc.body.contains("<script"))
      #expect(!doc.body.contains("<img"))
      #expect(!doc.body.contains("<b>"))
      #expect(doc.body.contains("&lt;img src=x onerror=alert(1)&gt;"))
      // A javascript: URL is not made a link.
      #expect(!doc.body.contains("javascript:"))
      let mentions = try await get("/mentions?q=place:Colchester")
      #expect(!mentions.body.contains("<script") && !mentions.body.contains("<b>"))
      // No script may run even if something slipped through.
      #expect(page.body.contains("<link rel=\"stylesheet\""))
    }
  }

  @Test func theArticleMarksItsEntitiesWithLinksToTheirMentions() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/doc?id=halstead-gazette/2024/raid.html")
      #expect(a.status == 200)
      #expect(a.body.contains("<h1>Halstead raid</h1>"))
      #expect(
        a.body.contains(
          "<a class=\"ent ent-unit\" href=\"/mentions?q=unit%3A%22ROCU%22\" title=\"unit: ROCU\">ROCU</a>"
        ))
      #expect(a.body.contains(">DCI Miller</a>"))
      // One paragraph per line.
      #expect(a.body.contains("</p>\n<p>"))
      #expect(a.body.contains("href=\"https://example.org/raid\""))
      let missing = try await get("/doc?id=nope.html")
      #expect(missing.status == 404)
      #expect(missing.body.contains("no document nope.html"))
    }
  }

  @Test func theMentionsViewGroupsByArticle() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/mentions?q=unit%3A%22ROCU%22")
      #expect(a.status == 200)
      #expect(a.body.contains("3 mentions in 2 articles"))
      #expect(a.body.components(separatedBy: "<section class=\"group\">").count == 3)
      #expect(a.body.contains("DCI Miller said <mark>ROCU</mark> would return."))
      #expect(a.body.contains("href=\"/doc?id=feeds%2Fecho.rss%23https%3A%2F%2Fecho.example%2Fa%2F1\""))
    }
  }

  @Test func aBadQueryOnThePageIs400AndPointsAtTheColumn() async throws {
    try await Self.withServer { get, _ in
      let a = try await get("/?q=rocu+%22unclosed")
      #expect(a.status == 400)
      #expect(a.body.contains("class=\"error\""))
      #expect(a.body.contains("rocu &quot;unclosed\n     ^"))
    }
  }
}
