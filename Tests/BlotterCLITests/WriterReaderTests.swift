import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One writer, many readers: a second writer is refused (naming the holder) or waits with
/// `--wait`; searches running while commits land always succeed and see one whole commit; files a
/// reader has open stay readable after later commits, and a commit keeps the previous commit's
/// files on disk for readers that are just opening it.
@Suite(.serialized) struct WriterReaderTests {
  func cleanup(_ urls: URL...) {
    for u in urls { try? FileManager.default.removeItem(at: u) }
  }

  @Test func secondWriterIsRefusedNamingTheHolderAndWaitWaits() throws {
    let corpus = CLI.tempDir("lock-corpus")
    let idx = CLI.tempDir("lock-index")
    defer { cleanup(corpus, idx) }
    // Enough work that the first writer is still running while the others start.
    try GeneratedCorpus.write(0..<1200, to: corpus, paragraphs: 12)
    let first = try Background(["index", corpus.path, "--index", idx.path, "--json", "--threads", "1"])
    let lockFile = idx.appendingPathComponent("LOCK")
    let holding = waitFor(seconds: 30) {
      ((try? String(contentsOf: lockFile, encoding: .utf8)) ?? "").contains("pid \(first.pid) ")
    }
    try #require(holding, "first writer never took the lock")

    let second = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    let firstStillRunning = first.alive
    #expect(second.status == 1 && !second.signaled)
    #expect(second.stderr.contains("locked by another writer"), "\(second.stderr)")
    #expect(second.stderr.contains("pid \(first.pid) "), "message names the holder: \(second.stderr)")
    #expect(second.stdout.isEmpty)
    try #require(firstStillRunning, "the first writer finished before the second was refused; make the corpus bigger")

    // --wait blocks until the first writer has committed and let go of the lock (its process may
    // still be exiting), then finds that commit in place: nothing left to add.
    let third = try CLI.run(["index", corpus.path, "--index", idx.path, "--json", "--wait"])
    let firstRun = first.finish()
    #expect(firstRun.status == 0, "\(firstRun.stderr)")
    #expect(third.status == 0, "\(third.stderr)")
    let j = try third.json()
    #expect(j["added"] as? Int == 0 && j["unchanged"] as? Int == 1200, "\(j)")
    #expect(try firstRun.json()["added"] as? Int == 1200)
  }

  @Test func searchesDuringCommitsAlwaysSeeOneWholeCommit() throws {
    let corpus = CLI.tempDir("live-corpus")
    let idx = CLI.tempDir("live-index")
    defer { cleanup(corpus, idx) }
    let batch = 60
    try GeneratedCorpus.write(0..<batch, to: corpus)
    let first = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(first.status == 0)

    final class Shared: @unchecked Sendable {
      let lock = NSLock()
      var committed: Set<Int> = []
      var failures: [String] = []
      var done = false
    }
    let shared = Shared()
    shared.committed.insert(batch)
    let writerThread = Thread {
      for k in 1...8 {
        do {
          try GeneratedCorpus.write((k * batch)..<((k + 1) * batch), to: corpus)
          let rebuild = k % 4 == 0
          let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"] + (rebuild ? ["--rebuild"] : []))
          let docs = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
          shared.lock.lock()
          if r.status != 0 { shared.failures.append("index: \(r.stderr)") }
          if let d = docs?["documents"] as? Int { shared.committed.insert(d) }
          shared.lock.unlock()
        } catch {
          shared.lock.lock()
          shared.failures.append("\(error)")
          shared.lock.unlock()
        }
      }
      shared.lock.lock()
      shared.done = true
      shared.lock.unlock()
    }
    writerThread.start()

    var seen: [Int] = []
    var errors: [String] = []
    while true {
      shared.lock.lock()
      let done = shared.done
      shared.lock.unlock()
      if done { break }
      let r = try CLI.run(["search", GeneratedCorpus.common, "--index", idx.path, "--json", "--limit", "0"])
      if r.status != 0 || r.signaled {
        errors.append("exit \(r.status): \(r.stderr)")
        continue
      }
      seen.append(try r.json()["total"] as? Int ?? -1)
    }
    #expect(shared.failures.isEmpty, "\(shared.failures)")
    #expect(errors.isEmpty, "searches failed during commits: \(errors.prefix(5))")
    let committed = shared.committed
    #expect(seen.count >= 5, "only \(seen.count) searches ran")
    let torn = seen.filter { !committed.contains($0) }
    #expect(torn.isEmpty, "searches saw counts no commit had: \(Set(torn).sorted()); committed \(committed.sorted())")
    #expect(Set(seen).count >= 2, "searches never saw a commit land (saw \(Set(seen).sorted()))")
  }

