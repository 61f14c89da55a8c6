import ArgumentParser
import Indexing
import Searching

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the index.",
    discussion: """
      Words are ANDed: halstead cannabis. Also: "exact phrase", OR, NOT word, -word, (groups), \
      prefix*, title:word, source:word, date:2019, date:2019-03, date:2019..2022, \
      date:2022-03-01..2022-03-31. Exit status: 0 with or without hits, 2 for a bad query, 1 for \
      a missing or unreadable index.
      """)

  @Argument(help: "The query.")
  var query: String?

  @OptionGroup var location: IndexLocation

  @Option(help: "How many hits to show.")
  var limit: Int = 10

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Run one query per line of FILE ('-' for standard input), printing one JSON object per line.")
  var batch: String?

  func validate() throws {
    if query == nil && batch == nil { throw ValidationError("give a QUERY or --batch FILE") }
    if query != nil && batch != nil { throw ValidationError("give either a QUERY or --batch, not both") }
    if limit < 0 { throw ValidationError("--limit must be 0 or more") }
  }

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter search: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    if let batch {
      try runBatch(batch, searcher)
      return
    }
    let q = query!
    do {
      let highlight: Highlight = json ? .markdown : (Output.stdoutColor ? .terminal : .markdown)
      let result = try searcher.search(q, limit: limit, highlight: highlight)
      if json {
        Output.line(Self.json(result, micros: nil))
      } else {
        printText(result)
      }
      Output.flush()
    } catch let e as QueryError {
      Output.error("blotter search: bad query: \(e)")
      if Output.stderrIsTerminal { Output.error(e.pointer(in: q)) }
      throw ExitCode(2)
    } catch {
      Output.error("blotter search: \(error)")
      throw ExitCode(1)
    }
  }

  private func runBatch(_ file: String, _ searcher: Searcher) throws {
    let lines: [String]
    if file == "-" {
      var l: [String] = []
      while let line = readLine(strippingNewline: true) { l.append(line) }
      lines = l
    } else {
      switch CorpusScanner.read(file, limit: 1 << 30) {
      case .success(let b):
        lines = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      case .failure(let e):
        Output.error("blotter search: \(file): \(e)")
        throw ExitCode(1)
      }
    }
    var bad = false
    for line in lines where !line.allSatisfy({ $0.isWhitespace }) {
      let t0 = ContinuousClock.now
      do {
        let result = try searcher.search(line, limit: limit, highlight: .markdown)
        let d = ContinuousClock.now - t0
        let micros = Int(d.components.seconds) * 1_000_000 + Int(d.components.attoseconds / 1_000_000_000_000)
        Output.line(Self.json(result, micros: micros, rankMicros: searcher.lastRankMicros))
      } catch let e as QueryError {
        bad = true
        var j = JSONOut()
        j.open()
        j.field("query", line)
        j.field("error", e.message)
        j.field("column", e.column)
        j.close()
        Output.line(j.text)
      } catch {
        Output.error("blotter search: \(error)")
        throw ExitCode(1)
      }
    }
    Output.flush()
    if bad { throw ExitCode(2) }
  }

  static func json(_ r: SearchResult, micros: Int?, rankMicros: Int? = nil) -> String {
    var j = JSONOut()
    j.open()
    j.field("query", r.query)
    j.field("total", r.total)
    j.openArray("hits")
    for h in r.hits {
      j.open()
      j.field("doc", h.id)
      j.field("path", h.path)
      j.field("title", h.title)
      j.field("date", h.date)
      j.field("source", h.source)
      j.field("score", (Double(h.score) * 10000).rounded() / 10000)
      j.field("snippet", h.snippet)
      if !h.entities.isEmpty {
        j.openArray("entities")
        for m in h.entities {
          j.open()
          j.field("kind", m.kind.rawValue)
          j.field("name", m.canonical)
          j.field("text", m.surface)
          j.field("field", m.inTitle ? "title" : "body")
          j.field("offset", m.start)
          j.close()
        }
        j.closeArray()
      }
      j.close()
    }
    j.closeArray()
    if let micros { j.field("micros", micros) }
    if let rankMicros { j.field("rank_micros", rankMicros) }
    j.close()
    return j.text
  }

  private func printText(_ r: SearchResult) {
    let n = r.total
    Output.line("\(n) \(n == 1 ? "match" : "matches") for \(r.query)")
    for (i, h) in r.hits.enumerated() {
      var meta: [String] = []
      if let d = h.date { meta.append(d) }
      if let s = h.source { meta.append(s) }
      Output.line("")
      Output.line("\(i + 1). \(h.title)" + (meta.isEmpty ? "" : "  (\(meta.joined(separator: " · ")))"))
      Output.line("   \(h.id)  score \(String(format1: Double(h.score)))")
      if !h.snippet.isEmpty { Output.line("   \(h.snippet)") }
    }
  }
}
