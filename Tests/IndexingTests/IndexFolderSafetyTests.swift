import Analysis
import Foundation
import Testing

@testable import Indexing

/// The writer only ever deletes files it wrote, refuses to turn a folder of other files into an
/// index, cleans up after a failed run (after its background merge has stopped), and does not
/// commit on top of a damaged file.
@Suite struct IndexFolderSafetyTests {
  let analyzer = Analyzer()
  let fm = FileManager.default

  func commit(_ path: String, prefix: String, count: Int) throws {
    let w = try IndexWriter(path: path)
    for i in 0..<count {
      _ = try w.add(makeDoc(analyzer, id: "\(prefix)\(i)", title: prefix, body: "text \(i)"))
    }
    try w.commit()
  }

  func names(_ path: String) -> Set<String> {
    Set((try? fm.contentsOfDirectory(atPath: path)) ?? [])
  }

  /// The files blotter may have in the folder right after a commit: the manifest's, the previous
  /// commit's (kept for readers), the manifest itself and the lock.
  func committedNames(_ path: String) throws -> Set<String> {
    let m = try IndexReader.open(path: path).manifest
    return Set(m.files + m.previousFiles + [Manifest.fileName, "LOCK"])
  }

  /// The saved searches (`alerts`) are blotter's own file but belong to no commit: a folder
  /// holding them is an index folder, and commits (their garbage collection) and a rebuild
  /// keep them.
  @Test func alertsFileIsKeptByCommitsAndRebuilds() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Data("blotter-alerts 1\n{}".utf8).write(to: URL(fileURLWithPath: path + "/alerts"))
    try commit(path, prefix: "a", count: 3)
    try commit(path, prefix: "b", count: 3)
    try commit(path, prefix: "c", count: 3)
    let w = try IndexWriter(path: path, rebuild: true)
    try w.commit()
    #expect(names(path).contains("alerts"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/alerts")).count == 19)
  }

  @Test func folderOfOtherFilesIsRefusedAndLeftAlone() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Data("thesis\n".utf8).write(to: URL(fileURLWithPath: path + "/thesis.txt"))
    #expect(throws: IndexError.notAnIndex(path: path, found: ["thesis.txt"])) {
      _ = try IndexWriter(path: path)
    }
    #expect(throws: IndexError.self) { _ = try IndexWriter(path: path, rebuild: true) }
    #expect(names(path) == ["thesis.txt"])
    #expect(try String(contentsOfFile: path + "/thesis.txt", encoding: .utf8) == "thesis\n")
    // A file named `manifest` that is not a blotter manifest does not make the folder an index.
    try fm.removeItem(atPath: path + "/thesis.txt")
    try Data("shipping manifest\n".utf8).write(to: URL(fileURLWithPath: path + "/manifest"))
    #expect(throws: IndexError.notAnIndex(path: path, found: ["manifest"])) {
      _ = try IndexWriter(path: path, rebuild: true)
    }
    let text = try String(contentsOfFile: path + "/manifest", encoding: .utf8)
    #expect(text == "shipping manifest\n")
  }

  @Test func dotFilesDoNotMakeAFolderForeignAndAreKept() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Data().write(to: URL(fileURLWithPath: path + "/.gitkeep"))
    try commit(path, prefix: "a", count: 5)
    try commit(path, prefix: "b", count: 5)
    #expect(names(path).contains(".gitkeep"))
    #expect(try IndexReader.open(path: path).documents == 10)
  }

  @Test func garbageCollectionOnlyRemovesBlottersOwnFiles() throws {
    let path = tempIndex()
    let outside = tempIndex()
    defer {
      try? fm.removeItem(atPath: path)
      try? fm.removeItem(atPath: outside)
    }
    try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: outside + "/target.txt"))
    try commit(path, prefix: "a", count: 5)
    // Put a user's file, links (one with a segment file's name), a folder with a segment
    // file's name and a leftover of a crashed run into the index folder.
    try Data("notes\n".utf8).write(to: URL(fileURLWithPath: path + "/notes.txt"))
    try fm.createSymbolicLink(atPath: path + "/link", withDestinationPath: outside + "/target.txt")
    try fm.createSymbolicLink(
      atPath: path + "/g9-0.terms", withDestinationPath: outside + "/target.txt")
    try fm.createDirectory(atPath: path + "/g9-1.store", withIntermediateDirectories: false)
    try Data("BLTR".utf8).write(to: URL(fileURLWithPath: path + "/g1-7.postings"))
    let user: Set<String> = ["notes.txt", "link", "g9-0.terms", "g9-1.store"]
    for prefix in ["b", "c", "d"] {
      try commit(path, prefix: prefix, count: 5)
      #expect(names(path).subtracting(try committedNames(path)) == user)
    }
    #expect(try IndexReader.open(path: path).documents == 20)
    #expect(try String(contentsOfFile: outside + "/target.txt", encoding: .utf8) == "keep me\n")
    #expect(try String(contentsOfFile: path + "/notes.txt", encoding: .utf8) == "notes\n")
    _ = try IndexChecker.check(path: path)
  }

  @Test func ownFileNamesAreExact() {
    for n in [
      "manifest", "manifest.tmp", "LOCK", "files.12", "g3-0.terms", "g3-14.postings", "g3-b2.store",
      "g3-m.columns", "g3-0.5.deletes", "g12-m.12.deletes", "alerts", "alerts.tmp",
    ] {
      #expect(IndexFileNames.isOwn(n), "\(n)")
    }
    for n in [
      "thesis.txt", "manifest.json", "lock", "files", "files.x", "files.1.tmp", "g3-0", "g3-0.txt",
      "g-0.terms", "gx-0.terms", "g3-.terms", "g3-bb.store", "g3-0.deletes", "g3-0.x.deletes",
      ".g3-0.terms", "g3-0.terms.bak", "G3-0.terms", "g3-mm.norms", "alerts.json", "alerts.1",
    ] {
      #expect(!IndexFileNames.isOwn(n), "\(n)")
    }
  }

  /// ENOSPC or EIO at any point of a run: the run's partial files are removed at once (not left
  /// for the next run), and the previous commit stays in force.
  @Test(arguments: [
    (FaultPlan.Operation.write, 2), (.write, 9), (.sync, 2), (.sync, 7), (.rename, 1),
  ])
  func failedRunRemovesItsPartialFiles(op: FaultPlan.Operation, n: Int) throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try commit(path, prefix: "base", count: 50)
    let before = names(path)
    var failed = false
    do {
      let w = try IndexWriter(path: path, memoryBudget: 0)
      w.mergePolicy = MergePolicy(maxSegments: 2, mergeFactor: 2)
      w.storage.faults = FaultPlan(failAt: [op: n], errno: ENOSPC)
      for i in 0..<400 {
        _ = try w.add(makeDoc(analyzer, id: "new\(i)", title: "new", body: "uncommitted \(i)"))
        if i % 50 == 49 { try w.flush() }
      }
      try w.commit()
    } catch let e as IndexError {
      failed = true
      #expect("\(e)".contains("No space left"), "\(e)")
    }
    #expect(failed)
    #expect(names(path) == before, "left behind: \(names(path).subtracting(before))")
    #expect(try IndexReader.open(path: path).documents == 50)
    _ = try IndexChecker.check(path: path)
  }

  /// A write that fails while a background merge runs: by the time the error reaches the caller
  /// the merge has stopped, its inputs and outputs are gone, and nothing writes into the folder
  /// any more (so the next writer, which reuses the same file names, cannot truncate a file the
  /// merge still maps: the SIGBUS of issue 17).
  @Test func failureDuringABackgroundMergeStopsItBeforeReturning() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try commit(path, prefix: "base", count: 10)
    let before = names(path)
    do {
      let w = try IndexWriter(path: path)
      w.mergePolicy = MergePolicy(maxSegments: 100, mergeFactor: 2, maxMergedDocs: 1 << 20)
      for i in 0..<6000 {
        _ = try w.add(
          makeDoc(
            analyzer, id: "new\(i)", title: "new \(i % 97)", body: "merge input \(i) \(i * 7)"))
        if i % 2000 == 1999 {
          // Segments g2-0 and g2-1 start a merge; the third flush (g2-2) fails at its first write.
          if i == 3999 { w.storage.faults = FaultPlan(failAt: [.write: 1], only: "g2-2.") }
          try w.flush()
        }
      }
      try w.commit()
      Issue.record("the injected failure should fail the run")
    } catch is IndexError {
      // expected
    }
    #expect(names(path) == before, "left behind: \(names(path).subtracting(before))")
    usleep(300_000)
    #expect(names(path) == before, "written after the error: \(names(path).subtracting(before))")
    // The next writer reuses the failed run's names.
    try commit(path, prefix: "later", count: 3000)
    #expect(try IndexReader.open(path: path).documents == 3010)
    _ = try IndexChecker.check(path: path)
  }

  /// A damaged file of the commit an incremental run builds on fails the run (naming the file)
  /// instead of being carried into a new commit; a rebuild replaces it.
  @Test(arguments: ["postings", "store", "terms"])
  func damagedBaseFileFailsTheNextCommit(ext: String) throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try commit(path, prefix: "base", count: 200)
    let m = try IndexReader.open(path: path).manifest
    let name = "\(m.segments[0].name).\(ext)"
    let url = URL(fileURLWithPath: path + "/" + name)
    var data = try Data(contentsOf: url)
    data[data.count / 2] ^= 0x10
    try data.write(to: url)
    let before = names(path)
    do {
      let w = try IndexWriter(path: path)
      _ = try w.add(makeDoc(analyzer, id: "new", title: "new", body: "text"))
      try w.commit()
      Issue.record("committed on top of a damaged \(name)")
    } catch let e as IndexError {
      guard case .checksumMismatch(let file, let range, _, _) = e else {
        Issue.record("unexpected error \(e)")
        return
      }
      #expect(file == name && range == 0..<(data.count - FileFormat.footerSize))
    }
    #expect(try IndexReader.open(path: path).manifest.generation == m.generation)
    #expect(names(path) == before)
    let w = try IndexWriter(path: path, rebuild: true)
    _ = try w.add(makeDoc(analyzer, id: "new", title: "new", body: "text"))
    try w.commit()
    _ = try IndexChecker.check(path: path)
  }

  /// `--rebuild` also replaces an index whose manifest is damaged.
  @Test func rebuildReplacesADamagedManifest() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    try commit(path, prefix: "a", count: 20)
    try commit(path, prefix: "b", count: 20)
    let url = URL(fileURLWithPath: path + "/manifest")
    var data = try Data(contentsOf: url)
    data[data.count / 2] ^= 0x10
    try data.write(to: url)
    #expect(throws: IndexError.self) { _ = try IndexWriter(path: path) }
    let w = try IndexWriter(path: path, rebuild: true)
    _ = try w.add(makeDoc(analyzer, id: "new", title: "new", body: "text"))
    let m = try w.commit()
    #expect(m.generation == 3)
    _ = try IndexChecker.check(path: path)
    #expect(try IndexReader.open(path: path).documents == 1)
  }

  /// `check` places checksum damage: at the block the walk without checksums stops at, when it
  /// stops in the damaged file, or else as the range the checksum covers — never "byte 0".
  @Test func checkPlacesChecksumDamage() throws {
    let path = tempIndex()
    defer { try? fm.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    for i in 0..<400 {
      _ = try w.add(
        makeDoc(
          analyzer, id: "d\(i)", title: "title \(i % 13)", body: "body \(i) \(i % 7) common word"))
    }
    try w.commit()
    let seg = try IndexReader.open(path: path).manifest.segments[0].name
    var located = 0
    var ranges = 0
    for ext in ["postings", "positions", "store", "terms", "norms", "columns"] {
      let name = "\(seg).\(ext)"
      let url = URL(fileURLWithPath: path + "/" + name)
      let original = try Data(contentsOf: url)
      let body = FileFormat.headerSize..<(original.count - FileFormat.footerSize)
      for at in stride(from: body.lowerBound, to: body.upperBound, by: max(1, original.count / 9)) {
        var data = original
        data[at] ^= 0xFF
        try data.write(to: url)
        do {
          _ = try IndexChecker.check(path: path)
          Issue.record("check passed a flip at \(at) of \(name)")
        } catch IndexError.corrupt(let file, let offset, let reason) {
          #expect(
            file == name && offset > 0 && offset < original.count, "\(name) \(offset) \(reason)")
          #expect(reason.hasPrefix("checksum mismatch"), "\(reason)")
          located += 1
        } catch IndexError.checksumMismatch(let file, let range, _, _) {
          #expect(file == name && range == 0..<(original.count - FileFormat.footerSize))
          ranges += 1
        }
      }
      try original.write(to: url)
    }
    print("checkPlacesChecksumDamage: \(located) flips placed at a block, \(ranges) as a range")
    #expect(located > 0 && ranges > 0)
    _ = try IndexChecker.check(path: path)
  }

  @Test func lockHolderIsDescribedWithTimeAndAge() {
    let now = 1_796_000_000
    #expect(LockNote.iso8601(now) == "2026-11-30T00:53:20Z")
    #expect(LockNote.parseISO8601("2026-11-30T00:53:20Z") == now)
    let me = getpid()
    #expect(
      LockNote.describe("pid \(me) writing since 2026-11-30T00:50:20Z", now: now)
        == "held by pid \(me) since 2026-11-30T00:50:20Z (3 min ago)")
    // An older blotter's note.
    #expect(
      LockNote.describe("pid \(me) writing since \(now - 7500) (unix time)", now: now)
        == "held by pid \(me) since 2026-11-29T22:48:20Z (2 h 5 min ago)")
    #expect(LockNote.describe("pid 2147483000 writing since 2026-11-30T00:50:20Z", now: now) == nil)
    #expect(LockNote.age(42) == "42 s ago" && LockNote.age(3 * 86400) == "3 days ago")
  }
}
