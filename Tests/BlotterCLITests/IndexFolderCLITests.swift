import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `blotter index` never deletes a file it did not write: a folder of other files is refused, an
/// index folder that is the corpus is refused, and a stray file or link in an index survives
/// every commit. An incremental run over a damaged index refuses to commit and says how to
/// recover; `check` places checksum damage in a byte range; the lock names its holder in words.
@Suite struct IndexFolderCLITests {
  let fm = FileManager.default

  func cleanup(_ urls: URL...) {
    for u in urls { try? fm.removeItem(at: u) }
  }

  func write(_ text: String, _ url: URL) throws {
    try Data(text.utf8).write(to: url)
  }

  func read(_ url: URL) -> String? {
    try? String(contentsOf: url, encoding: .utf8)
  }

  @Test func folderOfOtherFilesIsRefusedAndKept() throws {
    let corpus = CLI.tempDir("folder-corpus")
    let d = CLI.tempDir("folder-d")
    defer { cleanup(corpus, d) }
    try GeneratedCorpus.write(0..<3, to: corpus)
    let thesis = d.appendingPathComponent("thesis.txt")
    try write("thesis\n", thesis)
    for extra in [[], ["--rebuild"]] {
      let r = try CLI.run(["index", corpus.path, "--index", d.path] + extra)
      #expect(r.status == 1 && !r.signaled, "\(r.status) \(r.stderr)")
      #expect(r.stderr.contains(d.path) && r.stderr.contains("not a blotter index"), "\(r.stderr)")
      #expect(r.stderr.contains("thesis.txt"), "\(r.stderr)")
      #expect(read(thesis) == "thesis\n")
      #expect(try fm.contentsOfDirectory(atPath: d.path) == ["thesis.txt"])
    }
    // The corpus inside the index folder: the folder is not empty, so it is refused too.
    let outer = CLI.tempDir("folder-outer")
    defer { cleanup(outer) }
    try GeneratedCorpus.write(0..<3, to: outer.appendingPathComponent("corpus"))
    let inner = outer.appendingPathComponent("corpus").path
    let r = try CLI.run(["index", inner, "--index", outer.path])
    #expect(r.status == 1 && r.stderr.contains("not a blotter index"), "\(r.stderr)")
    #expect(try fm.contentsOfDirectory(atPath: outer.path) == ["corpus"])
  }

  @Test func indexFolderEqualToTheCorpusIsRefused() throws {
    let c = CLI.tempDir("same-corpus")
    defer { cleanup(c) }
    try GeneratedCorpus.write(0..<3, to: c)
    try write("read me\n", c.appendingPathComponent("README"))
    let before = try fm.contentsOfDirectory(atPath: c.path).sorted()
    for index in [c.path, c.path + "/.", c.path + "/"] {
      let r = try CLI.run(["index", c.path, "--index", index])
      #expect(r.status == 1 && !r.signaled, "\(r.stderr)")
      #expect(r.stderr.contains("is the corpus folder"), "\(r.stderr)")
      #expect(try fm.contentsOfDirectory(atPath: c.path).sorted() == before)
    }
    // Through the current directory, the default corpus and index names.
    let parent = CLI.tempDir("same-parent")
    defer { cleanup(parent) }
    try fm.createSymbolicLink(at: parent.appendingPathComponent("corpus"), withDestinationURL: c)
    try fm.createSymbolicLink(at: parent.appendingPathComponent("index"), withDestinationURL: c)
    let r = try CLI.run(["index"], cwd: parent)
    #expect(r.status == 1 && r.stderr.contains("is the corpus folder"), "\(r.stderr)")
    #expect(try fm.contentsOfDirectory(atPath: c.path).sorted() == before)
  }

