import ArgumentParser
import Indexing

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Verify every file of the index: headers, checksums and cross-references.",
    discussion: "Exit status 0 when the index is whole, 1 when something is damaged (named with its file and offset).")

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    do {
      let report = try IndexChecker.check(path: location.index)
      if json {
        var j = JSONOut()
        j.open()
        j.field("ok", true)
        j.field("documents", report.documents)
        j.field("segments", report.segments)
        j.field("terms", report.terms)
        j.field("postings", report.postings)
        j.close()
        Output.line(j.text)
      } else {
        Output.line(
          "ok: \(Plural.count(report.documents, "document")), \(Plural.count(report.segments, "segment")), "
            + "\(Plural.count(report.terms, "term")), \(Plural.count(report.postings, "posting")) verified")
      }
      Output.flush()
    } catch {
      if json {
        var j = JSONOut()
        j.open()
        j.field("ok", false)
        j.field("error", "\(error)")
        j.close()
        Output.line(j.text)
        Output.flush()
      }
      Output.error("blotter check: \(error)")
      throw ExitCode(1)
    }
  }
}
