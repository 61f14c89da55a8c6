import Analysis
import ArgumentParser
import Foundation

extension Blotter {
  /// Prints the entities found in text files (hidden; used by `bench/entities`).
  ///
  /// Each FILE holds a title on its first line, then a blank line, then the body. With `--json`
  /// every mention is one JSON line: `{"file", "field": "title"|"body", "kind", "canonical",
  /// "surface", "start", "end", "aliases", "figure"}` with UTF-8 byte offsets into the field.
  struct Recognize: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the entities recognised in text files.", shouldDisplay: false)

    @Argument(help: "Text files: title line, blank line, body.")
    var files: [String]

    @Flag(help: "Print JSON Lines instead of a table.")
    var json = false

    @Flag(help: "Print only throughput; a form feed (U+000C) separates documents in a file.")
    var stats = false

    struct Line: Encodable {
      var file: String
      var field: String
      var mention: EntityMention

      func encode(to encoder: Encoder) throws {
        try mention.encode(to: encoder)
        var c = encoder.container(keyedBy: K.self)
        try c.encode(file, forKey: .file)
        try c.encode(field, forKey: .field)
      }
      enum K: String, CodingKey { case file, field }
    }

    func run() throws {
      let recognizer = EntityRecognizer()
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      if stats {
        try runStats(recognizer)
        return
      }
      for file in files {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let content = String(decoding: data, as: UTF8.self)
        let (title, body) = Self.split(content)
        let (tm, bm) = recognizer.recognize(title: title, text: body)
        for (field, ms) in [("title", tm), ("body", bm)] {
          for m in ms {
            if json {
              let line = try encoder.encode(Line(file: file, field: field, mention: m))
              print(String(decoding: line, as: UTF8.self))
            } else {
              var extra = m.aliases.isEmpty ? "" : " [\(m.aliases.joined(separator: ", "))]"
              if let f = m.figure {
                extra += " = \(f.qualifier.map { $0 + " " } ?? "")\(f.value) \(f.unit) (\(f.noun))"
              }
              print(
                "\(field)\t\(m.start)-\(m.end)\t\(m.kind.rawValue)\t\(m.surface) → \(m.canonical)\(extra)"
              )
            }
          }
        }
      }
    }

    func runStats(_ recognizer: EntityRecognizer) throws {
      var docs: [(String, String)] = []
      var bytes = 0
      for file in files {
        let content = String(
          decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        for doc in content.split(separator: "\u{0C}") {
          docs.append(Self.split(String(doc)))
          bytes += doc.utf8.count
        }
      }
      _ = recognizer.recognize(title: "", text: "warm up Essex")
      let clock = ContinuousClock()
      var mentions = 0
      let elapsed = clock.measure {
        for (title, body) in docs {
          let r = recognizer.recognize(title: title, text: body)
          mentions += r.titleMentions.count + r.bodyMentions.count
        }
      }
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let mb = Double(bytes) / 1e6
      print(
        "\(docs.count) documents, \(String(format: "%.1f", mb)) MB, \(mentions) mentions, "
          + "\(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", mb / seconds)) MB/s")
    }

    /// Title is the first line; the body starts after the blank line that follows it.
    static func split(_ s: String) -> (String, String) {
      guard let nl = s.firstIndex(of: "\n") else { return (s, "") }
      let title = String(s[..<nl])
      var rest = s[s.index(after: nl)...]
      if rest.first == "\n" { rest = rest.dropFirst() }
      return (title, String(rest))
    }
  }
}
