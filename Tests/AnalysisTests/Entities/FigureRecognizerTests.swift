import Analysis
import Testing

@Suite struct FigureRecognizerTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var text: String
    var surface: String
    var value: Double
    var unit: String
    var noun: String
    var qualifier: String?
    var testDescription: String { text }
  }

  @Test(arguments: [
    Case(
      text: "They made 447 arrests.", surface: "447 arrests", value: 447, unit: "count",
      noun: "arrest"),
    Case(
      text: "Officers arrested 440 people.", surface: "440 people", value: 440, unit: "count",
      noun: "arrest"),
    Case(
      text: "They seized 64 firearms.", surface: "64 firearms", value: 64, unit: "count",
      noun: "firearm"),
    Case(
      text: "They seized nine firearms.", surface: "nine firearms", value: 9, unit: "count",
      noun: "firearm"),
    Case(
      text: "Cash of £5.8 million was found.", surface: "£5.8 million", value: 5_800_000,
      unit: "gbp", noun: "£"),
    Case(
      text: "He hid £261,000 at home.", surface: "£261,000", value: 261_000, unit: "gbp", noun: "£"),
    Case(
      text: "Drugs worth £1.2m were found.", surface: "£1.2m", value: 1_200_000, unit: "gbp",
      noun: "£"),
    Case(
      text: "They found 237 kilograms of cocaine.", surface: "237 kilograms", value: 237,
      unit: "kg", noun: "kilogram"),
    Case(text: "They found 6kg of heroin.", surface: "6kg", value: 6, unit: "kg", noun: "kilogram"),
    Case(
      text: "They found 300g of cannabis.", surface: "300g", value: 0.3, unit: "kg",
      noun: "kilogram"),
    Case(
      text: "Jailed for almost 500 years in total.", surface: "almost 500 years", value: 500,
      unit: "years", noun: "year", qualifier: "almost"),
    Case(
      text: "Jailed for more than 1,000 years in prison.", surface: "more than 1,000 years",
      value: 1000, unit: "years", noun: "year", qualifier: "more than"),
    Case(text: "It has a 72% charge rate.", surface: "72%", value: 72, unit: "percent", noun: "%"),
    Case(
      text: "Crime fell 15 per cent.", surface: "15 per cent", value: 15, unit: "percent", noun: "%"
    ),
    Case(
      text: "They froze money in 29 bank accounts.", surface: "29 bank accounts", value: 29,
      unit: "count", noun: "account"),
    Case(
      text: "They recovered 12 knives.", surface: "12 knives", value: 12, unit: "count",
      noun: "knife"),
    Case(
      text: "About 2,500 drug lines closed.", surface: "About 2,500 drug lines", value: 2500,
      unit: "count", noun: "line", qualifier: "about"),
  ])
  func figures(c: Case) throws {
    let m = try #require(mention(.figure, c.surface, in: c.text), "\(found(.figure, in: c.text))")
    #expect(
      m.figure
        == Figure(
          value: c.value, unit: c.unit, noun: c.noun, qualifier: c.qualifier ?? m.figure?.qualifier)
    )
    #expect(m.figure?.qualifier?.lowercased() == c.qualifier)
    #expect(m.canonical == c.noun)
  }

  @Test(arguments: [
    "Arrests rose throughout 2024.",
    "The offence happened in 2019.",
    "He was seen at 10pm and again at 10.30pm.",
    "It happened on 12 March at 14:00.",
    "A 34-year-old man was aged 34 and lived at number 12.",
    "See page 4 and section 41 of the act.",
    "Call 101 or 999 in an emergency.",
    "The man, 27, of the A12 was arrested.",
    "One man was arrested.",
    "Call Essex Police on 101 quoting crime reference 42/1234.",
    // Time frames are not amounts of time; a number after a name is part of it.
    "Over the past four years the unit grew.",
    "He was caught within 48 hours of the theft.",
    "The team was set up six years ago.",
    "Crime fell in just three years.",
    "Arrests rose across the 12 months to March.",
    "The raid was shown on a BBC 2 documentary.",
  ])
  func notFigures(text: String) {
    #expect(found(.figure, in: text).isEmpty, "\(found(.figure, in: text))")
  }

  @Test(arguments: [
    ("He was jailed for 14 years in May.", "14 years"),
    ("Their raids led in turn to 150 years in jail for the gang.", "150 years"),
    ("The court gave 19 years and 6 months in prison.", "6 months"),
    ("Officers put in 900 hours of patrols.", "900 hours"),
  ])
  func sentencesAndAmountsOfTime(text: String, surface: String) {
    #expect(mention(.figure, surface, in: text) != nil, "\(found(.figure, in: text))")
  }

  @Test(arguments: [
    ("Police said: \u{201C}Seven men were held.\u{201D}", "Seven men"),
    ("He said: \"Nine vans were stopped.\"", "Nine vans"),
    ("Three 19-year-old men were stopped.", "Three 19-year-old men"),
  ])
  func countsAfterAQuoteOrBeforeAnAge(text: String, surface: String) {
    #expect(mention(.figure, surface, in: text) != nil, "\(found(.figure, in: text))")
  }

  @Test func offsetsAreUTF8Bytes() throws {
    let text = "“Quote” – £5 million and 3 vans"
    let m = try #require(mention(.figure, "3 vans", in: text))
    let bytes = Array(text.utf8)
    #expect(String(decoding: bytes[m.start..<m.end], as: UTF8.self) == "3 vans")
    let money = try #require(mention(.figure, "£5 million", in: text))
    #expect(String(decoding: bytes[money.start..<money.end], as: UTF8.self) == "£5 million")
  }
}

