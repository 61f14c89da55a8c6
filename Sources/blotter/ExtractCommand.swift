import ArgumentParser
import Extraction
import Foundation

extension Blotter {
  /// `blotter extract PATH… [--json]`: runs extraction over files and folders and prints the
  /// documents, as JSON Lines or as readable text.
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract articles from scraped pages, feeds, text scrapes and JSONL files.",
      discussion: """
        A folder means every file in it, recursively, in sorted order. A file is read by its \
        extension (pages: \(Self.extensions(.html)); feeds: \(Self.extensions(.feed)); text: \
        \(Self.extensions(.text)); JSON Lines: \(Self.extensions(.jsonLines)); each optionally \
        .gz), else by its content. A file that fails is reported on stderr and skipped; the exit \
        status is 0 when at least one file succeeded.
        """)

    @Argument(help: "Files or folders to extract.")
    var paths: [String]

    @Flag(help: "Print one JSON object per document: id, path, title, date, source, byline, text.")
    var json = false

    @Flag(
      help:
        "Instead of the documents, print the scorer's decision for every block of each HTML page.")
    var explain = false

    func run() throws {
      let extractor = DocumentExtractor()
      var out = OutputBuffer()
      var succeeded = 0
      var failed = 0
      for argument in paths {
        for (file, id) in Self.files(under: argument) {
          guard let data = Self.read(file) else {
            Self.report("\(file): cannot read file")
            failed += 1
            continue
          }
          do {
            if explain {
              let listing = try extractor.explain(bytes: data, path: file)
              print("== \(file)\n\(listing)")
              succeeded += 1
              continue
            }
            // Extracted under its index id (the path relative to the folder given, as `index`
            // names it), so that `show` finds what `extract` printed; `path` stays the file.
            let result = try extractor.extractWithWarnings(bytes: data, path: id)
            for warning in result.warnings { Self.report(Self.naming(file, "\(warning) (skipped)", id)) }
            for var article in result.articles {
              article.path = file
              if json { out.writeJSON(article) } else { out.writeText(article) }
            }
            succeeded += 1
          } catch {
            Self.report(Self.naming(file, error.description, id))
            failed += 1
          }
        }
      }
      out.flush()
      if succeeded == 0 { throw ExitCode(1) }
    }

    /// The extensions of one input kind, from `InputKinds`: `.xml .rss .atom .rdf`.
    static func extensions(_ kind: InputKind) -> String {
      InputKinds.rows.filter { $0.kind == kind }.map { "." + $0.ext }.joined(separator: " ")
    }

    /// Every regular file under `path` (or `path` itself), in sorted order, as `path/relative`,
    /// with its document id as `blotter index path` gives it: the path relative to the folder,
    /// or the file name for a single file.
    static func files(under path: String) -> [(file: String, id: String)] {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
      else {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return [(path, name)]
      }
      guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
      var found: [(file: String, id: String)] = []
      while let relative = enumerator.nextObject() as? String {
        let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
        var dir: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue {
          found.append((full, relative))
        }
      }
      return found.sorted { $0.file < $1.file }
    }

    /// The whole file, read with POSIX calls straight into an array.
    static func read(_ path: String) -> [UInt8]? {
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var info = stat()
      guard fstat(fd, &info) == 0 else { return nil }
      // Read into uninitialised capacity (no zero-fill); files that grow are read on.
      let size = max(Int(info.st_size), 0)
      var failed = false
      var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        while count < size {
          let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
          if n < 0 { failed = true }
          if n <= 0 { break }
          count += n
        }
      }
      if failed { return nil }
      var chunk = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = chunk.withUnsafeMutableBufferPointer {
          Foundation.read(fd, $0.baseAddress!, $0.count)
        }
        if n < 0 { return nil }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
      }
      return bytes
    }

    /// `message` (which names the document id `id` first) naming the file as given instead.
    static func naming(_ file: String, _ message: String, _ id: String) -> String {
      message.hasPrefix(id) ? file + message.dropFirst(id.count) : message
    }

    static func report(_ message: String) {
      FileHandle.standardError.write(Data("blotter: \(message)\n".utf8))
    }
  }
}

/// Buffered stdout: output streams in 64 KB writes, with hand-written JSON (no encoder per line).
struct OutputBuffer {
  private var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 17) }

  mutating func writeJSON(_ a: Article) {
    bytes.append(UInt8(ascii: "{"))
    field("id", a.id, first: true)
    field("path", a.path)
    field("title", a.title)
    field("date", a.date)
    field("source", a.source)
    field("byline", a.byline)
    field("text", a.text)
    append("}\n")
    if bytes.count >= 1 << 16 { flush() }
  }

  mutating func writeText(_ a: Article) {
    append("== \(a.id)\n")
    append("title:  \(a.title)\n")
    if let d = a.date { append("date:   \(d)\n") }
    if let s = a.source { append("source: \(s)\n") }
    if let b = a.byline { append("byline: \(b)\n") }
    append("\n")
    for p in a.paragraphs { append("  \(p)\n\n") }
    if bytes.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !bytes.isEmpty else { return }
    bytes.withUnsafeBufferPointer { b in
      var offset = 0
      while offset < b.count {
        let n = write(1, b.baseAddress! + offset, b.count - offset)
        if n <= 0 { break }
        offset += n
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }

  private static let hex = Array("0123456789abcdef".utf8)

  private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

  private mutating func field(_ key: String, _ value: String?, first: Bool = false) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    append(key)
    append("\":")
    guard var value else {
      append("null")
      return
    }
    bytes.append(UInt8(ascii: "\""))

    value.withUTF8 { utf8 in
      var run = 0
      for (i, u) in utf8.enumerated() where u < 0x20 || u == 0x22 || u == 0x5C {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
        run = i + 1
        switch u {
        case 0x22: append("\\\"")
        case 0x5C: append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
          append("\\u00")
          bytes.append(Self.hex[Int(u >> 4)])
          bytes.append(Self.hex[Int(u & 0xF)])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
