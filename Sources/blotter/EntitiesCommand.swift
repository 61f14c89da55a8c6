import Analysis
import ArgumentParser
import Indexing
import Searching

struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Count the officers, places, units, forces and figures in the articles matching a query.",
    discussion:
      "Without a QUERY, over the whole index. Each entity is counted by documents and by mentions.")

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "Optional query narrowing the articles (see 'blotter search --help').", valueName: "query"))
  var words: [String] = []

  /// The query as typed: the words, joined.
  var query: String? { QueryArgument.query(words) }

  @OptionGroup var location: IndexLocation

  @Option(help: "Only this kind: unit, force, place, officer or figure.")
  var kind: String?

  @Option(parsing: .unconditional, help: "How many entities of each kind.")
  var top: Int = 10

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Count articles (the default) or stories (syndicated copies once).")
  var by: CountBy = .article

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "entities")
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("--kind must be unit, force, place, officer or figure")
    }
    if top < 1 { throw ValidationError("--top must be a positive number (got \(top))") }
  }

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter entities: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try query.map { (q) throws(QueryError) in try searcher.parse(q) } ?? .all
    } catch {
      Output.error("blotter entities: bad query: \(error)")
      throw ExitCode(2)
    }
    let kinds = kind.flatMap(EntityKind.init(rawValue:)).map { [$0] } ?? EntityKind.allCases
    let facets: FacetCollector
    do {
      facets = try searcher.facets(node, kinds: kinds, byStory: by == .story)
    } catch {
      Output.error("blotter entities: \(error)")
      throw ExitCode(1)
    }
    if json {
      Output.line(JSONShapes.entities(facets, query: query, top: top))
    } else {
      Output.line(
        (by == .story
          ? Plural.count(facets.documents, "story", plural: "stories")
          : Plural.count(facets.documents, "document"))
          + (query.map { " matching \($0)" } ?? ""))
      for k in kinds {
        let list = facets.top(k, limit: top)
        if list.isEmpty { continue }
        Output.line("")
        Output.line("\(k.rawValue)s".uppercased())
        for c in list {
          Output.line(
            "  \(String(c.documents).leftPad(4)) \(by == .story ? (c.documents == 1 ? "story  " : "stories") : c.documents == 1 ? "doc " : "docs")"
              + "  \(String(c.mentions).leftPad(4)) \(c.mentions == 1 ? "mention " : "mentions")  \(c.name)"
          )
        }
      }
    }
    Output.flush()
  }
}

/// What `entities` and `mentions` count: articles, or stories (each syndicated story once).
enum CountBy: String, ExpressibleByArgument, CaseIterable {
  case article
  case story
}

extension String {
  func leftPad(_ n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}
