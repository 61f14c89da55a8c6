import Analysis
import Testing

@Suite struct UnitRecognizerTests {
  @Test func learnsAcronymFromDefinitionAndUsesItEverywhere() {
    let r = EntityRecognizer().recognize(
      title: "XYZU raids homes",
      text: "The Waveney Fraud Investigation Unit (XYZU) made arrests. XYZU officers said more.")
    let units = r.bodyMentions.filter { $0.kind == .unit }
    #expect(
      units.map(\.canonical) == Array(repeating: "Waveney Fraud Investigation Unit", count: 3))
    #expect(units.map(\.surface) == ["Waveney Fraud Investigation Unit", "XYZU", "XYZU"])
    #expect(units[0].aliases == ["XYZU"])
    // The title mention resolves through the body's definition.
    #expect(r.titleMentions.first?.canonical == "Waveney Fraud Investigation Unit")
  }

  @Test func builtInAcronymsAndFullNamesAreOneEntity() {
    let t = "ROCU and the Regional Organised Crime Unit worked with the NCA and ERSOU."
    #expect(
      found(.unit, in: t).map(\.1) == [
        "Regional Organised Crime Unit", "Regional Organised Crime Unit",
        "Eastern Region Special Operations Unit",
      ])
    // The NCA is a force (issue 11), not a unit.
    #expect(found(.force, in: t).map(\.1) == ["National Crime Agency"])
  }

  @Test func operationsAreCanonicalised() {
    let u = found(
      .unit, in: "Op Raptor began in May; Operation Orochi and Operation Raptor continue.")
    #expect(u.map(\.1) == ["Operation Raptor", "Operation Orochi", "Operation Raptor"])
    // A lower-case "operation" is not a name.
    #expect(found(.unit, in: "The operation was a success, said Essex officers.").isEmpty)
  }

  @Test(arguments: [
    ("Officers from the Serious Violence Unit attended.", "Serious Violence Unit"),
    ("The Violence and Vulnerability Unit visited schools.", "Violence and Vulnerability Unit"),
    ("Staff of the Joint Education Team spoke.", "Joint Education Team"),
    (
      "the Kent and Essex Serious Crime Directorate said",
      "Kent and Essex Serious Crime Directorate"
    ),
    ("the Rural Crime Task Force met farmers", "Rural Crime Task Force"),
  ])
  func headNounPattern(text: String, canonical: String) {
    #expect(found(.unit, in: text).map(\.1) == [canonical])
  }

  @Test func possessiveForceIsSeparateFromItsUnit() {
    let t = "Essex Police's Serious Violence Unit said."
    #expect(found(.force, in: t).map(\.0) == ["Essex Police"])
    #expect(found(.unit, in: t).map(\.0) == ["Serious Violence Unit"])
  }

  @Test func commissionerTitleIsNotTheForce() {
    let t = "Essex Police, Fire and Crime Commissioner Roger Hirst said."
    #expect(found(.unit, in: t).isEmpty)
    #expect(found(.force, in: t).isEmpty)
    #expect(found(.officer, in: t).map(\.1) == ["Roger Hirst"])
  }

  @Test func queryTimeCanonicalUnit() {
    let r = EntityRecognizer()
    #expect(r.canonicalUnit("ROCU") == "Regional Organised Crime Unit")
    #expect(r.canonicalUnit("regional organised crime unit") == "Regional Organised Crime Unit")
    #expect(r.canonicalUnit("Op Raptor") == "Operation Raptor")
    #expect(r.canonicalUnit("operation raptor") == "Operation Raptor")
    #expect(r.canonicalUnit("  ") == nil)
  }
}

/// Issue 11: unit names as forces write them.
@Suite struct UnitNameFormTests {
  @Test(arguments: [
    ("Yesterday the Kent Police roads policing unit stopped a van.", "Roads Policing Unit"),
    ("A search by the Norfolk Constabulary dog unit found nothing.", "Dog Unit"),
    ("The force's rural crime team visited farms near Diss.", "Rural Crime Team"),
    ("Detectives from the economic crime unit froze the money.", "Economic Crime Unit"),
  ])
  func lowerCaseNamesAfterAForceOrBuiltIn(text: String, canonical: String) {
    #expect(found(.unit, in: text).map(\.1) == [canonical], "\(text)")
  }

