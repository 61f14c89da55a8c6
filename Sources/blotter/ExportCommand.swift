import ArgumentParser
import Indexing
import Searching

/// `blotter export`: the articles matching a query as CSV, JSON Lines or GeoJSON (`ExportWriter`),
/// or the whole index written for an OpenSearch cluster (`--format opensearch`: an index
/// template, bulk files and a manifest; `OpenSearchExport`, docs/opensearch.md).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write matching articles as CSV, JSON Lines or GeoJSON, or the index for OpenSearch.",
    discussion: """
      --format csv|jsonl|geojson QUERY: one row per article, columns id,path,title,date,source,\
      byline,story,copies,places,units,officers,forces,figures (several values joined with '; ', \
      figures as noun=value). CSV follows RFC 4180 (CRLF line ends); JSON Lines has the same \
      keys, lists as arrays; GeoJSON is a FeatureCollection with one Point per place an article \
      mentions. Written as it is read, so any number of articles can be exported.

      --format opensearch --out DIR (no query) writes into DIR: template.json \
      (PUT _index_template/NAME), bulk-0000.ndjson … (at most 10 MB each; POST each to /_bulk) \
      and manifest.json (counts, CRC-32 of each bulk file, and the cursor). With --since CURSOR \
      (the cursor of an earlier export) only documents added since, and delete actions for \
      those removed since, are written.

      Exit status: 0 on success, 1 for a missing index or an unusable cursor, 2 for a bad query, \
      64 for bad arguments.
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "The query (see 'blotter search --help'); not used by --format opensearch, which exports "
        + "everything.", valueName: "query"))
  var words: [String] = []

  @OptionGroup var location: IndexLocation

  @Option(help: "csv, jsonl, geojson or opensearch.")
  var format: String

  @Flag(
    help: "csv, jsonl, geojson: one row per story (its earliest matching copy), not per article.")
  var stories = false

  @Option(help: "opensearch: the index (and template) name in OpenSearch (default blotter).")
  var name: String?

  @Option(help: "opensearch: only what changed since this cursor (a manifest.json's cursor).")
  var since: Int?

  @Option(help: "opensearch: the output folder.")
  var out: String?

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "export")
    if format == "opensearch" {
      if QueryArgument.query(words) != nil {
        throw ValidationError("--format opensearch exports the whole index: give no query")
      }
      if out == nil { throw ValidationError("--format opensearch needs --out DIR") }
      if stories { throw ValidationError("--stories goes with csv, jsonl or geojson") }
      let name = self.name ?? "blotter"
      if name.isEmpty || name != name.lowercased()
        || name.contains(where: { " \"*,/<>?\\|#:".contains($0) })
      {
        throw ValidationError("--name must be a lower-case OpenSearch index name (got '\(name)')")
      }
      if let since, since < 0 { throw ValidationError("--since must be 0 or more (got \(since))") }
      return
    }
    guard ExportFormat(rawValue: format) != nil else {
      throw ValidationError("--format must be csv, jsonl, geojson or opensearch (got \(format))")
    }
    if name != nil || since != nil || out != nil {
      throw ValidationError("--name, --since and --out go with --format opensearch only")
    }
    if QueryArgument.query(words) == nil { throw ValidationError("give a query") }
  }

  func run() throws {
    if format == "opensearch" { return try runOpenSearch() }
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
      writer = try searcher.export(
        node, format: ExportFormat(rawValue: format) ?? .csv, stories: stories
      ) {
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

  private func runOpenSearch() throws {
    let out = self.out ?? "."
    do {
      let reader = try IndexReader.open(path: location.index)
      let s = try OpenSearchExport.run(
        reader, OpenSearchExport.Options(name: name ?? "blotter", since: since, out: out))
      Output.line(
        "exported \(s.indexed) documents and \(s.deleted) deletions in \(s.files.count) bulk files to "
          + "\(out) (cursor \(s.cursor))")
      Output.flush()
    } catch {
      Output.error("blotter export: \(error)")
      throw ExitCode(1)
    }
  }
}
