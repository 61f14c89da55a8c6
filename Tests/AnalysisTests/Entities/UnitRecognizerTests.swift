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
    let u = found(
      .unit, in: "ROCU and the Regional Organised Crime Unit worked with the NCA and ERSOU.")
    #expect(
      u.map(\.1) == [
        "Regional Organised Crime Unit", "Regional Organised Crime Unit", "National Crime Agency",
        "Eastern Region Special Operations Unit",
      ])
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
    ("Essex Police said", "Essex Police"),
  ])
  func headNounPatternAndForces(text: String, canonical: String) {
    #expect(found(.unit, in: text).map(\.1) == [canonical])
  }

  @Test func possessiveForceIsSeparateFromItsUnit() {
    let u = found(.unit, in: "Essex Police's Serious Violence Unit said.")
    #expect(u.map(\.0) == ["Essex Police", "Serious Violence Unit"])
  }

  @Test func commissionerTitleIsNotTheForce() {
    let t = "Essex Police, Fire and Crime Commissioner Roger Hirst said."
    #expect(found(.unit, in: t).isEmpty)
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

@Suite struct AcronymOrderTests {
  @Test func acronymBeforeItsDefinition() {
    let u = found(.unit, in: "XYZU (Waveney Fraud Investigation Unit) said. Later XYZU said more.")
    #expect(u.map(\.1) == Array(repeating: "Waveney Fraud Investigation Unit", count: 3))
  }
}
