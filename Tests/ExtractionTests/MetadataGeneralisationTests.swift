import Testing

@testable import Extraction

/// Headline, published date and byline on the page shapes that fooled the metadata reader on
/// real pages it was not tuned on (issue 10): a site or section name or a greeting taken for the
/// headline, account links and commenters taken for the byline, US dates read day-first, an
/// updated date taken for the published one, a date only in the opening dateline.
@Suite struct MetadataGeneralisationTests {
  private static let body = TestPages.appealBody

  private func article(_ html: String) throws -> Article { try TestPages.article(html) }

  // MARK: Titles

  @Test func blogNameInTheH1LosesToThePostTitle() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham builders' yard - Fenland Beat</title></head>
      <body><header><h1><a href="/">Fenland Beat</a></h1></header>
      <div class="post"><h3 class="post-title">Vans taken from Soham builders’ yard</h3>
      \(Self.body)</div></body></html>
      """)
    #expect(a.title == "Vans taken from Soham builders’ yard")
  }

  @Test func sectionNameInOgTitleLosesToTheHeadlineTheTitleTagNames() throws {
    let a = try article(
      """
      <html><head><title>Two held after Ely burglary spree | Crime | Ely Standard</title>
      <meta property="og:title" content="Crime Centre"></head>
      <body><div class="crumbs"><h2>Crime Centre</h2></div><article>
      <h2>Two held after Ely burglary spree</h2>\(Self.body)</article></body></html>
      """)
    #expect(a.title == "Two held after Ely burglary spree")
  }

  @Test func greetingH1LosesToTheHeadline() throws {
    let a = try article(
      """
      <html><head><title>Cyclist hurt in March crash appeal :: Wisbech Voice</title></head>
      <body><h1>Welcome to the Wisbech Voice, your local news since 1998!</h1><article>
      <h2>Cyclist hurt in March crash appeal</h2>\(Self.body)</article></body></html>
      """)
    #expect(a.title == "Cyclist hurt in March crash appeal")
  }

  @Test func visibleHeadlineBeatsAnSEOVariantInTheMetaTitles() throws {
    let a = try article(
      """
      <html><head><title>Huntingdon police appeal after van theft - Hunts Post</title>
      <meta property="og:title" content="Huntingdon police appeal after van theft"></head>
      <body><article><h1>Police hunt thieves who took two vans from a Huntingdon yard</h1>
      \(Self.body)</article></body></html>
      """)
    #expect(a.title == "Police hunt thieves who took two vans from a Huntingdon yard")
  }

  // MARK: Bylines

  @Test func accountLinksAreNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body>
      <div class="author-bar"><a href="/login">Sign In</a> | <a href="/join">Sign Up</a></div>
      <article><h1>Vans taken from Soham yard</h1>\(Self.body)</article></body></html>
      """)
    #expect(a.byline == nil)
  }

  @Test func bareLabelsAndCommentersAreNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body>
      <article><h1>Vans taken from Soham yard</h1>\(Self.body)</article>
      <div class="comments"><div class="comment-author">Posted by:</div>
      <div class="comment-author vcard">fenboy72 says:</div><p>Terrible news for the firm.</p>
      </div></body></html>
      """)
    #expect(a.byline == nil)
  }

  @Test(arguments: [
    ("By Ann Lee November 12, 2012 at 4:00 PM", "Ann Lee"),
    ("November 12, 2012 by Ann Lee", "Ann Lee"),
    ("Posted by annlee on November 12, 2012 in Crime", "annlee"),
    ("October 31, 2012 6:17 am — By Ann Lee", "Ann Lee"),
    ("By Ann Lee and Tom Reeve, Associated Press", "Ann Lee and Tom Reeve"),
    ("By Ann Lee, MS, RDN", "Ann Lee"),
    ("By Ann Lee@annlee Nov 19, 2019, 7:53pm EST", "Ann Lee"),
    ("By Ann Lee annlee@example.com (01223) 555 0101", "Ann Lee"),
    ("Von Ann Lee publiziert am 25. September 2018", "Ann Lee"),
    ("Text: Ann Lee · 11 October 2018", "Ann Lee"),
    ("By: Ann Lee (Diary) | November 12th, 2012", "Ann Lee"),
    ("By Ann Lee Crime reporter", "Ann Lee"),
    ("By Jerusalem Post Staff", "Jerusalem Post Staff"),
  ])
  func bylineLines(line: String, expected: String) {
    #expect(BylineReading.fromLine(line) == expected)
  }

  @Test(arguments: ["Posted by:", "Sign In | Sign Up", "fenboy72 says:", "Hippy said...", "By"])
  func notBylines(line: String) {
    #expect(BylineReading.fromLine(line) == nil)
    #expect(BylineReading.refine(line, site: nil) == nil)
  }

  @Test func nameFollowedByTheDateLosesTheDate() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>
      <div class="author-box">Ann Lee November 12, 2012 at 4:00 PM</div>
      \(Self.body)</article></body></html>
      """)
    #expect(a.byline == "Ann Lee")
  }

  @Test func visibleBylineBeatsTheMetaAuthor() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title>
      <meta name="author" content="web-editor-3"></head><body><article>
      <h1>Vans taken from Soham yard</h1><div class="byline">By Ann Lee | Cambs Times</div>
      \(Self.body)</article></body></html>
      """)
    #expect(a.byline == "Ann Lee")
  }

  @Test func jobTitleWithoutASeparatorLosesToTheMetaAuthor() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title>
      <meta name="author" content="Ann Lee"></head><body><article>
      <h1>Vans taken from Soham yard</h1>
      <div class="byline">By <a href="/author/ann">Ann Lee</a> <span>Senior court reporter</span></div>
      \(Self.body)</article></body></html>
      """)
    #expect(a.byline == "Ann Lee")
  }

  @Test func organisationAuthorInJSONLDIsNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline":
      "Vans taken from Soham yard", "author": {"@type": "Organization", "name": "Cambs Times"}}
      </script></head><body><article><h1>Vans taken from Soham yard</h1>\(Self.body)
      </article></body></html>
      """)
    #expect(a.byline == nil)
  }

  // MARK: Dates

  private func page(lang: String, head: String = "", dateLine: String) -> String {
    """
    <html lang="\(lang)"><head><title>Vans taken from Soham yard</title>\(head)</head><body>
    <article><h1>Vans taken from Soham yard</h1><p class="date">Posted \(dateLine)</p>
    \(Self.body)</article></body></html>
    """
  }

  @Test func usPageReadsNumericDatesMonthFirst() throws {
    #expect(try article(page(lang: "en-US", dateLine: "05/08/2014")).date == "2014-05-08")
    #expect(try article(page(lang: "en-GB", dateLine: "05/08/2014")).date == "2014-08-05")
    // No language, but a US-only form: 11/19/2019 can only be month-first.
    #expect(try article(page(lang: "en", dateLine: "11/19/2019")).date == "2019-11-19")
  }

  @Test func ogLocaleMakesAPageUS() throws {
    let html = page(
      lang: "en", head: #"<meta property="og:locale" content="en_US">"#, dateLine: "05/08/2014")
    #expect(try article(html).date == "2014-05-08")
  }

  @Test func anISODateOnThePageSettlesTheOrder() throws {
    // A page marked British whose modified-time tag names the ISO day of its numeric date.
    let html = page(
      lang: "en-GB",
      head: #"<meta property="article:modified_time" content="2014-05-08T16:00:00Z">"#,
      dateLine: "05/08/2014")
    #expect(try article(html).date == "2014-05-08")
  }

  @Test func publishedDateBeatsTheUpdatedOne() throws {
    let ld = try article(
      """
      <html><head><title>Vans taken from Soham yard</title><script type="application/ld+json">
      {"@type": "NewsArticle", "dateModified": "2019-11-19T14:41:32Z",
       "datePublished": "2019-11-18T20:19:34Z"}</script></head><body><article>
      <h1>Vans taken from Soham yard</h1>\(Self.body)</article></body></html>
      """)
    #expect(ld.date == "2019-11-18")
    let times = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>
      <div class="dateline"><time datetime="2019-11-19T14:41:32Z">Updated Nov 19, 9:41 AM</time>;
      <time datetime="2019-11-18T20:19:34Z">Posted Nov 18, 8:19 PM</time></div>
      \(Self.body)</article></body></html>
      """)
    #expect(times.date == "2019-11-18")
    let line = try article(
      page(lang: "en-GB", dateLine: "18 November 2019 | Updated: 19 November 2019"))
    #expect(line.date == "2019-11-18")
    let updatedFirst = try article(
      page(lang: "en-GB", dateLine: "x</p><p>Updated 19 November 2019; published 18 November 2019"))
    #expect(updatedFirst.date == "2019-11-18")
  }

  @Test func genericDateTagLaterThanThePagesTimeIsNotThePublicationDay() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title>
      <meta name="date" content="July 31, 2012, 3:01 pm"></head><body><article>
      <h1>Vans taken from Soham yard</h1><time datetime="2012-07-24T09:46:45-04:00">24 Jul</time>
      \(Self.body)</article></body></html>
      """)
    #expect(a.date == "2012-07-24")
  }

  @Test func datelineInTheOpeningParagraph() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>
      <p>SOHAM, Feb. 23, 2015 -- Officers were called to the yard off Station Road shortly \
      after midnight and found the gates forced and two vans missing, police said.</p>
      <p>Anyone who saw vehicles leaving the area, or who has been offered power tools for sale \
      since, is asked to call 101 quoting the incident number given in the appeal.</p>
      </article></body></html>
      """)
    #expect(a.date == "2015-02-23")
  }
}
