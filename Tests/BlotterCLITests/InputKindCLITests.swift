import Foundation
import Testing

/// `blotter index` and `blotter extract` read files by one table (`InputKinds`): a folder walk
/// picks up every extension extraction reads by name (an RSS 1.0 `.rdf` feed, a page saved as
/// `.php`), and the help text lists the same extensions.
@Suite struct InputKindCLITests {
  static let rdf = """
    <?xml version="1.0" encoding="utf-8"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
    <channel rdf:about="https://example.org/news"><title>Fenland Courier</title></channel>
    <item rdf:about="https://example.org/news/1"><title>Wisbech lorry thefts solved</title>
    <link>https://example.org/news/1</link>
    <description>Detectives in Wisbech charged two men over a run of lorry thefts from lay-bys \
    on the A47 after a three-month investigation.</description></item>
    </rdf:RDF>
    """

  static let php = """
    <html><head><title>March allotment break-ins</title></head><body><article>
    <h1>March allotment break-ins</h1>
    <p>Officers in March are asking allotment holders to check their sheds after a string of \
    break-ins in which tools and a petrol mower were taken overnight.</p>
    <p>Anyone who saw people on the allotments after dark is asked to call the police.</p>
    </article></body></html>
    """

  @Test func indexReadsWhatExtractReads() throws {
    let idx = CLI.indexPages(
      [("courier/feed.rdf", Self.rdf), ("courier/break-ins.php", Self.php)], name: "kinds")
    defer { try? FileManager.default.removeItem(at: idx) }
    // Before the table, the walk ignored `.rdf` and `.php` although `extract` read both.
    #expect(try paths("wisbech lorry", idx) == ["courier/feed.rdf"])
    #expect(try paths("allotment mower", idx) == ["courier/break-ins.php"])
  }

  /// The file of every hit of `query`.
  func paths(_ query: String, _ idx: URL) throws -> [String] {
    let r = try CLI.run(["search", query, "--index", idx.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    return ((try r.json()["hits"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
  }

  @Test func aJSONFileInAFolderIsLeftAlone() throws {
    let corpus = CLI.tempDir("kinds-json")
    let idx = CLI.tempDir("kinds-json-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try Data(Self.php.utf8).write(to: corpus.appendingPathComponent("page.php"))
    try Data("[{\"title\": \"settings\"}]".utf8)
      .write(to: corpus.appendingPathComponent("site.json"))
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try r.json()
    #expect(j["added"] as? Int == 1)
    #expect(j["ignored"] as? Int == 1)
    #expect((j["skipped"] as? [Any])?.isEmpty == true)
  }

  @Test func helpListsTheWalkedExtensions() throws {
    let help = try CLI.run(["index", "--help"]).stdout
    let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(flat.contains(".atom .rdf .txt"), "\(help)")
    let extract = try CLI.run(["extract", "--help"]).stdout
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(extract.contains("feeds: .xml .rss .atom .rdf"), "\(extract)")
  }
}
