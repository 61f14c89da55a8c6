import Analysis
import Benchmark
import Extraction
import Foundation
import Indexing
import Searching

/// The bundled corpus, read once: every page's bytes and the articles extracted from it.
struct Sample: @unchecked Sendable {
  var pages: [(path: String, bytes: [UInt8])] = []
  var articles: [Article] = []
  var jsonLines: [[UInt8]] = []

  static let shared: Sample = {
    var s = Sample()
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus")
    let extractor = DocumentExtractor()
    let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.sorted()
    for rel in files where !rel.hasSuffix("README.md") && !rel.hasSuffix(".json") {
      let url = root.appendingPathComponent(rel)
      guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
      let bytes = [UInt8](data)
      if rel.hasSuffix(".jsonl") {
        s.jsonLines += bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
      } else if rel.hasSuffix(".html") {
        s.pages.append((rel, bytes))
      }
      if let a = try? extractor.extract(bytes: bytes, path: rel) { s.articles += a }
    }
    precondition(!s.articles.isEmpty, "no articles under \(root.path)")
    return s
  }()

  /// Analysed documents, `copies` times each article (ids made unique).
  func documents(copies: Int) -> [IndexDocument] {
    let analyzer = Analyzer(stemming: true)
    var out: [IndexDocument] = []
    for c in 0..<copies {
      for a in articles {
        let stored = StoredDocument(id: "\(c)/\(a.id)", path: a.path, title: a.title, date: a.date, text: a.text)
        out.append(
          IndexDocument(
            stored: stored, fields: [(.title, analyzer.tokens(a.title)), (.body, analyzer.tokens(a.text))],
            day: a.date.flatMap(Day.parse)))
      }
    }
    return out
  }
}

/// A throwaway index of the corpus articles copied 40 times (~2,000 documents), for queries.
let searchIndex: String = {
  let path = NSTemporaryDirectory() + "blotter-micro-\(getpid())"
  try? FileManager.default.removeItem(atPath: path)
  let w = try! IndexWriter(path: path)
  for d in Sample.shared.documents(copies: 40) { _ = try! w.add(d) }
  try! w.commit()
  return path
}()

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
    maxDuration: .seconds(2), maxIterations: 10_000)
  let sample = Sample.shared
  let bodyBytes = sample.articles.reduce(0) { $0 + $1.text.utf8.count }

  Benchmark("extract HTML pages (\(sample.pages.count) pages)") { b in
    let extractor = DocumentExtractor()
    for _ in b.scaledIterations {
      for p in sample.pages { blackHole(try? extractor.extract(bytes: p.bytes, path: p.path)) }
    }
  }

  Benchmark("extract JSON lines (\(sample.jsonLines.count) lines)") { b in
    let extractor = DocumentExtractor()
    for _ in b.scaledIterations {
      for (n, l) in sample.jsonLines.enumerated() {
        blackHole(try? extractor.extractJSONLine(l, number: n + 1, path: "x.jsonl"))
      }
    }
  }

  Benchmark("analyze bodies (\(bodyBytes / 1024) KiB)") { b in
    let analyzer = Analyzer(stemming: true)
    for _ in b.scaledIterations {
      for a in sample.articles {
        analyzer.beginDocument()
        blackHole(analyzer.fieldTerms(a.text))
      }
    }
  }

  Benchmark("recognize entities (\(sample.articles.count) articles)") { b in
    let recognizer = EntityRecognizer()
    for _ in b.scaledIterations {
      for a in sample.articles { blackHole(recognizer.recognize(title: a.title, text: a.text)) }
    }
  }

  Benchmark("build and write a segment (\(sample.articles.count * 10) docs)") { b in
    let docs = sample.documents(copies: 10)
    let path = NSTemporaryDirectory() + "blotter-micro-seg-\(getpid())"
    b.startMeasurement()
    for _ in b.scaledIterations {
      try? FileManager.default.removeItem(atPath: path)
      let w = try IndexWriter(path: path)
      for d in docs { _ = try w.add(d) }
      try w.commit()
    }
    b.stopMeasurement()
    try? FileManager.default.removeItem(atPath: path)
  }

  for (label, query) in [
    ("term", "police"), ("AND", "police AND drugs"), ("OR", "police OR court"),
    ("phrase", "\"county lines\""), ("figure range", "figure:arrests>10"),
  ] {
    Benchmark("search \(label): \(query)") { b in
      let searcher = Searcher(reader: try IndexReader.open(path: searchIndex))
      b.startMeasurement()
      for _ in b.scaledIterations { blackHole(try searcher.search(query, limit: 10)) }
    }
  }
}
