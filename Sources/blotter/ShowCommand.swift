import ArgumentParser
import Indexing

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
    do {
      let reader = try IndexReader.open(path: location.index)
      found = try reader.document(id: doc)
    } catch {
      Output.error("blotter show: \(error)")
      throw ExitCode(1)
    }
    guard let d = found?.stored else {
      Output.error("blotter show: no document \(doc) in \(location.index)")
      throw ExitCode(1)
    }
    if json {
      var j = JSONOut()
      j.open()
      j.field("doc", d.id)
      j.field("path", d.path)
      j.field("url", d.url)
      j.field("title", d.title)
      j.field("date", d.date)
      j.field("source", d.source)
      j.field("byline", d.byline)
      j.field("text", d.text)
      j.close()
      Output.line(j.text)
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
    }
    Output.flush()
  }
}
