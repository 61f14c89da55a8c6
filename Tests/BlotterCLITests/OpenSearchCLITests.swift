import Foundation
import Testing

/// `blotter export --format opensearch` and `blotter translate --to opensearch` from the command
/// line: their outputs, an incremental export across index runs, and their exit statuses.
@Suite struct OpenSearchCLITests {
  func page(_ title: String, _ body: String) -> String {
    """
    <html><head><title>\(title) | Test Gazette</title>
    <meta property="article:published_time" content="2024-05-02"></head>
    <body><article><h1>\(title)</h1><p>\(body)</p>
    <p>Police said enquiries were continuing and asked anyone with information to come forward.</p>
    </article></body></html>
    """
  }

  func write(_ dir: URL, _ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: dir.appendingPathComponent(name))
  }

  func json(_ url: URL) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  /// The (action, id) pairs of an export folder's bulk files.
  func actions(_ out: URL) throws -> [(String, String)] {
    let manifest = try json(out.appendingPathComponent("manifest.json"))
    var all: [(String, String)] = []
    for f in manifest["files"] as? [[String: Any]] ?? [] {
      let text = try String(
        contentsOf: out.appendingPathComponent(f["name"] as! String), encoding: .utf8)
      let lines = text.split(separator: "\n")
      var k = 0
      while k < lines.count {
        let a = try #require(
          try JSONSerialization.jsonObject(with: Data(lines[k].utf8)) as? [String: [String: String]]
        )
        let (verb, meta) = try #require(a.first)
        all.append((verb, meta["_id"] ?? ""))
        k += verb == "index" ? 2 : 1
      }
    }
    return all
  }

  @Test func exportThenExportSinceSendsOnlyTheChange() throws {
    let root = CLI.tempDir("opensearch")
    defer { try? FileManager.default.removeItem(at: root) }
    let corpus = root.appendingPathComponent("corpus")
    let index = root.appendingPathComponent("index")
    let out = root.appendingPathComponent("out")
    try write(corpus, "a.html", page("Cannabis farm found in Witham", "Officers found 200 plants."))
    try write(
      corpus, "b.html", page("Burglar jailed in Colchester", "A burglar was jailed for two years."))
    try write(corpus, "c.html", page("Knife amnesty in Ipswich", "Residents handed in 40 knives."))
    #expect(try CLI.run(["index", corpus.path, "--index", index.path]).status == 0)
    let first = try CLI.run([
      "export", "--format", "opensearch", "--index", index.path, "--out", out.path,
    ])
    #expect(first.status == 0, "\(first.stderr)")
    let m1 = try json(out.appendingPathComponent("manifest.json"))
    #expect(m1["indexed"] as? Int == 3)
    #expect(Set(try actions(out).map(\.1)) == ["a.html", "b.html", "c.html"])
    let template = try json(out.appendingPathComponent("template.json"))
    #expect(template["index_patterns"] as? [String] == ["blotter", "blotter-*"])

    // b deleted, c changed, d added.
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("b.html"))
    try write(
      corpus, "c.html", page("Knife amnesty in Ipswich extended", "Residents handed in 60 knives."))
    try write(corpus, "d.html", page("Drugs seized in Harwich", "Officers seized 3kg of cocaine."))
    #expect(try CLI.run(["index", corpus.path, "--index", index.path]).status == 0)
    let cursor = try #require(m1["cursor"] as? Int)
    let second = try CLI.run([
      "export", "--format", "opensearch", "--index", index.path, "--since", String(cursor), "--out",
      out.path,
    ])
    #expect(second.status == 0, "\(second.stderr)")
    let acts = try actions(out)
    #expect(Set(acts.filter { $0.0 == "delete" }.map(\.1)) == ["b.html", "c.html"])
    #expect(Set(acts.filter { $0.0 == "index" }.map(\.1)) == ["c.html", "d.html"])
    let m2 = try json(out.appendingPathComponent("manifest.json"))
    #expect(m2["since"] as? Int == cursor)
    #expect((m2["cursor"] as? Int ?? 0) > cursor)

    // A cursor the index has not reached is refused.
    let ahead = try CLI.run([
      "export", "--format", "opensearch", "--index", index.path, "--since", "99", "--out", out.path,
    ])
    #expect(ahead.status == 1)
    #expect(ahead.stderr.contains("export without --since"))
  }

  @Test func translatePrintsAQueryObjectAndRefusesBadQueries() throws {
    let r = try CLI.run(["translate", "place:Essex figure:arrests>400", "--to", "opensearch"])
    #expect(r.status == 0, "\(r.stderr)")
    let dsl = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(Set(dsl.keys) == ["query"])
    #expect(r.stdout.contains("\"nested\""))
    let bad = try CLI.run(["translate", "palce:Essex", "--to", "opensearch"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("palce"))
    // Bad arguments are usage errors (ArgumentParser's 64).
    #expect(try CLI.run(["translate", "knife", "--to", "solr"]).status == 64)
    #expect(try CLI.run(["export", "--format", "parquet", "--out", "x"]).status == 64)
  }
}
