import Testing

@testable import Extraction

/// Where the source comes from when no `og:site_name` names it: DC.publisher, the `<title>`
/// prefix, the copyright line, and the "appeared first on" footer of a republished story.
@Suite struct SiteNameTests {
  let extractor = DocumentExtractor()

  private let story = """
    <p>Officers in Ely arrested a 34-year-old woman on suspicion of theft after a charity shop till was emptied on Tuesday afternoon.</p>
    <p>The money was recovered from a bag in a nearby car park. Police thanked the shop volunteers who gave a detailed description of the suspect.</p>
    """

  private func page(head: String, body: String) throws -> Article {
    let html = "<html><head>\(head)</head><body>\(body)</body></html>"
    return try #require(extractor.extract(bytes: Array(html.utf8), path: "p.html").first)
  }

  @Test func copyrightLinesGiveTheName() {
    #expect(SiteName.copyright("© 2024 Fen Morning Star · Privacy · Terms") == "Fen Morning Star")
    #expect(SiteName.copyright("© Ouse Valley Police 2023. Content under licence.") == "Ouse Valley Police")
    #expect(
      SiteName.copyright("Copyright © 1998–2024 Wash Coast Herald Ltd. All rights reserved.")
        == "Wash Coast Herald")
    #expect(SiteName.copyright("(c) 2021 The St. Ives Weekly, all rights reserved") == "The St. Ives Weekly")
    #expect(SiteName.copyright("Terms | Privacy | © 2020 Marsh Post") == "Marsh Post")
    // Not names: nothing after the mark, lower-case prose, URLs.
    #expect(SiteName.copyright("© 2024") == nil)
    #expect(SiteName.copyright("(c) the defendant was bailed") == nil)
    #expect(SiteName.copyright("© https://example.org") == nil)
  }

  @Test func feedFooterAndMastheadLines() {
    #expect(
      SiteName.appearedFirstOn("The post Man held after Ely theft appeared first on Isle Echo.")
        == "Isle Echo")
    #expect(SiteName.appearedFirstOn("Man held after Ely theft") == nil)
    #expect(SiteName.masthead("Isle Echo | News | Courts") == "Isle Echo")
    // A menu is not a masthead.
    #expect(SiteName.masthead("Home | News | Sport") == nil)
  }

  @Test func dublinCorePublisherNamesTheSite() throws {
    let a = try page(
      head: "<title>Woman held after Ely shop theft</title><meta name=\"DC.publisher\" content=\"Isle Constabulary\">",
      body: "<main><h1>Woman held after Ely shop theft</h1>\(story)</main>")
    #expect(a.source == "Isle Constabulary")
  }

  @Test func titlePrefixNamesTheSite() throws {
    let a = try page(
      head: "<title>Isle Echo :: News :: Woman held after Ely shop theft</title>",
      body: "<h1>Woman held after Ely shop theft</h1><div id=\"story\">\(story)</div>")
    #expect(a.title == "Woman held after Ely shop theft")
    #expect(a.source == "Isle Echo")
  }

  @Test func copyrightFooterNamesTheSite() throws {
    let a = try page(
      head: "<title>Woman held after Ely shop theft</title>",
      body: """
        <article><h1>Woman held after Ely shop theft</h1>\(story)</article>
        <div class="bottom"><span>© 2024 Isle Echo Ltd &middot; <a href="/privacy">Privacy</a></span></div>
        """)
    #expect(a.source == "Isle Echo")
    #expect(!a.text.contains("©"))
  }

  @Test func republishedStoryNamesItsOriginalPublisher() throws {
    // A feed reader's copy: its own name is in og:site_name and the title, the original
    // publisher only in the footer line. The reader wants the original.
    let a = try page(
      head: """
        <title>Woman held after Ely shop theft - ReaderHub</title>
        <meta property="og:site_name" content="ReaderHub">
        """,
      body: """
        <div class="entry"><h1>Woman held after Ely shop theft</h1>\(story)
        <p>The post <a href="https://isle-echo.example/a">Woman held after Ely shop theft</a> appeared first on <a href="https://isle-echo.example">Isle Echo</a>.</p></div>
        """)
    #expect(a.source == "Isle Echo")
    #expect(!a.text.contains("appeared first on"))
  }
}