  @Test func lowerCaseWordsAloneAreNoUnit() {
    #expect(found(.unit, in: "The team said the unit had a new van and a response team.").isEmpty)
    #expect(found(.unit, in: "Kent Police said the team was pleased.").isEmpty)
  }

  @Test func codenamesWithALowerCaseTeam() {
    let u = found(
      .unit,
      in: "Thames Valley Police's Falcon team and the Kestrel and Harrier teams, with our "
        + "Operation Lynx and Marten teams, made the arrests.")
    // A codename's team is the operation's: canonical "Operation X", span the codename.
    #expect(
      u.map(\.1) == [
        "Operation Falcon", "Operation Kestrel", "Operation Harrier", "Operation Lynx",
        "Operation Marten",
      ])
    #expect(u.map(\.0) == ["Falcon", "Kestrel", "Harrier", "Operation Lynx", "Marten"])
    // Named once, the codename alone is the unit later.
    #expect(
      found(.unit, in: "The Osprey team was set up in 2019. Since then Osprey has grown.").map(\.1)
        == ["Operation Osprey", "Operation Osprey"])
    // "Guns and Gangs team" is not the codename "Gangs".
    #expect(found(.unit, in: "It funds the force's Guns and Gangs team.").allSatisfy {
      $0.1 != "Operation Gangs"
    })
    // A place, a person or a sentence start before "team" is no codename.
    #expect(found(.unit, in: "He joined the Colchester team. Karen team leaders met.").isEmpty)
  }

  @Test func operationNamedInQuotesOrAfterANamingWord() {
    #expect(
      found(.unit, in: "It was the Norfolk operation under 'Nightjar' that found him.").map(\.1)
        == ["Operation Nightjar"])
    #expect(
      found(.unit, in: "An operation called Bittern ran all summer.").map(\.1)
        == ["Operation Bittern"])
    #expect(found(.unit, in: "The operation Harlow officers ran ended.").isEmpty)
    // The span is the codename alone (as "Boson" of "the Boson team").
    let text = "The operation, codenamed Avocet, ended. An operation dubbed 'Shrike' began."
    #expect(found(.unit, in: text).map(\.0) == ["Avocet", "Shrike"])
  }

  @Test func capitalisedNameWithALowerCaseTeam() {
    #expect(
      found(.unit, in: "Officers from the Suffolk Rural Crime team visited.").map(\.1)
        == ["Suffolk Rural Crime Team"])
    #expect(found(.unit, in: "It was Andy Stansfield of Scorpion team who spoke.").isEmpty)
  }

  @Test func forcesNamedTogether() {
    let f = found(.force, in: "Officers from Kent and Sussex Constabularies and Herts police helped.")
    #expect(f.map(\.1) == ["Kent Police", "Sussex Police", "Hertfordshire Constabulary"])
    #expect(found(.force, in: "Bedfordshire Police and Crime Panel met.").isEmpty)
  }

  @Test func coordinatedNamesStayApart() {
    let u = found(
      .unit, in: "The Serious Fraud Unit and Cyber Crime Team traced the Bitcoin wallets.")
    #expect(u.map(\.1) == ["Serious Fraud Unit", "Cyber Crime Team"])
    // An operation inside a run of names ends the one before it: the places stay places.
    let t = "Basildon and Wickford Operation Kestrel and Community Policing Teams patrolled."
    #expect(found(.unit, in: t).map(\.1) == ["Operation Kestrel", "Community Policing Team"])
    #expect(found(.place, in: t).map(\.1) == ["Basildon", "Wickford"])
  }

  @Test func variantSpellingsOfABuiltInUnitAreOneEntity() {
    let u = found(
      .unit,
      in: "The Eastern Regional Specialist Operations Unit said so. Later the Eastern Region "
        + "Special Operation Unit agreed, as did the Regional Organized Crime Unit.")
    #expect(
      u.map(\.1) == [
        "Eastern Region Special Operations Unit", "Eastern Region Special Operations Unit",
        "Regional Organised Crime Unit",
      ])
  }
}

