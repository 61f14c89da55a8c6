import ArgumentParser
import Indexing
import Searching

struct StoriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stories",
    abstract: "List the largest stories (syndicated copies of one article), with copies and dates.",
    discussion: """
      Without a QUERY, over the whole index; with one, the stories at least one of whose copies \
      matches. Largest first (then earliest). A story's id is its earliest copy's document id.
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "Optional query narrowing the articles (see 'blotter search --help').", valueName: "query"))
  var words: [String] = []

  var query: String? { QueryArgument.query(words) }

  @OptionGroup var location: IndexLocation

  @Option(parsing: .unconditional, help: "How many stories.")
  var top: Int = 10

  @Flag(help: "Print JSON.")
  var json = false

  /// For `bench/stories`: every pair of documents (of an index of at most 20,000) as JSON Lines,
  /// with what the grouping estimates and decides for it.
  @Flag(help: .hidden)
  var pairs = false

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "stories")
    if top < 1 { throw ValidationError("--top must be a positive number (got \(top))") }
  }

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter stories: \(error)")
      throw ExitCode(1)
    }
    if pairs {
      try printPairs(reader)
      return
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try query.map { (q) throws(QueryError) in try searcher.parse(q) } ?? .all
    } catch {
      Output.error("blotter stories: bad query: \(error)")
      throw ExitCode(2)
    }
    let list: (stories: [StoryTable.Summary], total: Int)
    var titles: [String: String] = [:]
    do {
      list = try searcher.largestStories(node, limit: top)
      if !json {
        for s in list.stories {
          titles[s.id] = try reader.document(id: s.id)?.stored.title
        }
      }
    } catch {
      Output.error("blotter stories: \(error)")
      throw ExitCode(1)
    }
    if json {
      Output.line(JSONShapes.stories(list.stories, query: query, total: list.total))
    } else {
      Output.line(
        Plural.count(list.total, "story", plural: "stories")
          + (query.map { " matching \($0)" } ?? ""))
      for s in list.stories {
        let days = s.days.compactMap { $0 }
        var span = ""
        if let a = days.min(), let b = days.max() {
          span = a == b ? "  \(Day.format(a))" : "  \(Day.format(a)) – \(Day.format(b))"
        }
        Output.line("")
        Output.line("\(Plural.count(s.copies, "copy", plural: "copies"))\(span)  \(titles[s.id] ?? "")")
        for (d, day) in zip(s.docs, s.days) {
          Output.line("   \(day.map(Day.format) ?? "undated   ")  \(d)")
        }
        if !s.sources.isEmpty { Output.line("   sources: \(s.sources.joined(separator: ", "))") }
      }
    }
    Output.flush()
  }

  /// `--pairs`: `{a, b, days, shingles, jaccard, containment, keyed, vetoed, candidate, joined, story}`
  /// per pair (`days` apart, null when either is undated; `shingles` the smaller count; `candidate`: the buckets propose it;
  /// `joined`: `StoryGrouping.joins`; `story`: both are in one story of the index).
  private func printPairs(_ reader: IndexReader) throws {
    guard let table = try reader.storyTable(sketches: true) else {
      Output.error("blotter stories: the index has no stories")
      throw ExitCode(1)
    }
    guard table.documents.count <= 20_000 else {
      Output.error("blotter stories: --pairs needs an index of at most 20,000 documents")
      throw ExitCode(2)
    }
    let g = StoryGrouping()
    let items = table.documents.indices.map {
      StoryGrouping.Item(
        id: table.documents[$0].id, day: table.documents[$0].day, sketch: table.sketches[$0])
    }
    let candidates = Set(g.candidates(items).map { $0.0 << 32 | $0.1 })
    for i in items.indices {
      for j in (i + 1)..<items.count {
        let (s, t) = (items[i].sketch, items[j].sketch)
        let jac = StoryGrouping.jaccard(s, t)
        var w = JSONWriter()
        w.open()
        w.field("a", items[i].id)
        w.field("b", items[j].id)
        if let x = items[i].day, let y = items[j].day {
          w.field("days", Int(abs(x - y)))
        } else {
          w.field("days", nil as String?)
        }
        w.field("shingles", min(s.shingles, t.shingles))
        w.field("jaccard", jac)
        w.field("containment", StoryGrouping.containment(s, t, jaccard: jac))
        w.field("keyed", (s.title != 0 && s.title == t.title) || (s.lead != 0 && s.lead == t.lead))
        w.field("vetoed", StoryGrouping.vetoed(s, t))
        w.field("candidate", candidates.contains(i << 32 | j))
        w.field("joined", g.joins(items[i], items[j]))
        w.field("story", table.documents[i].story == table.documents[j].story)
        w.close()
        Output.line(w.text)
      }
    }
    Output.flush()
  }
}
