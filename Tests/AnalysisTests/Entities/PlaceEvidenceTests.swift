import Analysis
import Testing

/// The gazetteer's districts, villages, regions and written forms, and the evidence rules for
/// names that are also words or surnames (issue 11). Sentences written for these tests.
@Suite struct PlaceEvidenceTests {
  @Test func districtsAreKnownWithTheirCountyAndForce() {
    let p = found(.place, in: "Thefts rose in Tendring, Uttlesford, Fenland and Hertsmere.")
    #expect(p.map(\.1) == ["Tendring", "Uttlesford", "Fenland", "Hertsmere"])
    let m = mention(.place, "Tendring", in: "Burglaries fell across Tendring this year.")
    #expect(m?.aliases == ["Essex", "Essex Police"])
  }

  @Test func townsCarryTheirDistrict() {
    for (sentence, town, parents) in [
      ("Two men were arrested in Clacton-on-Sea.", "Clacton-on-Sea",
       ["Tendring", "Essex", "Essex Police"]),
      ("A shop was raided in Wickford.", "Wickford", ["Basildon", "Essex", "Essex Police"]),
      ("Cannabis was found in Borehamwood.", "Borehamwood",
       ["Hertsmere", "Hertfordshire", "Hertfordshire Constabulary"]),
      ("Sheds were broken into in Little Wilbraham.", "Little Wilbraham",
       ["South Cambridgeshire", "Cambridgeshire", "Cambridgeshire Constabulary"]),
      ("A lorry was stopped at Purfleet.", "Purfleet", ["Thurrock", "Essex", "Essex Police"]),
      ("Deer were poached near Woburn.", "Woburn",
       ["Central Bedfordshire", "Bedfordshire", "Bedfordshire Police"]),
    ] {
      #expect(mention(.place, town, in: sentence)?.aliases == parents, "\(sentence)")
    }
    // A district named after its town holds the district's other towns.
    let r = EntityRecognizer()
    #expect(r.place("Tendring")?.containedPlaces.contains("Clacton-on-Sea") == true)
    #expect(r.place("Basildon")?.containedPlaces.contains("Billericay") == true)
    // The MK17 postcode reaches into Bedfordshire: Woburn is not in Milton Keynes.
    #expect(r.place("Milton Keynes")?.containedPlaces.contains("Woburn") == false)
  }

