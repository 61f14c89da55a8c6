import Analysis
import Testing

@Suite struct PlaceRecognizerTests {
  @Test func smallPlacesAndShortForms() {
    let p = found(.place, in: "Raids in Halstead, Canvey Island, Westcliff and Southend.")
    #expect(p.map(\.1) == ["Halstead", "Canvey Island", "Westcliff-on-Sea", "Southend-on-Sea"])
  }

  @Test func leighNearSouthendIsLeighOnSea() {
    #expect(found(.place, in: "A stabbing in Leigh, near Southend.").first?.1 == "Leigh-on-Sea")
    // Elsewhere the larger Leigh (Wigan) wins.
    let far = mention(.place, "Leigh", in: "A stabbing in Leigh, near Wigan.")
    #expect(far?.canonical == "Leigh")
    #expect(far?.aliases.contains("Greater Manchester") == true)
  }

  @Test func aCountyAfterACommaPicksTheEntry() {
    let m = mention(.place, "Hope", in: "A man was stabbed in Hope, Derbyshire.")
    #expect(m?.aliases == ["High Peak", "Derbyshire", "Derbyshire Constabulary"])
  }

  @Test func placesCarryTheirCountyAndForce() {
    let m = mention(.place, "Southend-on-Sea", in: "Officers in Southend-on-Sea said.")
    #expect(m?.aliases == ["Essex", "Essex Police"])
    let luton = mention(.place, "Luton", in: "He lives in Luton.")
    #expect(luton?.aliases.contains("Bedfordshire") == true)
    let mk = mention(.place, "Milton Keynes", in: "He lives in Milton Keynes.")
    #expect(mk?.aliases == ["Buckinghamshire", "Thames Valley Police"])
  }

  @Test(arguments: [
    "In March, officers made arrests.",
    "Reading the statement, the judge said it was grave.",
    "Preston said he was sorry.",
    "Officers will close in March 2025.",
    "Daniel Preston, 34, was charged.",
    "Mr Lincoln said he was sorry.",
    "Homes on Sandy Lane and London Road were hit.",
    "He swam in the River Colne.",
    "Sandy said she was shocked.",
    "We march on, said the officer.",
  ])
  func wordsNamesAndStreetsAreNotPlaces(text: String) {
    #expect(found(.place, in: text).isEmpty, "\(found(.place, in: text))")
  }

  @Test(arguments: [
    ("The police station in March, Cambridgeshire, will close.", "March"),
    ("March town centre traders are worried.", "March"),
    ("An assault on the seafront in Deal.", "Deal"),
    ("Burglaries in Sandy, Bedfordshire, rose.", "Sandy"),
  ])
  func ambiguousNamesWithPlaceContext(text: String, place: String) {
    #expect(found(.place, in: text).map(\.1).first == place)
  }

  @Test func queryTimeContainment() throws {
    let r = EntityRecognizer()
    let essex = try #require(r.place("Essex"))
    #expect(essex.canonical == "Essex")
    for p in ["Southend-on-Sea", "Thurrock", "Leigh-on-Sea", "Halstead", "Canvey Island", "Grays"] {
      #expect(essex.containedPlaces.contains(p), "\(p)")
    }
    #expect(!essex.containedPlaces.contains("Luton"))
    #expect(r.place("Bedfordshire")?.containedPlaces.contains("Luton") == true)
    #expect(r.place("Kent")?.containedPlaces.contains("Medway") == true)
    #expect(r.place("Cambridgeshire")?.containedPlaces.contains("Peterborough") == true)
    #expect(r.place("leigh-on-sea")?.canonical == "Leigh-on-Sea")
    #expect(r.place("Atlantis") == nil)
  }
}
