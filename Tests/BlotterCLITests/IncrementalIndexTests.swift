import Foundation
import Testing

/// New, edited, touched and deleted files: `index --json` reports exactly those and search
/// reflects them; bad files are skipped with a reason and never lose what was indexed.
@Suite struct IncrementalIndexTests {
  func page(_ title: String, _ body: String) -> String {
    """
    <html><head><title>\(title) | Test Gazette</title><meta property="og:site_name" content="Test Gazette"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
    <article><h1>\(title)</h1><p>\(body)</p>
    <p>Police said enquiries were continuing and asked anyone with information to come forward.</p></article>
    <footer>Copyright Test Gazette. All rights reserved.</footer></body></html>
    """
  }

  func write(_ dir: URL, _ name: String, _ text: String) throws {
    let u = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: u)
  }

  func index(_ corpus: URL, _ index: URL) throws -> [String: Any] {
    let r = try CLI.run(["index", corpus.path, "--index", index.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    return try r.json()
  }

  func total(_ q: String, _ index: URL) throws -> Int {
    let r = try CLI.run(["search", q, "--index", index.path, "--json"])
    return try r.json()["total"] as? Int ?? -1
  }

  @Test func onlyWhatChangedIsTouched() throws {
    let corpus = CLI.tempDir("inc-corpus")
    let idx = CLI.tempDir("inc-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try write(corpus, "a/one.html", page("Raid in Witham", "Officers raided a flat in Witham and found a quantity of heroin hidden in a wardrobe."))
    try write(corpus, "a/two.html", page("Fraud in Harwich", "A pensioner in Harwich lost her savings to a courier fraud involving fake bank staff."))
    try write(corpus, "b/three.txt", " date 2024-05-14\nArson in Tiptree\nA barn was set alight in Tiptree overnight and firefighters spent hours at the scene.\nThe post Arson in Tiptree appeared first on Test Wire.\n")
    var j = try index(corpus, idx)
    #expect(j["added"] as? Int == 3)
    #expect(j["documents"] as? Int == 3)

    // Nothing changed.
    j = try index(corpus, idx)
    #expect([j["added"], j["updated"], j["removed"], j["unchanged"]].map { $0 as? Int } == [0, 0, 0, 3])

    // Touched only: same content, new timestamp.
    let two = corpus.appendingPathComponent("a/two.html")
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: two.path)
    j = try index(corpus, idx)
    #expect([j["added"], j["updated"], j["removed"], j["unchanged"]].map { $0 as? Int } == [0, 0, 0, 3])

    // One new, one edited, one deleted.
    try write(corpus, "a/four.html", page("Stabbing in Braintree", "A man was stabbed outside a takeaway in Braintree late on Friday night."))
    try write(corpus, "a/one.html", page("Raid in Witham", "Officers raided a flat in Witham and found cannabis plants growing in a loft."))
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("a/two.html"))
    j = try index(corpus, idx)
    #expect([j["added"], j["updated"], j["removed"], j["unchanged"]].map { $0 as? Int } == [1, 1, 1, 1])
    #expect(j["documents"] as? Int == 3)
    #expect(try total("braintree", idx) == 1)
    #expect(try total("loft", idx) == 1)
    #expect(try total("wardrobe", idx) == 0)
    #expect(try total("harwich", idx) == 0)
    #expect(try total("tiptree", idx) == 1)
    // Wrapper lines of the text scrape are not indexed.
    #expect(try total("\"appeared first\"", idx) == 0)
    let check = try CLI.run(["check", "--index", idx.path])
    #expect(check.status == 0, "\(check.stderr)")

    // --rebuild starts over with the same result.
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json", "--rebuild"])
    let rj = try r.json()
    #expect(rj["added"] as? Int == 3 && rj["documents"] as? Int == 3)
  }

  @Test func badFilesAreSkippedWithReasonsAndNothingIsLost() throws {
    let corpus = CLI.tempDir("bad-corpus")
    let idx = CLI.tempDir("bad-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try write(corpus, "good.html", page("Burglary in Sudbury", "Three homes in Sudbury were burgled on the same street within an hour."))
    try write(corpus, "feed.xml", "<rss><channel><title>Wire</title><item><title>Item</title><description>Police in Haverhill</description></item>")
    var j = try index(corpus, idx)
    #expect(j["documents"] as? Int ?? 0 >= 1)
    let before = try total("sudbury", idx)
    #expect(before == 1)

    try write(corpus, "empty.html", "")
    try Data([0x00, 0xFF, 0x13, 0x00, 0x89, 0x50, 0x4E, 0x47] + Array(repeating: 0, count: 300)).write(to: corpus.appendingPathComponent("garbage.html"))
    // The good file is now damaged: the old version must stay searchable.
    try Data([0x00, 0x01, 0x02]).write(to: corpus.appendingPathComponent("good.html"))
    try write(corpus, "lines.jsonl", "{\"id\":\"x1\",\"title\":\"Theft in Halesworth\",\"body\":\"A van was stolen in Halesworth.\"}\nnot json\n")
    j = try index(corpus, idx)
    let skipped = (j["skipped"] as? [[String: Any]]) ?? []
    let skippedPaths = Set(skipped.compactMap { $0["path"] as? String })
    #expect(skippedPaths.isSuperset(of: ["empty.html", "garbage.html", "good.html", "lines.jsonl"]), "\(skipped)")
    #expect(skipped.allSatisfy { !(($0["reason"] as? String) ?? "").isEmpty })
    #expect(try total("sudbury", idx) == 1)
    #expect(try total("halesworth", idx) == 1)
  }
}

/// Big JSON Lines files are streamed line by line: every good line indexed, bad lines reported
/// by number, ids follow the lines.
@Suite struct StreamedJSONLinesTests {
  @Test func bigJSONLinesFileIsStreamedWithPerLineErrors() throws {
    let corpus = CLI.tempDir("jsonl-corpus")
    let idx = CLI.tempDir("jsonl-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    var text = ""
    let filler = String(repeating: "Officers continued their enquiries across the district today. ", count: 24)
    for i in 1...3000 {
      if i == 1234 {
        text += "{\"id\": \"broken\n"
        continue
      }
      text += "{\"title\": \"Report \(i)\", \"date\": \"2023-05-0\(i % 9 + 1)\", \"body\": \"Unique marker zq\(i)x. \(filler)\"}\n"
    }
    text += "\n"
    let data = Data(text.utf8)
    #expect(data.count > 4 << 20)
    try data.write(to: corpus.appendingPathComponent("export.jsonl"))
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json", "--max-file-size", "100000"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try r.json()
    #expect(j["documents"] as? Int == 2999)
    #expect(j["added"] as? Int == 1)
    let skipped = (j["skipped"] as? [[String: Any]]) ?? []
    #expect(skipped.count == 1)
    #expect((skipped.first?["reason"] as? String)?.contains("line 1234") == true)
    let s = try CLI.run(["search", "zq2999x", "--index", idx.path, "--json"])
    let hit = try #require((try s.json()["hits"] as? [[String: Any]])?.first)
    #expect(hit["doc"] as? String == "export.jsonl#2999")
    #expect(hit["title"] as? String == "Report 2999")
  }
}