  @Test func districtShortForms() {
    let p = found(.place, in: "Patrols covered South Cambs, North Herts and East Herts.")
    #expect(
      p.map(\.1) == ["South Cambridgeshire", "North Hertfordshire", "East Hertfordshire"])
  }

  @Test func villagesOfTheHomeCounties() {
    let p = found(
      .place,
      in: "Cars were stolen in Purfleet, South Woodham Ferrers, Eggington and Little Wilbraham.")
    #expect(
      p.map(\.1) == [
        "Purfleet-on-Thames", "South Woodham Ferrers", "Eggington", "Little Wilbraham",
      ])
    #expect(mention(.place, "Eggington", in: "A barn fire in Eggington.")?.aliases
      == ["Bedfordshire", "Bedfordshire Police"])
  }

  @Test func saintAndStAreOnePlace() {
    for text in ["A raid in St Neots.", "A raid in Saint Neots.", "A raid in St. Neots."] {
      #expect(found(.place, in: text).map(\.1) == ["St Neots"], "\(text)")
    }
    let bury = found(.place, in: "He was held at Bury St. Edmunds police station.")
    #expect(bury.map(\.0) == ["Bury St. Edmunds"] && bury.map(\.1) == ["Bury St Edmunds"])
  }

  @Test func shortFormOfGreatX() {
    #expect(found(.place, in: "Two men from Dunmow were bailed.").map(\.1) == ["Great Dunmow"])
  }

  @Test func regionsThatAreNotCounties() {
    let p = found(.place, in: "Officers came from Thames Valley, Teesside and Sussex.")
    #expect(p.map(\.1) == ["Thames Valley", "Teesside", "Sussex"])
    #expect(found(.place, in: "Farms across the Fens were raided.").map(\.1) == ["Fens"])
  }

  @Test func regionQueriesHoldTheirTowns() throws {
    let r = EntityRecognizer()
    let tv = try #require(r.place("Thames Valley"))
    #expect(tv.canonical == "Thames Valley")
    #expect(tv.containedPlaces.contains("Reading") && tv.containedPlaces.contains("Oxford"))
    let tees = try #require(r.place("Teesside"))
    #expect(tees.containedPlaces.contains("Middlesbrough"))
  }

  @Test func countyQueriesNameTheCounty() {
    let r = EntityRecognizer()
    #expect(r.place("Bedfordshire")?.canonical == "Bedfordshire")
    #expect(r.place("Suffolk")?.canonical == "Suffolk")
    #expect(r.place("Beds")?.canonical == "Bedfordshire")
    #expect(r.place("St Neots")?.canonical == "St Neots")
  }

  @Test(arguments: [
    ("Drugs were seized in Chatteris, Whittlesey and March.", "March"),
    ("Arrests were made in Southend, Westcliff, Leigh, Rayleigh and Wickford.", "Leigh-on-Sea"),
    ("Warrants were executed in Biggleswade, Gravenhurst, Sandy and Luton.", "Sandy"),
    ("Sandy, Potton and Biggleswade officers took part.", "Sandy"),
  ])
  func wordLikeNamesInAListOfPlaces(text: String, place: String) {
    #expect(found(.place, in: text).map(\.1).contains(place), "\(found(.place, in: text))")
  }

  @Test(arguments: [
    "Officers will patrol in January, February and March.",
    "The trial in Peterborough, March 2024, lasted a week.",
    "Stock levels at the depot were low.",
    "Church End of the road was closed.",
  ])
  func wordLikeNamesWithoutEvidenceAreNotPlaces(text: String) {
    let words = ["March", "Stock", "Church End"]
    let p = found(.place, in: text)
    #expect(!p.contains { words.contains($0.1) }, "\(p)")
  }

  @Test func aWordLikeVillageAfterAPreposition() {
    #expect(found(.place, in: "A shed was burgled in Stock overnight.").map(\.1) == ["Stock"])
  }

  @Test func aWordLikeNameInADocumentAboutItsCounty() {
    let text = "Homes in Biggleswade and Potton were searched, and the Sandy flats were empty."
    #expect(found(.place, in: text).map(\.1) == ["Biggleswade", "Potton", "Sandy"])
    // The same words about another county: no evidence for Sandy.
    let other = "Homes in Ipswich and Felixstowe were searched, and the Sandy flats were empty."
    #expect(found(.place, in: other).map(\.1) == ["Ipswich", "Felixstowe"])
  }

  @Test func aShortFormBeforeAnotherNameDoesNotLeaveTheDocumentsCounty() {
    let text = "He was taken to Thorpe Wood Police Station in Peterborough for questioning."
    #expect(found(.place, in: text).map(\.1) == ["Peterborough"])
    let copse = "Walkers found the car at Thorpe Copse, near Peterborough."
    #expect(found(.place, in: copse).map(\.1) == ["Peterborough"])
    let corner = "The meeting was at Stirling Corner in Barnet."
    #expect(found(.place, in: corner).map(\.1) == ["Barnet"])
  }

  /// A guard: the officer pass claims a surname the document knows before places run.
  @Test func aSurnameTheDocumentKnowsIsAPerson() {
    let text =
      "Bethan Holloway, the county's police and crime commissioner, welcomed the grant. "
      + "PCC Holloway said it would pay for two teams in Luton."
    #expect(found(.place, in: text).map(\.1) == ["Luton"])
  }

  @Test func aCountyBeforePoliceIsTheForce() {
    let suffolk = "Suffolk police arrested two men in Lowestoft."
    #expect(found(.place, in: suffolk).map(\.1) == ["Lowestoft"])
    let herts = "Herts Police's drugs team raided a flat in Watford."
    #expect(found(.place, in: herts).map(\.1) == ["Watford"])
    #expect(found(.place, in: "Norfolk and Suffolk Constabularies joined in.").isEmpty)
    let pcc = found(.place, in: "The Norfolk Police and Crime Commissioner visited Thetford.")
    #expect(pcc.map(\.1) == ["Norfolk", "Thetford"])
  }

  @Test func aLowerCaseHyphenSuffixKeepsThePlace() {
    #expect(found(.place, in: "Two Hackney-based dealers were jailed.").map(\.1) == ["Hackney"])
    #expect(found(.place, in: "A raid in Leigh-on-Sea.").map(\.1) == ["Leigh-on-Sea"])
  }

  @Test func cityOfLondonIsOneName() {
    let p = found(.place, in: "Patrols in the City of London and Hackney were doubled.")
    #expect(p.map(\.1) == ["City of London", "Hackney"])
  }
}
