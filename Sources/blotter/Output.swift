#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered standard output and error for the CLI: every command prints through here.
///
/// Text bound for a terminal is made inert first (`terminalSafe`): scraped titles, bodies and
/// file names can hold escape sequences (`ESC ]0;…` retitles the window, `ESC [2J` clears it,
/// OSC 8 makes links), so every control character except newline and tab is removed, keeping
/// only the colour sequences blotter itself writes when colour is on. Output to a pipe or a file
/// is passed through unchanged (JSON escapes its own controls).
///
/// Colour and styling are used only on a terminal, and never when `NO_COLOR` is set to a
/// non-empty value (https://no-color.org) or `TERM` is `dumb`.
enum Output {
  nonisolated(unsafe) static var buffer: [UInt8] = {
    var b: [UInt8] = []
    b.reserveCapacity(1 << 16)
    return b
  }()

  static let stdoutIsTerminal: Bool = isatty(1) == 1
  static let stderrIsTerminal: Bool = isatty(2) == 1

  /// Whether colour and styling may be written to standard output.
  static let stdoutColor: Bool = stdoutIsTerminal && colorAllowed(environment: environment())

  /// Colour is allowed unless `NO_COLOR` is set to a non-empty value or `TERM` is `dumb`.
  static func colorAllowed(environment: [String: String]) -> Bool {
    if let v = environment["NO_COLOR"], !v.isEmpty { return false }
    return environment["TERM"] != "dumb"
  }

  private static func environment() -> [String: String] {
    var env: [String: String] = [:]
    for key in ["NO_COLOR", "TERM"] {
      if let v = getenv(key) { env[key] = String(cString: v) }
    }
    return env
  }

  static func write(_ s: String) {
    if stdoutIsTerminal {
      buffer.append(contentsOf: terminalSafe(s, keepColor: stdoutColor).utf8)
    } else {
      buffer.append(contentsOf: s.utf8)
    }
    if buffer.count >= 1 << 16 { flush() }
  }

  static func line(_ s: String) { write(s + "\n") }

  static func flush() {
    buffer.withUnsafeBytes { raw in
      var off = 0
      while off < raw.count {
        let n = Glibc.write(1, raw.baseAddress! + off, raw.count - off)
        if n <= 0 { break }
        off += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  static func error(_ s: String) {
    flush()
    writeError((stderrIsTerminal ? terminalSafe(s, keepColor: false) : s) + "\n")
  }

  /// Rewrites the current line of standard error (a progress display; a terminal only).
  static func progress(_ s: String) {
    // "\r" back to the start, the text, then erase what a longer previous line left.
    writeError("\r" + terminalSafe(s, keepColor: false) + "\u{1B}[K")
  }

  private static func writeError(_ s: String) {
    _ = s.withCString { Glibc.write(2, $0, strlen($0)) }
  }

  /// `s` safe to print on a terminal: every C0 control but newline and tab, DEL and every C1
  /// control (U+0080…U+009F) removed, so an escape sequence in the text becomes plain, harmless
  /// characters. With `keepColor`, SGR sequences (`ESC [` digits and `;` then `m`, colour only)
  /// stay, for the highlighting blotter adds.
  static func terminalSafe(_ s: String, keepColor: Bool) -> String {
    func strips(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F }
    guard s.utf8.contains(where: { strips($0) || $0 == 0xC2 }) else { return s }
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x1B && keepColor, let end = sgrEnd(bytes, from: i) {
        out.append(contentsOf: bytes[i..<end])
        i = end
      } else if strips(b) {
        i += 1
      } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
        i += 2
      } else {
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The end of the SGR sequence `ESC [ [0-9;]* m` that starts at `i`, if one does.
  private static func sgrEnd(_ bytes: [UInt8], from i: Int) -> Int? {
    guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") else { return nil }
    var k = i + 2
    while k < bytes.count, k - i < 24 {
      let c = bytes[k]
      if c == UInt8(ascii: "m") { return k + 1 }
      guard (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ";") else { return nil }
      k += 1
    }
    return nil
  }
}

