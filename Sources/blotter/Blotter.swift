import ArgumentParser

// Async at the root only because `serve` is (the other commands stay synchronous).
@main
struct Blotter: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blotter",
    abstract: "Search scraped local news about police work.",
    discussion: """
      blotter extracts articles from scraped pages, feeds and text dumps, indexes them on disk \
      and answers queries by town, officer, unit or figure.
      """,
    version: "0.1.0",
    subcommands: [
      IndexCommand.self, SearchCommand.self, ShowCommand.self, Extract.self, StatsCommand.self,
      CheckCommand.self, MentionsCommand.self, EntitiesCommand.self, Recognize.self,
      ServeCommand.self, AlertCommand.self, WatchCommand.self, TimelineCommand.self,
      ExportCommand.self, TranslateCommand.self, StoriesCommand.self,
    ])
}

/// Options every command that reads or writes an index shares.
struct IndexLocation: ParsableArguments {
  @Option(name: .long, help: "The index folder.")
  var index: String = "index"
}
