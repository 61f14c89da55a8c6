import Analysis
import Foundation
import Testing

@testable import Indexing

/// The columns file: publication days and figure lists, written by new segments and by merges.
@Suite struct ColumnsTests {
  let analyzer = Analyzer()

  /// The figures of document `i`: several per noun, whole and fractional, negative, -0, huge.
  static func figures(_ i: Int) -> [FigureValue] {
    var f = [FigureValue(noun: "arrest", value: Double(i))]
    if i % 3 == 0 { f.append(FigureValue(noun: "arrest", value: Double(i) * 10 + 0.5)) }
    if i % 4 == 0 { f.append(FigureValue(noun: "£", value: 5_800_000 + Double(i))) }
    if i % 5 == 0 { f.append(FigureValue(noun: "kilogram", value: i % 10 == 0 ? -0.0 : -2.25)) }
    if i % 7 == 0 { f.append(FigureValue(noun: "year", value: Double(1 << 60) * Double(i % 14 + 1))) }
    if i % 9 == 0 { f.append(FigureValue(noun: "year", value: -Double(1 << 61) * 3)) }
    if i == 11 { f.append(FigureValue(noun: "%", value: .greatestFiniteMagnitude)) }
    return f
  }

  static func date(_ i: Int) -> String? { i % 6 == 0 ? nil : "20\(10 + i % 15)-0\(1 + i % 9)-1\(i % 10)" }

  func add(_ w: IndexWriter, _ i: Int) throws -> FileTable.DocRef {
    let title = "Report \(i)"
    return try w.add(
      IndexDocument(
        stored: StoredDocument(id: "d\(i)", path: "d\(i)", title: title, text: "body of \(i)"),
        fields: [(.title, analyzer.tokens(title))], day: Self.date(i).flatMap(Day.parse), figures: Self.figures(i)))
  }

  /// Every segment's days and figure lists against what was added.
  func verify(_ r: IndexReader, live: Set<Int>) throws {
    var seen = Set<Int>()
    for s in r.segments {
      var byDoc: [UInt32: [(String, Double)]] = [:]
      var values: [Double] = []
      for (id, noun) in s.figureNouns.enumerated() {
        var c = s.figures(noun: id)
        var last: Int64 = -1
        while let doc = try c.next(values: &values) {
          #expect(Int64(doc) > last)
          last = Int64(doc)
          for v in values { byDoc[doc, default: []].append((noun, v)) }
        }
      }
      for d in 0..<UInt32(s.maxDoc) where !s.isDeleted(d) {
        let i = Int(try s.document(d).id.dropFirst())!
        seen.insert(i)
        #expect(s.day(d) == Self.date(i).flatMap(Day.parse), "day of d\(i)")
        let want = Self.figures(i).map { "\($0.noun) \($0.value.bitPattern)" }.sorted()
        let got = (byDoc[d] ?? []).map { "\($0.0) \($0.1.bitPattern)" }.sorted()
        #expect(got == want, "figures of d\(i)")
      }
      // The filter walk: ascending documents, `arrest` over 100.
      let arrest = try #require(s.figureNounId("arrest"))
      var c = s.figures(noun: arrest)
      for d in 0..<UInt32(s.maxDoc) {
        let i = Int(try s.document(d).id.dropFirst())!
        let want = Self.figures(i).contains { $0.noun == "arrest" && $0.value > 100 }
        #expect(c.contains(d, above: 100, includingLow: false, below: .infinity, includingHigh: true) == want, "d\(i)")
      }
    }
    #expect(seen == live)
  }

  @Test func daysAndFiguresRoundTripThroughMerges() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var refs: [Int: FileTable.DocRef] = [:]
    do {
      let w = try IndexWriter(path: path)
      for i in 0..<150 { refs[i] = try add(w, i) }
      try w.commit()
    }
    try verify(try IndexReader.open(path: path), live: Set(0..<150))
    // A second segment, deletions, and a merge of both.
    do {
      let w = try IndexWriter(path: path)
      w.mergePolicy = MergePolicy(maxSegments: 1)
      for i in 150..<200 { _ = try add(w, i) }
      for i in stride(from: 0, to: 150, by: 4) { w.delete(refs[i]!) }
      try w.commit()
    }
    let r = try IndexReader.open(path: path)
    #expect(r.segments.count == 1)
    try verify(r, live: Set(0..<200).subtracting(stride(from: 0, to: 150, by: 4)))
    _ = try IndexChecker.check(path: path)
  }
}
