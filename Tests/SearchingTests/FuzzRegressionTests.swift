import Foundation
import Indexing
import Testing
import TestSupport

@testable import Searching

/// Every query the parser fuzzer ever crashed on (`Fuzz/Regressions/FuzzQueryParser/`) is parsed
/// as the fuzz target does (`Fuzz/Sources/FuzzShared`); a crash takes the test process down.
@Suite struct QueryFuzzRegressionTests {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzQueryParser")

  static func regressions() throws -> [(name: String, query: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return try names.sorted().filter { !$0.hasPrefix(".") }.map { name in
      (
        name,
        String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self)
      )
    }
  }

  @Test func crashersStayFixed() throws {
    #expect(FileManager.default.fileExists(atPath: Self.dir.path))
    for (_, query) in try Self.regressions() {
      _ = try? QueryParser().parse(query)
      if let long = FuzzInput.expanded(Array(query.utf8)) {
        _ = try? QueryParser().parse(String(decoding: long, as: UTF8.self))
      }
    }
  }

  /// The inputs that killed the parser with SIGSEGV (issue 17): 20,000 nested groups or NOTs.
  /// Each is refused with the column where the nesting goes too deep.
  @Test(arguments: [
    ("deep-parentheses.txt", QueryParser.maxDepth + 1),
    ("deep-not.txt", 4 * QueryParser.maxDepth + 1),
    ("deep-minus-groups.txt", QueryParser.maxDepth + 1),
    ("deep-field-group.txt", 6 + QueryParser.maxDepth + 1),
  ])
  func deepNestingIsAnErrorWithAColumn(name: String, column: Int) throws {
    let query = try #require(try Self.regressions().first { $0.name == name }?.query)
    do {
      _ = try QueryParser().parse(query)
      Issue.record("\(name) parsed")
    } catch {
      #expect(error.column == column, "\(name): \(error)")
      #expect(error.message.contains("more than \(QueryParser.maxDepth) deep"))
    }
  }

  /// As deep as the parser allows, a query still binds, scores and explains (no other recursion
  /// overflows).
  @Test func theDeepestAllowedQueryRuns() throws {
    let path = try SearchTests.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = Searcher(reader: try IndexReader.open(path: path))
    let d = QueryParser.maxDepth
    let groups = String(repeating: "(", count: d) + "halstead" + String(repeating: ")", count: d)
    #expect(try s.search(groups).hits.map(\.id) == ["a"])
    let nots = String(repeating: "NOT ", count: d) + "halstead"  // an even number: halstead
    #expect(try s.search(nots).hits.map(\.id) == ["a"])
    let places =
      String(repeating: "(", count: d) + "place:Essex OR figure:arrest>400"
      + String(repeating: ")", count: d)
    _ = try s.search(places)
  }
}
