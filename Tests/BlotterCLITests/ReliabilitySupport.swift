import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Deterministic generated corpora for the reliability tests: page `i` is a small HTML article
/// holding one word no other page has (`GeneratedCorpus.word(i)`) and the word every page has
/// (`GeneratedCorpus.common`), so a search proves exactly which documents a commit holds.
enum GeneratedCorpus {
  static let common = "blotterword"

  /// Consonants only after the prefix: no stemmer suffix rule touches them, so every page's word
  /// stays distinct after analysis.
  private static let letters = Array("bcdfghjkmnpqrtvwxz")

  /// The unique word of page `i`.
  static func word(_ i: Int) -> String {
    var n = i
    var s = "quorv"
    repeat {
      s.append(letters[n % letters.count])
      n /= letters.count
    } while n > 0
    return s
  }

  static let towns = ["Witham", "Harwich", "Tiptree", "Halstead", "Braintree", "Sudbury", "Maldon", "Dedham"]
  static let crimes = ["burglary", "arson", "fraud", "theft", "assault", "robbery", "vandalism", "poaching"]

  /// The HTML of page `i` (`paragraphs` of filler make indexing take longer).
  static func page(_ i: Int, paragraphs: Int = 3) -> String {
    let town = towns[i % towns.count]
    let crime = crimes[(i / towns.count) % crimes.count]
    var body = "<p>Officers investigating a \(crime) in \(town) found the \(word(i)) marker and the \(common) tag.</p>\n"
    for k in 0..<paragraphs {
      body += "<p>Paragraph \(k) of report \(i): police in \(town) asked witnesses of the \(crime) to come forward, "
        + "and said enquiries into the incident near the station were continuing this week.</p>\n"
    }
    return """
      <html><head><title>\(crime.capitalized) in \(town) report \(word(i))</title></head>
      <body><nav><a href="/">Home</a></nav><article><h1>\(crime.capitalized) in \(town)</h1>
      \(body)</article><footer>Copyright Generated Gazette.</footer></body></html>
      """
  }

  /// Writes pages `range` as `p<i>.html`, 100 to a folder.
  static func write(_ range: Range<Int>, to dir: URL, paragraphs: Int = 3) throws {
    for i in range {
      let sub = dir.appendingPathComponent(String(format: "d%03d", i / 100))
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try Data(page(i, paragraphs: paragraphs).utf8).write(to: sub.appendingPathComponent("p\(i).html"))
    }
  }
}


/// A `blotter` process running in the background (output to files, so it never blocks on a pipe).
final class Background {
  let process = Process()
  let out: URL
  let err: URL
  private var stdinPipe: Pipe?

  init(_ args: [String], stdin: Bool = false) throws {
    out = CLI.tempDir("bg").appendingPathComponent("out")
    err = out.deletingLastPathComponent().appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.executableURL = CLI.binary
    process.arguments = args
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    if stdin {
      let p = Pipe()
      stdinPipe = p
      process.standardInput = p
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// True while the process exists and is not a zombie.
  var alive: Bool {
    guard let stat = readProcFile("/proc/\(pid)/stat") else { return false }
    // "pid (comm) S ...": the state follows the last ')'.
    guard let close = stat.lastIndex(of: ")") else { return false }
    return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
  }

  func send(_ text: String) {
    _ = CLI.ignoreBrokenPipes
    try? stdinPipe?.fileHandleForWriting.write(contentsOf: Data(text.utf8))
  }

  func closeStdin() {
    try? stdinPipe?.fileHandleForWriting.close()
  }

  func kill9() {
    _ = Glibc.kill(pid, SIGKILL)
  }

  /// Waits for the end and returns what `CLI.run` would.
  func finish() -> CLI.Run {
    process.waitUntilExit()
    let o = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    let e = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: out.deletingLastPathComponent())
    return CLI.Run(
      status: process.terminationStatus, stdout: o, stderr: e,
      signaled: process.terminationReason == .uncaughtSignal)
  }
}

/// Reads a file whole with read(2): /proc files report size 0, which Foundation readers trust.
func readProcFile(_ path: String) -> String? {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  if fd < 0 { return nil }
  defer { close(fd) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    out.append(contentsOf: chunk[0..<n])
  }
  return String(decoding: out, as: UTF8.self)
}

/// Polls `condition` every 5 ms for at most `seconds`; returns whether it became true.
func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
  let end = Date().addingTimeInterval(seconds)
  while Date() < end {
    if condition() { return true }
    usleep(5_000)
  }
  return condition()
}

extension CLI {
  /// Totals of many queries in one `search --batch` run (one per query, in order).
  static func totals(_ queries: [String], index: URL) throws -> [Int] {
    let r = try run(["search", "--batch", "-", "--index", index.path, "--limit", "0"], stdin: queries.joined(separator: "\n") + "\n")
    #expect(r.status == 0 && !r.signaled, "search --batch: \(r.stderr)")
    return try r.jsonLines().map { $0["total"] as? Int ?? -1 }
  }

  /// The files the current commit refers to, read from `manifest` (segments, deletions, file table).
  static func committedFiles(_ index: URL) throws -> [String] {
    let bytes = try Data(contentsOf: index.appendingPathComponent("manifest"))
    let nl = try #require(bytes.firstIndex(of: 0x0A))
    let m = try #require(try JSONSerialization.jsonObject(with: bytes[(nl + 1)...]) as? [String: Any])
    var files: [String] = []
    for s in (m["segments"] as? [[String: Any]]) ?? [] {
      let name = s["name"] as? String ?? ""
      files += ["terms", "postings", "positions", "norms", "store", "columns"].map { "\(name).\($0)" }
      if let d = s["deletes"] as? String { files.append(d) }
    }
    if let t = m["fileTable"] as? String { files.append(t) }
    if let t = m["stories"] as? String { files.append(t) }
    return files
  }
}
