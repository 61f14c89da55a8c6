import ArgumentParser
import Indexing
import Searching

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats", abstract: "Describe the index: documents, files, segments, sizes.")

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let stats: IndexStats
    do {
      stats = try IndexStats(try IndexReader.open(path: location.index))
    } catch {
      Output.error("blotter stats: \(error)")
      throw ExitCode(1)
    }
    if json {
      Output.line(JSONShapes.stats(stats))
    } else {
      Output.line(
        "index       \(location.index) (generation \(stats.generation), format \(stats.formatVersion))")
      if let c = stats.corpus { Output.line("corpus      \(c)") }
      Output.line("documents   \(stats.documents) (\(stats.deleted) deleted, not yet merged away)")
      Output.line("files       \(stats.files)")
      Output.line("segments    \(stats.segments)")
      Output.line("terms       \(stats.terms) (summed over segments)")
      Output.line("bytes       \(stats.bytes) (\(stats.bytesWithoutStore) without stored documents)")
      for (k, v) in stats.bytesByKind.sorted(by: { $0.value > $1.value }) {
        Output.line("  \(k.padding(12))\(v)")
      }
    }
    Output.flush()
  }
}

extension String {
  func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}

#if canImport(Glibc)
  import Glibc
#endif
