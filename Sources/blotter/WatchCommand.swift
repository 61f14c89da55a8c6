import ArgumentParser
import Dispatch
import Indexing
import Ingest
import Searching

#if canImport(Glibc)
  import Glibc
#endif

/// `blotter watch`: the library's `CorpusWatcher` with signals, output and alert checks.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Index a corpus folder, then keep the index up to date as files land in it.",
    discussion: """
      Indexes CORPUS once (as `index` does), then watches the folder tree (inotify; polling with \
      --poll, where inotify is unavailable, or once the system's watch limit is reached) and \
      commits once each burst of changes has been quiet for --debounce seconds. Files still \
      growing when a burst settles are left as they were and retried after the next debounce. \
      The writer lock is held until the watch stops, so `index` waits or fails meanwhile; \
      readers (search, serve) see each commit as it lands.

      One line per commit on standard output (with --json, one JSON object per line: \
      {"event": "commit", "initial", "generation", "added", "updated", "removed", "unchanged", \
      "documents", "seconds", "mode", "growing": [paths], "skipped": [{path, reason}]}, plus \
      "alerts": [{alert, query, new: [hits]}] with --alerts, only alerts with new matches). \
      The first line is the first run's, even when it changed nothing.

      SIGINT or SIGTERM stops the watch at the next wait; a run in progress finishes its commit \
      first, so the last commit is always whole (changes not yet committed are found by the \
      next `index` or `watch`). A second signal exits at once; the commit before stays in force.
      Exit status: 0 when stopped by a signal, 1 when the index or the corpus cannot be read or \
      written.
      """)

  @Argument(help: "The corpus folder.")
  var corpus: String = "corpus"

  @OptionGroup var location: IndexLocation

  @Option(
    parsing: .unconditional, help: "Seconds without a change before a commit (default 2).")
  var debounce: Double = 2

  @Flag(help: "Print one JSON object per commit per line.")
  var json = false

  @Flag(help: "Check the saved searches (`blotter alert`) after each commit; print new matches.")
  var alerts = false

  @Flag(help: "Poll the folder tree instead of using inotify (e.g. on a network file system).")
  var poll = false

  @Option(
    parsing: .unconditional,
    help: "Memory for in-memory segments, in MB; a segment is flushed when it fills.")
  var memory: Int = 256

  @Option(parsing: .unconditional, help: "Extraction and analysis threads (default: all cores).")
  var threads: Int?

  @Flag(help: "Wait for another writer to finish instead of failing.")
  var wait = false

  /// Tests of the fall-back to polling: inotify watches allowed before it (as if the system's
  /// limit were this).
  @Option(parsing: .unconditional, help: .hidden)
  var maxWatches: Int?

  func validate() throws {
    if !(debounce >= 0 && debounce <= 3600) {
      throw ValidationError("--debounce must be from 0 to 3600 seconds (got \(debounce))")
    }
    if memory < 1 {
      throw ValidationError("--memory must be a positive number of MB (got \(memory))")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be a positive number (got \(threads))")
    }
  }

  func run() throws {
    if let folder = IndexCommand.sameFolder(corpus, location.index) {
      Output.error(
        "blotter watch: the index folder \(location.index) is the corpus folder (\(folder)); "
          + "give --index a folder of its own (the default is `index`)")
      throw ExitCode(1)
    }
    let indexer = CorpusIndexer(
      corpus: corpus, indexPath: location.index, memoryBudget: memory << 20,
      threads: max(1, threads ?? System.coreCount), wait: wait)
    let watcher = try CorpusWatcher(indexer: indexer, debounce: debounce, poll: poll)
    watcher.maxWatches = maxWatches
    watcher.onNote = { Output.error("blotter watch: \($0)") }
    watcher.onCommit = { report($0) }
    let signals = Self.handleSignals(watcher.stopper)
    defer { for s in signals { s.cancel() } }
    do {
      try watcher.run()
    } catch let e as IndexError {
      Output.flush()
      Output.error("blotter watch: \(e)")
      throw ExitCode(1)
    } catch let e as IngestError {
      Output.flush()
      Output.error("blotter watch: \(e)")
      throw ExitCode(1)
    }
    Output.flush()
    Output.error("blotter watch: stopped")
  }

  /// SIGINT and SIGTERM: the first stops the watcher, a second exits at once.
  static func handleSignals(_ stopper: CorpusWatcher.Stopper) -> [DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { sig in
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        if stopper.isStopped {
          let text = Array("blotter watch: stopping now; the last commit stays in force\n".utf8)
          _ = text.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
          _exit(128 + sig)
        }
        stopper.stop()
      }
      source.resume()
      return source
    }
  }

  /// Prints one commit (and, with --alerts, the alerts' new matches).
  private func report(_ c: CorpusWatcher.Commit) {
    let checked = alerts && (c.committed || c.initial) ? checkAlerts() : []
    let s = c.summary
    if json {
      var j = JSONOut()
      j.open()
      j.field("event", "commit")
      j.field("initial", c.initial)
      j.field("generation", s.generation)
      j.field("added", s.added)
      j.field("updated", s.updated)
      j.field("removed", s.removed)
      j.field("unchanged", s.unchanged)
      j.field("documents", s.documents)
      j.field("seconds", (s.seconds * 1000).rounded() / 1000)
      j.field("mode", c.mode.rawValue)
      j.openArray("growing")
      for p in c.growing { j.element(p) }
      j.closeArray()
      j.openArray("skipped")
      for (p, r) in s.skipped {
        j.open()
        j.field("path", p)
        j.field("reason", r)
        j.close()
      }
      j.closeArray()
      var text = j.text
      if alerts {
        text += ",\"alerts\":[" + checked.map(JSONShapes.alert).joined(separator: ",") + "]"
      }
      Output.line(text + "}")
    } else {
      var line =
        "generation \(s.generation): \(s.added) added, \(s.updated) updated, \(s.removed) removed; "
        + "\(Plural.count(s.documents, "document")) (\(String(format1: s.seconds)) s)"
      if !c.growing.isEmpty { line += "; \(c.growing.count) still growing" }
      Output.line(line)
      for (p, r) in s.skipped { Output.line("skipped \(p): \(r)") }
      for r in checked {
        Output.line(
          "alert \(r.alert): \(r.new.count) new \(r.new.count == 1 ? "match" : "matches") for "
            + r.query)
        for h in r.new { Output.line("  \(h.title)  \(h.id)") }
      }
    }
    Output.flush()
  }

  /// Checks every saved search against the new commit and records the checks; the reports with
  /// new matches. A failure is reported and the watch goes on.
  private func checkAlerts() -> [AlertReport] {
    do {
      let reader = try IndexReader.open(path: location.index)
      let searcher = Searcher(reader: reader)
      let highlight: Highlight = json ? .markdown : (Output.stdoutColor ? .terminal : .markdown)
      return try AlertCommand.checkAll(
        searcher: searcher, index: location.index, name: nil, all: false, highlight: highlight
      ).filter { !$0.new.isEmpty }
    } catch {
      Output.flush()
      Output.error("blotter watch: alert check failed: \(error)")
      return []
    }
  }
}
