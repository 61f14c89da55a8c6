import ArgumentParser
import Server

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the search page and the JSON API over HTTP.",
    discussion: """
      Opens the index read-only and answers on http://HOST:PORT/ until interrupted: a search \
      page with facets, article and mentions views, and the JSON API under /api/ (described at \
      /api/openapi.json; the shapes of the commands' --json output). A commit by \
      'blotter index' is picked up by the next request, without a restart. Binds to loopback \
      unless --host says otherwise.
      """)

  @OptionGroup var location: IndexLocation

  @Option(help: "The address to listen on.")
  var host: String = "127.0.0.1"

  @Option(help: "The port to listen on.")
  var port: Int = 8080

  func validate() throws {
    if !(0...65535).contains(port) {
      throw ValidationError("--port must be 0 to 65535 (got \(port))")
    }
  }

  func run() async throws {
    let index: IndexHandle
    do {
      index = try IndexHandle(path: location.index)
    } catch {
      Output.error("blotter serve: \(error)")
      throw ExitCode(1)
    }
    let address = host.contains(":") ? "[\(host)]" : host
    Output.error("blotter serve: http://\(address):\(port)/ (index \(location.index))")
    do {
      try await BlotterServer.run(index: index, host: host, port: port)
    } catch {
      Output.error("blotter serve: \(error)")
      throw ExitCode(1)
    }
  }
}
