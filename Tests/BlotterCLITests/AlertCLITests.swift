import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

/// `blotter alert`: saved searches in the index folder, their new matches across index runs
/// (new, changed and deleted documents), and their Atom feed.
@Suite struct AlertCLITests {
  func page(_ title: String, _ body: String, date: String, url: String? = nil) -> String {
    let link = url.map { "<meta property=\"og:url\" content=\"\($0)\">" } ?? ""
    return """
      <html><head><title>\(title) | Test Gazette</title>
      <meta property="og:site_name" content="Test Gazette">
      <meta property="article:published_time" content="\(date)">\(link)</head>
      <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>\(title)</h1><p>\(body)</p>
      <p>Police said enquiries were continuing and asked anyone with information to come forward.</p>
      </article><footer>Copyright Test Gazette.</footer></body></html>
      """
  }

  func write(_ dir: URL, _ name: String, _ text: String) throws {
    let u = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: u)
  }

  func index(_ corpus: URL, _ index: URL) throws {
    let r = try CLI.run(["index", corpus.path, "--index", index.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
  }

  /// `alert check --json`: alert name → file names of its new matches, sorted.
  func check(_ index: URL, _ extra: [String] = []) throws -> [String: [String]] {
    let r = try CLI.run(["alert", "check", "--index", index.path, "--json"] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    var out: [String: [String]] = [:]
    for line in try r.jsonLines() {
      let name = try #require(line["alert"] as? String)
      #expect(line["query"] is String)
      let hits = try #require(line["new"] as? [[String: Any]])
      for h in hits {
        #expect(h["path"] is String && h["title"] is String && h["snippet"] is String)
      }
      out[name] = hits.compactMap {
        ($0["doc"] as? String)?.split(separator: "/").last.map(String.init)
      }.sorted()
    }
    return out
  }

  @Test func newChangedAndDeletedDocumentsAcrossIndexRuns() throws {
    let corpus = CLI.tempDir("alert-corpus")
    let idx = CLI.tempDir("alert-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try write(corpus, "one.html", page("Raid in Witham", "Officers found heroin in a flat in Witham.", date: "2024-05-01"))
    try write(corpus, "two.html", page("Fraud in Harwich", "A pensioner in Harwich lost her savings to fraud.", date: "2024-05-02"))
    try write(corpus, "three.html", page("Heroin seized in Tiptree", "Heroin worth thousands was seized in Tiptree.", date: "2024-05-03"))
    try index(corpus, idx)

    var r = try CLI.run(["alert", "add", "heroin", "heroin", "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["alert", "add", "harwich", "--index", idx.path, "--", "harwich", "-cannabis"])
    #expect(r.status == 0, "\(r.stderr)")

    // First check: nothing old is reported, but the current matches are recorded.
    #expect(try check(idx) == ["heroin": [], "harwich": []])
    // Nothing changed since: nothing new.
    #expect(try check(idx) == ["heroin": [], "harwich": []])

    // A new article, an old one edited so that it now matches, an unrelated new one.
    try write(corpus, "four.html", page("Heroin dealer jailed", "A heroin dealer from Colchester was jailed.", date: "2024-05-04"))
    try write(corpus, "two.html", page("Fraud in Harwich", "A pensioner in Harwich lost her savings; heroin was found on the suspect.", date: "2024-05-02"))
    try write(corpus, "five.html", page("Crash in Clacton", "Two cars collided in Clacton.", date: "2024-05-05"))
    try index(corpus, idx)
    #expect(try check(idx) == ["heroin": ["four.html", "two.html"], "harwich": ["two.html"]])

    // One matching article deleted, one still-matching article edited: only the edit is new.
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("one.html"))
    try write(corpus, "three.html", page("Heroin seized in Tiptree", "Heroin worth thousands of pounds was seized in Tiptree.", date: "2024-05-03"))
    try index(corpus, idx)
    #expect(try check(idx) == ["heroin": ["three.html"], "harwich": []])

    // An article that stopped matching and then matches again is new again.
    try write(corpus, "two.html", page("Fraud in Harwich", "A pensioner in Harwich lost her savings; cannabis was found.", date: "2024-05-02"))
    try index(corpus, idx)
    #expect(try check(idx) == ["heroin": [], "harwich": []])
    try write(corpus, "two.html", page("Fraud in Harwich", "A pensioner in Harwich lost her savings to fraud.", date: "2024-05-02"))
    try index(corpus, idx)
    #expect(try check(idx, ["harwich"]) == ["harwich": ["two.html"]])
    // Checking one alert leaves the others' records alone.
    #expect(try check(idx) == ["heroin": [], "harwich": []])

    // The file survives index runs (garbage collection), a rebuild, and `check` stays clean.
    r = try CLI.run(["index", corpus.path, "--index", idx.path, "--rebuild"])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["check", "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["alert", "list", "--index", idx.path])
    #expect(r.stdout.contains("heroin") && r.stdout.contains("harwich"), "\(r.stderr)")
  }

  @Test func firstCheckReportsNothingUnlessAll() throws {
    let idx = CLI.indexPages(
      [
        ("a.html", page("Burglary in Witham", "A house in Witham was burgled.", date: "2024-01-01")),
        ("b.html", page("Burglary in Maldon", "A shop in Maldon was burgled.", date: "2024-01-02")),
        ("c.html", page("Arson in Tiptree", "A barn burned in Tiptree.", date: "2024-01-03")),
      ], name: "alert-first")
    defer { try? FileManager.default.removeItem(at: idx) }
    var r = try CLI.run(["alert", "add", "burglary", "burgled", "--index", idx.path])
    #expect(r.status == 0)
    r = try CLI.run(["alert", "add", "arson", "arson", "--index", idx.path])
    #expect(r.status == 0)
    #expect(try check(idx, ["burglary"]) == ["burglary": []])
    #expect(try check(idx, ["arson", "--all"]) == ["arson": ["c.html"]])
    #expect(try check(idx, ["--all"]) == ["burglary": ["a.html", "b.html"], "arson": ["c.html"]])
    // Hits newest first, shaped as in `search --json`.
    r = try CLI.run(["alert", "check", "burglary", "--all", "--json", "--index", idx.path])
    let line = try #require(try r.jsonLines().first)
    let hits = try #require(line["new"] as? [[String: Any]])
    #expect(hits.compactMap { $0["date"] as? String } == ["2024-01-02", "2024-01-01"])
    #expect(hits.allSatisfy { $0["score"] is Double && $0["source"] is String })
    // Text output names the alert and its new matches.
    r = try CLI.run(["alert", "check", "--all", "--index", idx.path])
    #expect(r.stdout.contains("burglary: 2 new matches for burgled"), "\(r.stdout)")
    r = try CLI.run(["alert", "add", "again", "burgled", "--index", idx.path])
    r = try CLI.run(["alert", "check", "again", "--index", idx.path])
    #expect(
      r.stdout.contains("again: 0 new matches for burgled (first check: 2 matches recorded)"),
      "\(r.stdout)")
  }

  @Test func addListRemoveAndRefusals() throws {
    let idx = CLI.indexPages(
      [("a.html", page("Burglary in Witham", "A house in Witham was burgled.", date: "2024-01-01"))],
      name: "alert-crud")
    defer { try? FileManager.default.removeItem(at: idx) }
    var r = try CLI.run(["alert", "list", "--index", idx.path])
    #expect(r.status == 0 && r.stdout.isEmpty)
    // Checking no alerts writes nothing into the folder.
    r = try CLI.run(["alert", "check", "--index", idx.path])
    #expect(r.status == 0 && r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: idx.appendingPathComponent("alerts").path))
    r = try CLI.run(["alert", "add", "w", "witham burgled", "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["alert", "add", "m", "maldon", "--index", idx.path])
    #expect(r.status == 0)
    // A duplicate name is refused.
    r = try CLI.run(["alert", "add", "w", "other", "--index", idx.path])
    #expect(r.status == 1 && r.stderr.contains("exists"), "\(r.stderr)")
    // A bad query is refused with its column, and nothing is saved.
    r = try CLI.run(["alert", "add", "bad", "witham AND (", "--index", idx.path])
    #expect(r.status == 2 && r.stderr.contains("column"), "\(r.stderr)")
    r = try CLI.run(["alert", "list", "--json", "--index", idx.path])
    let listed = try r.jsonLines()
    #expect(listed.compactMap { $0["name"] as? String } == ["w", "m"])
    #expect(listed.compactMap { $0["query"] as? String } == ["witham burgled", "maldon"])
    #expect(listed.allSatisfy { $0["checked"] is NSNull })
    // The alerts file is blotter's own: it is not a foreign file in the index folder.
    #expect(FileManager.default.fileExists(atPath: idx.appendingPathComponent("alerts").path))
    r = try CLI.run(["alert", "remove", "w", "--index", idx.path])
    #expect(r.status == 0)
    r = try CLI.run(["alert", "remove", "w", "--index", idx.path])
    #expect(r.status == 1 && r.stderr.contains("no alert named 'w'"))
    r = try CLI.run(["alert", "list", "--json", "--index", idx.path])
    #expect(try r.jsonLines().compactMap { $0["name"] as? String } == ["m"])
    r = try CLI.run(["alert", "check", "nope", "--index", idx.path])
    #expect(r.status == 1)
    // No index: exit 1.
    let empty = CLI.tempDir("alert-none")
    defer { try? FileManager.default.removeItem(at: empty) }
    r = try CLI.run(["alert", "add", "x", "y", "--index", empty.appendingPathComponent("no").path])
    #expect(r.status == 1)
  }

  @Test func feedIsAtomAndEscapesHostileText() throws {
    let hostile = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"
    let idx = CLI.indexPages(
      [
        ("a.html", page("Old burglary", "A house in Witham was burgled.", date: "2023-03-01",
          url: "https://news.example/old?a=1&b=2")),
        ("b.html", page(hostile, "A shop in Witham was burgled &amp; looted.", date: "2024-06-01")),
        ("c.html", page("Arson", "A barn burned in Witham.", date: "2024-07-01")),
      ], name: "alert-feed")
    defer { try? FileManager.default.removeItem(at: idx) }
    var r = try CLI.run(["alert", "add", "<b>&", "burgled", "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["alert", "feed", "<b>&", "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("<script>"))
    let feed = try AtomParse(r.stdout)
    #expect(feed.root == "feed")
    #expect(feed.namespace == "http://www.w3.org/2005/Atom")
    #expect(feed.feedTitle == "blotter: <b>&")
    #expect(feed.entryTitles.count == 2)
    #expect(feed.entryTitles.first?.contains("<script>alert(1)</script> & \"quotes\"") == true)
    #expect(feed.entryTitles.last?.contains("Old burglary") == true)
    #expect(feed.links.last == "https://news.example/old?a=1&b=2")
    #expect(feed.links.first?.hasPrefix("file:///") == true)
    #expect(feed.links.first?.hasSuffix("/b.html") == true)
    #expect(feed.published == ["2024-06-01T00:00:00Z", "2023-03-01T00:00:00Z"])
    #expect(feed.ids.count == 2 && Set(feed.ids).count == 2)
    #expect(feed.summaries.allSatisfy { $0.contains("burgled") })
    r = try CLI.run(["alert", "feed", "missing", "--index", idx.path])
    #expect(r.status == 1)
  }
}

extension AlertCLITests {
  /// Commands at once lose nothing: each `add` reads, changes and writes the book under a lock.
  @Test func concurrentAddsAreAllKept() throws {
    let idx = CLI.indexPages(
      [("a.html", page("Burglary", "A house was burgled.", date: "2024-01-01"))],
      name: "alert-race")
    defer { try? FileManager.default.removeItem(at: idx) }
    let names = (0..<12).map { "alert\($0)" }
    DispatchQueue.concurrentPerform(iterations: names.count) { i in
      let r = try? CLI.run(["alert", "add", names[i], "burgled", "--index", idx.path])
      #expect(r?.status == 0, "\(r?.stderr ?? "")")
    }
    let r = try CLI.run(["alert", "list", "--json", "--index", idx.path])
    #expect(Set(try r.jsonLines().compactMap { $0["name"] as? String }) == Set(names))
  }

  /// A corpus indexed by a relative path still gives absolute `file:` links.
  @Test func feedLinksAreAbsoluteForARelativeCorpus() throws {
    let base = CLI.tempDir("alert-rel")
    defer { try? FileManager.default.removeItem(at: base) }
    try write(base, "news/a.html", page("Burglary", "A house was burgled.", date: "2024-01-01"))
    var r = try CLI.run(["index", "./news", "--index", "idx"], cwd: base)
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLI.run(["alert", "add", "b", "burgled", "--index", "idx"], cwd: base)
    r = try CLI.run(["alert", "feed", "b", "--index", "idx"], cwd: base)
    let feed = try AtomParse(r.stdout)
    let link = try #require(feed.links.first)
    #expect(link.hasPrefix("file:///") && link.hasSuffix("/news/a.html"), "\(link)")
    #expect(!link.contains("/./"))
  }
}

/// A feed parsed with Foundation's XMLParser: fails on any XML error.
final class AtomParse: NSObject, XMLParserDelegate {
  var root = ""
  var namespace = ""
  var feedTitle = ""
  var entryTitles: [String] = []
  var links: [String] = []
  var published: [String] = []
  var ids: [String] = []
  var summaries: [String] = []
  private var path: [String] = []
  private var text = ""

  init(_ xml: String) throws {
    super.init()
    let p = XMLParser(data: Data(xml.utf8))
    p.shouldProcessNamespaces = true
    p.delegate = self
    let ok = p.parse()
    #expect(ok, "XML error: \(String(describing: p.parserError))")
    if !ok { throw p.parserError ?? CocoaError(.coderReadCorrupt) }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if path.isEmpty {
      root = name
      namespace = namespaceURI ?? ""
    }
    if name == "link", path.last == "entry" { links.append(attributes["href"] ?? "") }
    path.append(name)
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    path.removeLast()
    let inEntry = path.last == "entry"
    switch name {
    case "title": if inEntry { entryTitles.append(text) } else if path.last == "feed" { feedTitle = text }
    case "published" where inEntry: published.append(text)
    case "id" where inEntry: ids.append(text)
    case "summary" where inEntry: summaries.append(text)
    default: break
    }
    text = ""
  }
}
