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
              print("\(field)\t\(m.start)-\(m.end)\t\(m.kind.rawValue)\t\(m.surface) → \(m.canonical)\(extra)")
            }
          }
        }
      }
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
