import Foundation
import Testing

/// Damage to any index file is reported by `blotter check` (exit 1, naming the file and the byte
/// offset) and never crashes `search`: it either exits 1 with a message naming the damaged file or
/// answers (a flipped bit inside postings may only be caught by `check`'s checksums).
@Suite(.serialized) struct CorruptionCLITests {
  /// An index with every kind of file: two segments, a deletion bitset, a file table.
  static func makeIndex() throws -> (corpus: URL, index: URL) {
    let corpus = CLI.tempDir("damage-corpus")
    let idx = CLI.tempDir("damage-index")
    try GeneratedCorpus.write(0..<150, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    // Edit one page and add some: the second commit deletes the old version (a .deletes file).
    try Data(GeneratedCorpus.page(1000).utf8).write(to: corpus.appendingPathComponent("d000/p1.html"))
    try GeneratedCorpus.write(150..<160, to: corpus)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    return (corpus, idx)
  }

  static let kinds = ["terms", "postings", "positions", "norms", "store", "columns", "deletes", "files", "manifest"]

  /// The committed file of each kind.
  static func files(_ idx: URL) throws -> [String: String] {
    var out: [String: String] = ["manifest": "manifest"]
    for f in try CLI.committedFiles(idx) {
      let kind = f.hasPrefix("files.") ? "files" : String(f.split(separator: ".").last ?? "")
      if out[kind] == nil { out[kind] = f }
    }
    return out
  }

  /// Queries that touch terms, postings, positions (phrase), prefixes, norms (scoring), stored
  /// documents (titles, snippets) and columns.
  static let queries = [
    GeneratedCorpus.common, GeneratedCorpus.word(7), "\"police in witham\"", "quorv*", "burglary OR arson",
    "title:fraud", "date:2019..2030",
  ]

  enum Damage: CustomStringConvertible {
    case flip(fraction: Double)
    case flipAt(Int)
    case flipFromEnd(Int)
    case truncate(dropping: Int)
    case truncateToHalf
    case empty

    var description: String {
      switch self {
      case .flip(let f): "byte flipped at \(f) of the file"
      case .flipAt(let o): "byte \(o) flipped"
      case .flipFromEnd(let o): "byte \(o) from the end flipped"
      case .truncate(let n): "last \(n) bytes cut"
      case .truncateToHalf: "cut to half"
      case .empty: "emptied"
      }
    }

    func apply(_ d: Data) -> Data {
      var d = d
      func flip(_ i: Int) { if !d.isEmpty { d[min(max(i, 0), d.count - 1)] ^= 0x5A } }
      switch self {
      case .flip(let f): flip(Int(Double(d.count) * f))
      case .flipAt(let o): flip(o)
      case .flipFromEnd(let o): flip(d.count - o)
      case .truncate(let n): d = d.prefix(max(0, d.count - n))
      case .truncateToHalf: d = d.prefix(d.count / 2)
      case .empty: d = Data()
      }
      return d
    }
  }

  static let damages: [Damage] = [
    .flipAt(5), .flip(fraction: 0.25), .flip(fraction: 0.5), .flip(fraction: 0.75), .flipFromEnd(2),
    .truncate(dropping: 7), .truncateToHalf, .empty,
  ]

  @Test(arguments: kinds)
  func damageIsReportedByNameAndNeverCrashes(kind: String) throws {
    let (corpus, idx) = try Self.makeIndex()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    let committed = try Self.files(idx)
    let name = try #require(committed[kind], "no \(kind) file in \(committed)")
    let url = idx.appendingPathComponent(name)
    let original = try Data(contentsOf: url)
    for damage in Self.damages {
      try damage.apply(original).write(to: url)
      let what = "\(name), \(damage)"

      let check = try CLI.run(["check", "--index", idx.path])
      #expect(!check.signaled, "check crashed (signal \(check.status)) on \(what): \(check.stderr)")
      #expect(check.status == 1, "check passed a damaged index (\(what))")
      #expect(check.stderr.contains(name)
          && (check.stderr.contains("at byte") || check.stderr.contains("in bytes")), "check names file and offset (\(what)): \(check.stderr)")

      let search = try CLI.run(["search", "--batch", "-", "--index", idx.path, "--limit", "3"], stdin: Self.queries.joined(separator: "\n"))
      #expect(!search.signaled, "search crashed (signal \(search.status)) on \(what): \(search.stderr)")
      if search.status == 0 {
        #expect(try search.jsonLines().count == Self.queries.count, "\(what)")
      } else {
        #expect(search.status == 1, "\(what): exit \(search.status) \(search.stderr)")
        #expect(search.stderr.hasPrefix("blotter search: index file"), "\(what): \(search.stderr)")
      }
      for args in [["stats", "--index", idx.path], ["show", "d000/p3.html", "--index", idx.path]] {
        let r = try CLI.run(args)
        #expect(!r.signaled && (r.status == 0 || r.status == 1), "\(args[0]) on \(what): exit \(r.status) \(r.stderr)")
      }
    }
    try original.write(to: url)
    #expect(try CLI.run(["check", "--index", idx.path]).status == 0)
  }

