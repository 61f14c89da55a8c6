import ArgumentParser
import Indexing
import Searching

/// `blotter export`: the index written for another system. `--format opensearch` writes an index
/// template, bulk files and a manifest (`OpenSearchExport`; docs/opensearch.md).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export the index for another system (OpenSearch).",
    discussion: """
      --format opensearch writes into --out DIR: template.json (PUT _index_template/NAME), \
      bulk-0000.ndjson … (at most 10 MB each; POST each to /_bulk) and manifest.json (counts, \
      CRC-32 of each bulk file, and the cursor). With --since CURSOR (the cursor of an earlier \
      export) only documents added since, and delete actions for those removed since, are \
      written. Exit status: 0 on success, 1 for a missing index or an unusable cursor, 64 for bad \
      arguments.
      """)

  @Argument(
    help: ArgumentHelp(
      "A query (not used by --format opensearch, which exports everything).", valueName: "query"))
  var query: String?

  @Option(help: "The output format: opensearch.")
  var format: String

  @OptionGroup var location: IndexLocation

  @Option(help: "The index (and template) name in OpenSearch.")
  var name: String = "blotter"

  @Option(help: "Only what changed since this cursor (a previous export's manifest.json cursor).")
  var since: Int?

  @Option(help: "The output folder.")
  var out: String

  func validate() throws {
    guard format == "opensearch" else {
      throw ValidationError("unknown --format '\(format)' (formats: opensearch)")
    }
    if query != nil {
      throw ValidationError("--format opensearch exports the whole index: give no query")
    }
    if name.isEmpty || name != name.lowercased()
      || name.contains(where: { " \"*,/<>?\\|#:".contains($0) })
    {
      throw ValidationError("--name must be a lower-case OpenSearch index name (got '\(name)')")
    }
    if let since, since < 0 { throw ValidationError("--since must be 0 or more (got \(since))") }
  }

  func run() throws {
    do {
      let reader = try IndexReader.open(path: location.index)
      let s = try OpenSearchExport.run(
        reader, OpenSearchExport.Options(name: name, since: since, out: out))
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
