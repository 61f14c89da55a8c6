import Foundation
import Testing

/// `blotter serve` from the command line: flags, defaults and refusals (the routes are tested in
/// process by ServerTests; Tests/browser/test_serve.py drives the real command in a browser).
@Suite struct ServeCLITests {
  @Test func helpShowsLoopbackAndThePortByDefault() throws {
    let r = try CLI.run(["serve", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("--host <host>"))
    #expect(r.stdout.contains("(default: 127.0.0.1)"))
    #expect(r.stdout.contains("(default: 8080)"))
    #expect(r.stdout.contains("--index <index>"))
  }

  @Test func aMissingIndexIsRefusedBeforeListening() throws {
    let missing = CLI.tempDir("serve-missing").appendingPathComponent("nothing").path
    let r = try CLI.run(["serve", "--index", missing, "--port", "0"])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("blotter serve: "), "\(r.stderr)")
    #expect(r.stderr.contains(missing))
    #expect(!r.stderr.contains("http://"))
  }

  @Test func aPortOutOfRangeIsRefused() throws {
    let r = try CLI.run(["serve", "--port", "70000"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--port must be 0 to 65535"))
  }
}
