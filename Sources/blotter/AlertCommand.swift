import ArgumentParser
import Foundation
import Indexing
import Searching

/// `blotter alert`: saved searches kept in the index folder, checked for new matches and
/// published as Atom feeds. The logic is Searching's (`AlertBook`, `AlertCheck`, `AtomFeed`).
struct AlertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alert",
    abstract: "Save searches and report their new matches.",
    discussion: """
      Saved searches live in the index folder (the file 'alerts'). 'check' reports, for each \
      one, the documents that match now and did not match at its last check (new articles, \
      and articles that changed), then records the check; the first check of a new alert \
      reports nothing old unless --all.

      Exit status: 0 on success, 2 for a bad query, 1 for a missing index, an unknown or \
      duplicate alert name, or an unreadable alerts file.
      """,
    subcommands: [Add.self, List.self, Remove.self, Check.self, Feed.self])

  /// Opens the index, or reports why not (exit 1).
  static func open(_ location: IndexLocation, command: String) throws -> IndexReader {
    do {
      return try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter alert \(command): \(error)")
      throw ExitCode(1)
    }
  }

  static func load(_ location: IndexLocation, command: String) throws -> AlertBook {
    do {
      return try AlertBook.load(path: location.index)
    } catch {
      Output.error("blotter alert \(command): \(error)")
      throw ExitCode(1)
    }
  }

  static var now: Int64 { Int64(Date().timeIntervalSince1970) }

  static func badQuery(_ e: QueryError, query: String, command: String, alert: String? = nil)
    -> ExitCode
  {
    let which = alert.map { " (alert '\($0)')" } ?? ""
    Output.error("blotter alert \(command): bad query\(which): \(e)")
    if Output.stderrIsTerminal { Output.error(e.pointer(in: query)) }
    return ExitCode(2)
  }

  /// A saved search whose query no longer parses.
  struct BadSavedQuery: Error {
    var alert: SavedAlert
    var error: QueryError
  }

  /// Checks the saved searches of the index at `index` (only `name` when given) and records the
  /// checks — only once every chosen alert has been checked: a failure records nothing (`alert
  /// check`, `watch --alerts`).
  /// - Throws: `BadSavedQuery`, `AlertBook.Problem.unknown`, what reading the index throws.
  static func checkAll(
    searcher: Searcher, index: String, name: String?, all: Bool, highlight: Highlight
  ) throws -> [AlertReport] {
    let now = AlertCommand.now
    return try AlertBook.modify(path: index) { book in
      var chosen = book.alerts
      if let name {
        guard let a = book.alert(named: name) else { throw AlertBook.Problem.unknown(name) }
        chosen = [a]
      }
      var reports: [AlertReport] = []
      for a in chosen {
        do {
          let (report, updated) = try AlertCheck.check(
            a, searcher: searcher, all: all, now: now, highlight: highlight)
          book.update(updated)
          reports.append(report)
        } catch let e as QueryError {
          throw BadSavedQuery(alert: a, error: e)
        }
      }
      return reports
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Save a search under a name: blotter alert add NAME QUERY.",
      discussion: QuerySyntax.help)

    @Argument(
      parsing: .allUnrecognized,
      help: ArgumentHelp(
        "The alert's name, then the query (quote it, or put it after --).",
        valueName: "name query"))
    var words: [String] = []

    @OptionGroup var location: IndexLocation

    func validate() throws {
      try QueryArgument.rejectUnknownOptions(words, command: "alert add")
      let rest = words.filter { $0 != "--" }
      if rest.count < 2 { throw ValidationError("give a NAME and a QUERY") }
    }

    func run() throws {
      var rest = words
      if let t = rest.firstIndex(of: "--") { rest.remove(at: t) }
      let name = rest.removeFirst()
      let query = rest.joined(separator: " ")
      let searcher = Searcher(reader: try AlertCommand.open(location, command: "add"))
      do {
        _ = try searcher.parse(query)
      } catch {
        throw AlertCommand.badQuery(error, query: query, command: "add")
      }
      do {
        try AlertBook.modify(path: location.index) { book in
          try book.add(name: name, query: query, now: AlertCommand.now)
        }
      } catch {
        Output.error("blotter alert add: \(error)")
        throw ExitCode(1)
      }
      Output.line("saved alert '\(name)': \(query)")
      Output.flush()
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the saved searches.")

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON: one {name, query, added, checked, matched} object per line.")
    var json = false

    func run() throws {
      let book = try AlertCommand.load(location, command: "list")
      for a in book.alerts {
        if json {
          var j = JSONOut()
          j.open()
          j.field("name", a.name)
          j.field("query", a.query)
          j.field("added", Int(a.added))
          if let c = a.checked { j.field("checked", Int(c)) } else { j.field("checked", nil) }
          j.field("matched", a.seen.count)
          j.close()
          Output.line(j.text)
        } else {
          let when = a.checked.map { "checked " + AtomFeed.timestamp($0) } ?? "never checked"
          Output.line("\(a.name)\t\(a.query)\t\(when)")
        }
      }
      Output.flush()
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete a saved search.")

    @Argument(help: "The alert's name.")
    var name: String

    @OptionGroup var location: IndexLocation

    func run() throws {
      do {
        try AlertBook.modify(path: location.index) { book in try book.remove(name: name) }
      } catch {
        Output.error("blotter alert remove: \(error)")
        throw ExitCode(1)
      }
      Output.line("removed alert '\(name)'")
      Output.flush()
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report each saved search's new matches since its last check, and record it.")

    @Argument(help: "Check only this alert.")
    var name: String?

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print one JSON object per alert per line: {alert, query, new: [hits]}.")
    var json = false

    @Flag(help: "Report every current match, not only the new ones.")
    var all = false

    func run() throws {
      let searcher = Searcher(reader: try AlertCommand.open(location, command: "check"))
      let highlight: Highlight = json ? .markdown : (Output.stdoutColor ? .terminal : .markdown)
      let reports: [AlertReport]
      do {
        reports = try AlertCommand.checkAll(
          searcher: searcher, index: location.index, name: name, all: all, highlight: highlight)
      } catch let e as AlertCommand.BadSavedQuery {
        throw AlertCommand.badQuery(
          e.error, query: e.alert.query, command: "check", alert: e.alert.name)
      } catch {
        Output.error("blotter alert check: \(error)")
        throw ExitCode(1)
      }
      for r in reports {
        if json {
          Output.line(JSONShapes.alert(r))
        } else {
          printText(r)
        }
      }
      Output.flush()
    }

    private func printText(_ r: AlertReport) {
      let n = r.new.count
      var line = "\(r.alert): \(n) new \(n == 1 ? "match" : "matches") for \(r.query)"
      if r.first && !all { line += " (first check: \(Plural.count(r.matches, "match", plural: "matches")) recorded)" }
      Output.line(line)
      for h in r.new {
        var meta: [String] = []
        if let d = h.date { meta.append(d) }
        if let s = h.source { meta.append(s) }
        Output.line("  \(h.title)" + (meta.isEmpty ? "" : "  (\(meta.joined(separator: " · ")))"))
        Output.line("    \(h.id)")
      }
    }
  }

  struct Feed: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print an Atom 1.0 feed of a saved search's current matches, newest first.")

    @Argument(help: "The alert's name.")
    var name: String

    @OptionGroup var location: IndexLocation

    @Option(parsing: .unconditional, help: "How many entries at most.")
    var limit: Int = 100

    func validate() throws {
      if limit < 0 {
        throw ValidationError("--limit must be 0 or a positive number (got \(limit))")
      }
    }

    func run() throws {
      let reader = try AlertCommand.open(location, command: "feed")
      let book = try AlertCommand.load(location, command: "feed")
      guard let alert = book.alert(named: name) else {
        Output.error("blotter alert feed: \(AlertBook.Problem.unknown(name))")
        throw ExitCode(1)
      }
      do {
        let entries = try AtomFeed.entries(
          query: alert.query, searcher: Searcher(reader: reader), limit: limit,
          corpus: reader.manifest.corpus.map(absolute))
        Output.write(AtomFeed.xml(alert: alert, entries: entries, now: AlertCommand.now))
        Output.flush()
      } catch let e as QueryError {
        throw AlertCommand.badQuery(e, query: alert.query, command: "feed", alert: alert.name)
      } catch {
        Output.error("blotter alert feed: \(error)")
        throw ExitCode(1)
      }
    }

    /// The corpus folder as `index` was given it, made absolute against the working folder, so
    /// that the entries' `file:` links are absolute URLs.
    private func absolute(_ corpus: String) -> String {
      if corpus.hasPrefix("/") { return corpus }
      var base = FileManager.default.currentDirectoryPath
      var rest = Substring(corpus)
      while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
      if rest == "." { rest = "" }
      if !base.hasSuffix("/") { base += "/" }
      return base + rest
    }
  }
}
