import Analysis
import Foundation
import Indexing
import Testing

@testable import Searching

/// Damage anywhere in any index file: `IndexChecker` reports it, and opening and searching the
/// damaged index throws or answers but never traps. In-process, so thousands of damaged copies
/// take seconds (the CLI tests cover each file kind through the binary); a trap here kills the
/// test process, which fails the run.
@Suite(.serialized) struct CorruptionSweepTests {
  static func build() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("blotter-sweep-\(UUID().uuidString)").path
    let a = Analyzer()
    let towns = ["Witham", "Harwich", "Tiptree", "Halstead"]
    // Two commits: 160 documents (full 128-document postings blocks for common words), then an
    // update that deletes some.
    for round in 0..<2 {
      let w = try IndexWriter(path: path)
      for i in 0..<(round == 0 ? 160 : 20) {
        let town = towns[i % towns.count]
        let title = "Burglary in \(town) number \(i)"
        let body = String(repeating: "Police in \(town) said the station was busy. ", count: 1 + i % 5)
          + "Arrests \(i) made after a raid, report \(i)."
        let date = "20\(10 + i % 15)-0\(1 + i % 9)-1\(i % 10)"
        _ = try w.add(
          IndexDocument(
            stored: StoredDocument(id: "d\(round)-\(i)", path: "d\(round)-\(i)", title: title, date: date, text: body),
            fields: [(.title, a.tokens(title)), (.body, a.tokens(body))], day: Day.parse(date),
            figures: [FigureValue(noun: "arrest", value: Double(i))]))
        if round == 1 { w.delete(FileTable.DocRef(segment: "g1-0", doc: UInt32(i * 7))) }
      }
      try w.commit()
    }
    return path
  }

  /// Body offsets damaged per file; BLOTTER_SWEEP_SAMPLES raises it for a deeper run.
  static let samples = ProcessInfo.processInfo.environment["BLOTTER_SWEEP_SAMPLES"].flatMap { Int($0) } ?? 40

  static let queries = [
    "police", "witham", "\"police in harwich\"", "burg*", "title:burglary", "police OR raid -tiptree", "date:2012..2020",
    "station NOT busy", "figure:arrests>40",
  ]

  /// Offsets to damage in a file of `n` bytes: every byte of the header and footer, and up to
  /// `samples` spread over the body.
  static func offsets(_ n: Int, samples: Int) -> [Int] {
    var s = Set(0..<min(n, 16))
    s.formUnion(max(0, n - 16)..<n)
    let step = max(1, n / samples)
    s.formUnion(stride(from: 0, to: n, by: step))
    return s.sorted()
  }

  @Test func everyDamagedByteIsCaughtAndNeverTraps() throws {
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try IndexReader.open(path: path)
    let files = reader.manifest.files + [Manifest.fileName]
    #expect(files.contains { $0.hasSuffix(".deletes") })
    var damaged = 0
    var answered = 0
    for name in files {
      let url = URL(fileURLWithPath: path).appendingPathComponent(name)
      let original = try Data(contentsOf: url)
      for off in Self.offsets(original.count, samples: Self.samples) {
        for mutate in [{ (b: UInt8) in b ^ 0xFF }, { _ in 0x00 }] {
          var d = original
          let nb = mutate(d[off])
          if nb == d[off] { continue }
          d[off] = nb
          try d.write(to: url)
          damaged += 1
          #expect(throws: (any Error).self, "\(name) byte \(off) -> \(nb) not caught by check") {
            _ = try IndexChecker.check(path: path)
          }
          if let r = try? IndexReader.open(path: path) {
            let s = Searcher(reader: r)
            for q in Self.queries {
              if (try? s.search(q, limit: 5)) != nil { answered += 1 }
            }
            for seg in r.segments {
              for doc in stride(from: UInt32(0), to: UInt32(seg.maxDoc), by: 37) { _ = try? seg.document(doc) }
            }
            _ = try? r.fileTable()
          }
        }
      }
      try original.write(to: url)
    }
    // Truncations to every length near the ends and some in between.
    for name in files {
      let url = URL(fileURLWithPath: path).appendingPathComponent(name)
      let original = try Data(contentsOf: url)
      for n in Self.offsets(original.count, samples: 40) {
        try original.prefix(n).write(to: url)
        #expect(throws: (any Error).self, "\(name) cut to \(n) bytes not caught") { _ = try IndexChecker.check(path: path) }
        if let r = try? IndexReader.open(path: path) {
          for q in Self.queries { _ = try? Searcher(reader: r).search(q, limit: 5) }
        }
      }
      try original.write(to: url)
    }
    _ = try IndexChecker.check(path: path)
    print("corruption sweep: \(damaged) damaged copies checked, \(answered) searches still answered")
  }
}
