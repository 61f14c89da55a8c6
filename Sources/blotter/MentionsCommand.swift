import Analysis
import ArgumentParser
import Indexing
import Searching

struct MentionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mentions",
    abstract: "List every mention of an entity, grouped by document, with the sentence around it.",
    discussion: """
      ENTITY-QUERY is an entity field such as unit:ROCU, force:NCA, place:"Canvey Island", officer:"DCI Miller" \
      or figure:arrests>400, optionally narrowed by anything else the query language takes \
      (officer:Alcock date:2024).
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The entity query (see 'blotter search --help').", valueName: "entity-query")
  )
  var words: [String] = []

  /// The query as typed: the words, joined.
  var query: String { QueryArgument.query(words) ?? "" }

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "mentions")
    if QueryArgument.query(words) == nil {
      throw ValidationError("give an ENTITY-QUERY, such as unit:ROCU")
    }
  }

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Count articles (the default) or stories (syndicated copies once).")
  var by: CountBy = .article

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter mentions: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try searcher.parse(query)
    } catch {
      Output.error("blotter mentions: bad query: \(error)")
      throw ExitCode(2)
    }
    let report: MentionReport
    do {
      guard let r = try searcher.mentions(node, byStory: by == .story) else {
        Output.error(
          "blotter mentions: the query names no entity (try unit:ROCU, force:NCA, place:Kent, officer:Alcock, figure:arrests>400)"
        )
        throw ExitCode(2)
      }
      report = r
    } catch let e as ExitCode {
      throw e
    } catch {
      Output.error("blotter mentions: \(error)")
      throw ExitCode(1)
    }
    if json {
      Output.line(JSONShapes.mentions(report))
    } else {
      for h in report.entities {
        Output.line(
          "\(h.kind) \(h.name)"
            + (h.aliases.isEmpty ? "" : " (\(h.aliases.joined(separator: ", ")))")
            + ": \(Plural.count(h.mentions, "mention")) in "
            + (by == .story
              ? Plural.count(h.documents, "story", plural: "stories")
              : Plural.count(h.documents, "document")))
      }
      var last = ""
      for r in report.mentions {
        if r.doc != last {
          Output.line("")
          Output.line("\(r.title)  [\(r.doc)]")
          last = r.doc
        }
        Output.line("  \(r.field)@\(r.offset)  \(r.text): \(r.context)")
      }
    }
    Output.flush()
  }
}
