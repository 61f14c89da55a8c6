import Analysis
import Foundation
import Indexing
import Testing

@testable import Searching

/// Searches over a small index built in a temporary folder.
@Suite struct SearchTests {
  static let articles: [(id: String, title: String, body: String, date: String?, figures: [FigureValue])] = [
    ("a", "Cannabis factory found in Halstead", "Officers found 400 cannabis plants in a former bakery in Halstead. Det Supt Lisa Alcock said county lines gangs were behind it.", "2024-03-05", [FigureValue(noun: "plant", value: 400)]),
    ("b", "Knife crime crackdown in Basildon", "The Serious Violence Unit made 447 arrests in Basildon. Knife crime fell by a third.", "2023-06-01", [FigureValue(noun: "arrest", value: 447)]),
    ("c", "Burglar jailed", "A burglar from Colchester was jailed for six years at Chelmsford Crown Court. The lines of inquiry were many.", "2019-11-20", [FigureValue(noun: "year", value: 6)]),
    ("d", "Drugs seized at Felixstowe", "Border officers seized 237 kilograms of cocaine worth £5.8 million at Felixstowe port. No county involvement.", nil, [FigureValue(noun: "kilogram", value: 237), FigureValue(noun: "£", value: 5_800_000)]),
  ]

  static func build() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("blotter-search-\(UUID().uuidString)").path
    let a = Analyzer()
    // Two commits so the search spans segments.
    for batch in [Array(articles.prefix(2)), Array(articles.suffix(2))] {
      let w = try IndexWriter(path: path)
      for x in batch {
        _ = try w.add(
          IndexDocument(
            stored: StoredDocument(id: x.id, path: x.id, title: x.title, date: x.date, text: x.body),
            fields: [(.title, a.tokens(x.title)), (.body, a.tokens(x.body))], day: x.date.flatMap(Day.parse),
            figures: x.figures))
      }
      try w.commit()
    }
    return path
  }

  func ids(_ q: String) throws -> [String] {
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    return try s.search(q, limit: 10).hits.map(\.id)
  }

  @Test(arguments: [
    ("halstead", ["a"]),
    ("Halstead cannabis", ["a"]),
    ("arrested", ["b"]),
    ("\"county lines\"", ["a"]),
    ("county -lines", ["d"]),
    ("knife OR burglar", ["b", "c"]),
    ("NOT officers", ["b", "c"]),
    ("burgl*", ["c"]),
    ("title:halstead", ["a"]),
    ("title:bakery", []),
    ("date:2024", ["a"]),
    ("date:2019..2023", ["b", "c"]),
    ("date:2023-06-01..2023-06-01 arrests", ["b"]),
    ("figure:arrest>400", ["b"]),
    ("figure:arrest>500", []),
    ("figure:£>=5000000", ["d"]),
    ("figure:kg>100", ["d"]),
    ("£5.8", ["d"]),
    ("5.8 million", ["d"]),
    ("447", ["b"]),
    ("nothingmatches", []),
    // An OR operand with nothing searchable matches nothing (it used to match everything).
    ("!!! OR halstead", ["a"]),
    ("halstead OR #", ["a"]),
    ("(… OR knife) crime", ["b"]),
  ])
  func queriesReturnExactlyTheMatchingArticles(query: String, expected: [String]) throws {
    #expect(try ids(query).sorted() == expected, "\(query)")
  }

  @Test func titleMatchesOutrankBodyMatches() throws {
    // "knife" is in b's title and body; nothing else. "crime": b's title + body, c has no crime.
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    let r = try s.search("felixstowe OR halstead", limit: 10)
    #expect(r.total == 2)
    #expect(r.hits.allSatisfy { $0.score > 0 })
  }

  @Test func snippetsHighlightMatchedWords() throws {
    let path = try Self.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    let r = try s.search("cocaine port", limit: 1)
    #expect(r.hits.first?.snippet.contains("**cocaine**") == true)
    #expect(r.hits.first?.snippet.contains("**port**") == true)
  }
}
