import Testing

@testable import Extraction

/// Bylines lose their label ("By", "Reporter:", "Words:") and a trailing job title; lists of
/// names and names that begin with "By" stay whole.
@Suite struct BylineTests {
  @Test(arguments: [
    ("By Ann Lee", "Ann Lee"),
    ("by: Ann Lee", "Ann Lee"),
    ("Reporter: Ann Lee", "Ann Lee"),
    ("Words: Ann Lee", "Ann Lee"),
    ("Words by Ann Lee", "Ann Lee"),
    ("Written by Ann Lee", "Ann Lee"),
    ("By Ann Lee, Crime Reporter", "Ann Lee"),
    ("Ann Lee, Chief Crime Correspondent", "Ann Lee"),
    ("Ann Lee - Home Affairs Editor", "Ann Lee"),
    ("Reporter: Ann Lee, Local Democracy Reporter", "Ann Lee"),
    ("Ann Lee, Tom Reeve", "Ann Lee, Tom Reeve"),
    ("Byron Hale", "Byron Hale"),
    ("Ann Lee | 4 May 2024", "Ann Lee"),
  ])
  func labelsAndJobTitlesAreCut(raw: String, expected: String) {
    #expect(TextCleanup.cleanByline(raw) == expected)
  }

  @Test func bylineSpanWithALabel() throws {
    let html = """
      <html><head><title>Van stolen from Soham yard</title></head><body><article>
      <h1>Van stolen from Soham yard</h1>
      <div class="entry-meta"><span class="byline">Reporter: <a rel="author" href="/a/ann">Ann Lee</a></span></div>
      <div class="entry-content"><p>A van loaded with power tools was stolen from a builders' yard in Soham overnight on Thursday, police said.</p>
      <p>Officers are checking cameras along the A142 and would like to hear from anyone offered tools for sale in the days since.</p></div>
      </article></body></html>
      """
    let a = try #require(DocumentExtractor().extract(bytes: Array(html.utf8), path: "v.html").first)
    #expect(a.byline == "Ann Lee")
  }

  @Test func bylineLineWithAJobTitle() throws {
    let html = """
      <html><head><title>Van stolen from Soham yard</title></head><body><div id="story">
      <h1>Van stolen from Soham yard</h1><p class="credit">By Ann Lee, Crime Reporter</p>
      <p>A van loaded with power tools was stolen from a builders' yard in Soham overnight on Thursday, police said.</p>
      <p>Officers are checking cameras along the A142 and would like to hear from anyone offered tools for sale in the days since.</p>
      </div></body></html>
      """
    let a = try #require(DocumentExtractor().extract(bytes: Array(html.utf8), path: "v.html").first)
    #expect(a.byline == "Ann Lee")
    #expect(!a.text.contains("Crime Reporter"))
  }
}
