import Analysis
import Foundation
import Testing

@testable import Indexing

/// Builds documents, commits them, reads them back.
func makeDoc(_ analyzer: Analyzer, id: String, title: String, body: String, date: String? = nil) -> IndexDocument {
  IndexDocument(
    stored: StoredDocument(id: id, path: id, title: title, date: date, text: body),
    fields: [(.title, analyzer.tokens(title)), (.body, analyzer.tokens(body))],
    day: date.flatMap(Day.parse))
}

func tempIndex() -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blotter-test-\(UUID().uuidString)").path
  return dir
}

func docs(_ reader: IndexReader, _ field: Field, _ term: String) throws -> [String] {
  var out: [String] = []
  for s in reader.segments {
    guard let info = try s.termInfo(field: field, term: term) else { continue }
    let c = s.postings(info)
    while c.next() != PostingsCursor.end {
      if !s.isDeleted(c.doc) { out.append(try s.document(c.doc).id) }
    }
  }
  return out.sorted()
}

@Suite struct IndexRoundTripTests {
  let analyzer = Analyzer()

  @Test func postingsPositionsAndStoredDocumentsRoundTrip() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    var table = FileTable()
    // 300 documents: "common" in all (full blocks + tail), "rare" in every 7th.
    for i in 0..<300 {
      let body = "common word \(i % 7 == 0 ? "rare " : "")filler common"
      let ref = try w.add(makeDoc(analyzer, id: "d\(i)", title: "Title \(i)", body: body, date: "2024-01-\(i % 28 + 1)"))
      table.entries["d\(i)"] = FileTable.Entry(size: 1, mtimeNanos: 0, hash: 0, docs: [ref])
    }
    w.fileTable = table
    try w.commit()

    let r = try IndexReader.open(path: path)
    #expect(r.documents == 300)
    #expect(try docs(r, .body, "common").count == 300)
    #expect(try docs(r, .body, "rare").count == 43)
    #expect(try docs(r, .body, "absent").isEmpty)
    // Positions and frequencies of the block-encoded term.
    let s = r.segments[0]
    let c = s.postings(try #require(try s.termInfo(field: .body, term: "common")))
    var pos: [UInt32] = []
    var seen = 0
    while c.next() != PostingsCursor.end {
      #expect(c.freq == 2)
      c.positions(into: &pos)
      let rare = c.doc % 7 == 0
      #expect(pos == [0, rare ? 4 : 3])
      seen += 1
    }
    #expect(seen == 300)
    // advance(to:) across blocks.
    let c2 = s.postings(try #require(try s.termInfo(field: .body, term: "common")))
    #expect(c2.advance(to: 200) == 200)
    #expect(c2.advance(to: 299) == 299)
    #expect(c2.next() == PostingsCursor.end)
    let d = try s.document(150)
    #expect(d.id == "d150" && d.title == "Title 150" && d.date == "2024-01-11")
    #expect(s.day(150) == Day.parse("2024-01-11"))
    #expect(try r.document(id: "d42")?.stored.title == "Title 42")
    let check = try IndexChecker.check(path: path)
    #expect(check.documents == 300)
  }

  @Test func deletionsAndIncrementalCommits() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var refs: [FileTable.DocRef] = []
    do {
      let w = try IndexWriter(path: path)
      for i in 0..<10 { refs.append(try w.add(makeDoc(analyzer, id: "a\(i)", title: "alpha", body: "first batch"))) }
      try w.commit()
    }
    do {
      let w = try IndexWriter(path: path)
      w.delete(refs[3])
      w.delete(refs[4])
      _ = try w.add(makeDoc(analyzer, id: "b0", title: "beta", body: "second batch"))
      try w.commit()
    }
    let r = try IndexReader.open(path: path)
    #expect(r.manifest.generation == 2)
    #expect(r.documents == 9)
    #expect(try docs(r, .title, "alpha").count == 8)
    #expect(try docs(r, .body, "second") == ["b0"])
    #expect(!(try docs(r, .title, "alpha").contains("a3")))
    // Deleting everything in a segment drops it.
    do {
      let w = try IndexWriter(path: path)
      for (i, ref) in refs.enumerated() where i != 3 && i != 4 { w.delete(ref) }
      try w.commit()
    }
    let r2 = try IndexReader.open(path: path)
    #expect(r2.documents == 1)
    #expect(r2.segments.count == 1)
    _ = try IndexChecker.check(path: path)
  }

  @Test func secondWriterIsRefusedWithTheHolder() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    #expect(throws: IndexError.self) { _ = try IndexWriter(path: path) }
    do {
      _ = try IndexWriter(path: path)
    } catch let e as IndexError {
      #expect("\(e)".contains("pid"))
    }
    _ = w
  }

  @Test func openingWithoutAnIndexSaysSo() {
    #expect(throws: IndexError.missing(path: "/nonexistent/blotter")) {
      _ = try IndexReader.open(path: "/nonexistent/blotter")
    }
  }

  @Test func datesRoundTrip() {
    for s in ["1970-01-01", "2000-02-29", "2024-12-31", "1899-07-04"] {
      #expect(Day.format(Day.parse(s)!) == s)
    }
    #expect(Day.parse("2023-02-29") == nil)
  }

  @Test func normsAreExactForShortFieldsAndMonotonic() {
    for n in 0..<40 { #expect(FieldNorm.decode(FieldNorm.encode(UInt32(n))) == UInt32(n)) }
    var prev: UInt32 = 0
    for id in 1..<256 {
      #expect(FieldNorm.lengths[id] > prev)
      prev = FieldNorm.lengths[id]
    }
    #expect(FieldNorm.decode(FieldNorm.encode(1000)) <= 1000)
  }
}
