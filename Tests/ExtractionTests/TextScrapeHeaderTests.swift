import Testing

@testable import Extraction

/// Text scrapes: the headline is the line just above the story, not the masthead, menu or
/// wrapper lines above it; the site comes from the feed footer, the copyright line or the
/// masthead; a far-off run of sentence-like lines (reader comments) is not story.
@Suite struct TextScrapeHeaderTests {
  private let body = """
    A van loaded with power tools was stolen from a builders' yard in Soham overnight on Thursday, police said.

    Officers are checking cameras along the A142 and would like to hear from anyone offered tools for sale in the days since.

    The yard owner said the loss would delay work on three family homes in the village.
    """

  private func scrape(_ text: String) -> TextScrape.Result {
    TextScrape.extract(utf8: Array(text.utf8))
  }

  @Test func headlineBelowMastheadAndMenu() {
    let r = scrape(
      """
       date 2024-05-02
      Fen Morning Star | News | Crime
      Home News Crime Sport Wisbech March Chatteris Jobs
      Van stolen from Soham builders' yard
      By Ann Lee
      Share this story
      \(body)
      """)
    #expect(r.title == "Van stolen from Soham builders' yard")
    #expect(r.byline == "Ann Lee")
    #expect(r.source == "Fen Morning Star")
    #expect(r.paragraphs.count == 3)
    #expect(!r.paragraphs.joined().contains("Chatteris"))
  }

  @Test func headlineBelowWrapperLinesAndSiteFromTheFooter() {
    let r = scrape(
      """
      Viewing all articles
      Browse latest
      Van stolen from Soham builders' yard
      $ 0 0
      \(body)
      The post Van stolen from Soham builders' yard appeared first on Isle Echo.
      """)
    #expect(r.title == "Van stolen from Soham builders' yard")
    #expect(r.source == "Isle Echo")
    #expect(r.paragraphs.count == 3)
  }

  @Test func headlineAboveALabelledDateAndSiteFromTheCopyright() {
    let r = scrape(
      """
      Skip to main content
      We use some essential cookies to make this service work.
      Accept cookies Reject cookies
      Isle Constabulary
      News
      Van stolen from Soham builders' yard
      Published
      2 May 2024
      \(body)
      Share this page
      © Isle Constabulary 2024
      """)
    #expect(r.title == "Van stolen from Soham builders' yard")
    #expect(r.date == "2024-05-02")
    #expect(r.source == "Isle Constabulary")
    #expect(!r.paragraphs.joined().contains("cookies"))
    #expect(r.paragraphs.count == 3)
  }

  @Test func commentsFarBelowTheStoryAreDropped() {
    let r = scrape(
      """
      Van stolen from Soham builders' yard
      \(body)

      Detective Constable Rhiannon Ash said tools were often sold on within days at car boot sales and online, and asked buyers to check serial numbers.

      It is the third theft from a building site in East Cambridgeshire since March, and officers are looking at whether the cases are linked.
      Share this article
      Facebook Twitter Email
      Sign up to our newsletter
      Most read
      Ely cathedral choir tours Europe
      Littleport fete returns
      Comments (2)
      FenBoy: Same thing happened to my brother in Sutton last year, nobody caught.
      Mandy: Lock your vans people.
      """)
    #expect(r.paragraphs.count == 5)
    #expect(!r.paragraphs.joined().contains("Sutton"))
  }

  @Test func firstLineHeadlineStillWorks() {
    let r = scrape("Van stolen from Soham builders' yard\n\(body)\n")
    #expect(r.title == "Van stolen from Soham builders' yard")
    #expect(r.paragraphs.count == 3)
  }

  @Test func bulletedListInsideTheStoryIsKept() {
    let r = scrape(
      """
      Lorry search ends drugs route
      Officers who stopped a lorry at Felixstowe port found drugs hidden in a load of frozen peas, a court heard.
      Items recovered included:
      • 412kg of cocaine in 18 holdalls
      • 6 mobile phones and £23,500 in cash
      - A 52-year-old man from Ipswich was charged with importation
      * Two handguns wrapped in plastic
      The driver will appear at Ipswich Crown Court next month, the Suffolk force said in a statement.
      """)
    let text = r.paragraphs.joined(separator: "\n")
    #expect(text.contains("412kg of cocaine"))
    #expect(text.contains("6 mobile phones"))
    #expect(text.contains("A 52-year-old man from Ipswich"))
    #expect(text.contains("Two handguns"))
    #expect(r.title == "Lorry search ends drugs route")
  }

  @Test func bulletedLinksAfterTheStoryStayOut() {
    let r = scrape(
      """
      Van stolen from Soham builders' yard
      \(body)
      More stories
      • Man charged after Ely shop fire
      • Road closed near Littleport for a week
      • School wins county award
      """)
    #expect(!r.paragraphs.joined().contains("Littleport"))
  }

  @Test func photoCaptionIsNeverTheTitle() {
    let r = scrape(
      """
      Van stolen from Soham builders' yard
      Detective Sergeant Amy Holt Picture: JON DAY
      \(body)
      """)
    #expect(r.title == "Van stolen from Soham builders' yard")
    let r2 = scrape(
      """
      Police at the yard in Soham (Image: Cambridgeshire Constabulary)
      \(body)
      """)
    #expect(r2.title != "Police at the yard in Soham (Image: Cambridgeshire Constabulary)")
  }
}
