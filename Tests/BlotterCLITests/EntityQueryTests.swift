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
    (
      "wire/luton-forces.html",
      """
      <html><head><title>Dawn raids across Luton with the NCA | Chiltern Wire</title></head><body>
      <article><h1>Dawn raids across Luton with the NCA</h1>
      <p>Bedfordshire Police worked with the National Crime Agency and British Transport Police on dawn raids in Luton on Wednesday. Officers from the Met also took part.</p>
      <p>Beds Police said 61 people were arrested and nine knives were seized. The Essex Police serious violence unit sent two detectives to help.</p>
      </article></body></html>
      """
    ),
    (
      "dumps/dunstable-haul.txt",
      """
       date 2024-03-01
      Cocaine haul ends Dunstable drugs network
      Detective Inspector Ruth Abara Picture: JOHN SMITH
      Officers dismantled a drugs network that operated across Dunstable and Houghton Regis, a court heard this week.
      The haul included:
      • 2,150kg of cocaine found in a lorry
      • 38 mobile phones and £41,000 in cash
      - A 41-year-old man from Dunstable was charged with supply
      Detective Inspector Ruth Abara said a total of 27 people were arrested during the investigation and more charges were expected.
      """
    ),
    (
      "wire/sudbury-patrols.html",
      """
      <html><head><title>More patrols for Sudbury | Stour Valley Wire</title></head><body>
      <article><h1>More patrols for Sudbury</h1>
      <p>Chief Constable Harriet Vane said patrols in Sudbury would double over the summer. Chief Inspector Tom Bright, who will lead them, asked residents to report dangerous driving.</p>
      </article></body></html>
      """
    ),
    (
      "wire/haverhill-thanks.html",
      """
      <html><head><title>Haverhill officers praised | Stour Valley Wire</title></head><body>
      <article><h1>Haverhill officers praised</h1>
      <p>PC Ollie Constable and Sergeant Mia Rowe were praised by a judge for stopping a stolen van in Haverhill. PC Constable said the team had simply done its job.</p>
      </article></body></html>
      """
    ),
  ]

  static let index = CLI.indexPages(pages, name: "entities")

  func docs(_ q: String) throws -> [String] { try CLI.hitNames(q, index: Self.index) }

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
    ("figure:kg>2", ["dunstable-haul.txt", "witham-guns.html"]),
    ("figure:kg<1", ["leigh-sentences.txt"]),
    ("figure:g>=300", ["dunstable-haul.txt", "leigh-sentences.txt", "witham-guns.html"]),
    ("figure:£>=250000", ["witham-guns.html"]),
    ("figure:£>1m", []),
    ("figure:arrests>1000", ["canvey-arrests.html"]),
    ("figure:years>400", ["leigh-sentences.txt"]),
    ("figure:years>=2000", []),
    ("figure:year>2000", []),
    ("figure:page", []),
    ("unit:ERSOU figure:arrests>1000", ["canvey-arrests.html"]),
    ("unit:ERSOU -officer:Kaur", ["canvey-arrests.html"]),
    // Issue 11: forces are their own kind, found by name or alias; units are not forces.
    ("force:NCA", ["luton-forces.html"]),
    ("force:\"National Crime Agency\"", ["luton-forces.html"]),
    ("force:\"Essex Police\"", ["luton-forces.html"]),
    ("force:\"Essex Constabulary\"", ["luton-forces.html"]),
    ("force:Essex", ["luton-forces.html"]),
    ("force:\"the Met\"", ["luton-forces.html"]),
    ("force:BTP", ["luton-forces.html"]),
    ("force:\"Bedfordshire Police\"", ["luton-forces.html"]),
    ("force:Kent", []),
    ("unit:\"Essex Police\"", []),
    ("unit:NCA", []),
    ("unit:\"Serious Violence Unit\"", ["luton-forces.html"]),
    // Arrests counted by verb, a quoted noun with a comparison, figures in a bulleted list.
    ("figure:arrests>50", ["canvey-arrests.html", "luton-forces.html"]),
    ("figure:\"arrest\"<100", ["dunstable-haul.txt", "luton-forces.html"]),
    ("figure:\"arrests\">=1000", ["canvey-arrests.html"]),
    ("figure:kg>2000", ["dunstable-haul.txt"]),
    ("figure:phones>=38", ["dunstable-haul.txt"]),
    ("officer:Abara", ["dunstable-haul.txt"]),
    // A surname that is a rank word is a name; the rank is still found by rank.
    ("officer:Constable", ["haverhill-thanks.html"]),
    ("officer:\"PC Constable\"", ["haverhill-thanks.html"]),
    ("officer:\"Ollie Constable\"", ["haverhill-thanks.html"]),
    ("officer:\"Chief Constable\"", ["sudbury-patrols.html"]),
    ("officer:\"Chief Constable Vane\"", ["sudbury-patrols.html"]),
    ("officer:Chief", []),
    // A rank's words match the ranks that contain them (a DCI is a chief inspector too).
    (
      "officer:\"Chief Inspector\"",
      ["canvey-arrests.html", "sudbury-patrols.html", "witham-guns.html"]
    ),
    ("officer:Sergeant", ["haverhill-thanks.html"]),
    ("officer:PC", ["haverhill-thanks.html", "leigh-sentences.txt"]),
    ("officer:Detective", ["canvey-arrests.html", "dunstable-haul.txt", "witham-guns.html"]),
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

  @Test func forcesAreAKindForEntitiesMentionsAndSearch() throws {
    let e = try CLI.run(["entities", "--kind", "force", "--index", Self.index.path, "--json"])
    #expect(e.status == 0, "\(e.stderr)")
    let forces = try #require((try e.json()["entities"] as? [String: Any])?["force"] as? [[String: Any]])
    #expect(
      Set(forces.compactMap { $0["name"] as? String }) == [
        "Bedfordshire Police", "National Crime Agency", "British Transport Police",
        "Metropolitan Police", "Essex Police",
      ])
    let beds = try #require(forces.first { $0["name"] as? String == "Bedfordshire Police" })
    #expect(beds["documents"] as? Int == 1 && beds["mentions"] as? Int == 2)

    let m = try CLI.run(["mentions", "force:NCA", "--index", Self.index.path, "--json"])
    #expect(m.status == 0, "\(m.stderr)")
    let j = try m.json()
    let entity = try #require(j["entity"] as? [String: Any])
    #expect(entity["kind"] as? String == "force")
    #expect(entity["name"] as? String == "National Crime Agency")
    #expect((j["mentions"] as? [[String: Any]])?.map { $0["text"] as? String } == ["NCA", "National Crime Agency"])

    let s = try CLI.run(["search", "force:BTP", "--index", Self.index.path, "--json"])
    let hit = try #require((try s.json()["hits"] as? [[String: Any]])?.first)
    let entities = try #require(hit["entities"] as? [[String: Any]])
    #expect(entities.contains { $0["kind"] as? String == "force" && $0["name"] as? String == "British Transport Police" })
  }

  @Test func captionIsNotTheTitleOfATextScrape() throws {
    let r = try CLI.run(["search", "officer:Abara", "--index", Self.index.path, "--json"])
    let hit = try #require((try r.json()["hits"] as? [[String: Any]])?.first)
    #expect(hit["title"] as? String == "Cocaine haul ends Dunstable drugs network")
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
