import Foundation
import Testing

/// Runs the built `blotter` binary, as a user would.
enum CLI {
  static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let binary: URL = {
    // The test bundle sits next to the products it was built with.
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("blotter"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("blotter"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("blotter"),
      repoRoot.appendingPathComponent(".build/debug/blotter"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process was ended by a signal (a crash); `status` is then the signal number.
    var signaled = false

    func json() throws -> [String: Any] {
      try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "stdout: \(stdout) stderr: \(stderr)")
    }

    func jsonLines() throws -> [[String: Any]] {
      try stdout.split(separator: "\n").map {
        try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
      }
    }
  }

  /// Writing to a child that has exited must fail with EPIPE, not kill the test process.
  static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

  @discardableResult
  static func run(_ args: [String], stdin: String? = nil, cwd: URL? = nil) throws -> Run {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    p.standardInput = input
    _ = ignoreBrokenPipes
    try p.run()
    // A child may exit before reading its input (a damaged index): the write then fails with
    // EPIPE, which is not the test's concern.
    if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a full pipe never blocks the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let e = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      e.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Run(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e.data, as: UTF8.self),
      signaled: p.terminationReason == .uncaughtSignal)
  }

  static func tempDir(_ name: String) -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("blotter-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  /// Writes `pages` (path, text) into a new corpus folder and indexes it; the index folder.
  static func indexPages(_ pages: [(String, String)], name: String) -> URL {
    let corpus = tempDir("\(name)-corpus")
    for (path, text) in pages {
      let u = corpus.appendingPathComponent(path)
      try? FileManager.default.createDirectory(
        at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(text.utf8).write(to: u)
    }
    let dir = tempDir("\(name)-index")
    let r = try? run(["index", corpus.path, "--index", dir.path, "--json"])
    precondition(r?.status == 0, "indexing failed: \(r?.stderr ?? "")")
    return dir
  }

  /// The file names (last path component of `doc`) of every hit of `query`, sorted.
  static func hitNames(_ query: String, index: URL) throws -> [String] {
    let r = try run(["search", query, "--index", index.path, "--json", "--limit", "100"])
    #expect(r.status == 0, "\(query): \(r.stderr)")
    let hits = (try r.json()["hits"] as? [[String: Any]]) ?? []
    return hits.compactMap { ($0["doc"] as? String)?.split(separator: "/").last.map(String.init) }
      .sorted()
  }
}
