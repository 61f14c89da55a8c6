import Analysis
import Foundation
import Testing

@testable import Indexing

@Suite struct MergeTests {
  let analyzer = Analyzer()

  @Test func segmentCountStaysBoundedAndEveryDocumentSurvivesMerges() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var refs: [String: FileTable.DocRef] = [:]
    for run in 0..<12 {
      let w = try IndexWriter(path: path)
      var table = w.fileTable
      for i in 0..<(run == 0 ? 300 : 20) {
        let id = "r\(run)d\(i)"
        let ref = try w.add(makeDoc(analyzer, id: id, title: "run\(run)", body: "shared words and unique\(run)x\(i) text", date: "2020-01-0\(run % 9 + 1)"))
        table.entries[id] = FileTable.Entry(size: 1, mtimeNanos: 0, hash: 0, docs: [ref])
      }
      // Delete a few documents of the first run each time.
      if run > 0 {
        for i in (run * 5)..<(run * 5 + 5) {
          let id = "r0d\(i)"
          if let e = table.entries[id] {
            for r in e.docs { w.delete(r) }
            table.entries[id] = nil
          }
        }
      }
      w.fileTable = table
      let m = try w.commit()
      #expect(m.segments.count <= w.mergePolicy.maxSegments)
      refs = [:]
      for (k, e) in w.fileTable.entries { refs[k] = e.docs[0] }
    }
    let r = try IndexReader.open(path: path)
    #expect(r.documents == 300 + 11 * 20 - 55)
    #expect(try docs(r, .body, "share").count == r.documents)
    #expect(try docs(r, .body, "unique5x7") == ["r5d7"])
    #expect(try docs(r, .body, "unique0x70") == ["r0d70"])
    #expect(try docs(r, .body, "unique0x12").isEmpty)
    // The file table points at the right documents after the merges.
    for (id, ref) in refs.prefix(50) {
      let s = try #require(r.segments.first { $0.info.name == ref.segment })
      #expect(try s.document(ref.doc).id == id)
    }
    _ = try IndexChecker.check(path: path)
  }

  @Test func heavilyDeletedSegmentsAreRewritten() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var refs: [FileTable.DocRef] = []
    do {
      let w = try IndexWriter(path: path)
      for i in 0..<100 { refs.append(try w.add(makeDoc(analyzer, id: "d\(i)", title: "t", body: "body \(i)"))) }
      try w.commit()
    }
    let w = try IndexWriter(path: path)
    for r in refs.prefix(50) { w.delete(r) }
    let m = try w.commit()
    #expect(m.segments.count == 1)
    #expect(m.segments[0].deleted == 0 && m.segments[0].maxDoc == 50)
    let r = try IndexReader.open(path: path)
    #expect(try docs(r, .body, "bodi").count == 50)
    #expect(try docs(r, .body, "7").isEmpty)
    #expect(try docs(r, .body, "77") == ["d77"])
  }

  @Test func backgroundMergesKeepEveryDocumentAndFollowLaterDeletes() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    w.mergePolicy = MergePolicy(maxSegments: 100, mergeFactor: 3, maxMergedDocs: 1000)
    var table = w.fileTable
    var refs: [String: FileTable.DocRef] = [:]
    for i in 0..<300 {
      let id = "d\(i)"
      let ref = try w.add(makeDoc(analyzer, id: id, title: "t\(i)", body: "common words and unique\(i) text"))
      refs[id] = ref
      table.entries[id] = FileTable.Entry(size: 1, mtimeNanos: 0, hash: 0, docs: [ref])
      if i % 10 == 9 { try w.flush() }  // 30 flushed segments of 10 documents
    }
    // Delete through references taken before their segments were merged away.
    for i in stride(from: 0, to: 300, by: 7) {
      w.delete(refs["d\(i)"]!)
      table.entries["d\(i)"] = nil
    }
    w.fileTable = table
    let m = try w.commit()
    #expect(m.segments.count < 30, "flushed segments were merged in the background")
    #expect(m.segments.allSatisfy { $0.maxDoc <= 1000 })
    let r = try IndexReader.open(path: path)
    #expect(r.documents == 300 - 43)
    #expect(try docs(r, .body, "common").count == 300 - 43)
    #expect(try docs(r, .body, "unique7").isEmpty)
    #expect(try docs(r, .body, "unique8") == ["d8"])
    // Every file-table reference points at its own document in the committed segments.
    for (id, e) in w.fileTable.entries {
      let s = try #require(r.segments.first { $0.info.name == e.docs[0].segment })
      #expect(try s.document(e.docs[0].doc).id == id)
    }
    _ = try IndexChecker.check(path: path)
    // Only the committed segments' files are left.
    let names = try Storage(path: path).list().filter { $0.hasSuffix(".postings") }
    #expect(names.count == m.segments.count)
  }

  @Test func commitMergesNeverBuildASegmentOverTheCap() {
    let segments = (0..<12).map {
      SegmentInfo(name: "s\($0)", maxDoc: 100, deleted: 0, deletes: nil, fieldLengths: [])
    }
    let policy = MergePolicy(maxSegments: 8, mergeFactor: 8, maxMergedDocs: 250)
    let chosen = policy.select(segments)
    #expect(chosen.count == 2, "two of 100 fit under 250; a third would not")
    #expect(MergePolicy(maxSegments: 8, maxMergedDocs: 1000).select(segments).count == 5)
    #expect(MergePolicy(maxSegments: 8, maxMergedDocs: 150).select(segments).isEmpty)
  }
}
