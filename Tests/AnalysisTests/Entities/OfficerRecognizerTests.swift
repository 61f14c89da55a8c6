import Analysis
import Testing

@Suite struct OfficerRecognizerTests {
  @Test func rankAndNameThenBackReferences() {
    let text = """
      Det Supt Lisa Alcock led the team. "It worked," Det Supt Alcock said. \
      Ms Alcock thanked staff, and Alcock praised Lisa Alcock's deputy.
      """
    let o = found(.officer, in: text)
    #expect(
      o.map(\.0) == [
        "Det Supt Lisa Alcock", "Det Supt Alcock", "Ms Alcock", "Alcock", "Lisa Alcock",
      ])
    #expect(Set(o.map(\.1)) == ["Lisa Alcock"])
  }

  @Test func ranksAreNormalisedInAliases() {
    let m = mention(.officer, "Det Supt Lisa Alcock", in: "Det Supt Lisa Alcock said.")
    #expect(m?.aliases.prefix(2) == ["DSU", "Detective Superintendent"])
  }

  @Test func backReferenceBeforeFirstNameIsKnown() {
    let r = EntityRecognizer().recognize(
      title: "DCI Miller praises team", text: "T/DCI Neal Miller said. Mr Miller added more.")
    #expect(r.titleMentions.map(\.canonical) == ["Neal Miller"])
    #expect(r.bodyMentions.map(\.surface) == ["T/DCI Neal Miller", "Mr Miller"])
  }

  @Test func withoutFirstNameCanonicalKeepsTheRank() {
    #expect(found(.officer, in: "Det Supt Alcock said.").map(\.1) == ["Det Supt Alcock"])
  }

  @Test(arguments: [
    ("PC Tom Reading", "PC"), ("DC Sarah Biddle", "DC"), ("PS Ruth Hampton", "PS"),
    ("Sgt Amy Walsh", "PS"), ("DS Gary Marsh", "DS"), ("Insp Rachel Owen", "Insp"),
    ("DI Claire Stevens", "DI"), ("Ch Insp Laura Hayes", "CI"), ("DCI Jo Preston", "DCI"),
    ("Supt James Sutton", "Supt"), ("DSU Ann Hill", "DSU"), ("Ch Supt John Murphy", "ChSupt"),
    ("DCS Paul Jennings", "DCS"), ("ACC Andy Prophet", "ACC"), ("DCC Ann Hill", "DCC"),
    ("Chief Constable Ben-Julian Harrington", "CC"), ("Commander Dominic Murphy", "Cmdr"),
    ("A/Insp Sam Cole", "Insp"), ("Temporary Sergeant Sam Cole", "PS"),
    ("Police and Crime Commissioner Roger Hirst", "PCC"),
  ])
  func ranks(text: String, abbreviation: String) {
    let m = EntityRecognizer().recognize(title: "", text: text + " said.").bodyMentions
    #expect(m.count == 1 && m[0].kind == .officer && m[0].surface == text)
    #expect(m.first?.aliases.first == abbreviation)
  }

  @Test func otherPeopleAreNotOfficers() {
    #expect(
      found(.officer, in: "John Smith, 34, of Colchester, was jailed. Mr Smith wept.").isEmpty)
    #expect(found(.officer, in: "Di Smith said she saw it.").isEmpty)
  }

  @Test func officerQuery() {
    #expect(EntityRecognizer.officerQuery("DCI Miller") == ("DCI", ["miller"]))
    #expect(EntityRecognizer.officerQuery("det supt lisa alcock") == ("DSU", ["lisa", "alcock"]))
    #expect(EntityRecognizer.officerQuery("T/DCI Neal Miller") == ("DCI", ["neal", "miller"]))
    #expect(EntityRecognizer.officerQuery("Miller") == (nil, ["miller"]))
  }
}

@Suite struct OfficerRoleTests {
  @Test func headOfUnitBeforeAName() {
    let r = EntityRecognizer().recognize(
      title: "", text: "Head of the Serious Violence Unit, Lisa Alcock, said. Ms Alcock added more."
    )
    let o = r.bodyMentions.filter { $0.kind == .officer }
    #expect(o.map(\.surface) == ["Lisa Alcock", "Ms Alcock"])
    // The role is both the abbreviation and the full rank: listed once.
    #expect(o.first?.aliases == ["Head of the Serious Violence Unit"])
    #expect(r.bodyMentions.contains { $0.kind == .unit && $0.canonical == "Serious Violence Unit" })
  }

