import Foundation
import Testing

/// The query commands as a user types them (issue 17): batch answers streamed line by line,
/// queries that start with '-', bad queries, entity headings, ids shared by extract and show.
@Suite(.serialized) struct QueryCLITests {
  static let corpus = CLI.repoRoot.appendingPathComponent("corpus")

  static let index: URL = {
    let dir = CLI.tempDir("query-cli-index")
    let r = try? CLI.run(["index", corpus.path, "--index", dir.path, "--json"])
    precondition(r?.status == 0, "indexing corpus failed: \(r?.stderr ?? "no run")")
    return dir
  }()

  func search(_ args: [String]) throws -> CLI.Run {
    try CLI.run(["search", "--index", Self.index.path] + args)
  }

  func total(_ q: String) throws -> Int {
    let r = try search(["--json", "--limit", "0", "--", q])
    #expect(r.status == 0, "\(q): \(r.stderr)")
    return try #require(try r.json()["total"] as? Int)
  }

  // MARK: - Batch

  /// `search --batch -` answers each line before the next is written: a client can hold it open
  /// as a query process.
  @Test func batchAnswersEachLineAsItIsRead() throws {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = ["search", "--batch", "-", "--index", Self.index.path]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = FileHandle.nullDevice
    _ = CLI.ignoreBrokenPipes
    try p.run()
    defer { if p.isRunning { p.terminate() } }
    let reader = LineReader(output.fileHandleForReading)
    for (q, key) in [("court", "total"), ("((((court", "error"), ("place:Essex", "total")] {
      input.fileHandleForWriting.write(Data((q + "\n").utf8))
      // The answer must come while stdin is still open.
      let line = try #require(reader.line(timeout: 60), "no answer to \(q) before the next line")
      let j = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(j["query"] as? String == q)
      #expect(j[key] != nil, "\(q): \(line)")
    }
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    #expect(p.terminationStatus == 2)  // one line was bad
  }

  /// A bad line (one that used to crash the process, a NUL, nothing searchable) gets an error
  /// object, and the lines around it are still answered.
  @Test func badBatchLinesGetAnErrorObjectAndTheRestRun() throws {
    let deep =
      String(repeating: "(", count: 20_000) + "court" + String(repeating: ")", count: 20_000)
    let nots = String(repeating: "NOT ", count: 20_000) + "court"
    let lines = ["court", deep, "\u{0}", "!!!", nots, "palce:Essex", "knife"]
    let run = try CLI.run(
      ["search", "--batch", "-", "--index", Self.index.path],
      stdin: lines.joined(separator: "\n") + "\n")
    #expect(!run.signaled)
    #expect(run.status == 2)
    let out = try run.jsonLines()
    try #require(out.count == lines.count)
    #expect(out.first?["total"] as? Int ?? 0 > 0)
    #expect(out.last?["total"] as? Int ?? 0 > 0)
    for (o, column) in zip(out[1...5], [65, 1, 1, 257, 1]) {
      #expect(o["error"] is String, "\(o)")
      #expect(o["column"] as? Int == column, "\(o)")
      #expect(o["total"] == nil)
    }
  }

  // MARK: - Queries as typed

