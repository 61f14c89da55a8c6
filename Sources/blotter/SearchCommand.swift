import ArgumentParser
import Indexing
import Searching

#if canImport(Glibc)
  import Glibc
#endif

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the index.",
    discussion: QuerySyntax.help + """


      Exit status: 0 with or without hits, 2 for a bad query, 1 for a missing or unreadable \
      index. With --batch, each line is answered as soon as it is read (one JSON object, \
      flushed); a bad line gets {"query", "error", "column"} and the rest still run (the exit \
      status is then 2).
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "The query (quote it). Words are joined with spaces; a query starting with '-' works as typed, or after --.",
      valueName: "query"))
  var words: [String] = []

  @OptionGroup var location: IndexLocation

  @Option(parsing: .unconditional, help: "How many hits to show.")
  var limit: Int = 10

  @Flag(help: "Print JSON.")
  var json = false

  @Flag(help: "One hit per story (its best copy), with its copies and their sources; the total counts stories.")
  var stories = false

  @Option(
    help:
      "Run one query per line of FILE ('-' for standard input), printing one JSON object per line.")
  var batch: String?

  /// The query as typed: the words, joined.
  var query: String? { QueryArgument.query(words) }

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "search")
    if query == nil && batch == nil { throw ValidationError("give a QUERY or --batch FILE") }
    if query != nil && batch != nil {
      throw ValidationError("give either a QUERY or --batch, not both")
    }
    if limit < 0 { throw ValidationError("--limit must be 0 or a positive number (got \(limit))") }
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
      let result = try searcher.search(q, limit: limit, highlight: highlight, stories: stories)
      if json {
        Output.line(JSONShapes.search(result))
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

  /// Answers each line as soon as it is read, flushing after each answer, so that
  /// `search --batch -` can serve as a long-running query process and a failure loses nothing
  /// already answered.
  private func runBatch(_ file: String, _ searcher: Searcher) throws {
    guard let input = file == "-" ? fdopen(0, "r") : fopen(file, "r") else {
      Output.error("blotter search: \(file): \(String(cString: strerror(errno)))")
      throw ExitCode(1)
    }
    defer { if file != "-" { fclose(input) } }
    var bad = false
    var buffer: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    defer { free(buffer) }
    while true {
      let n = getline(&buffer, &capacity, input)
      if n < 0 { break }
      guard let buffer else { break }
      var count = n
      while count > 0 && (buffer[count - 1] == 0x0A || buffer[count - 1] == 0x0D) { count -= 1 }
      let line = buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
        String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
      }
      if line.allSatisfy({ $0.isWhitespace }) { continue }
      let t0 = ContinuousClock.now
      do {
        let result = try searcher.search(
          line, limit: limit, highlight: .markdown, stories: stories)
        let d = ContinuousClock.now - t0
        let micros =
          Int(d.components.seconds) * 1_000_000 + Int(d.components.attoseconds / 1_000_000_000_000)
        Output.line(JSONShapes.search(result, micros: micros, rankMicros: searcher.lastRankMicros))
      } catch let e as QueryError {
        bad = true
        Output.line(JSONShapes.queryError(query: line, e))
      } catch {
        Output.error("blotter search: \(error)")
        throw ExitCode(1)
      }
      Output.flush()
    }
    if ferror(input) != 0 {
      Output.error("blotter search: \(file): cannot read")
      throw ExitCode(1)
    }
    Output.flush()
    if bad { throw ExitCode(2) }
  }

  private func printText(_ r: SearchResult) {
    let n = r.total
    let unit = stories ? (n == 1 ? "story" : "stories") : (n == 1 ? "match" : "matches")
    Output.line("\(n) \(unit) for \(r.query)")
    for (i, h) in r.hits.enumerated() {
      var meta: [String] = []
      if let d = h.date { meta.append(d) }
      if let s = h.source { meta.append(s) }
      Output.line("")
      Output.line(
        "\(i + 1). \(h.title)" + (meta.isEmpty ? "" : "  (\(meta.joined(separator: " · ")))"))
      Output.line("   \(h.id)  score \(String(format1: Double(h.score)))")
      if !h.snippet.isEmpty { Output.line("   \(h.snippet)") }
      if h.story.copies > 1 {
        let sources = h.story.sources.isEmpty ? "" : ": " + h.story.sources.joined(separator: ", ")
        Output.line("   \(h.story.copies) copies\(sources)")
      }
    }
  }
}
