import Analysis
import Foundation
import Testing

@testable import Indexing

/// The writer maps analyzer vocabulary ids to its own term ids (`VocabularyMap`) instead of
/// looking every term's string up: a segment built from fields that carry those ids must hold
/// exactly the bytes of one built from the strings alone — also when analyzers start their
/// vocabularies over (the same id then names another term), when more vocabularies come than a
/// builder keeps maps for, and when ids run past the first size of a map.
@Suite struct VocabularyMapTests {
  static let words = (0..<300).map { "w\($0)x" } + [
    "police", "arrested", "arrests", "Chelmsford", "Kent's", "£5.8", "1,000", "officers",
  ]

  /// Documents analysed by three "workers" in turn: two with vocabularies small enough to start
  /// over every few documents, one that sees thousands of distinct numbers.
  static func documents() -> (docs: [IndexDocument], generations: [Int]) {
    let analyzers = [
      Analyzer(vocabularyBudget: 40), Analyzer(vocabularyBudget: 40), Analyzer(),
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var docs: [IndexDocument] = []
    for i in 0..<240 {
      let a = analyzers[i % 3]
      a.beginDocument()
      let body: String
      if i % 3 == 2 {
        body = (0..<60).map { k in "n\(i * 60 + k) " + words[next(words.count)] }
          .joined(separator: " ")
      } else {
        body = (0..<40).map { _ in words[next(words.count)] }.joined(separator: " ")
      }
      let title = (0..<4).map { _ in words[next(words.count)] }.joined(separator: " ")
      docs.append(
        IndexDocument(
          stored: StoredDocument(id: "d\(i)", path: "p\(i)", title: title, text: body),
          inverted: [
            (.title, FieldPostings(a.fieldTerms(title))),
            (.body, FieldPostings(a.fieldTerms(body))),
            // The same vocabulary in a third field: the map keeps fields apart.
            (.source, FieldPostings(a.fieldTerms(title + " " + words[i % words.count]))),
          ], day: nil))
    }
    return (docs, analyzers.map(\.vocabularyGeneration))
  }

  /// `d` without vocabulary ids: the builder looks every term up by its string.
  static func stripped(_ d: IndexDocument) -> IndexDocument {
    var d = d
    for k in d.fields.indices {
      d.fields[k].1.vocabulary = 0
      d.fields[k].1.ids = []
    }
    return d
  }

  static func build(
    _ docs: [IndexDocument], parallelFrom: Int = 1 << 20
  ) throws -> [String: [UInt8]] {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let storage = Storage(path: path)
    try storage.create()
    let b = SegmentBuilder(name: "s")
    b.parallelWriteBytes = parallelFrom
    for d in docs { b.add(d) }
    _ = try b.write(to: storage)
    var files: [String: [UInt8]] = [:]
    for name in try storage.list() { files[name] = try storage.read(name) }
    return files
  }

  @Test func mappedIdsWriteTheSameSegmentAsStrings() throws {
    let (docs, generations) = Self.documents()
    // The small vocabularies started over many times: more than the maps a builder keeps.
    #expect(generations[0] + generations[1] > VocabularyMap.kept)
    #expect(docs.allSatisfy { $0.fields.allSatisfy { $0.1.ids.count == $0.1.terms.count } })
    // The big one numbered more terms than a map's first size holds.
    #expect(docs.map { $0.fields.map { $0.1.ids.max() ?? 0 }.max() ?? 0 }.max()! > 1024)
    let mapped = try Self.build(docs)
    let plain = try Self.build(docs.map(Self.stripped))
    #expect(mapped.count == 6)
    #expect(mapped.keys.sorted() == plain.keys.sorted())
    for (name, bytes) in plain { #expect(mapped[name] == bytes, "\(name)") }
  }

  /// `write` encodes the second half of the terms on another thread: the same bytes as one.
  @Test func twoThreadWriteWritesTheSameBytesAsOne() throws {
    let docs = Self.documents().docs
    let one = try Self.build(docs, parallelFrom: .max)
    let two = try Self.build(docs, parallelFrom: 0)
    #expect(one.count == 6)
    #expect(one.keys.sorted() == two.keys.sorted())
    for (name, bytes) in one { #expect(two[name] == bytes, "\(name)") }
  }
}