/// Issue 11: figures as people write them.
@Suite struct FigureFormTests {
  typealias Case = FigureRecognizerTests.Case

  @Test(arguments: [
    // Acts by verb, before or after the people counted.
    Case(
      text: "Detectives have arrested 512 people since May.", surface: "512 people", value: 512,
      unit: "count", noun: "arrest"),
    Case(
      text: "In all, a total of 240 people were arrested.", surface: "a total of 240 people",
      value: 240, unit: "count", noun: "arrest", qualifier: "a total of"),
    Case(
      text: "Some 31 suspects have since been charged.", surface: "Some 31 suspects", value: 31,
      unit: "count", noun: "charge", qualifier: "some"),
    Case(
      text: "Officers charged 17 men with supply.", surface: "17 men", value: 17, unit: "count",
      noun: "charge"),
    Case(
      text: "The team, arresting 212 people in a year, was praised.", surface: "212 people",
      value: 212, unit: "count", noun: "arrest"),
    Case(
      text: "They called on 31 previous victims of fraud.", surface: "31 previous victims",
      value: 31, unit: "count", noun: "victim"),
    // Number words without a hyphen.
    Case(
      text: "Fifty six people were arrested.", surface: "Fifty six people", value: 56,
      unit: "count", noun: "arrest"),
    // People cautioned are people (only arrests and charges make them the act).
    Case(
      text: "Fifty six people were cautioned.", surface: "Fifty six people", value: 56,
      unit: "count", noun: "person"),
    Case(
      text: "They shut seventy two drug lines.", surface: "seventy two drug lines", value: 72,
      unit: "count", noun: "line"),
    Case(
      text: "She met twenty one victims.", surface: "twenty one victims", value: 21, unit: "count",
      noun: "victim"),
    // Modifiers no list holds.
    Case(
      text: "They took 58 unlawfully stored shotguns.", surface: "58 unlawfully stored shotguns",
      value: 58, unit: "count", noun: "shotgun"),
    Case(
      text: "There were 64 fraud and money laundering offences.",
      surface: "64 fraud and money laundering offences", value: 64, unit: "count",
      noun: "offence"),
    Case(
      text: "Magistrates granted 9 full or interim closure orders.",
      surface: "9 full or interim closure orders", value: 9, unit: "count", noun: "closure order"),
    Case(
      text: "Staff held 412 one-to-one sessions.", surface: "412 one-to-one sessions", value: 412,
      unit: "count", noun: "session"),
    Case(
      text: "Twenty-two trafficked children were found.", surface: "Twenty-two trafficked children",
      value: 22, unit: "count", noun: "child"),
    Case(
      text: "Officers checked 27 licensed premises.", surface: "27 licensed premises", value: 27,
      unit: "count", noun: "premises"),
    // Fractions.
    Case(
      text: "He was jailed for 7-and-a-half years.", surface: "7-and-a-half years", value: 7.5,
      unit: "years", noun: "year"),
    Case(
      text: "She was jailed for three and a half years.", surface: "three and a half years",
      value: 3.5, unit: "years", noun: "year"),
  ])
  func figures(c: Case) throws {
    let m = try #require(mention(.figure, c.surface, in: c.text), "\(found(.figure, in: c.text))")
    #expect(m.figure?.value == c.value)
    #expect(m.figure?.unit == c.unit)
    #expect(m.canonical == c.noun)
    #expect(m.figure?.qualifier?.lowercased() == c.qualifier)
  }

