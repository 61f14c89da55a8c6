import ArgumentParser
import Indexing
import Searching

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Print a stored article by its document id.")

  @Argument(help: "The document id (as search prints it: a path, or path#item).")
  var doc: String

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let found: (segment: Int, doc: UInt32, stored: StoredDocument)?
    var suggestions: [String] = []
    var story: StoryTable.Summary?
    do {
      let reader = try IndexReader.open(path: location.index)
      found = try Self.find(doc, in: reader)
      if let f = found, let table = try reader.storyTable(),
        let n = table.story(segment: f.segment, doc: f.doc)
      {
        story = table.summary(n)
      }
      if found == nil { suggestions = try Self.suggestions(for: doc, in: reader) }
    } catch {
      Output.error("blotter show: \(error)")
      throw ExitCode(1)
    }
    guard let d = found?.stored else {
      var message = "blotter show: no document \(doc) in \(location.index)"
      if !suggestions.isEmpty {
        message +=
          "; documents whose id starts with it:\n  " + suggestions.joined(separator: "\n  ")
      }
      Output.error(message)
      throw ExitCode(1)
    }
    if json {
      Output.line(JSONShapes.document(d, story: story))
    } else {
      Output.line(d.title)
      var meta: [String] = []
      if let x = d.date { meta.append(x) }
      if let x = d.source { meta.append(x) }
      if let x = d.byline { meta.append("by \(x)") }
      if !meta.isEmpty { Output.line(meta.joined(separator: " · ")) }
      Output.line(d.id + (d.url.map { "  <\($0)>" } ?? ""))
      Output.line("")
      for p in d.text.split(separator: "\n") {
        Output.line(String(p))
        Output.line("")
      }
      if let story, story.copies > 1 {
        Output.line("Other copies of this story (\(story.copies) copies in all):")
        for (id, day) in zip(story.docs, story.days) where id != d.id {
          let origin = id == story.origin ? "  (the earliest)" : ""
          Output.line("  \(day.map(Day.format) ?? "undated   ")  \(id)\(origin)")
        }
      }
    }
    Output.flush()
  }

  /// The document `id` names. Ids are paths relative to the corpus root (`site/page.html`,
  /// `feeds/x.rss#guid`); an id that still carries the corpus folder or more of its path
  /// (`corpus/site/page.html`, as a path typed from elsewhere) is found by dropping leading
  /// folders until one matches.
  static func find(
    _ id: String, in reader: IndexReader
  ) throws -> (segment: Int, doc: UInt32, stored: StoredDocument)? {
    var candidate = Substring(id)
    while true {
      if let hit = try reader.document(id: String(candidate)) { return hit }
      // Only folders before the file part (`#` starts an item id, which may hold a '/').
      let pathEnd = candidate.firstIndex(of: "#") ?? candidate.endIndex
      guard let slash = candidate[..<pathEnd].firstIndex(of: "/") else { return nil }
      candidate = candidate[candidate.index(after: slash)...]
    }
  }

  /// Up to 10 ids of live documents that start with `id` (the items of a feed, the lines of a
  /// JSONL file, the pages of a folder), in order, and "…" when there are more.
  static func suggestions(for id: String, in reader: IndexReader) throws -> [String] {
    let table = try reader.fileTable()
    var ids: [String] = []
    var more = false
    let segments = Dictionary(
      reader.segments.enumerated().map { ($1.info.name, $0) }, uniquingKeysWith: { a, _ in a })
    for path in table.entries.keys.sorted() where path.hasPrefix(id) || id.hasSuffix("/" + path) {
      guard let entry = table.entries[path] else { continue }
      for ref in entry.docs {
        guard let si = segments[ref.segment] else { continue }
        let s = reader.segments[si]
        if s.isDeleted(ref.doc) { continue }
        if ids.count == 10 {
          more = true
          break
        }
        ids.append(try s.document(ref.doc).id)
      }
      if more { break }
    }
    if more { ids.append("…") }
    return ids
  }
}
