import Foundation
import Testing

/// The bundled corpus, indexed by the real binary: every story is found by its town, its officer
/// and its own phrase; no chrome word is indexed.
@Suite(.serialized) struct CorpusEndToEndTests {
  struct Facts: Decodable {
    struct Doc: Decodable {
      var id: String
      var title: String
      var date: String?
      var source: String?
      var byline: String?
      var towns: [String]
      var officers: [String]
      var units: [String]?
      var phrase: String
    }
    var documents: [Doc]
    var chrome_only_words: [String]
  }

  static let facts: Facts = {
    let url = CLI.repoRoot.appendingPathComponent("Tests/BlotterCLITests/Fixtures/corpus-facts.json")
    let data = (try? Data(contentsOf: url)) ?? Data("{\"documents\":[],\"chrome_only_words\":[]}".utf8)
    return (try? JSONDecoder().decode(Facts.self, from: data)) ?? Facts(documents: [], chrome_only_words: [])
  }()

  /// One index of corpus/ shared by the tests of this suite.
  static let index: URL = {
    let dir = CLI.tempDir("corpus-index")
    let r = try? CLI.run(["index", CLI.repoRoot.appendingPathComponent("corpus").path, "--index", dir.path, "--json"])
    precondition(r?.status == 0, "indexing corpus failed: \(r?.stderr ?? "no run")")
    return dir
  }()

  func search(_ q: String, limit: Int = 1000) throws -> (total: Int, ids: [String]) {
    let r = try CLI.run(["search", q, "--index", Self.index.path, "--json", "--limit", String(limit)])
    #expect(r.status == 0, "\(q): \(r.stderr)")
    let j = try r.json()
    let hits = (j["hits"] as? [[String: Any]]) ?? []
    return (j["total"] as? Int ?? -1, hits.compactMap { $0["doc"] as? String })
  }

  @Test func factsCoverTheCorpus() throws {
    #expect(Self.facts.documents.count >= 40)
    #expect(Self.facts.chrome_only_words.count >= 5)
    let r = try CLI.run(["stats", "--index", Self.index.path, "--json"])
    #expect(try r.json()["documents"] as? Int == Self.facts.documents.count)
  }

  @Test func indexingReportsEveryFileAndSkipsNone() throws {
    let dir = CLI.tempDir("fresh")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(["index", CLI.repoRoot.appendingPathComponent("corpus").path, "--index", dir.path, "--json"])
    #expect(r.status == 0)
    let j = try r.json()
    let paths = Set(Self.facts.documents.map { String($0.id.split(separator: "#")[0]) })
    #expect(j["added"] as? Int == paths.count)
    #expect((j["skipped"] as? [Any])?.isEmpty == true, "\(j["skipped"] ?? "")")
    #expect(j["documents"] as? Int == Self.facts.documents.count)
    for key in ["updated", "removed", "unchanged"] { #expect(j[key] as? Int == 0) }
    #expect(j["seconds"] is Double || j["seconds"] is Int)
  }

  @Test func everyStoryIsFoundByItsTownsOfficersAndPhrase() throws {
    for d in Self.facts.documents {
      for town in d.towns {
        #expect(try search("\"\(town)\"").ids.contains(d.id), "town \(town) → \(d.id)")
      }
      for officer in d.officers {
        #expect(try search(officer).ids.contains(d.id), "officer \(officer) → \(d.id)")
      }
      #expect(try search("\"\(d.phrase)\"").ids == [d.id], "phrase of \(d.id)")
    }
  }

  @Test func chromeWordsAreNotIndexed() throws {
    for w in Self.facts.chrome_only_words {
      let r = try search(w)
      #expect(r.total == 0, "chrome word \(w) found in \(r.ids)")
    }
  }

  @Test func storedMetadataMatchesThePage() throws {
    for d in Self.facts.documents {
      let r = try CLI.run(["show", d.id, "--index", Self.index.path, "--json"])
      #expect(r.status == 0, "\(d.id): \(r.stderr)")
      guard r.status == 0 else { continue }
      let j = try r.json()
      #expect(j["title"] as? String == d.title, "title of \(d.id)")
      #expect(j["date"] as? String == d.date, "date of \(d.id)")
      if let s = d.source { #expect(j["source"] as? String == s, "source of \(d.id)") }
      if let b = d.byline { #expect(j["byline"] as? String == b, "byline of \(d.id)") }
    }
  }

  @Test func dateQueriesSelectExactlyThatPeriod() throws {
    let dated = Self.facts.documents.filter { $0.date != nil }
    guard let year = dated.first?.date?.prefix(4) else { return }
    let expected = Set(dated.filter { $0.date!.hasPrefix(year) }.map(\.id))
    #expect(Set(try search("date:\(year)").ids) == expected)
    let month = String(dated[0].date!.prefix(7))
    #expect(Set(try search("date:\(month)").ids) == Set(dated.filter { $0.date!.hasPrefix(month) }.map(\.id)))
  }

  @Test func searchJSONHasTheContractFields() throws {
    guard let d = Self.facts.documents.first else { return }
    let r = try CLI.run(["search", "\"\(d.phrase)\"", "--index", Self.index.path, "--json"])
    let j = try r.json()
    #expect(j["query"] as? String == "\"\(d.phrase)\"")
    #expect(j["total"] as? Int == 1)
    let hit = try #require((j["hits"] as? [[String: Any]])?.first)
    for key in ["doc", "path", "title", "date", "source", "score", "snippet"] {
      #expect(hit.keys.contains(key), "hit has \(key)")
    }
    #expect(hit["path"] as? String == String(d.id.split(separator: "#")[0]))
    #expect((hit["snippet"] as? String)?.contains("**") == true)
  }

  @Test func batchRunsOneQueryPerLine() throws {
    let r = try CLI.run(["search", "--batch", "-", "--index", Self.index.path], stdin: "police\n\"county lines\"\ndate:2024\n")
    #expect(r.status == 0)
    let lines = try r.jsonLines()
    #expect(lines.count == 3)
    #expect(lines.map { $0["query"] as? String } == ["police", "\"county lines\"", "date:2024"])
    #expect(lines.allSatisfy { $0["micros"] is Int && $0["hits"] is [Any] })
  }

  @Test func badQueriesExitTwoAndPointAtTheColumn() throws {
    let r = try CLI.run(["search", "knife AND (crime", "--index", Self.index.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("column 11"))
    let b = try CLI.run(["search", "--batch", "-", "--index", Self.index.path], stdin: "police\n\"open\n")
    #expect(b.status == 2)
    let lines = try b.jsonLines()
    #expect(lines.count == 2 && lines[1]["column"] as? Int == 1)
  }

  @Test func missingIndexExitsOne() throws {
    let r = try CLI.run(["search", "police", "--index", "/nonexistent/blotter-index"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no index"))
  }

  @Test func checkPassesOnTheCorpusIndex() throws {
    let r = try CLI.run(["check", "--index", Self.index.path])
    #expect(r.status == 0, "\(r.stderr)")
  }
}
