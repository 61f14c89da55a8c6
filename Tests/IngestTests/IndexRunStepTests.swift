import Extraction
import Foundation
import Indexing
import Testing

@testable import Ingest

/// The steps of an indexing run, one by one (`IndexRun`): plan changes, plan jobs, extract a
/// file, find a streamed file's lines, and a whole run's counts and commits.
@Suite struct IndexRunStepTests {
  static func tempDir(_ name: String) -> URL {
    let u = FileManager.default.temporaryDirectory
      .appendingPathComponent("blotter-ingest-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  static func page(_ town: String) -> String {
    """
    <html><head><title>\(town) burglary appeal</title></head><body><article>
    <h1>\(town) burglary appeal</h1>
    <p>Police in \(town) are appealing for witnesses after a house was broken into on Tuesday \
    evening and jewellery and a laptop were taken from an upstairs bedroom.</p>
    <p>Anyone with information or doorbell footage is asked to contact the police quoting the \
    crime reference number.</p></article></body></html>
    """
  }

  static func file(_ path: String, size: UInt64 = 100, mtime: Int64 = 1) -> CorpusFile {
    CorpusFile(path: path, size: size, mtimeNanos: mtime)
  }

  // MARK: 2. Plan changes

  @Test func changePlanSortsFilesIntoUnchangedCandidatesAndRemoved() {
    var old = FileTable()
    old.entries["same.html"] = FileTable.Entry(size: 100, mtimeNanos: 1, hash: 7, docs: [])
    old.entries["touched.html"] = FileTable.Entry(size: 100, mtimeNanos: 1, hash: 7, docs: [])
    old.entries["grown.html"] = FileTable.Entry(size: 90, mtimeNanos: 1, hash: 7, docs: [])
    old.entries["gone.html"] = FileTable.Entry(size: 100, mtimeNanos: 1, hash: 7, docs: [])
    let files = [
      Self.file("grown.html"), Self.file("new.html"), Self.file("same.html"),
      Self.file("touched.html", mtime: 2),
    ]
    let plan = ChangePlan(files: files, old: old)
    #expect(plan.unchanged == 1)
    #expect(plan.candidates.map(\.path) == ["grown.html", "new.html", "touched.html"])
    #expect(plan.removed == ["gone.html"])
    #expect(plan.candidateBytes == 300)
  }

  // MARK: 4. Plan jobs

  static func paths(_ job: Job?) -> [String] {
    guard case .files(let files) = job else { return [] }
    return files.map(\.path)
  }

  @Test func smallFilesGoInBatchesBoundedInNumberAndBytes() {
    let many = (0..<40).map { Self.file("s/\($0).html") }
    var planner = JobPlanner(candidates: many, memoryBudget: 256 << 20)
    let noStream: (Int, CorpusFile) -> [(Int, Range<Int>)]? = { _, _ in
      Issue.record("nothing here is streamed")
      return nil
    }
    #expect(Self.paths(planner.nextJob(open: noStream)).count == CorpusIndexer.filesPerJob)
    #expect(Self.paths(planner.nextJob(open: noStream)) == (32..<40).map { "s/\($0).html" })
    #expect(planner.nextJob(open: noStream) == nil)

    // A batch holds at most max(1 MB, memory / 8) of what its documents can hold.
    let big = (0..<5).map { Self.file("b/\($0).txt", size: 600_000) }
    var bounded = JobPlanner(candidates: big, memoryBudget: 1 << 20)
    #expect(Self.paths(bounded.nextJob(open: noStream)) == ["b/0.txt", "b/1.txt"])
    #expect(Self.paths(bounded.nextJob(open: noStream)) == ["b/2.txt", "b/3.txt"])
    #expect(Self.paths(bounded.nextJob(open: noStream)) == ["b/4.txt"])
  }

  @Test func aBigJSONLinesFileIsCutIntoLineJobsInCorpusOrder() {
    let threshold = CorpusIndexer.streamThreshold
    let candidates = [
      Self.file("a.html"), Self.file("b.jsonl", size: threshold),
      Self.file("c.jsonl.gz", size: threshold), Self.file("d.jsonl", size: threshold),
      Self.file("e.html"),
    ]
    var planner = JobPlanner(candidates: candidates, memoryBudget: 256 << 20)
    var opened: [Int] = []
    let lines = (1...1100).map { ($0, ($0 * 10)..<($0 * 10 + 5)) }
    func open(_ i: Int, _ f: CorpusFile) -> [(Int, Range<Int>)]? {
      opened.append(i)
      return f.path == "d.jsonl" ? nil : lines  // d.jsonl: unchanged, no job
    }
    // The batch in progress is closed before the streamed file.
    #expect(Self.paths(planner.nextJob(open: open)) == ["a.html"])
    var cuts: [(Int, Int, Bool)] = []
    for _ in 0..<3 {
      guard case .lines(let file, let slice, let last) = planner.nextJob(open: open) else {
        Issue.record("expected a line job")
        return
      }
      cuts.append((file, slice.count, last))
    }
    #expect(cuts.map(\.0) == [1, 1, 1])
    #expect(cuts.map(\.1) == [512, 512, 76])
    #expect(cuts.map(\.2) == [false, false, true])
    // A compressed JSON Lines file is read whole (in a batch closed before the next streamed
    // file, even one that turns out to need no job, as d.jsonl).
    #expect(Self.paths(planner.nextJob(open: open)) == ["c.jsonl.gz"])
    #expect(Self.paths(planner.nextJob(open: open)) == ["e.html"])
    #expect(planner.nextJob(open: open) == nil)
    #expect(opened == [1, 3])
  }

  // MARK: 5. Extract

  @Test func aFileIsChangedTouchedOrFailed() throws {
    let dir = Self.tempDir("process")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("p.html")
    let bytes = Array(Self.page("Braintree").utf8)
    try Data(bytes).write(to: url)
    let f = CorpusFile(path: "p.html", size: UInt64(bytes.count), mtimeNanos: 5)
    let extractor = DocumentExtractor()
    let context = WorkerContext()
    func run(_ old: FileTable.Entry?, limit: UInt64 = 1 << 20) -> FileOutcome {
      JobExtractor.process(
        f, fullPath: url.path, old: old, extractor: extractor, context: context, limit: limit,
        template: nil)
    }
    guard case .changed(let hash, let docs, let warnings, _) = run(nil) else {
      Issue.record("a new file is extracted")
      return
    }
    #expect(docs.map(\.stored.title) == ["Braintree burglary appeal"])
    #expect(warnings.isEmpty)
    #expect(hash == bytes.withUnsafeBytes { CorpusIndexer.crc($0) })
    let same = FileTable.Entry(size: f.size, mtimeNanos: 1, hash: hash, docs: [])
    guard case .touched(let h) = run(same), h == hash else {
      Issue.record("same content: only touched")
      return
    }
    guard case .failed(let reason) = run(nil, limit: 10) else {
      Issue.record("over the limit: failed")
      return
    }
    #expect(reason.contains("over the --max-file-size limit of 10"), "\(reason)")
  }

  @Test func aStreamedFileKnowsItsLinesAndHash() throws {
    let dir = Self.tempDir("stream")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("d.jsonl")
    let text = "{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}"
    try Data(text.utf8).write(to: url)
    let f = CorpusFile(path: "d.jsonl", size: UInt64(text.utf8.count), mtimeNanos: 1)
    guard case .success(let s) = StreamState.open(url.path, file: f, limit: 1 << 20) else {
      Issue.record("the file maps")
      return
    }
    #expect(s.lineRanges().map(\.0) == [1, 4, 5])
    #expect(s.lineRanges().map { String(decoding: s.bytes($0.1), as: UTF8.self) }
      == ["{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}"])
    #expect(s.hash == Array(text.utf8).withUnsafeBytes { CorpusIndexer.crc($0) })
  }

