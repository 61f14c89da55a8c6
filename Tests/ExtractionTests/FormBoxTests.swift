import Testing

@testable import Extraction

/// Sign-up boxes inside the article container are chrome by their structure (a form or form
/// controls around a sentence or two), whatever their class names say.
@Suite struct FormBoxTests {
  let extractor = DocumentExtractor()

  private let paragraphs = """
    <p>A van loaded with power tools was stolen from a builders' yard in Soham overnight on Thursday, police said on Friday morning.</p>
    <p>Officers are checking cameras along the A142 and would like to hear from anyone offered tools for sale in the days since the theft.</p>
    <p>The yard owner said the loss would delay work on three family homes in the village, and that the firm had already ordered replacements.</p>
    <p>Anyone with information can call 101 quoting incident 118 of 2 May, or contact the charity Crimestoppers anonymously.</p>
    """

  private func article(_ html: String) throws -> Article {
    try #require(extractor.extract(bytes: Array(html.utf8), path: "f.html").first)
  }

  @Test func signUpBoxWithAFormIsDropped() throws {
    let a = try article(
      """
      <html><head><title>Van stolen from Soham yard</title></head><body>
      <div class="story-wrap"><h1>Van stolen from Soham yard</h1>
      \(paragraphs)
      <div class="box-b"><h3>Get the morning briefing</h3>
      <p>The day's top stories from Fenland, free in your inbox every morning, delivered by Postwick.</p>
      <form action="/join"><input type="email" name="e"><button>Join</button></form></div>
      </div></body></html>
      """)
    #expect(a.paragraphs.count == 4)
    #expect(!a.text.contains("Postwick"))
  }

  @Test func signUpBoxWithBareControlsIsDropped() throws {
    let a = try article(
      """
      <html><body><div class="wrap"><h1>Van stolen from Soham yard</h1>
      \(paragraphs)
      <div class="x1"><p>Never miss a story: the day's headlines from Fenland, sent free to your inbox by Postwick.</p>
      <input type="email" placeholder="Email"> <button type="button">Sign up</button></div>
      </div></body></html>
      """)
    #expect(!a.text.contains("Postwick"))
    #expect(a.paragraphs.count == 4)
  }

  @Test func pageWrappedInOneFormKeepsItsArticle() throws {
    // Some site frameworks put the whole page inside one <form>.
    let a = try article(
      """
      <html><body><form id="page" action="/"><input type="hidden" name="state" value="x">
      <div class="col"><h1>Van stolen from Soham yard</h1>\(paragraphs)</div>
      </form></body></html>
      """)
    #expect(a.paragraphs.count == 4)
  }

  @Test func shortArticleBesideASearchBoxIsKept() throws {
    let a = try article(
      """
      <html><body><div class="main"><h1>Van stolen</h1>
      <div class="txt"><p>A van loaded with power tools was stolen from a builders' yard in Soham overnight on Thursday, police said.</p>
      <form class="find"><input name="q"><button>Go</button></form></div>
      </div></body></html>
      """)
    #expect(a.text.contains("power tools"))
  }
}
