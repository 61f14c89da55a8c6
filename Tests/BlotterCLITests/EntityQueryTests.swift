import Foundation
import Testing

/// Entity queries on articles that are not in corpus/: acronyms, rank abbreviations,
/// back-references, number words and unit conversions; a figure comparison never matches a year
/// or a page number.
@Suite(.serialized) struct EntityQueryTests {
  static let pages: [(String, String)] = [
    (
      "wire/witham-guns.html",
      """
      <html><head><title>Nine guns seized in Witham raid | Mid Essex Wire</title></head><body>
      <nav><a href="/">Home</a><a href="/crime">Crime</a><a href="/sport">Sport</a></nav>
      <article><h1>Nine guns seized in Witham raid</h1>
      <p>Officers from the Eastern Region Special Operations Unit (ERSOU) seized nine firearms and 3kg of cocaine worth £250,000 during a raid on a house in Witham on Tuesday.</p>
      <p>Detective Chief Inspector Priya Kaur said the weapons had been hidden under floorboards. DCI Kaur added that two men had been charged. The case is listed on page 4 of the court list and follows work throughout 2023.</p>
      </article><footer>Mid Essex Wire, all rights reserved.</footer></body></html>
      """
    ),
    (
      "wire/canvey-arrests.html",
      """
      <html><head><title>Canvey operation ends with 1,200 arrests | Mid Essex Wire</title></head><body>
      <article><h1>Canvey operation ends with 1,200 arrests</h1>
      <p>A two-year operation led by ERSOU against drug supply on Canvey Island has ended with 1,200 arrests, the unit said.</p>
      <p>T/DCI Neal Miller, who led the investigation, said the gangs had used teenagers to move drugs. Mr Miller thanked residents for their help.</p>
      </article></body></html>
      """
    ),
    (
      "dumps/leigh-sentences.txt",
      """
       date 2021-06-02
      Gang jailed for almost 500 years
      Members of a drugs gang who operated from Leigh, near Southend, were jailed for almost 500 years in 2019 at Basildon Crown Court.
      PC Sam Okafor found 300g of cannabis in a car during the first stop in the investigation.
      Picture: Essex Police
      """
    ),
  ]

  static let index: URL = {
    let corpus = CLI.tempDir("entities-corpus")
    for (name, text) in pages {
      let u = corpus.appendingPathComponent(name)
      try? FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(text.utf8).write(to: u)
    }
    let dir = CLI.tempDir("entities-index")
    let r = try? CLI.run(["index", corpus.path, "--index", dir.path, "--json"])
    precondition(r?.status == 0, "indexing failed: \(r?.stderr ?? "")")
    return dir
  }()

  func docs(_ q: String) throws -> [String] {
    let r = try CLI.run(["search", q, "--index", Self.index.path, "--json", "--limit", "100"])
    #expect(r.status == 0, "\(q): \(r.stderr)")
    let hits = (try r.json()["hits"] as? [[String: Any]]) ?? []
    return hits.compactMap { ($0["doc"] as? String)?.split(separator: "/").last.map(String.init) }.sorted()
  }

  @Test(arguments: [
    ("unit:ERSOU", ["canvey-arrests.html", "witham-guns.html"]),
    ("unit:\"Eastern Region Special Operations Unit\"", ["canvey-arrests.html", "witham-guns.html"]),
    ("officer:Kaur", ["witham-guns.html"]),
    ("officer:\"DCI Kaur\"", ["witham-guns.html"]),
    ("officer:\"Detective Chief Inspector Kaur\"", ["witham-guns.html"]),
    ("officer:\"DCI Miller\"", ["canvey-arrests.html"]),
    ("officer:\"Neal Miller\"", ["canvey-arrests.html"]),
    ("officer:\"PC Okafor\"", ["leigh-sentences.txt"]),
    ("officer:\"DS Kaur\"", []),
    ("place:Essex", ["canvey-arrests.html", "leigh-sentences.txt", "witham-guns.html"]),
    ("place:\"Canvey Island\"", ["canvey-arrests.html"]),
    ("place:Kent", []),
    ("figure:firearms", ["witham-guns.html"]),
    ("figure:firearms>5", ["witham-guns.html"]),
    ("figure:kg>2", ["witham-guns.html"]),
    ("figure:kg<1", ["leigh-sentences.txt"]),
    ("figure:g>=300", ["leigh-sentences.txt", "witham-guns.html"]),
    ("figure:£>=250000", ["witham-guns.html"]),
    ("figure:£>1m", []),
    ("figure:arrests>1000", ["canvey-arrests.html"]),
    ("figure:years>400", ["leigh-sentences.txt"]),
    ("figure:years>=2000", []),
    ("figure:year>2000", []),
    ("figure:page", []),
    ("unit:ERSOU figure:arrests>1000", ["canvey-arrests.html"]),
    ("unit:ERSOU -officer:Kaur", ["canvey-arrests.html"]),
  ])
  func entityQueriesReturnExactlyTheArticlesThatMentionThem(query: String, expected: [String]) throws {
    #expect(try docs(query) == expected, "\(query)")
  }

  @Test func hitsSayWhichEntitiesMatchedAndSnippetsShowThem() throws {
    let r = try CLI.run(["search", "officer:\"DCI Miller\"", "--index", Self.index.path, "--json"])
    let hit = try #require((try r.json()["hits"] as? [[String: Any]])?.first)
    let entities = try #require(hit["entities"] as? [[String: Any]])
    #expect(entities.contains { $0["name"] as? String == "Neal Miller" && $0["text"] as? String == "T/DCI Neal Miller" })
    #expect(entities.contains { $0["text"] as? String == "Mr Miller" })
    #expect((hit["snippet"] as? String)?.contains("**T/DCI Neal Miller**") == true)
  }

  @Test func mentionsListsEveryMentionInContext() throws {
    let r = try CLI.run(["mentions", "unit:ERSOU", "--index", Self.index.path, "--json"])
    #expect(r.status == 0)
    let j = try r.json()
    let entity = try #require(j["entity"] as? [String: Any])
    #expect(entity["kind"] as? String == "unit")
    #expect(entity["name"] as? String == "Eastern Region Special Operations Unit")
    #expect((entity["aliases"] as? [String])?.contains("ERSOU") == true)
    let mentions = try #require(j["mentions"] as? [[String: Any]])
    #expect(Set(mentions.compactMap { $0["doc"] as? String }).count == 2)
    let first = try #require(mentions.first { ($0["doc"] as? String)?.hasSuffix("canvey-arrests.html") == true })
    #expect(first["text"] as? String == "ERSOU")
    #expect((first["context"] as? String)?.hasPrefix("A two-year operation led by ERSOU") == true)
    #expect(first["offset"] is Int && first["path"] is String)
    let none = try CLI.run(["mentions", "knife", "--index", Self.index.path])
    #expect(none.status == 2)
  }

  @Test func entitiesCountsFacets() throws {
    let r = try CLI.run(["entities", "place:Essex", "--kind", "officer", "--index", Self.index.path, "--json"])
    #expect(r.status == 0)
    let j = try r.json()
    #expect(j["documents"] as? Int == 3)
    let officers = try #require((j["entities"] as? [String: Any])?["officer"] as? [[String: Any]])
    #expect(Set(officers.compactMap { $0["name"] as? String }) == ["Priya Kaur", "Neal Miller", "Sam Okafor"])
    let kaur = try #require(officers.first { $0["name"] as? String == "Priya Kaur" })
    #expect(kaur["documents"] as? Int == 1 && kaur["mentions"] as? Int == 2)
  }
}