  @Test func headOfAUnitAfterTheName() {
    let t = "Maria Quinn, head of the Rural Crime Team, said. Ms Quinn thanked farmers."
    let o = found(.officer, in: t)
    #expect(o.map(\.0) == ["Maria Quinn", "Ms Quinn"])
    #expect(Set(o.map(\.1)) == ["Maria Quinn"])
    #expect(mention(.officer, "Maria Quinn", in: t)?.aliases == ["head of the Rural Crime Team"])
    // The head of something that is no police unit is someone else.
    #expect(found(.officer, in: "Maria Quinn, head of the village school, said.").isEmpty)
  }

  @Test func headOfWithRank() {
    let o = found(.officer, in: "Head of Crime Det Supt Lisa Alcock said.")
    #expect(o.map(\.0) == ["Det Supt Lisa Alcock"])
  }
}

/// Issue 11: officers named apart from their rank, and photo captions.
@Suite struct OfficerFormTests {
  @Test func rankForAUnitThenTheName() {
    let text = "Acting Detective Chief Superintendent for ERSOU, Rachel Oduya, said it was a success."
    let o = found(.officer, in: text)
    #expect(o.map(\.1) == ["Rachel Oduya"])
    let m = EntityRecognizer().recognize(text).first { $0.kind == .officer }
    #expect(m?.aliases.first == "DCS")
    // Later mentions resolve to her.
    let more = found(.officer, in: text + " Det Ch Supt Oduya added more.")
    #expect(more.map(\.1) == ["Rachel Oduya", "Rachel Oduya"])
  }

  @Test func rankOfAForceThenTheNameWithoutComma() {
    let o = found(.officer, in: "Chief Constable of Norfolk Constabulary Paul Sanford spoke.")
    #expect(o.map(\.1) == ["Paul Sanford"])
    #expect(found(.force, in: "Chief Constable of Norfolk Constabulary Paul Sanford spoke.").count == 1)
  }

  @Test func photoCaptionAfterTheName() {
    let o = found(.officer, in: "Detective Inspector Gemma Loft Picture: KEN BRAY")
    #expect(o.map(\.1) == ["Gemma Loft"])
    #expect(found(.officer, in: "DS Omar Haidari Photo: Suffolk Police").map(\.1) == ["Omar Haidari"])
  }

  @Test func lowerCaseRanks() {
    let t = "Essex police and crime commissioner Nina Akande said. Chief inspector Tom Reeve agreed."
    #expect(found(.officer, in: t).map(\.1) == ["Nina Akande", "Tom Reeve"])
    #expect(found(.force, in: t).isEmpty)
  }

  @Test func lowerCaseRankBeforeAName() {
    let t = "Officers were praised by detective sergeant Ruth Okafor at the station."
    #expect(found(.officer, in: t).map(\.0) == ["detective sergeant Ruth Okafor"])
    // A known officer's surname after a lower-case rank.
    let u = "Insp Dan Kerr said it. Later, inspector Kerr added more."
    #expect(found(.officer, in: u).map(\.0) == ["Insp Dan Kerr", "inspector Kerr"])
  }

  @Test func otherJobsWithPoliceRankWords() {
    let t = """
      The court heard former DC Ian Platt lied. Information Commissioner Ruth Mayne spoke. \
      Lieutenant Commander Ed Shaw agreed. An Ofsted inspector Sue Lamb and a health \
      inspector Jim Dale came. Police Commissioner Ann Rowe and Commander Ali Khan spoke.
      """
    #expect(found(.officer, in: t).map(\.1) == ["Ann Rowe", "Ali Khan"])
    #expect(found(.officer, in: "Lewis Hart, an ex-PC Ray Cole friend.").isEmpty)
  }

  @Test func aFormerOfficerStaysSomeoneElseLater() {
    // The rank after "former" is not his: later mentions by surname are no officer's either.
    let t = "Former Detective Sergeant Colin Marsh was jailed. Marsh and Mr Marsh's lawyer left."
    #expect(found(.officer, in: t).isEmpty)
    // An officer of the same article is still found.
    let u = "Former PC Dan Pike was sacked, said DCI Rosa Fenn. DCI Fenn added more."
    #expect(found(.officer, in: u).map(\.1) == ["Rosa Fenn", "Rosa Fenn"])
  }

