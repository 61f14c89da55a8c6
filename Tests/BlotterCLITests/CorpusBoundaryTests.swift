import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// What the corpus scanner reads and what it leaves alone (issue 17, defects 4 and 8): links that
/// leave the corpus, index folders inside it, names that are not UTF-8, duplicate JSON Lines ids;
/// and the size limits on one document (defect 9).
@Suite(.serialized) struct CorpusBoundaryTests {
  static func write(_ dir: URL, _ name: String, _ text: String) throws {
    let u = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: u)
  }

  static func article(_ word: String) -> String {
    "Police appeal in Witham\n\nOfficers investigating a burglary in Witham found the \(word) marker "
      + "and asked witnesses to come forward.\n"
  }

  /// (path → reason) of an `index --json` run's skipped list.
  static func skipped(_ r: CLI.Run) throws -> [String: String] {
    var out: [String: String] = [:]
    for s in (try r.json()["skipped"] as? [[String: Any]]) ?? [] {
      out[s["path"] as? String ?? "", default: ""] += s["reason"] as? String ?? ""
    }
    return out
  }

  @Test func linksLeavingTheCorpusAreNotFollowed() throws {
    let base = CLI.tempDir("links")
    defer { try? FileManager.default.removeItem(at: base) }
    let corpus = base.appendingPathComponent("corpus")
    let outside = base.appendingPathComponent("outside")
    let idx = base.appendingPathComponent("idx")
    try Self.write(corpus, "good/a.txt", Self.article("quorvinside"))
    try Self.write(outside, "secret.txt", Self.article("quorvoutside"))
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("x.txt").path, withDestinationPath: "/etc/passwd")
    try fm.createSymbolicLink(
      atPath: corpus.appendingPathComponent("leak.txt").path, withDestinationPath: "../outside/secret.txt")
    try fm.createSymbolicLink(
      atPath: corpus.appendingPathComponent("abs.txt").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("inside.txt").path, withDestinationPath: "good/a.txt")
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("good/up.txt").path, withDestinationPath: "../good/a.txt")
    // The corpus named through a link of its own: links inside still count as inside.
    let alias = base.appendingPathComponent("alias")
    try fm.createSymbolicLink(atPath: alias.path, withDestinationPath: corpus.path)

    for root in [corpus, alias] {
      let r = try CLI.run(["index", root.path, "--index", idx.path, "--json", "--rebuild"])
      #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
      let skipped = try Self.skipped(r)
      for link in ["x.txt", "leak.txt", "abs.txt"] {
        #expect(skipped[link]?.contains("outside the corpus") == true, "\(link): \(skipped)")
      }
      #expect(skipped["inside.txt"] == nil && skipped["good/up.txt"] == nil, "\(skipped)")
      // The target and the two links to it inside the corpus.
      #expect(try CLI.totals(["quorvinside", "quorvoutside"], index: idx) == [3, 0])
      let leaked = try CLI.totals(HostileInputTests.passwdMarkers, index: idx)
      #expect(leaked.allSatisfy { $0 == 0 }, "text of /etc/passwd in the index")
    }
  }

  @Test func indexFoldersInsideTheCorpusAreNotIndexed() throws {
    let base = CLI.tempDir("inner-index")
    defer { try? FileManager.default.removeItem(at: base) }
    let corpus = base.appendingPathComponent("corpus")
    try Self.write(corpus, "a.txt", Self.article("quorvpage"))
    try Self.write(base, "other/b.txt", Self.article("quorvother"))
    // Another index, made earlier, stored inside the corpus.
    let old = corpus.appendingPathComponent("old-index")
    #expect(try CLI.run(["index", base.appendingPathComponent("other").path, "--index", old.path]).status == 0)

    let idx = corpus.appendingPathComponent("index")
    for round in 0..<2 {
      let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
      #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
      let skipped = try Self.skipped(r)
      #expect(skipped["index"]?.contains("index") == true, "round \(round): \(skipped)")
      #expect(skipped["old-index"]?.contains("blotter index") == true, "round \(round): \(skipped)")
      let j = try r.json()
      if round == 0 { #expect(j["added"] as? Int == 1, "\(j)") }
      // LOCK holds the writer's pid; manifest says blotter-manifest.
      #expect(try CLI.totals(["quorvpage", "quorvother", "pid", "manifest", "blotter"], index: idx) == [1, 0, 0, 0, 0])
    }
  }

  @Test func namesThatAreNotUTF8AreReported() throws {
    let corpus = CLI.tempDir("names")
    let idx = CLI.tempDir("names-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try Self.write(corpus, "ok.txt", Self.article("quorvnamed"))
    // "café.txt" in Latin-1 and a folder "bad\xFF" holding a page.
    func create(_ name: [UInt8], folder: Bool) {
      let path = Array(corpus.path.utf8) + [UInt8(ascii: "/")] + name + [0]
      path.withUnsafeBufferPointer { p in
        p.withMemoryRebound(to: CChar.self) { c in
          if folder {
            #expect(mkdir(c.baseAddress!, 0o755) == 0)
          } else {
            let fd = open(c.baseAddress!, O_WRONLY | O_CREAT, 0o644)
            #expect(fd >= 0)
            let text = Array(Self.article("quorvlatin").utf8)
            _ = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
            close(fd)
          }
        }
      }
    }
    create(Array("caf".utf8) + [0xE9] + Array(".txt".utf8), folder: false)
    create(Array("bad".utf8) + [0xFF], folder: true)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    let skipped = try Self.skipped(r)
    #expect(skipped[#"caf\xE9.txt"#]?.contains("not valid UTF-8") == true, "\(skipped)")
    #expect(skipped[#"bad\xFF"#]?.contains("not valid UTF-8") == true, "\(skipped)")
    #expect(try CLI.totals(["quorvnamed"], index: idx) == [1])
  }

  @Test(arguments: [false, true])
  func duplicateJSONLinesIdsGiveOneDocument(streamed: Bool) throws {
    let corpus = CLI.tempDir("dup")
    let idx = CLI.tempDir("dup-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    var lines = [
      #"{"id":"a","title":"First quorvfirst raid","body":"Officers raided a flat in Witham."}"#,
      #"{"id":"b","title":"Other","body":"Another article about Maldon."}"#,
      #"{"id":"a","title":"Second quorvsecond raid","body":"A later line with the same id."}"#,
    ]
    if streamed {
      // Past the streaming threshold (4 MB): read line batch by line batch.
      let filler = String(repeating: "Officers in Tiptree continued their enquiries. ", count: 90)
      for k in 0..<1200 { lines.append(#"{"id":"f\#(k)","title":"Filler \#(k)","body":"\#(filler)"}"#) }
      lines.append(#"{"id":"b","title":"Late quorvlate copy","body":"The last line repeats b."}"#)
    }
    try Self.write(corpus, "d.jsonl", lines.joined(separator: "\n") + "\n")
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    let j = try r.json()
    #expect(j["documents"] as? Int == (streamed ? 1202 : 2), "\(j)")
    let reasons = ((j["skipped"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }
    #expect(reasons.contains { $0.contains("JSON line 3: duplicate id \"a\" (line 1 has it") }, "\(reasons)")
    if streamed { #expect(reasons.contains { $0.contains("JSON line 1204: duplicate id \"b\"") }, "\(reasons)") }
    #expect(try CLI.totals(["quorvfirst", "quorvsecond", "quorvlate"], index: idx) == [1, 0, 0])
    let show = try CLI.run(["show", "d.jsonl#a", "--index", idx.path, "--json"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(try show.json()["title"] as? String == "First quorvfirst raid")
  }

  // MARK: - Size limits (defect 9)

  @Test func oversizedDocumentsAreCappedOrSkipped() throws {
    let corpus = CLI.tempDir("sizes")
    let idx = CLI.tempDir("sizes-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    // 3 MB of text: indexed, its stored text capped at 1 MiB.
    var big = "Long log quorvbig\n\n"
    var k = 0
    while big.utf8.count < 3_000_000 {
      big += "Line \(k): officers in Witham logged call \(k) and quorvtail\(k % 7 == 6 ? "end" : "mid").\n"
      k += 1
    }
    try Self.write(corpus, "big.txt", big)
    // 5 MB of text compressed to a few KB: over a --max-file-size of 4 MB once expanded.
    let bomb = Array(("Bomb quorvbomb\n\n" + String(repeating: "Officers searched a flat in Witham. ", count: 140_000)).utf8)
    #expect(bomb.count > 4_000_000)
    let gz = try #require(SystemGzip.compress(bomb))
    try Data(gz).write(to: corpus.appendingPathComponent("bomb.txt.gz"))
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json", "--max-file-size", "4000000"])
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    let skipped = try Self.skipped(r)
    #expect(skipped["bomb.txt.gz"]?.contains("size limit") == true, "\(skipped)")
    #expect(skipped["big.txt"] == nil, "\(skipped)")
    #expect(try CLI.totals(["quorvbig", "quorvbomb"], index: idx) == [1, 0])
    let show = try CLI.run(["show", "big.txt", "--index", idx.path, "--json"])
    let text = try #require(try show.json()["text"] as? String)
    #expect(text.utf8.count <= 1 << 20 && text.utf8.count > (1 << 20) - 200, "\(text.utf8.count)")
  }
}