  @Test func aQueryStartingWithADashWorksAsTyped() throws {
    let expected = try total("NOT drugs")
    for args in [
      ["-drugs"], ["--", "-drugs"], ["-drugs", "--limit", "3"], ["--limit", "3", "-drugs"],
    ] {
      let r = try search(args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      #expect(r.stdout.hasPrefix("\(expected) matches for -drugs"), "\(args): \(r.stdout)")
    }
    // Several words make one query.
    #expect(try search(["knife", "crime"]).stdout.hasPrefix("\(try total("knife crime")) match"))
    let typo = try search(["--jsn", "court"])
    #expect(typo.status != 0)
    #expect(typo.stderr.contains("--jsn") && typo.stderr.contains("after --"), "\(typo.stderr)")
    let mentions = try CLI.run([
      "mentions", "--index", Self.index.path, "--", "unit:ROCU", "-drugs",
    ])
    #expect(mentions.status == 0, "\(mentions.stderr)")
  }

  @Test func negativeNumbersSayWhatIsWrong() throws {
    let limit = try search(["court", "--limit", "-1"])
    #expect(limit.status != 0)
    #expect(limit.stderr.contains("--limit must be"), "\(limit.stderr)")
    #expect(!limit.stderr.contains("Missing value"))
    let top = try CLI.run(["entities", "--top", "-3", "--index", Self.index.path])
    #expect(top.status != 0)
    #expect(top.stderr.contains("--top must be a positive number"), "\(top.stderr)")
    for (flag, value) in [("--memory", "-16"), ("--threads", "-2"), ("--max-file-size", "-1")] {
      let r = try CLI.run(["index", "corpus", flag, value, "--index", Self.index.path + "-none"])
      #expect(r.status != 0)
      #expect(r.stderr.contains("\(flag) must be a positive number"), "\(flag): \(r.stderr)")
      #expect(!r.stderr.contains("Missing value"))
    }
  }

  /// Bad queries by name (the deep one is 20,000 characters: kept out of test names).
  static let badQueries: [String: String] = [
    "no words": "!!!", "no words in a field": "title:!!!", "misspelt field": "palce:Essex",
    "long word": String(repeating: "x", count: 65),
    "deep groups": String(repeating: "(", count: 20_000) + "court",
  ]

  @Test(arguments: [
    ("no words", 1, "no searchable words"), ("no words in a field", 7, "no searchable words"),
    ("misspelt field", 1, "did you mean place:?"), ("long word", 1, "longer than 64"),
    ("deep groups", 65, "deep"),
  ])
  func badQueriesExitTwoWithTheColumn(name: String, column: Int, message: String) throws {
    let r = try search(["--", try #require(Self.badQueries[name])])
    #expect(!r.signaled)
    #expect(r.status == 2, "\(r.stderr.prefix(300))")
    #expect(
      r.stderr.contains("column \(column):") && r.stderr.contains(message),
      "\(r.stderr.prefix(300))")
  }

  @Test func emptyOperandsAndPrecedence() throws {
    #expect(try total("!!! OR court") == (try total("court")))
    #expect(try total("court") > 0)
    let kent = try total("place:Kent knife OR machete")
    #expect(kent == (try total("place:Kent (knife OR machete)")))
    #expect(kent != (try total("(place:Kent knife) OR machete")))
  }

  @Test func searchHelpListsTheQuerySyntax() throws {
    let r = try CLI.run(["search", "--help"])
    for f in [
      "title:", "body:", "source:", "byline:", "date:", "unit:", "place:", "officer:", "figure:",
      "OR", "NOT",
    ] {
      #expect(r.stdout.contains(f), "\(f)")
    }
  }

  // MARK: - mentions

  @Test func mentionsAreHeadedWithTheQueriedEntity() throws {
    let essex = try CLI.run(["mentions", "place:Essex", "--index", Self.index.path])
    #expect(essex.stdout.hasPrefix("place Essex"), "\(essex.stdout.prefix(200))")
    let kent = try CLI.run(["mentions", "place:Kent", "--index", Self.index.path, "--json"])
    let entity = try #require(try kent.json()["entity"] as? [String: Any])
    #expect(entity["name"] as? String == "Kent")
  }

  @Test func eachEntityOfTheQueryHasItsOwnHeading() throws {
    let r = try CLI.run([
      "mentions", "unit:ROCU OR officer:Alcock", "--index", Self.index.path, "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try r.json()
    let entities = try #require(j["entities"] as? [[String: Any]])
    #expect(entities.count == 2)
    let unit = entities[0]
    let officer = entities[1]
    #expect(unit["kind"] as? String == "unit")
    #expect((j["entity"] as? [String: Any])?["name"] as? String == unit["name"] as? String)
    let unitAliases = (unit["aliases"] as? [String]) ?? []
    #expect(unitAliases.contains("ROCU"))
    #expect(!unitAliases.contains { $0.contains("Alcock") }, "\(unitAliases)")
    #expect(officer["kind"] as? String == "officer")
    #expect((officer["name"] as? String)?.contains("Alcock") == true)
    #expect(((officer["aliases"] as? [String]) ?? []).contains("Det Supt Alcock"))
    let mentions = try #require(j["mentions"] as? [[String: Any]])
    #expect(Set(mentions.compactMap { $0["entity"] as? Int }) == [0, 1])
    // Text: one heading per entity, with singular counts where they are one.
    let text = try CLI.run(["mentions", "unit:ROCU OR officer:Alcock", "--index", Self.index.path])
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.count > 2)
    #expect(lines[0].hasPrefix("unit "))
    #expect(lines[1].hasPrefix("officer ") && lines[1].hasSuffix("in 1 document"), "\(lines[1])")
  }

  // MARK: - ids

  /// `show` of a file that holds several documents lists their ids.
  @Test func showSuggestsTheItemsOfAFeed() throws {
    let r = try CLI.run(["show", "feeds/estuary-echo.rss", "--index", Self.index.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("feeds/estuary-echo.rss#"), "\(r.stderr)")
  }

  /// The ids `extract` prints are the ones `index` gives and `show` takes.
  @Test func extractPrintsTheIdsShowTakes() throws {
    let r = try CLI.run(["extract", Self.corpus.path, "--json"])
    let docs = try r.jsonLines().filter { ($0["path"] as? String)?.hasSuffix("README.md") == false }
    #expect(docs.count > 40)
    for d in docs {
      let id = try #require(d["id"] as? String)
      #expect(!id.hasPrefix("/") && !id.hasPrefix("corpus/"), "\(id)")
      let shown = try CLI.run(["show", id, "--index", Self.index.path, "--json"])
      #expect(shown.status == 0, "\(id): \(shown.stderr)")
      #expect(try shown.json()["doc"] as? String == id)
    }
    // A path that still names the corpus folder is found too.
    let first = try #require(docs.first?["id"] as? String)
    #expect(try CLI.run(["show", "corpus/" + first, "--index", Self.index.path]).status == 0)
  }
}

/// Reads lines from a pipe with a timeout (so a process that does not answer fails the test
/// instead of hanging it).
final class LineReader: @unchecked Sendable {
  private let handle: FileHandle
  private var buffer = Data()
  private let lock = NSCondition()
  private var closed = false

  init(_ handle: FileHandle) {
    self.handle = handle
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        lock.lock()
        if chunk.isEmpty { closed = true } else { buffer.append(chunk) }
        lock.broadcast()
        lock.unlock()
        if chunk.isEmpty { return }
      }
    }
  }

  func line(timeout: TimeInterval) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    lock.lock()
    defer { lock.unlock() }
    while true {
      if let nl = buffer.firstIndex(of: 0x0A) {
        let line = buffer[buffer.startIndex..<nl]
        buffer.removeSubrange(buffer.startIndex...nl)
        return String(decoding: line, as: UTF8.self)
      }
      if closed || !lock.wait(until: deadline) { return nil }
    }
  }
}
