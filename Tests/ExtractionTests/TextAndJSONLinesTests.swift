import Testing

@testable import Extraction

@Suite struct TextAndJSONLinesTests {
  let extractor = DocumentExtractor()

  @Test func textScrapeKeepsStoryOnly() throws {
    let articles = try extractor.extract(bytes: fixture("scrape.txt"), path: "beds/raid.txt")
    let a = try #require(articles.first)
    #expect(articles.count == 1)
    #expect(a.id == "beds/raid.txt")
    #expect(a.title == "Bedford drugs raid leads to five arrests")
    #expect(a.date == "2024-03-21")
    #expect(a.paragraphs.count == 4)
    #expect(a.paragraphs.first?.hasPrefix("Five people have been arrested") == true)
    #expect(a.text.contains("more than £8,000 in cash"))
    for chrome in [
      "Viewing all", "Browse", "$ 0 0", "Picture:", "Trending", "Biggleswade", "Leighton Buzzard",
      "Dunstable", "appeared first on",
    ] {
      #expect(!a.text.contains(chrome), "chrome leaked: \(chrome)")
    }
  }

  @Test func jsonLinesSkipsTheBadLineAndSaysWhich() throws {
    let result = try extractor.extractWithWarnings(
      bytes: fixture("stories.jsonl"), path: "herts.jsonl")
    #expect(result.articles.map(\.id) == ["herts.jsonl#bp-1", "herts.jsonl#2", "herts.jsonl#bp-4"])
    #expect(result.warnings.count == 1)
    guard case .badJSONLine(let path, let line, _) = result.warnings.first else {
      Issue.record("expected a bad-line warning")
      return
    }
    #expect(path == "herts.jsonl")
    #expect(line == 3)

    let first = result.articles[0]
    #expect(first.title == "Stevenage shoplifter banned from town centre")
    #expect(first.date == "2024-02-03")
    #expect(first.url == "https://example-herts.uk/1")
    #expect(first.paragraphs.count == 2)
    // UK day-first numeric date.
    #expect(result.articles[1].date == "2024-02-05")
    // `html` is extracted as HTML: the credit line goes.
    let html = result.articles[2]
    #expect(html.source == "Herts Police")
    #expect(
      html.paragraphs == [
        "Police in Hitchin are appealing for information after a car was damaged in Bancroft car park on Friday night."
      ])
    // The plain API returns the good lines.
    #expect(try extractor.extract(bytes: fixture("stories.jsonl"), path: "herts.jsonl").count == 3)
  }

  @Test func jsonLinesWithNoGoodLineFails() {
    #expect(
      throws: ExtractionError.badJSONLine(path: "x.jsonl", line: 1, reason: "not a JSON object")
    ) {
      try extractor.extract(bytes: Array("[1, 2]\n".utf8), path: "x.jsonl")
    }
  }
}
