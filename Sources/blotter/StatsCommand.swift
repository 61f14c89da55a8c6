import ArgumentParser
import Indexing

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats", abstract: "Describe the index: documents, files, segments, sizes.")

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let reader: IndexReader
    let table: FileTable
    do {
      reader = try IndexReader.open(path: location.index)
      table = try reader.fileTable()
    } catch {
      Output.error("blotter stats: \(error)")
      throw ExitCode(1)
    }
    let m = reader.manifest
    var bytesByKind: [String: Int] = [:]
    var total = 0
    for f in m.files {
      let size = fileSize(reader.storage.url(f))
      let kind = String(f.split(separator: ".").last ?? "")
      bytesByKind[kind == String(m.generation) ? "files" : kind, default: 0] += size
      total += size
    }
    let terms = reader.segments.reduce(0) { $0 + $1.termCount }
    if json {
      var j = JSONOut()
      j.open()
      j.field("documents", m.documents)
      j.field("deleted", m.segments.reduce(0) { $0 + $1.deleted })
      j.field("files", table.entries.count)
      j.field("segments", m.segments.count)
      j.field("terms", terms)
      j.field("generation", m.generation)
      j.field("bytes", total)
      j.field("bytes_without_store", total - (bytesByKind["store"] ?? 0))
      j.key("bytes_by_kind")
      j.open()
      for (k, v) in bytesByKind.sorted(by: { $0.key < $1.key }) { j.field(k, v) }
      j.close()
      j.field("corpus", m.corpus)
      j.close()
      Output.line(j.text)
    } else {
      Output.line("index       \(location.index) (generation \(m.generation), format \(m.formatVersion))")
      if let c = m.corpus { Output.line("corpus      \(c)") }
      Output.line("documents   \(m.documents) (\(m.segments.reduce(0) { $0 + $1.deleted }) deleted, not yet merged away)")
      Output.line("files       \(table.entries.count)")
      Output.line("segments    \(m.segments.count)")
      Output.line("terms       \(terms) (summed over segments)")
      Output.line("bytes       \(total) (\(total - (bytesByKind["store"] ?? 0)) without stored documents)")
      for (k, v) in bytesByKind.sorted(by: { $0.value > $1.value }) {
        Output.line("  \(k.padding(12))\(v)")
      }
    }
    Output.flush()
  }
}

func fileSize(_ path: String) -> Int {
  var st = stat()
  return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

extension String {
  func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}

#if canImport(Glibc)
  import Glibc
#endif
