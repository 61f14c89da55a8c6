import Analysis
import Testing

/// Issue 11: police forces are their own kind, with their aliases.
@Suite struct ForceRecognizerTests {
  @Test(arguments: [
    ("Officers from Essex Police attended.", "Essex Police"),
    ("Essex Constabulary said.", "Essex Police"),
    ("A spokesman for the Essex force said.", "Essex Police"),
    ("Herts Police appealed for help.", "Hertfordshire Constabulary"),
    ("Hertfordshire Constabulary appealed for help.", "Hertfordshire Constabulary"),
    ("Beds Police appealed for help.", "Bedfordshire Police"),
    ("Cambs Police appealed for help.", "Cambridgeshire Constabulary"),
    ("Norfolk Police appealed for help.", "Norfolk Constabulary"),
    ("Suffolk Police appealed for help.", "Suffolk Constabulary"),
    ("Kent Police appealed for help.", "Kent Police"),
    ("He was held by the Met on Friday.", "Metropolitan Police"),
    ("The Metropolitan Police Service said.", "Metropolitan Police"),
    ("Detectives at Scotland Yard said.", "Metropolitan Police"),
    ("City of London Police said.", "City of London Police"),
    ("Thames Valley Police said.", "Thames Valley Police"),
    ("The NCA said.", "National Crime Agency"),
    ("The BTP said.", "British Transport Police"),
    ("British Transport Police said.", "British Transport Police"),
    ("Officers from Greater Manchester Police and GMP said.", "Greater Manchester Police"),
    ("Police Scotland said.", "Police Scotland"),
    ("The PSNI said.", "Police Service of Northern Ireland"),
    ("Dyfed Powys Police said.", "Dyfed-Powys Police"),
    ("Avon and Somerset Constabulary said.", "Avon and Somerset Constabulary"),
  ])
  func forcesByNameAndAlias(text: String, canonical: String) {
    let f = found(.force, in: text)
    #expect(!f.isEmpty && f.allSatisfy { $0.1 == canonical }, "\(text): \(f)")
    #expect(found(.unit, in: text).isEmpty, "\(text)")
  }

  @Test func notForces() {
    #expect(found(.force, in: "The Met Office warned of snow.").isEmpty)
    #expect(found(.force, in: "An Essex force-wide operation began.").isEmpty)
    #expect(found(.force, in: "Kent Police and Crime Commissioner Matthew Scott said.").isEmpty)
    // Lower-case acronyms are words.
    #expect(found(.force, in: "The nca and btp letters mean nothing here.").isEmpty)
  }

  @Test func definedAcronymOfAForceIsAForce() {
    let r = EntityRecognizer().recognize(
      title: "NCA arrests two", text: "The National Crime Agency (NCA) arrested two men.")
    #expect(r.titleMentions.map(\.kind) == [.force])
    #expect(r.bodyMentions.filter { $0.kind == .force }.map(\.surface) == ["National Crime Agency", "NCA"])
  }

  @Test func queryTimeCanonicalForce() {
    let r = EntityRecognizer()
    #expect(r.canonicalForce("NCA") == "National Crime Agency")
    #expect(r.canonicalForce("the Met") == "Metropolitan Police")
    #expect(r.canonicalForce("Essex Constabulary") == "Essex Police")
    #expect(r.canonicalForce("essex") == "Essex Police")
    #expect(r.canonicalForce("Herts Police") == "Hertfordshire Constabulary")
    #expect(r.canonicalForce("Serious Violence Unit") == nil)
    #expect(r.canonicalForce("") == nil)
  }

  @Test func allFortyThreeForcesOfEnglandAndWalesAndTheOthers() {
    // One sentence per force: each is found as a force under its own canonical name.
    let names = [
      "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary",
      "Cheshire Constabulary", "City of London Police", "Cleveland Police", "Cumbria Constabulary",
      "Derbyshire Constabulary", "Devon and Cornwall Police", "Dorset Police",
      "Durham Constabulary", "Dyfed-Powys Police", "Essex Police", "Gloucestershire Constabulary",
      "Greater Manchester Police", "Gwent Police", "Hampshire and Isle of Wight Constabulary",
      "Hertfordshire Constabulary", "Humberside Police", "Kent Police", "Lancashire Constabulary",
      "Leicestershire Police", "Lincolnshire Police", "Merseyside Police", "Metropolitan Police",
      "Norfolk Constabulary", "North Wales Police", "North Yorkshire Police",
      "Northamptonshire Police", "Northumbria Police", "Nottinghamshire Police",
      "South Wales Police", "South Yorkshire Police", "Staffordshire Police",
      "Suffolk Constabulary", "Surrey Police", "Sussex Police", "Thames Valley Police",
      "Warwickshire Police", "West Mercia Police", "West Midlands Police", "West Yorkshire Police",
      "Wiltshire Police", "Police Scotland", "Police Service of Northern Ireland",
    ]
    #expect(names.count == 45)
    for name in names {
      #expect(found(.force, in: "Officers from \(name) said.").map(\.1) == [name], "\(name)")
    }
  }
}
