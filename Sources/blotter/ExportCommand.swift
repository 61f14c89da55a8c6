import ArgumentParser
import Indexing
import Searching

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the articles matching a query as CSV, JSON Lines or GeoJSON.",
    discussion: """
      One row per article, columns id,path,title,date,source,byline,story,copies,places,units,\
      officers,forces,figures (several values joined with '; ', figures as noun=value). CSV \
      follows RFC 4180 (CRLF line ends); JSON Lines has the same keys, lists as arrays; GeoJSON \
      is a FeatureCollection with one Point per place an article mentions. Written as it is \
      read, so any number of articles can be exported.
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The query (see 'blotter search --help').", valueName: "query"))
  var words: [String] = []

  @OptionGroup var location: IndexLocation

  @Option(help: "csv, jsonl or geojson.")
  var format: String

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "export")
    if QueryArgument.query(words) == nil { throw ValidationError("give a query") }
    if ExportFormat(rawValue: format) == nil {
      throw ValidationError("--format must be csv, jsonl or geojson (got \(format))")
    }
  }

  func run() throws {
    let query = QueryArgument.query(words) ?? ""
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter export: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try searcher.parse(query)
    } catch {
      Output.error("blotter export: bad query: \(error)")
      throw ExitCode(2)
    }
    let writer: ExportWriter
    do {
      writer = try searcher.export(node, format: ExportFormat(rawValue: format) ?? .csv) {
        Output.write($0)
      }
    } catch {
      Output.error("blotter export: \(error)")
      throw ExitCode(1)
    }
    Output.flush()
    if writer.placesWithoutPoint > 0 {
      Output.error(
        "blotter export: \(Plural.count(writer.placesWithoutPoint, "place")) without a point "
          + "in the gazetteer left out")
    }
  }
}
