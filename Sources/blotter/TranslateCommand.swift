import ArgumentParser
import Searching

/// `blotter translate QUERY --to opensearch`: the query as OpenSearch query DSL
/// (`OpenSearchTranslator`), ready to POST to `_search` of an exported index.
struct TranslateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "translate", abstract: "Print a query in another system's query language.",
    discussion: """
      --to opensearch prints a JSON object with a top-level "query", for the index \
      `blotter export --format opensearch` makes (docs/opensearch.md). Exit status: 0, 2 for a \
      bad query, 64 for bad arguments.
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "The query (quote it); a query starting with '-' works after --.", valueName: "query"))
  var words: [String] = []

  @Option(help: "The target: opensearch.")
  var to: String

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "translate")
    guard to == "opensearch" else {
      throw ValidationError("unknown --to '\(to)' (targets: opensearch)")
    }
    if QueryArgument.query(words) == nil { throw ValidationError("give a QUERY") }
  }

  func run() throws {
    do {
      Output.line(try OpenSearchTranslator().translate(QueryArgument.query(words)!).pretty)
      Output.flush()
    } catch let e as QueryError {
      Output.error("blotter translate: \(e)")
      throw ExitCode(2)
    }
  }
}
