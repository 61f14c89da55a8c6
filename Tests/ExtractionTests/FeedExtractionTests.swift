import Testing

@testable import Extraction

@Suite struct FeedExtractionTests {
  let extractor = DocumentExtractor()

  @Test func rssItemsBecomeArticles() throws {
    let articles = try extractor.extract(bytes: fixture("feed.rss"), path: "feeds/norfolk.rss")
    #expect(articles.count == 2)
    let first = articles[0]
    #expect(first.id == "feeds/norfolk.rss#kl-2024-0611")
    #expect(first.title == "Appeal after cyclist injured in King's Lynn collision")
    #expect(first.date == "2024-06-11")
    #expect(first.source == "Norfolk Constabulary News")
    #expect(first.byline == "Norfolk Police Press Office")
    #expect(first.url == "https://news.example-police.uk/appeal-kings-lynn")
    #expect(first.paragraphs.count == 3)
    #expect(first.text.contains("Gayton Road in King’s Lynn"))
    #expect(!first.text.contains("appeared first on"))

    let second = articles[1]
    #expect(second.id == "feeds/norfolk.rss#https://news.example-police.uk/?p=5512")
    #expect(second.date == "2024-06-10")
    #expect(second.text.contains("£150,000"))
    #expect(second.paragraphs.count == 2)
  }

  @Test func atomEntriesBecomeArticles() throws {
    let articles = try extractor.extract(bytes: fixture("feed.atom"), path: "essex.atom")
    #expect(articles.count == 2)
    #expect(articles[0].id == "essex.atom#tag:newsroom.example-essex.uk,2024:entry-881")
    #expect(articles[0].date == "2024-07-01")
    #expect(articles[0].byline == "Essex Police Media Team")
    #expect(articles[0].source == "Essex Police Newsroom")
    #expect(articles[0].paragraphs.count == 2)
    #expect(articles[0].text.contains("fingerprints left on a kitchen window"))
    #expect(!articles[0].text.contains("<p>"))
    // No `published`: the `updated` date is used.
    #expect(articles[1].date == "2024-06-28")
    #expect(articles[1].text.hasPrefix("Roads policing officers will run speed checks"))
  }

  @Test func feedIsSniffedWithoutExtension() throws {
    let articles = try extractor.extract(bytes: fixture("feed.rss"), path: "download-17")
    #expect(articles.count == 2)
  }

  @Test func externalEntitiesAreNotLoaded() throws {
    let xml = Array(
      """
      <?xml version="1.0"?>
      <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <rss version="2.0"><channel><title>T</title>
      <item><title>Item</title><guid>g1</guid><description>Before &secret; after, with enough words to be a paragraph.</description></item>
      </channel></rss>
      """.utf8)
    let articles = try extractor.extract(bytes: xml, path: "x.rss")
    #expect(articles.count == 1)
    #expect(!articles[0].text.contains("root:"))
  }

  @Test func brokenFeedNamesThePath() throws {
    #expect(throws: ExtractionError.self) {
      try extractor.extract(
        bytes: Array("<?xml version=\"1.0\"?><html><p>x</p></html>".utf8), path: "bad.xml")
    }
    do {
      _ = try extractor.extract(
        bytes: Array("<?xml version=\"1.0\"?><other/>".utf8), path: "bad.rss")
      Issue.record("expected an error")
    } catch {
      guard case .unparseableFeed(let path, _) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(path == "bad.rss")
      #expect(error.description.hasPrefix("bad.rss: unparseable feed"))
    }
  }
}
