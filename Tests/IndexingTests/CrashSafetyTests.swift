import Analysis
import Foundation
import Testing

@testable import Indexing

/// The previous commit survives any failed write, fsync or rename during the next commit.
@Suite struct CrashSafetyTests {
  let analyzer = Analyzer()

  func commitBase(_ path: String) throws {
    let w = try IndexWriter(path: path)
    for i in 0..<50 { _ = try w.add(makeDoc(analyzer, id: "base\(i)", title: "base", body: "committed text \(i)")) }
    try w.commit()
  }

  @Test(arguments: [
    (FaultPlan.Operation.write, 1), (.write, 3), (.write, 8), (.sync, 1), (.sync, 4), (.sync, 9), (.rename, 1),
  ])
  func failedCommitLeavesPreviousCommitReadable(op: FaultPlan.Operation, n: Int) throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try commitBase(path)
    for errno in [EIO, ENOSPC] {
      do {
        let w = try IndexWriter(path: path)
        w.storage.faults = FaultPlan(failAt: [op: n], errno: errno)
        for i in 0..<500 { _ = try w.add(makeDoc(analyzer, id: "new\(i)", title: "new", body: "uncommitted text \(i)")) }
        try w.commit()
      } catch is IndexError {
        // expected for most plans
      }
      let r = try IndexReader.open(path: path)
      #expect(try docs(r, .title, "base").count == 50)
      _ = try IndexChecker.check(path: path)
    }
  }

  /// A write that fails while background merges run (in a merge or in a flush beside it) fails
  /// the commit, never the index: the previous commit stays whole, and the next writer commits.
  @Test(arguments: [1, 5, 12])
  func failedBackgroundMergeLeavesPreviousCommitReadable(n: Int) throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try commitBase(path)
    do {
      let w = try IndexWriter(path: path)
      w.mergePolicy = MergePolicy(maxSegments: 100, mergeFactor: 2, maxMergedDocs: 10_000)
      for i in 0..<200 {
        _ = try w.add(makeDoc(analyzer, id: "new\(i)", title: "new", body: "uncommitted text \(i)"))
        if i % 20 == 19 {
          try w.flush()
          // From the second flush on, a merge is running: fail its writes.
          if i == 39 { w.storage.faults = FaultPlan(failAt: [.write: n]) }
        }
      }
      try w.commit()
      Issue.record("the injected failure should fail the commit")
    } catch is IndexError {
      // expected
    }
    let r = try IndexReader.open(path: path)
    #expect(r.documents == 50)
    #expect(try docs(r, .title, "base").count == 50)
    _ = try IndexChecker.check(path: path)
    let w = try IndexWriter(path: path)
    for i in 0..<30 { _ = try w.add(makeDoc(analyzer, id: "later\(i)", title: "later", body: "text")) }
    try w.commit()
    #expect(try IndexReader.open(path: path).documents == 80)
  }

  @Test func damagedFilesAreReportedByNameNeverCrash() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try commitBase(path)
    let r = try IndexReader.open(path: path)
    let files = r.manifest.files + ["manifest"]
    for name in files {
      let url = URL(fileURLWithPath: path).appendingPathComponent(name)
      let original = try Data(contentsOf: url)
      // Flip a byte in the middle.
      var flipped = original
      flipped[flipped.count / 2] ^= 0x5A
      try flipped.write(to: url)
      #expect(throws: (any Error).self, "flip in \(name)") { _ = try IndexChecker.check(path: path) }
      do {
        _ = try IndexChecker.check(path: path)
      } catch {
        #expect("\(error)".contains(name), "error names \(name): \(error)")
      }
      // Truncate.
      try original.prefix(original.count - 7).write(to: url)
      #expect(throws: (any Error).self, "truncated \(name)") { _ = try IndexChecker.check(path: path) }
      try original.write(to: url)
      _ = try IndexChecker.check(path: path)
    }
  }

  @Test func newerFormatVersionIsRefusedByName() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try commitBase(path)
    let r = try IndexReader.open(path: path)
    let name = r.manifest.segments[0].name + ".terms"
    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
    var data = try Data(contentsOf: url)
    data[8] = 99
    try data.write(to: url)
    #expect(throws: IndexError.unsupportedVersion(file: name, found: 99, supported: Int(FileFormat.version))) {
      _ = try IndexReader.open(path: path)
    }
  }
}