  @Test func areaBeforeACommissionerIsAPlace() {
    // "Norfolk" is the commissioner's area, a place; the officer starts at the title.
    let t = "Norfolk Police and Crime Commissioner Ada Brennan backed the patrols."
    #expect(found(.officer, in: t).map(\.0) == ["Police and Crime Commissioner Ada Brennan"])
    #expect(found(.place, in: t).map(\.1) == ["Norfolk"])
    let u = "Suffolk police and crime commissioner Ada Brennan backed the patrols."
    #expect(found(.officer, in: u).map(\.0) == ["police and crime commissioner Ada Brennan"])
    #expect(found(.place, in: u).map(\.1) == ["Suffolk"])
    // The title "Police, Fire and Crime Commissioner" keeps its area: "Essex Police" alone
    // would be the force.
    let v = "Essex Police, Fire and Crime Commissioner Ada Brennan backed the patrols."
    #expect(
      found(.officer, in: v).map(\.0) == ["Essex Police, Fire and Crime Commissioner Ada Brennan"])
    #expect(found(.force, in: v).isEmpty)
  }

  @Test func detectiveWithAnyFormOfTheRank() {
    let o = found(.officer, in: "Detective Chief Insp Ada Walsh and Det Inspector Ben Cole spoke.")
    #expect(o.map(\.0) == ["Detective Chief Insp Ada Walsh", "Det Inspector Ben Cole"])
    let m = mention(.officer, "Detective Sgt Kim Ross", in: "Detective Sgt Kim Ross said.")
    #expect(m?.aliases.first == "DS")
  }

  @Test func actingIsNotPartOfTheRank() {
    let t = "Acting Detective Inspector Omar Reid said. Temporary Superintendent Jo Bell agreed."
    #expect(
      found(.officer, in: t).map(\.0) == [
        "Detective Inspector Omar Reid", "Temporary Superintendent Jo Bell",
      ])
  }

  @Test func twoPeopleOfOneSurname() {
    let t = """
      DS Mark Hollis stopped the car. Supt Kay Hollis praised the stop. Tom Hollis, a witness, \
      was unhurt and Mr Tom Hollis thanked them. Mark Hollis said more. Hollis added that Supt \
      Hollis and DS Hollis agreed.
      """
    let o = found(.officer, in: t)
    #expect(
      o.map(\.0) == [
        "DS Mark Hollis", "Supt Kay Hollis", "Mark Hollis", "Hollis", "Supt Hollis", "DS Hollis",
      ])
    #expect(
      o.map(\.1) == [
        "Mark Hollis", "Kay Hollis", "Mark Hollis", "Mark Hollis", "Kay Hollis", "Mark Hollis",
      ])
  }

  @Test func titleBetweenRankAndName() {
    let t = """
      Commissioner Sir Owen Ravel said. Chief Constable Dame Ivy Stroud agreed with Dr. Ravel.
      """
    let o = found(.officer, in: t)
    #expect(
      o.map(\.0) == ["Commissioner Sir Owen Ravel", "Chief Constable Dame Ivy Stroud", "Dr. Ravel"])
    #expect(o.map(\.1) == ["Owen Ravel", "Ivy Stroud", "Owen Ravel"])
  }

  @Test func monthAsSurname() {
    let t = "Sgt Carol March led the raid, said Insp Peter May."
    #expect(found(.officer, in: t).map(\.1) == ["Carol March", "Peter May"])
    // A month after a name and before a number is a date.
    #expect(found(.officer, in: "PC Tom Hale May 2021 report.").map(\.1) == ["Tom Hale"])
  }

  @Test func roleThenCommaThenName() {
    let t = "Suffolk's Police and Crime Commissioner, Marianne Oduya, has welcomed the grant."
    #expect(found(.officer, in: t).map(\.1) == ["Marianne Oduya"])
    let u = "Deputy Chief Constable and head of local policing, Gareth Pilling, said it worked."
    #expect(found(.officer, in: u).map(\.1) == ["Gareth Pilling"])
    // A comma after a rank with no name set off after it is nothing.
    #expect(found(.officer, in: "The Chief Constable, who retires soon, spoke.").isEmpty)
  }

  @Test func nameThenCommaThenRole() {
    let t = "Jonathan Pryce, Police and Crime Commissioner for Essex, said the figures were good."
    #expect(found(.officer, in: t).map(\.1) == ["Jonathan Pryce"])
    let u = "Claire Dunn, Norfolk's Chief Constable, praised the team. Ms Dunn thanked residents."
    #expect(found(.officer, in: u).map(\.1) == ["Claire Dunn", "Claire Dunn"])
    // Someone else's job after the name is no rank.
    #expect(found(.officer, in: "Mark Lewis, a local councillor, said so.").isEmpty)
  }
}