  @Test func newerFormatVersionsAreRefusedByName() throws {
    let (corpus, idx) = try Self.makeIndex()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    // A segment file from a newer blotter.
    let terms = try #require(try Self.files(idx)["terms"])
    let url = idx.appendingPathComponent(terms)
    let original = try Data(contentsOf: url)
    var newer = original
    newer[8] = 99
    try newer.write(to: url)
    for cmd in ["check", "search", "stats"] {
      let r = try CLI.run(cmd == "search" ? ["search", "police", "--index", idx.path] : [cmd, "--index", idx.path])
      #expect(r.status == 1 && !r.signaled, "\(cmd): \(r.stderr)")
      #expect(r.stderr.contains("\(terms) has format version 99; this blotter reads version 5"), "\(cmd): \(r.stderr)")
    }
    try original.write(to: url)

    // A manifest from a newer blotter.
    let m = idx.appendingPathComponent("manifest")
    let manifest = try String(contentsOf: m, encoding: .utf8)
    try manifest.replacingOccurrences(of: "blotter-manifest 5 ", with: "blotter-manifest 6 ").write(to: m, atomically: true, encoding: .utf8)
    for cmd in ["check", "search", "index"] {
      let args =
        switch cmd {
        case "search": ["search", "police", "--index", idx.path]
        case "index": ["index", corpus.path, "--index", idx.path]
        default: [cmd, "--index", idx.path]
        }
      let r = try CLI.run(args)
      #expect(r.status == 1 && !r.signaled, "\(cmd): \(r.stderr)")
      #expect(r.stderr.contains("manifest has format version 6; this blotter reads version 5"), "\(cmd): \(r.stderr)")
    }
    // The writer refused without touching anything, even asked to rebuild.
    let rebuild = try CLI.run(["index", corpus.path, "--index", idx.path, "--rebuild"])
    #expect(rebuild.status == 1 && rebuild.stderr.contains("manifest has format version 6"), "\(rebuild.stderr)")
    #expect(try String(contentsOf: m, encoding: .utf8).hasPrefix("blotter-manifest 6 "))
  }

  /// `Fixtures/index-v1`: three pages indexed by blotter 7edf36e, the last to write format 1;
  /// `Fixtures/index-v2`: the same three pages indexed by blotter 939150f, the last to write
  /// format 2 (forces still in the unit field); `Fixtures/index-v3`: the same pages indexed by
  /// blotter 5a7edf7, the last to write format 3 (rank words in the officer field unmarked,
  /// place names also word by word); `Fixtures/index-v4`: the same pages indexed by blotter
  /// ed87712, the last to write format 4 (no stories file; stored documents without their text
  /// positions).
  @Test(arguments: [("index-v1", 1), ("index-v2", 2), ("index-v3", 3), ("index-v4", 4)])
  func olderFormatIsRefusedUntilRebuilt(name: String, version: Int) throws {
    let idx = CLI.tempDir("\(name)-index")
    let corpus = CLI.tempDir("\(name)-corpus")
    defer {
      try? FileManager.default.removeItem(at: idx)
      try? FileManager.default.removeItem(at: corpus)
    }
    let fixture = CLI.repoRoot.appendingPathComponent("Tests/BlotterCLITests/Fixtures/\(name)")
    let old = try FileManager.default.contentsOfDirectory(atPath: fixture.path)
    for f in old {
      try FileManager.default.copyItem(at: fixture.appendingPathComponent(f), to: idx.appendingPathComponent(f))
    }
    try GeneratedCorpus.write(0..<3, to: corpus)
    let hint =
      "manifest has format version \(version); this blotter reads version 5: run `blotter index --rebuild`"
    for args in [
      ["search", GeneratedCorpus.common], ["stats"], ["check"], ["show", "p0.html"], ["index", corpus.path],
    ] {
      let r = try CLI.run(args + ["--index", idx.path])
      #expect(r.status == 1 && !r.signaled, "\(args[0]): \(r.stderr)")
      #expect(r.stderr.contains(hint), "\(args[0]): \(r.stderr)")
    }
    #expect(
      try String(contentsOf: idx.appendingPathComponent("manifest"), encoding: .utf8)
        .hasPrefix("blotter-manifest \(version) "))

    let rebuilt = try CLI.run(["index", corpus.path, "--index", idx.path, "--rebuild", "--json"])
    #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
    #expect(try rebuilt.json()["generation"] as? Int == 2)
    let found = try CLI.run(["search", GeneratedCorpus.common, "--index", idx.path, "--json"])
    #expect(found.status == 0, "\(found.stderr)")
    #expect(try found.json()["total"] as? Int == 3)
    #expect(try CLI.run(["check", "--index", idx.path]).status == 0)
    // The old commit's files are kept for one more commit (readers of it may still be opening
    // them), then collected.
    let files = { Set(try FileManager.default.contentsOfDirectory(atPath: idx.path)) }
    #expect(try files().isSuperset(of: old.filter { $0 != "manifest" }))
    try GeneratedCorpus.write(3..<4, to: corpus)
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    #expect(try files().isDisjoint(with: old.filter { $0 != "manifest" }))
  }
}
