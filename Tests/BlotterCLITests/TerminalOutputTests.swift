import Foundation
import Testing

@testable import blotter

/// Output to a terminal (issue 17, defect 11 and the "new user" items): escape sequences from
/// scraped text never reach it, `NO_COLOR` turns styling off, counts read as English, and the
/// progress line counts documents and bytes. Terminal runs go through `script`, which gives the
/// command a pseudo-terminal.
@Suite(.serialized) struct TerminalOutputTests {
  static let esc = "\u{1B}"

  /// Runs blotter with a terminal as stdin, stdout and stderr (`script -q -e -c`), with extra
  /// environment variables; returns what the terminal showed.
  static func onTerminal(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, screen: String) {
    func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    p.arguments = ["-q", "-e", "-c", ([CLI.binary.path] + args).map(quote).joined(separator: " "), "/dev/null"]
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["TERM"] = "xterm"
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Escape sequences other than colour (SGR: `ESC [ digits/; m`), and other control characters
  /// but newline, carriage return (the terminal's own line ends) and tab.
  static func hostileControls(_ screen: String) -> [String] {
    var found: [String] = []
    let scalars = Array(screen.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "\u{1B}" {
        var k = i + 1
        if k < scalars.count, scalars[k] == "[" {
          k += 1
          while k < scalars.count, ("0"..."9").contains(scalars[k]) || scalars[k] == ";" { k += 1 }
          if k < scalars.count, scalars[k] == "m" || scalars[k] == "K" {
            i = k + 1
            continue
          }
        }
        found.append(String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 6)])).debugDescription)
      } else if (c.value < 0x20 && c != "\n" && c != "\r" && c != "\t") || (c.value >= 0x7F && c.value <= 0x9F) {
        found.append(String(c).debugDescription)
      }
      i += 1
    }
    return found
  }

  @Test func escapeSequencesNeverReachTheTerminal() throws {
    let corpus = CLI.tempDir("esc")
    let idx = CLI.tempDir("esc-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    let e = Self.esc
    // A title that retitles the window, a body that clears the screen and links, a file name
    // with an escape sequence of its own.
    let line = #"{"id":"e1","title":"\u001b]0;pwned\u0007Raid quorvesc in Witham","body":"Officers \u001b[2J found \u001b]8;;http://evil.example/\u001b\\drugs\u001b]8;;\u001b\\ in quorvesc Witham \u009b2J today."}"#
    try Data((line + "\n").utf8).write(to: corpus.appendingPathComponent("lines.jsonl"))
    let name = "name\(e)]0;retitled\u{07}\(e)[2J.txt"
    try Data("Theft quorvfile in Maldon\n\nA van was stolen in Maldon, quorvfile police said.\n".utf8)
      .write(to: corpus.appendingPathComponent(name))
    let r = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")

    // Stored without the controls.
    let stored = try CLI.run(["show", "lines.jsonl#e1", "--index", idx.path, "--json"]).json()
    #expect(!(stored["title"] as? String ?? "\u{1B}").contains(e), "\(stored)")
    #expect(!(stored["text"] as? String ?? "\u{1B}").contains(e), "\(stored)")

    for args in [
      ["search", "quorvesc", "--index", idx.path], ["search", "quorvfile", "--index", idx.path],
      ["show", "lines.jsonl#e1", "--index", idx.path], ["show", name, "--index", idx.path],
      ["index", corpus.path, "--index", idx.path, "--rebuild"],
    ] {
      let t = try Self.onTerminal(args)
      #expect(t.status == 0, "\(args): \(t.screen)")
      #expect(Self.hostileControls(t.screen).isEmpty, "\(args): \(Self.hostileControls(t.screen)) in \(t.screen.debugDescription)")
    }
    // The file name is still shown (without its controls).
    let t = try Self.onTerminal(["search", "quorvfile", "--index", idx.path])
    #expect(t.screen.contains("name]0;retitled[2J.txt"), "\(t.screen.debugDescription)")
  }

  @Test func noColorTurnsStylingOff() throws {
    let corpus = CLI.tempDir("color")
    let idx = CLI.tempDir("color-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    try Data(("Raid quorvcolor in Witham\n\nOfficers raided a quorvcolor flat in Witham on Tuesday night and "
      + "arrested two men on suspicion of burglary, police said in a statement on Wednesday.\n").utf8)
      .write(to: corpus.appendingPathComponent("a.txt"))
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    let coloured = try Self.onTerminal(["search", "quorvcolor", "--index", idx.path])
    #expect(coloured.screen.contains("\(Self.esc)[1;33m"), "\(coloured.screen.debugDescription)")
    for env in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
      let plain = try Self.onTerminal(["search", "quorvcolor", "--index", idx.path], env: env)
      #expect(plain.status == 0)
      #expect(plain.screen.contains("quorvcolor") && !plain.screen.contains(Self.esc), "\(env): \(plain.screen.debugDescription)")
    }
    // An empty NO_COLOR does not count (no-color.org).
    let empty = try Self.onTerminal(["search", "quorvcolor", "--index", idx.path], env: ["NO_COLOR": ""])
    #expect(empty.screen.contains("\(Self.esc)[1;33m"))
  }

  @Test func terminalSafeKeepsTextAndColourOnly() {
    let e = Self.esc
    #expect(Output.terminalSafe("plain é 中 🚓\ttab\n", keepColor: true) == "plain é 中 🚓\ttab\n")
    #expect(Output.terminalSafe("\(e)]0;x\u{07}a\(e)[2Jb\u{9B}1mc\r\u{7F}", keepColor: true) == "]0;xa[2Jb1mc")
    #expect(Output.terminalSafe("\(e)[1;33mhit\(e)[0m", keepColor: true) == "\(e)[1;33mhit\(e)[0m")
    #expect(Output.terminalSafe("\(e)[1;33mhit\(e)[0m", keepColor: false) == "[1;33mhit[0m")
    #expect(Output.colorAllowed(environment: [:]))
    #expect(Output.colorAllowed(environment: ["NO_COLOR": ""]))
    #expect(!Output.colorAllowed(environment: ["NO_COLOR": "1"]))
    #expect(!Output.colorAllowed(environment: ["TERM": "dumb"]))
  }

  @Test func countsReadAsEnglish() {
    #expect(Plural.count(1, "segment") == "1 segment")
    #expect(Plural.count(0, "document") == "0 documents")
    #expect(Plural.count(2, "document") == "2 documents")
  }

  @Test func progressCountsDocumentsAndBytes() {
    var p = CorpusIndexer.Progress(files: 0, totalFiles: 1, documents: 1234, bytes: 25_100_000, totalBytes: 60_000_000)
    let line = ProgressDisplay.line(p, seconds: 5)
    #expect(line.contains("41% 25.1/60.0 MB"), "\(line)")
    #expect(line.contains("1234 documents") && line.contains("0/1 files"), "\(line)")
    #expect(line.contains("5.0 MB/s") && line.contains("0:07 left"), "\(line)")
    p.bytes = p.totalBytes
    p.files = 1
    #expect(!ProgressDisplay.line(p, seconds: 12).contains("left"))
    #expect(ProgressDisplay.clock(3725) == "1:02:05")
  }

  /// One big JSON Lines file: the progress line moves by documents and bytes, not `0/1 files`.
  @Test func progressOfOneBigFileShowsDocuments() throws {
    let corpus = CLI.tempDir("progress")
    let idx = CLI.tempDir("progress-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    let filler = String(repeating: "Officers in Tiptree continued their enquiries. ", count: 90)
    var text = ""
    for k in 0..<1100 { text += #"{"id":"f\#(k)","title":"Filler \#(k)","body":"\#(filler)"}"# + "\n" }
    try Data(text.utf8).write(to: corpus.appendingPathComponent("big.jsonl"))
    let t = try Self.onTerminal(["index", corpus.path, "--index", idx.path])
    #expect(t.status == 0, "\(t.screen)")
    #expect(t.screen.contains("1100 documents · 1/1 files"), "\(t.screen.debugDescription)")
    #expect(t.screen.contains("100% "), "\(t.screen.debugDescription)")
    #expect(t.screen.contains("1100 documents in"), "\(t.screen.debugDescription)")
  }

  @Test func threadsHelpShowsOneDefault() throws {
    let r = try CLI.run(["index", "--help"])
    // The option's help: its line and the next (a long help wraps).
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let k = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--threads") })
    let help = lines[k] + (k + 1 < lines.count ? lines[k + 1] : "")
    #expect(help.components(separatedBy: "default").count == 2, "\(help)")
  }
}
