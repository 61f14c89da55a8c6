import ArgumentParser
import Indexing
import Searching

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Count the articles matching a query per day, week, month or year.",
    discussion: """
      Each period shows the matching articles and their share of all the index's articles of \
      that period (with --stories: stories, each counted once in its origin's period). Periods \
      run from the first to the last that holds any dated article of the index; those without \
      a match show 0. Weeks are ISO weeks (2024-W09). Articles without a date are counted apart.
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The query (see 'blotter search --help').", valueName: "query"))
  var words: [String] = []

  @OptionGroup var location: IndexLocation

  @Option(help: "The period: day, week, month or year.")
  var by: String = "month"

  @Flag(help: "Count stories (syndicated copies once, in their origin's period), not articles.")
  var stories = false

  @Flag(help: "Print JSON.")
  var json = false

  @Flag(help: "Print CSV (RFC 4180).")
  var csv = false

  /// For bench/timeline: the microseconds the query and the counts took (wall clock, and CPU
  /// time of this thread: on a loaded machine the wall clock measures the other processes too),
  /// on standard error.
  @Flag(help: .hidden)
  var stats = false

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "timeline")
    if QueryArgument.query(words) == nil { throw ValidationError("give a query") }
    if TimelineUnit(rawValue: by) == nil {
      throw ValidationError("--by must be day, week, month or year (got \(by))")
    }
    if json && csv { throw ValidationError("--json and --csv cannot go together") }
  }

  func run() throws {
    let query = QueryArgument.query(words) ?? ""
    let unit = TimelineUnit(rawValue: by) ?? .month
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter timeline: \(error)")
      throw ExitCode(1)
    }
    let started = ContinuousClock.now
    let cpuStarted = Self.threadCPUMicros()
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try searcher.parse(query)
    } catch {
      Output.error("blotter timeline: bad query: \(error)")
      throw ExitCode(2)
    }
    let t: Timeline
    do {
      t = try searcher.timeline(node, query: query, by: unit, stories: stories)
    } catch {
      Output.error("blotter timeline: \(error)")
      throw ExitCode(1)
    }
    if stats {
      let d = ContinuousClock.now - started
      let micros = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
      Output.error("timeline micros: \(micros) cpu micros: \(Self.threadCPUMicros() - cpuStarted)")
    }
    if json {
      Output.line(JSONShapes.timeline(t))
    } else if csv {
      Output.write(JSONShapes.timelineCSV(t))
    } else {
      Output.line(
        (stories ? Plural.count(t.matches, "story", plural: "stories") : Plural.count(t.matches, "article"))
          + " matching \(query), by \(unit.rawValue)")
      let most = max(1, t.periods.map(\.matches).max() ?? 1)
      for p in t.periods {
        let tenths = Int((p.share * 1000).rounded())
        let share = "\(tenths / 10).\(tenths % 10)%".leftPad(6)
        let bar = String(repeating: "█", count: (p.matches * 30 + most - 1) / most)
        Output.line(
          "  \(p.period.padded(10))\(String(p.matches).leftPad(6)) /\(String(p.total).leftPad(6))"
            + "  \(share)  \(bar)")
      }
      if t.undated > 0 || t.undatedTotal > 0 {
        Output.line("  \("undated".padded(10))\(String(t.undated).leftPad(6)) /"
          + "\(String(t.undatedTotal).leftPad(6))")
      }
    }
    Output.flush()
  }
}

extension TimelineCommand {
  /// CPU time this thread has used, in microseconds.
  static func threadCPUMicros() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return t.tv_sec * 1_000_000 + t.tv_nsec / 1000
  }
}

extension String {
  fileprivate func padded(_ n: Int) -> String {
    count >= n ? self + " " : self + String(repeating: " ", count: n - count)
  }
}
