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
    "Three were charged.",
    "Call Essex Police on 101 quoting crime reference 42/1234.",
  ])
  func notFigures(text: String) {
    #expect(found(.figure, in: text).isEmpty, "\(found(.figure, in: text))")
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

@Suite struct TitleFigureTests {
  @Test func titleCaseHeadline() {
    let r = EntityRecognizer().recognize(title: "Police Seize 64 Firearms In Raids", text: "")
    #expect(r.titleMentions.first?.figure == Figure(value: 64, unit: "count", noun: "firearm"))
  }
}