  @Test(arguments: [
    "Two officers were at the scene and in court.",
    "They arrived at 3 and left in the evening.",
    "Of the 12 seen, none were arrested.",
  ])
  func noActWithoutANumberForIt(text: String) {
    for f in found(.figure, in: text) { #expect(f.1 != "arrest", "\(text): \(f)") }
  }

  @Test(arguments: [
    ("Three were charged.", "Three", 3.0, "charge"),
    ("Of those held, 210 were later charged.", "210", 210, "charge"),
    ("Nine have been arrested.", "Nine", 9, "arrest"),
    ("More than 120 arrested in week of action", "More than 120", 120, "arrest"),
    ("Officers arrest 37 in raids on farms", "37", 37, "arrest"),
    ("Detectives charged eleven on Friday.", "eleven", 11, "charge"),
  ])
  func aNumberStandingForThePeopleAnActCounts(
    text: String, surface: String, value: Double, noun: String
  ) throws {
    let m = try #require(mention(.figure, surface, in: text), "\(found(.figure, in: text))")
    #expect(m.figure?.value == value && m.canonical == noun)
  }
}

@Suite struct TitleFigureTests {
  @Test func titleCaseHeadline() {
    let r = EntityRecognizer().recognize(title: "Police Seize 64 Firearms In Raids", text: "")
    #expect(r.titleMentions.first?.figure == Figure(value: 64, unit: "count", noun: "firearm"))
  }

  /// Issue 11, third round: a headline written as a sentence keeps the body's rules, so a town
  /// between the number and its noun stays a place (Title Case headlines keep theirs, above).
  @Test func sentenceCaseHeadlineKeepsTheTown() {
    let r = EntityRecognizer().recognize(
      title: "Police search four Colchester homes after drugs raids", text: "")
    let fig = r.titleMentions.first { $0.kind == .figure }
    #expect(fig?.surface == "four")
    #expect(fig?.figure == Figure(value: 4, unit: "count", noun: "home"))
    #expect(r.titleMentions.contains { $0.kind == .place && $0.canonical == "Colchester" })
  }
}

/// Issue 11, third round: a number in brackets right after a plural noun counts that noun.
@Suite struct BracketedCountTests {
  @Test func numberInBracketsAfterAPluralNoun() throws {
    let text = "Forces closed a tenth of the drug lines (37) in one week."
    let m = try #require(mention(.figure, "37", in: text), "\(found(.figure, in: text))")
    #expect(m.figure == Figure(value: 37, unit: "count", noun: "line"))
  }

