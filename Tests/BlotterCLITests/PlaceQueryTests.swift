import Foundation
import Testing

/// place: queries over districts, villages and written forms, the county a query names (not
/// the town most of its mentions name), and a short form that must not move a story to another
/// county (issue 11). Articles written for these tests.
@Suite(.serialized) struct PlaceQueryTests {
  static let pages: [(String, String)] = [
    (
      "beds/bedford-raids.html",
      """
      <html><head><title>Raids in Bedford</title></head><body><article><h1>Raids in Bedford</h1>
      <p>Officers searched four homes in Bedford on Monday. Two men from Bedford were charged.</p>
      <p>A woman from Bedford was bailed, and a car was seized in Kempston, Bedfordshire.</p>
      </article></body></html>
      """
    ),
    (
      "suffolk/ipswich-patrols.html",
      """
      <html><head><title>Patrols in Ipswich</title></head><body><article><h1>Patrols in Ipswich</h1>
      <p>Extra patrols began in Ipswich town centre. Ipswich traders welcomed them, and Ipswich
      councillors asked for more across Suffolk.</p></article></body></html>
      """
    ),
    (
      "essex/tendring-burglary.html",
      """
      <html><head><title>Burglaries fall in Tendring</title></head><body><article>
      <h1>Burglaries fall in Tendring</h1><p>Burglaries across Tendring fell by a fifth, and
      sheds were raided less often in Eggington and St Neots, officers said.</p>
      </article></body></html>
      """
    ),
    (
      "cambs/thorpe-wood.html",
      """
      <html><head><title>Man charged after stabbing</title></head><body><article>
      <h1>Man charged after stabbing</h1><p>A man was taken to Thorpe Wood Police Station in
      Peterborough and charged with wounding.</p></article></body></html>
      """
    ),
  ]

  static let index = CLI.indexPages(pages, name: "places")

  func docs(_ q: String) throws -> [String] { try CLI.hitNames(q, index: Self.index) }

  @Test func aCountyQueryIsNamedAfterTheCounty() throws {
    for (q, name) in [("place:Bedfordshire", "Bedfordshire"), ("place:Suffolk", "Suffolk")] {
      let r = try CLI.run(["mentions", q, "--index", Self.index.path, "--json"])
      #expect(r.status == 0, "\(r.stderr)")
      let entity = try #require(try r.json()["entity"] as? [String: Any])
      #expect(entity["name"] as? String == name, "\(q): \(entity)")
    }
  }

  @Test func districtsVillagesAndWrittenForms() throws {
    #expect(try docs("place:Tendring") == ["tendring-burglary.html"])
    #expect(try docs("place:Eggington") == ["tendring-burglary.html"])
    #expect(try docs("place:\"St Neots\"") == ["tendring-burglary.html"])
    #expect(try docs("place:\"Saint Neots\"") == ["tendring-burglary.html"])
  }

  @Test func aStationNamedAfterAWoodStaysInItsCounty() throws {
    #expect(try docs("place:Norfolk").isEmpty)
    // (St Neots, in the Tendring story, is in Cambridgeshire too.)
    #expect(try docs("place:Cambridgeshire") == ["tendring-burglary.html", "thorpe-wood.html"])
  }
}
