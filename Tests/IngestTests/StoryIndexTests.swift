import Foundation
import Indexing
import Ingest
import Testing
import TestSupport

/// Stories in an index built by `CorpusIndexer`: grouped at commit, updated by adding, changing
/// and deleting copies, the same after a rebuild, and checked by `IndexChecker`.
@Suite struct StoryIndexTests {
  static func tempDir(_ name: String) -> URL {
    let u = FileManager.default.temporaryDirectory
      .appendingPathComponent("blotter-stories-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  /// Writes `article` as the one line of `name.jsonl` (document id `name.jsonl#a`).
  static func put(_ name: String, _ article: StoryTexts.Article, in corpus: URL) throws {
    try Data((article.jsonLine(id: "a") + "\n").utf8)
      .write(to: corpus.appendingPathComponent("\(name).jsonl"))
  }

  static func index(_ corpus: URL, _ idx: URL, rebuild: Bool = false) throws {
    var options = CorpusIndexer(corpus: corpus.path, indexPath: idx.path, rebuild: rebuild)
    options.threads = 1
    _ = try options.run()
  }

  /// Story id (origin document id) of every document, by document id.
  static func stories(_ idx: URL) throws -> [String: String] {
    let reader = try IndexReader.open(path: idx.path)
    let table = try #require(try reader.storyTable())
    var out: [String: String] = [:]
    for d in table.documents { out[d.id] = table.summary(d.story).id }
    return out
  }

  static func id(_ name: String) -> String { "\(name).jsonl#a" }

  @Test func addChangeAndDeleteCopiesUpdateTheirStories() throws {
    let corpus = Self.tempDir("corpus")
    let idx = Self.tempDir("index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try Self.put("release", StoryTexts.release, in: corpus)
    try Self.put("town", StoryTexts.sameTown, in: corpus)
    try Self.index(corpus, idx)
    #expect(try Self.stories(idx) == [Self.id("release"): Self.id("release"), Self.id("town"): Self.id("town")])

    // Add two copies: they join the release's story, whose origin stays the release.
    try Self.put("grown", StoryTexts.grown, in: corpus)
    try Self.put("rewritten", StoryTexts.rewritten, in: corpus)
    try Self.index(corpus, idx)
    var s = try Self.stories(idx)
    #expect(s[Self.id("grown")] == Self.id("release"))
    #expect(s[Self.id("rewritten")] == Self.id("release"))
    #expect(s[Self.id("town")] == Self.id("town"))
    _ = try IndexChecker.check(path: idx.path)

    // Change a copy into another story: it leaves.
    try Self.put("rewritten", StoryTexts.roundUp(week: 0), in: corpus)
    try Self.index(corpus, idx)
    s = try Self.stories(idx)
    #expect(s[Self.id("rewritten")] == Self.id("rewritten"))
    #expect(s[Self.id("grown")] == Self.id("release"))

    // Delete the origin: the next earliest copy becomes the origin (and the story's id).
    try FileManager.default.removeItem(at: corpus.appendingPathComponent("release.jsonl"))
    try Self.put("rewritten", StoryTexts.rewritten, in: corpus)
    try Self.index(corpus, idx)
    s = try Self.stories(idx)
    #expect(s[Self.id("release")] == nil)
    #expect(s[Self.id("grown")] == Self.id("grown"))
    #expect(s[Self.id("rewritten")] == Self.id("grown"))
    let report = try IndexChecker.check(path: idx.path)
    #expect(report.stories == 2)
  }

  @Test func incrementalUpdatesGroupAsARebuildDoes() throws {
    let corpus = Self.tempDir("corpus")
    let idx = Self.tempDir("index")
    let fresh = Self.tempDir("fresh")
    defer {
      for u in [corpus, idx, fresh] { try? FileManager.default.removeItem(at: u) }
    }
    let all: [(String, StoryTexts.Article)] = [
      ("w1", StoryTexts.roundUp(week: 1)), ("feed", StoryTexts.feedItem),
      ("grown", StoryTexts.grown), ("other", StoryTexts.otherReference),
      ("release", StoryTexts.release), ("w0", StoryTexts.roundUp(week: 0)),
      ("rewritten", StoryTexts.rewritten), ("town", StoryTexts.sameTown),
    ]
    // One file per run, in an order where copies arrive before their origin.
    for (name, a) in all {
      try Self.put(name, a, in: corpus)
      try Self.index(corpus, idx)
    }
    try Self.index(corpus, fresh)
    let incremental = try Self.stories(idx)
    #expect(incremental == (try Self.stories(fresh)))
    try Self.index(corpus, idx, rebuild: true)
    #expect(incremental == (try Self.stories(idx)))
    // The feed item and the release share the earliest date: the id makes the feed the origin.
    for copy in ["release", "grown", "rewritten"] {
      #expect(incremental[Self.id(copy)] == Self.id("feed"))
    }
    #expect(Set(incremental.values).count == 5)
  }

  @Test func checkFindsADamagedStoryTable() throws {
    let corpus = Self.tempDir("corpus")
    let idx = Self.tempDir("index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    for (name, a) in [("release", StoryTexts.release), ("grown", StoryTexts.grown), ("town", StoryTexts.sameTown)] {
      try Self.put(name, a, in: corpus)
    }
    try Self.index(corpus, idx)
    let reader = try IndexReader.open(path: idx.path)
    let name = try #require(reader.manifest.stories)
    let url = idx.appendingPathComponent(name)
    let good = try Data(contentsOf: url)
    _ = try IndexChecker.check(path: idx.path)

    // A flipped byte: the checksum.
    var bad = good
    bad[bad.count / 2] ^= 0x40
    try bad.write(to: url)
    #expect(throws: IndexError.self) { _ = try IndexChecker.check(path: idx.path) }

    // A consistent file whose grouping is not the one its sketches give (written with a
    // containment threshold nothing reaches, so every checksum holds).
    try good.write(to: url)
    let table = try reader.fileTable()
    var book = try #require(try StoryBook.read(reader))
    book.grouping.containment = 1.01
    try FileManager.default.removeItem(at: url)
    try book.write(
      to: reader.storage, name: name, table: table, segments: reader.segments.map(\.info.name))
    do {
      _ = try IndexChecker.check(path: idx.path)
      Issue.record("check passed a story table grouped by other rules")
    } catch let IndexError.corrupt(file, _, reason) {
      #expect(file == name)
      #expect(reason.contains("sketches put it"), "\(reason)")
    }
  }
}