@Suite struct AcronymOrderTests {
  @Test func acronymBeforeItsDefinition() {
    let u = found(.unit, in: "XYZU (Waveney Fraud Investigation Unit) said. Later XYZU said more.")
    #expect(u.map(\.1) == Array(repeating: "Waveney Fraud Investigation Unit", count: 3))
  }
}

/// Codenames named in apposition to a team, a known codename before a capitalised "Team",
/// county short forms inside a unit's name, and an area before a built-in acronym (issue 11).
/// Sentences written for these tests.
@Suite struct UnitAppositionTests {
  @Test(arguments: [
    ("Kingfisher is the force's specialist burglary team. Kingfisher officers visited homes.",
     "Kingfisher", 2),
    ("Detectives from our online fraud unit, Falcon, recovered the cash.", "Falcon", 1),
    ("Our neighbourhood engagement team (Heron) patrolled the estate.", "Heron", 1),
    ("Specialist teams such as Osprey joined the raids in Harlow.", "Osprey", 1),
  ])
  func aCodenameInAppositionToATeamIsItsOperation(text: String, name: String, count: Int) {
    // (The description may be a unit too: "the force's specialist burglary team".)
    let u = found(.unit, in: text).filter { $0.0 == name }
    #expect(u.map(\.1) == Array(repeating: "Operation " + name, count: count), "\(text)")
  }

  @Test(arguments: [
    "Smith is a team player, his manager said.",
    "Jones is the unit's longest-serving officer.",
    "The team, Harlow officers said, was ready.",
  ])
  func otherWordsBesideATeamAreNotCodenames(text: String) {
    #expect(found(.unit, in: text).isEmpty, "\(text)")
  }

  @Test func aKnownCodenameBeforeACapitalisedTeamIsTheOperation() {
    let u = found(.unit, in: "Operation Merlin began in May. The Merlin Teams made 40 arrests.")
    #expect(u.map(\.0) == ["Operation Merlin", "Merlin"])
    #expect(u.map(\.1) == ["Operation Merlin", "Operation Merlin"])
  }

  @Test func aUnitNamedWithoutItsAreaIsTheAreasUnit() {
    let t = "The Cuckooing Team visited flats. The Lowestoft Cuckooing Team said tenants were safe."
    #expect(found(.unit, in: t).map(\.1) == ["Lowestoft Cuckooing Team", "Lowestoft Cuckooing Team"])
    // Two areas' teams: the name alone stays as written.
    let two =
      "The Lowestoft Cuckooing Team and the Ipswich Cuckooing Team met. The Cuckooing Team spoke."
    #expect(found(.unit, in: two).map(\.1).last == "Cuckooing Team")
  }

  @Test func countyShortFormsInAUnitNameAreWrittenOut() {
    let u = found(.unit, in: "Dogs from the Herts and Beds Dog Unit searched the woods.")
    #expect(u.map(\.1) == ["Hertfordshire and Bedfordshire Dog Unit"])
  }

  @Test func anAreaBeforeABuiltInAcronymIsPartOfTheUnit() {
    let r = EntityRecognizer().recognize(
      title: "", text: "Anyone with information should call Colchester CID on 101.")
    let u = r.bodyMentions.filter { $0.kind == .unit }
    #expect(u.map(\.surface) == ["Colchester CID"])
    #expect(u.first?.canonical == "Colchester CID")
    #expect(u.first?.aliases.contains("Criminal Investigation Department") == true)
    #expect(u.first?.aliases.contains("CID") == true)
    #expect(r.bodyMentions.filter { $0.kind == .place }.isEmpty)
    // After a lower-case word the acronym stands alone.
    #expect(found(.unit, in: "Detectives from CID in Colchester said.").map(\.0) == ["CID"])
  }
}
