import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `blotter watch`: changes made while it runs reach the index after the debounce, bursts make
/// few commits, and a signal leaves the last commit whole. Results are polled for with generous
/// time-outs; nothing asserts how fast the watcher is.
@Suite(.serialized) struct WatchCLITests {
  /// A running `blotter watch --json` and its corpus, index and a folder outside the corpus.
  final class Watch {
    let corpus: URL
    let index: URL
    let outside: URL
    var process: Background!

    init(_ name: String, pages: Range<Int>) throws {
      corpus = CLI.tempDir("\(name)-corpus")
      index = CLI.tempDir("\(name)-index")
      outside = CLI.tempDir("\(name)-outside")
      try? FileManager.default.removeItem(at: index)
      try GeneratedCorpus.write(pages, to: corpus, paragraphs: 0)
    }

    func start(_ extra: [String] = [], debounce: String = "0.2") throws {
      process = try Background(
        ["watch", corpus.path, "--index", index.path, "--debounce", debounce, "--json"] + extra)
    }

    /// The commit lines printed so far.
    var commits: [[String: Any]] {
      let text = (try? String(contentsOf: process.out, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
    }

    var stderr: String { (try? String(contentsOf: process.err, encoding: .utf8)) ?? "" }

    /// Waits for a commit line that satisfies `condition`.
    func waitForCommit(
      seconds: Double = 120, _ condition: @escaping ([String: Any]) -> Bool
    ) -> Bool {
      waitFor(seconds: seconds) { commits.contains(where: condition) }
    }

    /// Waits until `search` gives each word's expected total.
    func waitForTotals(_ expected: [String: Int], seconds: Double = 120) -> Bool {
      let words = expected.keys.sorted()
      let want = words.map { expected[$0]! }
      let end = Date().addingTimeInterval(seconds)
      while Date() < end {
        if (try? CLI.totals(words, index: index)) == want { return true }
        usleep(100_000)
      }
      return false
    }

    func stop() -> CLI.Run {
      _ = Glibc.kill(process.pid, SIGTERM)
      return process.finish()
    }

    func write(_ i: Int, at path: String, paragraphs: Int = 0) throws {
      let u = corpus.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(GeneratedCorpus.page(i, paragraphs: paragraphs).utf8).write(to: u)
    }

    deinit {
      if let process, process.alive { process.kill9() }
      for u in [corpus, index, outside] { try? FileManager.default.removeItem(at: u) }
    }
  }

  func word(_ i: Int) -> String { GeneratedCorpus.word(i) }

  @Test(arguments: ["inotify", "polling"])
  func changesWhileWatchingReachTheIndex(mode: String) throws {
    let w = try Watch("watch-\(mode)", pages: 0..<5)
    try w.start(mode == "polling" ? ["--poll"] : [])
    #expect(w.waitForCommit { $0["initial"] as? Bool == true && $0["documents"] as? Int == 5 })
    #expect(w.commits.first?["mode"] as? String == mode, "\(w.stderr)")
    // The lock is held between commits: another writer is refused.
    let other = try CLI.run(["index", w.corpus.path, "--index", w.index.path])
    #expect(other.status == 1 && other.stderr.contains("lock"), "\(other.stderr)")

    let fm = FileManager.default
    try w.write(100, at: "d000/p100.html")  // created
    try w.write(200, at: "d000/p1.html")  // modified: page 1 now holds page 200's text
    try Data(GeneratedCorpus.page(300).utf8).write(
      to: w.outside.appendingPathComponent("p300.html"))
    try fm.moveItem(  // moved in
      at: w.outside.appendingPathComponent("p300.html"),
      to: w.corpus.appendingPathComponent("d000/p300.html"))
    try fm.moveItem(  // moved out
      at: w.corpus.appendingPathComponent("d000/p2.html"),
      to: w.outside.appendingPathComponent("p2.html"))
    try fm.removeItem(at: w.corpus.appendingPathComponent("d000/p3.html"))  // deleted
    try w.write(400, at: "new/sub/p400.html")  // a folder created with files in it
    try w.write(401, at: "new/sub/p401.html")
    #expect(
      w.waitForTotals([
        word(100): 1, word(200): 1, word(1): 0, word(300): 1, word(2): 0, word(3): 0,
        word(400): 1, word(401): 1, word(0): 1, word(4): 1,
      ]), "\(w.stderr)")
    // The new folder is watched: a file written into it later arrives too.
    try w.write(402, at: "new/sub/p402.html")
    try w.write(403, at: "new/p403.html")
    #expect(w.waitForTotals([word(402): 1, word(403): 1, word(400): 1]), "\(w.stderr)")
    // A folder moved out takes its files with it.
    try fm.moveItem(
      at: w.corpus.appendingPathComponent("new"), to: w.outside.appendingPathComponent("new"))
    #expect(w.waitForTotals([word(400): 0, word(402): 0, word(403): 0, word(100): 1]))
    // Nothing under the moved folder triggers anything any more.
    try w.write(404, at: "d000/p404.html")
    #expect(w.waitForTotals([word(404): 1]))
    #expect(w.commits.allSatisfy { $0["mode"] as? String == mode })

    let r = w.stop()
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    #expect(r.stderr.contains("stopped"))
    #expect(try CLI.run(["check", "--index", w.index.path]).status == 0)
    // The lock went with the watcher.
    #expect(try CLI.run(["index", w.corpus.path, "--index", w.index.path]).status == 0)
  }

