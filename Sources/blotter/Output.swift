#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered standard output and error for the CLI.
enum Output {
  nonisolated(unsafe) static var buffer: [UInt8] = {
    var b: [UInt8] = []
    b.reserveCapacity(1 << 16)
    return b
  }()

  static func write(_ s: String) {
    buffer.append(contentsOf: s.utf8)
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
    let line = s + "\n"
    _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
  }

  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

extension Output {
  static func errorNoNewline(_ s: String) {
    _ = s.withCString { Glibc.write(2, $0, strlen($0)) }
  }
}