  // MARK: 6–7. Write and commit

  @Test func aRunAddsUpdatesRemovesAndCommitsOnlyWhenSomethingChanged() throws {
    let corpus = Self.tempDir("run-corpus")
    let index = Self.tempDir("run-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: index)
    }
    func write(_ name: String, _ town: String) throws {
      try Data(Self.page(town).utf8).write(to: corpus.appendingPathComponent(name))
    }
    try write("a.html", "Witham")
    try write("b.html", "Harwich")
    try Data("not a page".utf8).write(to: corpus.appendingPathComponent("style.css"))
    let indexer = CorpusIndexer(corpus: corpus.path, indexPath: index.path)
    let first = try indexer.run()
    #expect((first.added, first.updated, first.removed, first.unchanged) == (2, 0, 0, 0))
    #expect((first.documents, first.generation, first.ignored) == (2, 1, 1))

    let again = try indexer.run()
    #expect((again.added, again.unchanged, again.generation) == (0, 2, 1))

    try FileManager.default.removeItem(at: corpus.appendingPathComponent("a.html"))
    try write("b.html", "Tiptree")
    try write("c.html", "Maldon")
    let third = try indexer.run()
    #expect((third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, 0))
    #expect((third.documents, third.generation) == (2, 2))
    let reader = try IndexReader.open(path: index.path)
    #expect(Set(try reader.fileTable().entries.keys) == ["b.html", "c.html"])
  }

  @Test func aFailedFileKeepsWhatWasIndexedBefore() throws {
    let corpus = Self.tempDir("keep-corpus")
    let index = Self.tempDir("keep-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: index)
    }
    try Data(Self.page("Witham").utf8).write(to: corpus.appendingPathComponent("a.html"))
    var indexer = CorpusIndexer(corpus: corpus.path, indexPath: index.path)
    _ = try indexer.run()
    // The page grows past the size limit: the run lists it as skipped and keeps its document.
    try Data((Self.page("Witham") + String(repeating: " ", count: 4096)).utf8)
      .write(to: corpus.appendingPathComponent("a.html"))
    indexer.maxFileSize = 2048
    let s = try indexer.run()
    #expect(s.skipped.map(\.path) == ["a.html"])
    #expect((s.updated, s.documents) == (0, 1))
  }
}