  @Test func aYearInBracketsIsNoCount() {
    #expect(found(.figure, in: "The figures for the drug lines (2023) were published.").isEmpty)
  }
}

/// Issue 11, second round: forms the first rules missed or named wrongly on the real-article
/// set's tuning part (sentences written for these tests).
@Suite struct FigureFormRoundTwoTests {
  @Test(arguments: [
    // "a" with a multiplier, "hundred" or "dozen" is a number.
    ("The gang were jailed for a thousand years between them.", "a thousand years", 1000.0,
     "year"),
    ("A hundred officers took part in the raids.", "A hundred officers", 100, "officer"),
    ("Nurses looked after a dozen people.", "a dozen people", 12, "person"),
    // The number counts the act: "of those arrested", "of them were charged".
    ("Eight of those arrested were teenagers.", "Eight of those arrested", 8, "arrest"),
    ("Six of them have since been charged.", "Six of them", 6, "charge"),
    // A participle alone after people, and a name between: the people are the act.
    ("Of the 23 suspects arrested in the sweep, nine were charged.", "23 suspects", 23,
     "arrest"),
    ("So far 52 people from Great Yarmouth have been arrested.", "52 people", 52, "arrest"),
    // Only arrests and charges make people the act; others stay people.
    ("Teams safeguarded 27 people during the week.", "27 people", 27, "person"),
    // Ranks in the plural, capitalised as forces write them.
    ("The raid involved seven PCs and a dog.", "seven PCs", 7, "pc"),
    ("On the day 12 Special Constables joined them.", "12 Special Constables", 12, "constable"),
    // An age in the plural is the people counted.
    ("Two 16-year-olds were later arrested in Harlow.", "Two 16-year-olds", 2, "arrest"),
    ("Staff spoke to three 14-year-olds at the park.", "three 14-year-olds", 3, "person"),
    // Names between the number and a lower-case plural: the number alone, noun the plural.
    ("Officers searched four Colchester addresses.", "four", 4, "address"),
    ("The two Operation Kestrel teams met daily.", "two", 2, "team"),
    // Compounds: a modifier run of four words, a plural modifier, a hyphenated modifier.
    ("They shut 45 drug dealing phone lines.", "45 drug dealing phone lines", 45, "line"),
    ("The thieves took two sports cars.", "two sports cars", 2, "car"),
    ("There are thought to be 300 so-called county lines gangs.",
     "300 so-called county lines gangs", 300, "gang"),
  ])
  func figure(text: String, surface: String, value: Double, noun: String) throws {
    let m = try #require(mention(.figure, surface, in: text), "\(found(.figure, in: text))")
    #expect(m.figure?.value == value)
    #expect(m.canonical == noun)
  }

  /// A period after "after", "since", "until", "lasting"… is a time frame, not an amount.
  @Test(arguments: [
    "He was freed after 18 months on remand.",
    "The operation, lasting six weeks, ended on Friday.",
    "No arrests were made until three weeks had passed.",
  ])
  func timeFramesAreNoFigures(text: String) {
    #expect(found(.figure, in: text).isEmpty, "\(found(.figure, in: text))")
  }

  /// Phone services and measurements written onto the digits are not counts.
  @Test(arguments: [
    "Control rooms took 999 calls all night.",
    "Report it through the 101 service.",
    "The suspect is 6ft tall and had a 9mm handgun.",
  ])
  func labelsAndMeasurementsAreNoFigures(text: String) {
    #expect(found(.figure, in: text).isEmpty, "\(found(.figure, in: text))")
  }

  /// The names inside a figure's reach stay their own mentions.
  @Test func namesBetweenNumberAndNounStayMentions() {
    let text = "Officers searched four Colchester addresses."
    #expect(found(.place, in: text).map(\.0) == ["Colchester"])
  }

  @Test(arguments: [
    "Officers went to 10 Downing Street on Monday.",
    "Two Essex Police officers were hurt.",
    "He lived at 4 Church Road, Witham.",
  ])
  func capitalisedWordsWithoutAPluralAreNoFigure(text: String) {
    for f in found(.figure, in: text) {
      #expect(f.1 != "street" && f.1 != "road", "\(text): \(f)")
    }
  }
}
