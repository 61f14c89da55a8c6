import Analysis
import ArgumentParser
import Indexing
import Searching

struct MentionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mentions",
    abstract: "List every mention of an entity, grouped by document, with the sentence around it.",
    discussion: """
      ENTITY-QUERY is an entity field such as unit:ROCU, force:NCA, place:"Canvey Island", officer:"DCI Miller" \
      or figure:arrests>400, optionally narrowed by anything else the query language takes \
      (officer:Alcock date:2024).
      """)

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The entity query (see 'blotter search --help').", valueName: "entity-query")
  )
  var words: [String] = []

  /// The query as typed: the words, joined.
  var query: String { QueryArgument.query(words) ?? "" }

  func validate() throws {
    try QueryArgument.rejectUnknownOptions(words, command: "mentions")
    if QueryArgument.query(words) == nil {
      throw ValidationError("give an ENTITY-QUERY, such as unit:ROCU")
    }
  }

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
    let parts = Searcher.entityParts(node)
    if parts.isEmpty {
      Output.error(
        "blotter mentions: the query names no entity (try unit:ROCU, force:NCA, place:Kent, officer:Alcock, figure:arrests>400)"
      )
      throw ExitCode(2)
    }

    struct Row {
      var doc: String
      var path: String
      var title: String
      var offset: Int
      var field: String
      var text: String
      var context: String
      var part: Int
    }
    var rows: [Row] = []
    var partMentions: [[StoredMentions.Mention]] = Array(repeating: [], count: parts.count)
    do {
      for (si, ids) in try searcher.matchingDocuments(node).enumerated() {
        try reader.segments[si].documents(ids) { _, stored in
          // Each text is made bytes once per document, not once per mention.
          var body: [UInt8]?
          var title: [UInt8]?
          for (m, part) in searcher.matchedMentions(in: stored, parts: parts) {
            partMentions[part].append(m)
            let source: [UInt8]
            if m.inTitle {
              if title == nil { title = Array(stored.title.utf8) }
              source = title ?? []
            } else {
              if body == nil { body = Array(stored.text.utf8) }
              source = body ?? []
            }
            rows.append(
              Row(
                doc: stored.id, path: stored.path, title: stored.title, offset: m.start,
                field: m.inTitle ? "title" : "body", text: m.surface,
                context: Self.sentence(around: m.start..<m.end, in: source), part: part))
          }
        }
      }
    } catch {
      Output.error("blotter mentions: \(error)")
      throw ExitCode(1)
    }
    let headings = parts.indices.map {
      Self.heading(parts[$0], mentions: partMentions[$0], searcher.entities)
    }
    rows.sort {
      ($0.doc, $0.field == "title" ? 0 : 1, $0.offset) < (
        $1.doc, $1.field == "title" ? 0 : 1, $1.offset
      )
    }

    if json {
      func put(_ h: Heading, into j: inout JSONOut) {
        j.field("kind", h.kind)
        j.field("name", h.name)
        j.openArray("aliases")
        for a in h.aliases { j.element(a) }
        j.closeArray()
      }
      var j = JSONOut()
      j.open()
      j.key("entity")
      j.open()
      put(headings[0], into: &j)
      j.close()
      j.openArray("entities")
      for (i, h) in headings.enumerated() {
        j.open()
        put(h, into: &j)
        let own = rows.filter { $0.part == i }
        j.field("mentions", own.count)
        j.field("documents", Set(own.map(\.doc)).count)
        j.close()
      }
      j.closeArray()
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
        j.field("entity", r.part)
        j.close()
      }
      j.closeArray()
      j.close()
      Output.line(j.text)
    } else {
      for (i, h) in headings.enumerated() {
        let own = rows.filter { $0.part == i }
        let docs = Set(own.map(\.doc)).count
        Output.line(
          "\(h.kind) \(h.name)"
            + (h.aliases.isEmpty ? "" : " (\(h.aliases.joined(separator: ", ")))")
            + ": \(Plural.count(own.count, "mention")) in \(Plural.count(docs, "document"))")
      }
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

  /// How one entity of the query is headed: the entity the query names (place:Essex is headed
  /// Essex, not the town most of its mentions name), with the other names its own mentions use.
  struct Heading {
    var kind: String
    var name: String
    var aliases: [String]
  }

  static func heading(
    _ part: QueryNode, mentions: [StoredMentions.Mention], _ entities: EntityResolver
  ) -> Heading {
    switch part {
    case .figure(let noun, let op, let value):
      return Heading(
        kind: "figure", name: "\(FigureNoun.normalize(noun).noun) \(op.rawValue) \(number(value))",
        aliases: [])
    case .entity(let field, let text, _):
      var (name, aliases) = entities.describe(field, text)
      if let c = entities.canonical(field, text) { name = c }
      // Units and places the tables know keep their canonical name; otherwise (officers, names
      // the tables do not know) the documents name the entity: its most frequent canonical name.
      if entities.canonical(field, text) == nil && field != .place {
        var counts: [String: Int] = [:]
        for m in mentions { counts[m.canonical, default: 0] += 1 }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
          name = best.key
        }
      }
      var seen = Set([name.lowercased()])
      var out: [String] = []
      func add(_ a: String) {
        if seen.insert(a.lowercased()).inserted { out.append(a) }
      }
      for a in aliases { add(a) }
      for m in mentions where m.canonical.lowercased() == name.lowercased() && m.kind != .figure {
        // A place's stored aliases are the areas around it, not other names for it.
        if m.kind != .place { for a in m.aliases { add(a) } }
        add(m.surface)
      }
      return Heading(kind: field.name, name: name, aliases: out)
    default:
      return Heading(kind: "entity", name: "", aliases: [])
    }
  }

  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  /// The sentence containing `range` (UTF-8 offsets), trimmed to about 300 bytes.
  static func sentence(around range: Range<Int>, in text: String) -> String {
    sentence(around: range, in: Array(text.utf8))
  }

  /// The sentence containing `range` of the UTF-8 bytes `u`.
  static func sentence(around range: Range<Int>, in u: [UInt8]) -> String {
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
