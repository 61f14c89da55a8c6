/// Articles for the story-grouping tests, written for them: one police release and its copies
/// (republished with two paragraphs added, rewritten headline and a paragraph dropped, cut to a
/// feed item), and articles that look alike but are other stories (two weekly round-ups from
/// one template, another incident in the same town, the same release with another crime
/// reference).
public enum StoryTexts {
  public struct Article: Sendable {
    public var title: String
    public var date: String
    public var source: String
    public var paragraphs: [String]
    public var text: String { paragraphs.joined(separator: "\n") }

    public init(title: String, date: String, source: String, paragraphs: [String]) {
      self.title = title
      self.date = date
      self.source = source
      self.paragraphs = paragraphs
    }

    /// One JSON Lines line `{"id", "title", "date", "source", "text"}`.
    public func jsonLine(id: String) -> String {
      func q(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
          .replacingOccurrences(of: "\n", with: "\\n") + "\""
      }
      return "{\"id\":\(q(id)),\"title\":\(q(title)),\"date\":\(q(date)),\"source\":\(q(source)),"
        + "\"text\":\(q(text))}"
    }
  }

  static let releaseParagraphs = [
    "Detectives in Witham are appealing for witnesses after a house in Collingwood Road was "
      + "broken into on the evening of 12 March and jewellery worth about £2,500 was taken.",
    "The burglar forced a rear patio door while the family were out at a school concert, and "
      + "searched the upstairs bedrooms before leaving through the back garden.",
    "A 34-year-old man from Braintree was arrested on suspicion of burglary on Thursday and "
      + "has been released on bail while enquiries continue.",
    "Detective Constable Amy Hart said the family had been left shaken and that officers were "
      + "keen to trace a silver hatchback seen parked in the road shortly before the break-in.",
    "Anyone with information, dashcam or doorbell footage is asked to contact Essex Police "
      + "quoting crime reference 42/31877/24, or to call Crimestoppers anonymously.",
  ]

  /// The force's release.
  public static let release = Article(
    title: "Appeal after jewellery taken in Witham burglary", date: "2024-03-13",
    source: "Essex Police", paragraphs: releaseParagraphs)

  /// A paper's copy: the release with two paragraphs of its own added.
  public static let grown = Article(
    title: "Appeal after jewellery taken in Witham burglary", date: "2024-03-14",
    source: "Braintree & Witham Times",
    paragraphs: releaseParagraphs + [
      "It is the third break-in reported on the estate since the start of the year, residents "
        + "told the Times, and a neighbourhood watch meeting has been called for next week.",
      "Local councillors have asked for more patrols in the evenings, when most of the "
        + "burglaries in the area have taken place.",
    ])

  /// An aggregator's copy: a rewritten headline, light edits, the fourth paragraph dropped.
  public static let rewritten = Article(
    title: "Witham family's jewellery stolen as burglar breaks in during school concert",
    date: "2024-03-15", source: "Essex News Hub",
    paragraphs: [
      "Detectives in Witham are appealing for witnesses after a house in Collingwood Road was "
        + "broken into on the evening of 12 March, and jewellery worth about £2,500 was taken.",
      "The burglar forced a rear patio door while the family were out at a school concert and "
        + "searched the upstairs bedrooms before leaving through the back garden.",
      "A 34-year-old man from Braintree has been arrested on suspicion of burglary and has "
        + "been released on bail while enquiries continue.",
      "Anyone with information, dashcam or doorbell footage is asked to contact Essex Police "
        + "quoting crime reference 42/31877/24, or to call Crimestoppers anonymously.",
    ])

  /// A feed item: the headline and first paragraph.
  public static let feedItem = Article(
    title: "Appeal after jewellery taken in Witham burglary", date: "2024-03-13",
    source: "Essex Police news feed", paragraphs: [releaseParagraphs[0]])

  /// The same release text about another burglary: another date, sum and crime reference.
  public static let otherReference = Article(
    title: "Appeal after jewellery taken in Witham burglary", date: "2024-03-20",
    source: "Essex Police",
    paragraphs: [
      "Detectives in Witham are appealing for witnesses after a house in Collingwood Road was "
        + "broken into on the evening of 18 March and jewellery worth about £4,000 was taken.",
    ] + releaseParagraphs[1..<4] + [
      "Anyone with information, dashcam or doorbell footage is asked to contact Essex Police "
        + "quoting crime reference 42/33012/24, or to call Crimestoppers anonymously."
    ])

  /// Another incident in the same town, the same week.
  public static let sameTown = Article(
    title: "Witham shop worker threatened with knife", date: "2024-03-14", source: "Essex Police",
    paragraphs: [
      "A shop worker in Witham was threatened with a knife during a robbery at a convenience "
        + "store in Newland Street shortly after 9pm on Wednesday.",
      "The man demanded cash and cigarettes before running off towards the railway station. "
        + "Nobody was hurt, but the worker was badly shaken.",
      "Officers are reviewing CCTV from the town centre and would like to hear from anyone who "
        + "saw a man in a grey hooded top running along Newland Street.",
    ])

  /// A weekly round-up from the force's template; `week` 0 or 1 changes figures and dates.
  public static func roundUp(week: Int) -> Article {
    let (day, arrests, drugs, cash, date) =
      week == 0 ? ("4 March", "23", "1.2", "£8,400", "2024-03-08")
      : ("11 March", "17", "0.6", "£3,150", "2024-03-15")
    return Article(
      title: "County lines: this week's results", date: date, source: "Essex Police",
      paragraphs: [
        "In the week starting \(day), officers working on county lines in Essex made "
          + "\(arrests) arrests and seized \(drugs)kg of cocaine and \(cash) in cash.",
        "County lines gangs use children and vulnerable adults to move drugs and money between "
          + "towns, and exploit them with threats and violence.",
        "Our officers work with partners across the county to disrupt the lines, safeguard "
          + "those who are exploited and bring the people who run them to justice.",
        "If you are worried that someone is being exploited, please tell us. You can report "
          + "information anonymously through Crimestoppers.",
      ])
  }
}
