import Foundation
import Testing

/// place: queries for a district, a county or a police force area find the stories about the
/// towns and villages inside it, which never name the district (issue 11). Articles written for
/// these tests.
@Suite(.serialized) struct DistrictQueryTests {
  static let pages: [(String, String)] = [
    (
      "essex/clacton-chase.html",
      """
      <html><head><title>Two held after chase</title></head><body><article>
      <h1>Two held after chase</h1><p>Two men were arrested in Clacton-on-Sea after a stolen
      van was chased along the seafront on Sunday night.</p></article></body></html>
      """
    ),
    (
      "herts/borehamwood-flat.html",
      """
      <html><head><title>Cannabis found in flat</title></head><body><article>
      <h1>Cannabis found in flat</h1><p>Officers found forty cannabis plants in a flat in
      Borehamwood and arrested a woman.</p></article></body></html>
      """
    ),
    (
      "beds/woburn-deer.html",
      """
      <html><head><title>Deer poached</title></head><body><article><h1>Deer poached</h1>
      <p>Three deer were poached from a park near Woburn, and a rifle was found in a
      hedge.</p></article></body></html>
      """
    ),
    (
      "suffolk/heath-custody.html",
      """
      <html><head><title>Driver held</title></head><body><article><h1>Driver held</h1>
      <p>A driver was held at Martlesham Heath police investigation centre after a crash near
      Woodbridge.</p></article></body></html>
      """
    ),
    (
      "suffolk/village-shed.html",
      """
      <html><head><title>Shed raided</title></head><body><article><h1>Shed raided</h1>
      <p>Tools were stolen from a shed in Martlesham on Friday.</p></article></body></html>
      """
    ),
  ]

  static let index = CLI.indexPages(pages, name: "districts")

  func docs(_ q: String) throws -> [String] { try CLI.hitNames(q, index: Self.index) }

  @Test func aDistrictFindsItsTowns() throws {
    #expect(try docs("place:Tendring") == ["clacton-chase.html"])
    #expect(try docs("place:Hertsmere") == ["borehamwood-flat.html"])
    #expect(try docs("place:\"Central Bedfordshire\"") == ["woburn-deer.html"])
    #expect(try docs("place:Basildon").isEmpty)
  }

  @Test func aCountyAndAForceAreaFindTheirTowns() throws {
    #expect(try docs("place:Essex") == ["clacton-chase.html"])
    #expect(try docs("place:Hertfordshire") == ["borehamwood-flat.html"])
    #expect(try docs("place:Bedfordshire") == ["woburn-deer.html"])
    #expect(try docs("place:\"Milton Keynes\"").isEmpty)
    #expect(try docs("place:\"East of England\"").count == 5)
  }

  @Test func aPlaceIsNotAWordOfAnotherPlace() throws {
    #expect(try docs("place:Martlesham") == ["village-shed.html"])
    #expect(try docs("place:\"Martlesham Heath\"") == ["heath-custody.html"])
    #expect(try docs("place:\"martlesham heath\"") == ["heath-custody.html"])
    #expect(try docs("place:Suffolk") == ["heath-custody.html", "village-shed.html"])
  }

  @Test func aDistrictQueryIsNamedAfterTheDistrict() throws {
    let r = try CLI.run(["mentions", "place:Tendring", "--index", Self.index.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let entity = try #require(try r.json()["entity"] as? [String: Any])
    #expect(entity["name"] as? String == "Tendring", "\(entity)")
  }
}