  @Test func reachingTheWatchLimitFallsBackToPolling() throws {
    let w = try Watch("watch-limit", pages: 0..<150)  // folders d000 and d001
    try w.start(["--max-watches", "2"])
    #expect(w.waitForCommit { $0["initial"] as? Bool == true }, "\(w.stderr)")
    #expect(w.stderr.contains("watch limit"), "\(w.stderr)")
    #expect(w.commits.first?["mode"] as? String == "polling")
    try w.write(900, at: "d001/p900.html")
    #expect(w.waitForTotals([word(900): 1, word(149): 1]), "\(w.stderr)")
    let r = w.stop()
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test func aBurstOfAThousandFilesMakesFewCommits() throws {
    let w = try Watch("watch-burst", pages: 0..<3)
    try w.start(debounce: "0.5")
    #expect(w.waitForCommit { $0["initial"] as? Bool == true })
    try GeneratedCorpus.write(1000..<2000, to: w.corpus, paragraphs: 0)
    #expect(w.waitForCommit { $0["documents"] as? Int == 1003 }, "\(w.stderr)")
    let later = w.commits.filter { $0["initial"] as? Bool == false }
    let added = later.reduce(0) { $0 + ($1["added"] as? Int ?? 0) }
    #expect(added == 1000)
    #expect(later.count <= 20, "\(later.count) commits for one burst of 1,000 files")
    let r = w.stop()
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try CLI.totals([GeneratedCorpus.common], index: w.index) == [1003])
  }

  @Test func sigtermMidBurstLeavesTheLastCommitWhole() throws {
    let w = try Watch("watch-term", pages: 0..<3)
    try w.start()
    #expect(w.waitForCommit { $0["initial"] as? Bool == true })
    // Keep writing while the watcher commits, and stop it in the middle.
    let corpus = w.corpus
    let writer = Thread {
      try? GeneratedCorpus.write(1000..<1600, to: corpus, paragraphs: 4)
    }
    writer.start()
    #expect(w.waitForCommit { $0["initial"] as? Bool == false }, "\(w.stderr)")
    let r = w.stop()
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    while !writer.isFinished { usleep(10_000) }
    let check = try CLI.run(["check", "--index", w.index.path])
    #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    // The index holds exactly what the last commit line said.
    let lines = r.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let last = try #require(lines.last?["documents"] as? Int)
    #expect(try CLI.totals([GeneratedCorpus.common], index: w.index) == [last])
    // What was not committed is found by the next run.
    let next = try CLI.run(["index", w.corpus.path, "--index", w.index.path, "--json"])
    #expect(try next.json()["documents"] as? Int == 603)
  }

  @Test func alertsReportNewMatchesAfterEachCommit() throws {
    let w = try Watch("watch-alerts", pages: 0..<3)
    #expect(try CLI.run(["index", w.corpus.path, "--index", w.index.path]).status == 0)
    #expect(
      try CLI.run(["alert", "add", "marker", word(777), "--index", w.index.path]).status == 0)
    #expect(try CLI.run(["alert", "check", "--index", w.index.path]).status == 0)
    try w.start(["--alerts"])
    #expect(w.waitForCommit { $0["initial"] as? Bool == true })
    #expect((w.commits.first?["alerts"] as? [Any])?.isEmpty == true)
    try w.write(777, at: "d000/p777.html")
    #expect(
      w.waitForCommit { c in
        let alerts = c["alerts"] as? [[String: Any]] ?? []
        return alerts.contains { a in
          a["alert"] as? String == "marker"
            && (a["new"] as? [[String: Any]])?.compactMap { $0["doc"] as? String }
              .map { $0.hasSuffix("p777.html") } == [true]
        }
      }, "\(w.commits) \(w.stderr)")
    let r = w.stop()
    #expect(r.status == 0, "\(r.stderr)")
    // The watch recorded the check: nothing is new any more.
    let again = try CLI.run(["alert", "check", "--json", "--index", w.index.path])
    #expect(try again.jsonLines().first?["new"] as? [Any] != nil)
    #expect((try again.jsonLines().first?["new"] as? [Any])?.isEmpty == true)
  }

  @Test func aBadDebounceIsRefused() throws {
    let r = try CLI.run(["watch", "--debounce", "-1", "--index", "/nonexistent"])
    #expect(r.status == 64, "\(r.stderr)")
  }
}
