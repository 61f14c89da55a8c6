import Analysis
import Foundation
import Testing

@testable import Indexing

/// Each stored document keeps where its text's positions start (format 5), so snippets scan only
/// their window: written as given or scanned by the writer, copied by merges, and verified
/// against the text by `blotter check`.
@Suite struct StoredTextPositionsTests {
  let analyzer = Analyzer()

  func body(_ i: Int) -> String {
    "Report \(i): officers seized £5.8m of cocaine near Ipswich station, and 1,000 more\n"
      + String(repeating: "words of filler \(i) ", count: i % 40)
  }

  @Test func positionsAreStoredScannedOrAsGivenAndSurviveMerges() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    for run in 0..<3 {
      let w = try IndexWriter(path: path)
      var table = w.fileTable
      for i in 0..<60 {
        let id = "r\(run)d\(i)"
        var doc = makeDoc(analyzer, id: id, title: "t", body: body(i))
        // Every other document brings its positions (at another stride); the writer scans the
        // rest.
        if i % 2 == 0 { doc.textPositions = analyzer.textPositions(body(i), stride: 7) }
        let ref = try w.add(doc)
        table.entries[id] = FileTable.Entry(size: 1, mtimeNanos: 0, hash: 0, docs: [ref])
      }
      w.fileTable = table
      // The last commit merges every segment into one.
      if run == 2 { w.mergePolicy.maxSegments = 1 }
      try w.commit()
    }
    let r = try IndexReader.open(path: path)
    #expect(r.segments.count == 1)
    let s = r.segments[0]
    for d in 0..<UInt32(s.maxDoc) {
      let (stored, positions) = try s.documentWithPositions(d)
      let i = Int(stored.id.split(separator: "d").last!)!
      let step = i % 2 == 0 ? 7 : TextPositions.defaultStride
      #expect(stored.text == body(i))
      #expect(positions == analyzer.textPositions(body(i), stride: step), "\(stored.id)")
    }
    _ = try IndexChecker.check(path: path)
  }

  @Test func checkRefusesPositionsThatAreNotTheText() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    var doc = makeDoc(analyzer, id: "a", title: "t", body: "police raid in Ipswich today")
    doc.textPositions = analyzer.textPositions("police raided Ipswich today", stride: 2)
    _ = try w.add(doc)
    try w.commit()
    do {
      _ = try IndexChecker.check(path: path)
      Issue.record("check passed positions of another text")
    } catch let IndexError.corrupt(file, _, reason) {
      #expect(file.hasSuffix(".store"))
      #expect(reason.contains("text positions of document 0"), "\(reason)")
    }
  }
}