  @Test func openReaderKeepsReadingAfterLaterCommitsDeleteItsFiles() throws {
    let corpus = CLI.tempDir("open-corpus")
    let idx = CLI.tempDir("open-index")
    defer { cleanup(corpus, idx) }
    try GeneratedCorpus.write(0..<30, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let original = try CLI.committedFiles(idx)

    // `search --batch -` opens (maps) the index first, then reads its queries.
    let reader = try Background(["search", "--batch", "-", "--index", idx.path, "--limit", "1"], stdin: true)
    let postings = try #require(original.first { $0.hasSuffix(".postings") })
    let mapped = waitFor(seconds: 20) {
      (readProcFile("/proc/\(reader.pid)/maps") ?? "").contains(postings)
    }
    try #require(mapped, "reader never mapped \(postings)")

    // Three commits later, one of them a rebuild: none of the reader's files are referenced any more.
    try GeneratedCorpus.write(30..<60, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path, "--rebuild"]).status == 0)
    try GeneratedCorpus.write(60..<90, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let gone = original.filter { !FileManager.default.fileExists(atPath: idx.appendingPathComponent($0).path) }
    #expect(!gone.isEmpty, "the old commit's files were never collected, so this test proves nothing")

    let queries = [GeneratedCorpus.common] + (0..<30).map(GeneratedCorpus.word) + [GeneratedCorpus.word(45)]
    reader.send(queries.joined(separator: "\n") + "\n")
    reader.closeStdin()
    let r = reader.finish()
    #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
    let lines = try r.jsonLines()
    try #require(lines.count == queries.count, "\(r.stdout)")
    #expect(lines[0]["total"] as? Int == 30, "the reader sees its own commit")
    #expect(lines.dropFirst().dropLast().allSatisfy { $0["total"] as? Int == 1 })
    // Stored text is read too (the snippet comes from the reader's .store file).
    let hit = (lines[1]["hits"] as? [[String: Any]])?.first
    #expect((hit?["snippet"] as? String)?.contains(GeneratedCorpus.word(0)) == true, "\(lines[1])")
    #expect(lines.last?["total"] as? Int == 0, "a later commit's document is not visible")
  }

  @Test(arguments: [false, true])
  func commitKeepsThePreviousCommitsFiles(rebuild: Bool) throws {
    let corpus = CLI.tempDir("keep-corpus")
    let idx = CLI.tempDir("keep-index")
    defer { cleanup(corpus, idx) }
    try GeneratedCorpus.write(0..<20, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let previous = try CLI.committedFiles(idx)
    try GeneratedCorpus.write(20..<40, to: corpus)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path] + (rebuild ? ["--rebuild"] : []))
    #expect(r.status == 0, "\(r.stderr)")
    let missing = previous.filter { !FileManager.default.fileExists(atPath: idx.appendingPathComponent($0).path) }
    #expect(missing.isEmpty, "a reader opening the previous commit would not find \(missing)")
    // One commit later, those neither commit refers to are collected.
    let second = Set(try CLI.committedFiles(idx))
    try GeneratedCorpus.write(40..<45, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let current = Set(try CLI.committedFiles(idx))
    let stale = previous.filter {
      !second.contains($0) && !current.contains($0) && FileManager.default.fileExists(atPath: idx.appendingPathComponent($0).path)
    }
    #expect(stale.isEmpty, "files of two commits ago still on disk: \(stale)")
  }
}

extension WriterReaderTests {
  /// A stale note in LOCK (left by a writer that has exited) is never reported as the holder.
  @Test func staleLockNoteIsNotReportedAsTheHolder() throws {
    let corpus = CLI.tempDir("stale-corpus")
    let idx = CLI.tempDir("stale-index")
    defer { cleanup(corpus, idx) }
    try GeneratedCorpus.write(0..<3, to: corpus)
    let lockFile = idx.appendingPathComponent("LOCK")
    // A pid that cannot exist (above pid_max), then the lock held by a process that writes no note.
    try Data("pid 2147483000 writing since 1 (unix time)\n".utf8).write(to: lockFile)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["--no-fork", lockFile.path, "sleep", "30"]
    guard (try? holder.run()) != nil else {
      print("staleLockNote: /usr/bin/flock not available, case skipped")
      return
    }
    defer { holder.terminate() }
    // flock(1) --no-fork holds the lock once it has become `sleep`.
    #expect(waitFor(seconds: 10) { (readProcFile("/proc/\(holder.processIdentifier)/cmdline") ?? "").hasPrefix("sleep") })
    let r = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(r.status == 1 && r.stderr.contains("locked by another writer"), "\(r.stderr)")
    #expect(!r.stderr.contains("2147483000"), "named a stale holder: \(r.stderr)")
  }
}
