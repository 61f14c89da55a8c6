import Testing

@testable import Extraction

@Suite struct HTMLExtractionTests {
  let extractor = DocumentExtractor()

  @Test func newsPageKeepsStoryAndDropsChrome() throws {
    let articles = try extractor.extract(bytes: fixture("news-page.html"), path: "courier/van.html")
    #expect(articles.count == 1)
    let a = try #require(articles.first)
    #expect(a.id == "courier/van.html")
    #expect(a.path == "courier/van.html")
    #expect(a.title == "Van driver charged after Huntingdon pursuit")
    #expect(a.date == "2024-05-14")
    #expect(a.source == "Fenland Courier")
    #expect(a.byline == "Harriet Cole")

    let text = a.text
    // Every story paragraph, in order, and the subheading between them.
    #expect(a.paragraphs.first?.hasPrefix("A 34-year-old man has been charged") == true)
    #expect(text.contains("builders' yard in Godmanchester"))
    #expect(text.contains("Court appearance"))
    #expect(text.contains("“This was a reckless piece of driving"))
    #expect(a.paragraphs.last?.hasPrefix("Anyone with dashcam footage") == true)
    #expect(a.paragraphs.count == 7)

    // None of the chrome.
    for chrome in [
      "cookies", "Quickly exit", "BETA", "feedback", "Share on", "Picture:", "newsletter",
      "Subscribe", "Most read", "Wisbech", "Ely", "Chatteris", "Ramsey", "Soham", "Yaxley",
      "FenWatcher", "disqualified driver out", "All rights reserved", "Editors' Code",
      "Contact us", "Van driver charged after Huntingdon pursuit", "By Harriet Cole",
    ] {
      #expect(!text.contains(chrome), "chrome leaked into the body: \(chrome)")
    }
  }

  @Test func gzippedPageIsInflatedFirst() throws {
    let plain = try extractor.extract(bytes: fixture("news-page.html"), path: "a.html")
    let zipped = try extractor.extract(bytes: fixture("news-page.html.gz"), path: "a.html.gz")
    #expect(zipped.count == 1)
    #expect(zipped.first?.paragraphs == plain.first?.paragraphs)
    #expect(zipped.first?.title == plain.first?.title)
    #expect(zipped.first?.id == "a.html.gz")
  }

  @Test func aggregatorWrapperLinesAreDropped() throws {
    let a = try #require(
      extractor.extract(bytes: fixture("aggregator.html"), path: "agg.html").first)
    #expect(a.text.contains("charged with arson after three beach huts"))
    #expect(a.text.contains("Ipswich Magistrates' Court"))
    for chrome in [
      "Viewing all", "Browse latest", "Browse all", "View Live", "$ 0 0", "appeared first on",
    ] {
      #expect(!a.text.contains(chrome), "wrapper line leaked: \(chrome)")
    }
  }

  @Test(arguments: ["windows-1252.html", "latin-no-charset.html"])
  func windows1252PoundSignSurvives(_ name: String) throws {
    let a = try #require(extractor.extract(bytes: fixture(name), path: name).first)
    #expect(a.text.contains("fined £750 for fly-tipping"))
    #expect(a.text.contains("£320 in costs"))
    #expect(a.text.contains("– the “clearest case”"))
    #expect(a.title.contains("£750"))
  }

  @Test func declaredCharsetIsConvertedWithIconv() throws {
    let html =
      "<html><head><meta charset=\"shift_jis\"><title>東京の事件</title></head><body><article>"
      + "<p>東京都内で男が逮捕されました。警察によると、男は容疑を認めているということです。</p></article></body></html>"
    // Shift_JIS bytes are not valid UTF-8: the declared charset decides.
    let sjis: [UInt8] = TextDecoding.iconvConvertTo(html, charset: "SHIFT_JIS")
    #expect(!TextDecoding.isValidUTF8(sjis))
    let a = try #require(extractor.extract(bytes: sjis, path: "jp.html").first)
    #expect(a.title == "東京の事件")
    #expect(a.paragraphs == ["東京都内で男が逮捕されました。警察によると、男は容疑を認めているということです。"])
  }

  @Test func shortPageWithOneParagraphKeepsIt() throws {
    let html =
      "<html><body><nav><a href=\"/\">Home</a></nav><div><p>Roadworks on the A14 at Bury St Edmunds end tonight.</p></div></body></html>"
    let a = try #require(extractor.extract(bytes: Array(html.utf8), path: "s.html").first)
    #expect(a.paragraphs == ["Roadworks on the A14 at Bury St Edmunds end tonight."])
  }

  @Test func entitiesAreDecodedAndWhitespaceNormalised() throws {
    let html = Array(
      """
      <html><body><article><p>Officers   from&nbsp;Suffolk &amp; Norfolk
      seized &pound;2,000 &mdash; and a &#8220;replica&#8221; pistol, in a joint operation on Friday night in Ipswich.</p></article></body></html>
      """.utf8)
    let a = try #require(extractor.extract(bytes: html, path: "e.html").first)
    #expect(
      a.paragraphs == [
        "Officers from Suffolk & Norfolk seized £2,000 — and a “replica” pistol, in a joint operation on Friday night in Ipswich."
      ])
  }

  @Test func boilerplateFingerprintsDropRepeatedBlocks() throws {
    let bytes = try fixture("news-page.html")
    let prints = try extractor.blockFingerprints(bytes: bytes, path: "a.html")
    #expect(prints.count > 20)
    let plain = try #require(extractor.extract(bytes: bytes, path: "a.html").first)
    let lastParagraph = try #require(plain.paragraphs.last)
    let template: Set<UInt64> = [BlockFingerprint.of(Array(lastParagraph.utf8))]
    let trimmed = try #require(
      extractor.extract(bytes: bytes, path: "a.html", boilerplate: template).articles.first)
    #expect(trimmed.paragraphs == Array(plain.paragraphs.dropLast()))
  }
}

@Suite struct ConcurrencyTests {
  @Test func extractorIsUsableFromManyTasks() async throws {
    let extractor = DocumentExtractor()
    let page = try fixture("news-page.html")
    let feed = try fixture("feed.rss.gz")
    let expected = try extractor.extract(bytes: page, path: "a.html")
    let counts = await withTaskGroup(of: Int.self) { group in
      for i in 0..<16 {
        group.addTask {
          let bytes = i % 2 == 0 ? page : feed
          let path = i % 2 == 0 ? "a.html" : "f.rss.gz"
          let articles = (try? extractor.extract(bytes: bytes, path: path)) ?? []
          if i % 2 == 0 && articles != expected { return -1 }
          return articles.count
        }
      }
      var all = [Int]()
      for await c in group { all.append(c) }
      return all
    }
    #expect(counts.filter { $0 == 1 }.count == 8)
    #expect(counts.filter { $0 == 2 }.count == 8)
  }
}
