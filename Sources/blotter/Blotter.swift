import ArgumentParser

@main
struct Blotter: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Search scraped local news about police work.",
    subcommands: [Recognize.self])
}