  @Test func strayFilesAndLinksInAnIndexSurviveCommits() throws {
    let corpus = CLI.tempDir("stray-corpus")
    let idx = CLI.tempDir("stray-index")
    let outside = CLI.tempDir("stray-outside")
    defer { cleanup(corpus, idx, outside) }
    try write("", idx.appendingPathComponent(".gitkeep"))
    try GeneratedCorpus.write(0..<5, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let target = outside.appendingPathComponent("target.txt")
    try write("outside\n", target)
    try write("my notes\n", idx.appendingPathComponent("notes.txt"))
    try fm.createSymbolicLink(at: idx.appendingPathComponent("link"), withDestinationURL: target)
    try fm.createSymbolicLink(
      at: idx.appendingPathComponent("g99-0.terms"), withDestinationURL: target)
    for (i, extra) in [[], ["--rebuild"], []].enumerated() {
      try GeneratedCorpus.write((5 + i)..<(6 + i), to: corpus)
      let r = try CLI.run(["index", corpus.path, "--index", idx.path] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      let names = Set(try fm.contentsOfDirectory(atPath: idx.path))
      #expect(names.isSuperset(of: [".gitkeep", "notes.txt", "link", "g99-0.terms"]), "\(names)")
    }
    #expect(read(idx.appendingPathComponent("notes.txt")) == "my notes\n")
    #expect(read(target) == "outside\n")
    #expect(try CLI.run(["check", "--index", idx.path]).status == 0)
  }

  /// An incremental run over a damaged segment refuses to commit, naming the file and the bytes,
  /// and points at `--rebuild`, which then works.
  @Test func incrementalRunOverDamageRefusesWithTheRebuildHint() throws {
    let corpus = CLI.tempDir("damage-corpus")
    let idx = CLI.tempDir("damage-index")
    defer { cleanup(corpus, idx) }
    try GeneratedCorpus.write(0..<20, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let segment = try #require(
      try fm.contentsOfDirectory(atPath: idx.path).first { $0.hasSuffix(".postings") })
    let url = idx.appendingPathComponent(segment)
    var data = try Data(contentsOf: url)
    data[data.count / 2] ^= 0x20
    try data.write(to: url)
    let manifest = read(idx.appendingPathComponent("manifest"))

    let check = try CLI.run(["check", "--index", idx.path])
    #expect(check.status == 1)
    #expect(check.stderr.contains(segment), "\(check.stderr)")
    #expect(!check.stderr.contains("at byte 0:"), "\(check.stderr)")
    // The block the damage made undecodable, or else the range the checksum covers.
    #expect(
      check.stderr.contains("in bytes 0..<\(data.count - 16)")
        || (check.stderr.contains("at byte") && check.stderr.contains("checksum mismatch")),
      "\(check.stderr)")

    try GeneratedCorpus.write(20..<22, to: corpus)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(r.status == 1 && !r.signaled, "\(r.status) \(r.stderr)")
    #expect(r.stderr.contains(segment) && r.stderr.contains("in bytes"), "\(r.stderr)")
    #expect(r.stderr.contains("blotter index --rebuild"), "\(r.stderr)")
    #expect(read(idx.appendingPathComponent("manifest")) == manifest, "a commit landed")

    let rebuild = try CLI.run(["index", corpus.path, "--index", idx.path, "--rebuild", "--json"])
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(try rebuild.json()["documents"] as? Int == 22)
    #expect(try CLI.run(["check", "--index", idx.path]).status == 0)
  }

  /// The refused writer says who holds the lock, since when (ISO-8601, UTC) and for how long.
  @Test func lockHolderIsNamedWithTimeAndAge() throws {
    let corpus = CLI.tempDir("lockmsg-corpus")
    let idx = CLI.tempDir("lockmsg-index")
    defer { cleanup(corpus, idx) }
    try GeneratedCorpus.write(0..<3, to: corpus)
    let lockFile = idx.appendingPathComponent("LOCK")
    try write("", lockFile)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["--no-fork", lockFile.path, "sleep", "30"]
    guard (try? holder.run()) != nil else {
      print("lockHolderIsNamedWithTimeAndAge: /usr/bin/flock not available, case skipped")
      return
    }
    defer { holder.terminate() }
    let cmdline = "/proc/\(holder.processIdentifier)/cmdline"
    #expect(waitFor(seconds: 10) { (readProcFile(cmdline) ?? "").hasPrefix("sleep") })
    // The note a writer that started 3 minutes ago leaves.
    let since = Int(time(nil)) - 185
    var tt = time_t(since)
    var tm = tm()
    gmtime_r(&tt, &tm)
    let iso = String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
      tm.tm_hour, tm.tm_min, tm.tm_sec)
    try write("pid \(holder.processIdentifier) writing since \(iso)\n", lockFile)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("held by pid \(holder.processIdentifier) since \(iso) (3 min ago)"),
      "\(r.stderr)")
    // An older blotter's note (unix time) is shown the same way.
    try write("pid \(holder.processIdentifier) writing since \(since) (unix time)\n", lockFile)
    let old = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(old.stderr.contains("since \(iso) (3 min ago)"), "\(old.stderr)")
    #expect(!old.stderr.contains("unix time"), "\(old.stderr)")
  }
}
