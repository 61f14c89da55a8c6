import Testing

@testable import Extraction

@Suite struct MetadataTests {
  let extractor = DocumentExtractor()

  private let story = """
    <p>Officers in Cambridge arrested a 19-year-old man on suspicion of robbery after a phone was snatched from a cyclist on Mill Road on Saturday night.</p>
    <p>The victim was not hurt. Police would like to hear from anyone who saw the incident or has footage of it, quoting reference 35/77211/24.</p>
    """

  @Test func jsonLDGivesDateAuthorPublisher() throws {
    let html = """
      <html><head><title>Arrest after Mill Road robbery</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"ignored"},
        {"@type":"NewsArticle","headline":"Arrest after Mill Road robbery","datePublished":"2024-09-07T22:10:00Z",
         "author":[{"@type":"Person","name":"Tom Reeve"}],"publisher":{"@type":"Organization","name":"Cambridge Evening Post"}}]}
      </script></head><body><article><h1>Arrest after Mill Road robbery</h1>\(story)</article></body></html>
      """
    let a = try #require(extractor.extract(bytes: Array(html.utf8), path: "p.html").first)
    #expect(a.date == "2024-09-07")
    #expect(a.byline == "Tom Reeve")
    #expect(a.source == "Cambridge Evening Post")
    #expect(a.paragraphs.count == 2)
  }

  @Test func bylineAndUKDateNearTheHeadline() throws {
    let html = """
      <html><head><title>Arrest after Mill Road robbery - Cambridge Evening Post</title></head>
      <body><div class="page"><h1>Arrest after Mill Road robbery</h1>
      <p class="meta">By Tom Reeve</p><p class="when">Published 07/09/2024</p>
      <div class="content">\(story)</div></div></body></html>
      """
    let a = try #require(extractor.extract(bytes: Array(html.utf8), path: "p.html").first)
    #expect(a.title == "Arrest after Mill Road robbery")
    #expect(a.source == "Cambridge Evening Post")
    #expect(a.date == "2024-09-07")
    #expect(a.byline == "Tom Reeve")
    #expect(!a.text.contains("By Tom Reeve"))
    #expect(!a.text.contains("Published"))
  }

  @Test func longFormDateAndTimeElement() throws {
    let textDate =
      "<html><body><h1>Arrest after Mill Road robbery</h1><p>Sunday 8 September 2024</p>\(story)</body></html>"
    #expect(
      try extractor.extract(bytes: Array(textDate.utf8), path: "a.html").first?.date == "2024-09-08"
    )
    let usDate =
      "<html><body><h1>Arrest after Mill Road robbery</h1><p>September 8, 2024</p>\(story)</body></html>"
    #expect(
      try extractor.extract(bytes: Array(usDate.utf8), path: "b.html").first?.date == "2024-09-08")
    let time =
      "<html><body><h1>Arrest</h1><time datetime=\"2024-09-09\">Monday</time>\(story)</body></html>"
    #expect(
      try extractor.extract(bytes: Array(time.utf8), path: "c.html").first?.date == "2024-09-09")
  }
}
