import ArgumentParser
import Analysis
import Indexing
import Searching

struct MentionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mentions",
    abstract: "List every mention of an entity, grouped by document, with the sentence around it.",
    discussion: """
      ENTITY-QUERY is an entity field such as unit:ROCU, place:"Canvey Island", officer:"DCI Miller" \
      or figure:arrests>400, optionally narrowed by anything else the query language takes \
      (officer:Alcock date:2024).
      """)

  @Argument(help: "The entity query.")
  var query: String

  @OptionGroup var location: IndexLocation

  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter mentions: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try searcher.parse(query)
    } catch {
      Output.error("blotter mentions: bad query: \(error)")
      throw ExitCode(2)
    }
    guard let first = Searcher.entityParts(node).first else {
      Output.error("blotter mentions: the query names no entity (try unit:ROCU, place:Kent, officer:Alcock, figure:arrests>400)")
      throw ExitCode(2)
    }
    var kind = "figure"
    var name = ""
    var aliases: [String] = []
    switch first {
    case .entity(let field, let text, _):
      kind = field.name
      (name, aliases) = searcher.entities.describe(field, text)
    case .figure(let noun, let op, let value):
      name = "\(FigureNoun.normalize(noun).noun) \(op.rawValue) \(Self.number(value))"
    default:
      break
    }

    struct Row {
      var doc: String
      var path: String
      var title: String
      var offset: Int
      var field: String
      var text: String
      var context: String
    }
    var rows: [Row] = []
    var canonicals: [String: Int] = [:]
    var seenAliases: [String] = []
    do {
      for (si, ids) in try searcher.matchingDocuments(node).enumerated() {
        try reader.segments[si].documents(ids) { _, stored in
          for m in searcher.matchedMentions(in: stored, for: node) {
            canonicals[m.canonical, default: 0] += 1
            if m.kind != .figure {
              // A place's aliases are the areas around it, not other names for it.
              let names = (m.kind == .place ? [] : m.aliases) + [m.surface]
              for a in names where !seenAliases.contains(a) { seenAliases.append(a) }
            }
            let source = m.inTitle ? stored.title : stored.text
            rows.append(
              Row(
                doc: stored.id, path: stored.path, title: stored.title, offset: m.start,
                field: m.inTitle ? "title" : "body", text: m.surface,
                context: Self.sentence(around: m.start..<m.end, in: source)))
          }
        }
      }
    } catch {
      Output.error("blotter mentions: \(error)")
      throw ExitCode(1)
    }
    // Name the entity as the documents do: the most frequent canonical name of its mentions.
    // A gazetteer place keeps its own name: place:Bedfordshire is "Bedfordshire", not Bedford.
    if case .entity(let field, let text, _) = first,
      !(field == .place && searcher.entities.isGazetteerPlace(text)),
      let best = canonicals.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
    {
      name = best.key
      aliases = aliases.filter { $0.lowercased() != name.lowercased() }
      for a in seenAliases where a.lowercased() != name.lowercased() && !aliases.contains(a) { aliases.append(a) }
    }
    rows.sort { ($0.doc, $0.field == "title" ? 0 : 1, $0.offset) < ($1.doc, $1.field == "title" ? 0 : 1, $1.offset) }

    if json {
      var j = JSONOut()
      j.open()
      j.key("entity")
      j.open()
      j.field("kind", kind)
      j.field("name", name)
      j.openArray("aliases")
      for a in aliases { j.element(a) }
      j.closeArray()
      j.close()
      j.field("documents", Set(rows.map(\.doc)).count)
      j.openArray("mentions")
      for r in rows {
        j.open()
        j.field("doc", r.doc)
        j.field("path", r.path)
        j.field("field", r.field)
        j.field("offset", r.offset)
        j.field("text", r.text)
        j.field("context", r.context)
        j.close()
      }
      j.closeArray()
      j.close()
      Output.line(j.text)
    } else {
      let docs = Set(rows.map(\.doc)).count
      Output.line("\(kind) \(name)" + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: ", ")))")
        + ": \(rows.count) mentions in \(docs) documents")
      var last = ""
      for r in rows {
        if r.doc != last {
          Output.line("")
          Output.line("\(r.title)  [\(r.doc)]")
          last = r.doc
        }
        Output.line("  \(r.field)@\(r.offset)  \(r.text): \(r.context)")
      }
    }
    Output.flush()
  }

  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  /// The sentence containing `range` (UTF-8 offsets), trimmed to about 300 bytes.
  static func sentence(around range: Range<Int>, in text: String) -> String {
    let u = Array(text.utf8)
    guard range.lowerBound <= u.count else { return "" }
    func isEnd(_ i: Int) -> Bool {
      let c = u[i]
      if c == 0x0A { return true }
      if c == 0x2E || c == 0x21 || c == 0x3F {
        return i + 1 >= u.count || u[i + 1] == 0x20 || u[i + 1] == 0x0A
      }
      return false
    }
    var a = range.lowerBound
    while a > 0 && !isEnd(a - 1) && range.lowerBound - a < 300 { a -= 1 }
    var b = min(range.upperBound, u.count)
    while b < u.count && !isEnd(b) && b - range.upperBound < 300 { b += 1 }
    if b < u.count && u[b] != 0x0A { b += 1 }
    // Do not cut a UTF-8 sequence.
    while a < u.count && (u[a] & 0xC0) == 0x80 { a += 1 }
    while b < u.count && (u[b] & 0xC0) == 0x80 { b += 1 }
    return String(decoding: u[a..<b], as: UTF8.self).trimmingCharacters()
  }
}

extension String {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
