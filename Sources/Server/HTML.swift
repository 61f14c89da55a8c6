import Analysis
import Indexing
import Searching

/// The HTML fragments the templates insert unescaped (`{{{…}}}`): each is built here from
/// escaped text, so scraped markup always shows as text.
enum HTML {
  /// `s` escaped as HTML text (`Markup.escape`).
  static func escape(_ s: some StringProtocol) -> String { Markup.escape(s) }

  /// The markers snippets are built with (private-use characters), turned into `<mark>` here.
  static let highlight = Highlight(open: "\u{E000}", close: "\u{E001}")

  /// A snippet made with `highlight`, escaped, its highlights `<mark>`ed (any marker the text
  /// itself held is dropped, so the marks stay balanced).
  static func snippet(_ s: String) -> String {
    var out = ""
    var open = false
    var plain = ""
    func flush() {
      out += escape(plain)
      plain = ""
    }
    for c in s.unicodeScalars {
      if c == "\u{E000}" {
        if !open {
          flush()
          out += "<mark>"
          open = true
        }
      } else if c == "\u{E001}" {
        if open {
          flush()
          out += "</mark>"
          open = false
        }
      } else {
        plain.unicodeScalars.append(c)
      }
    }
    flush()
    if open { out += "</mark>" }
    return out
  }

  /// `context` escaped, with the first occurrence of `text` in it `<mark>`ed.
  static func context(_ context: String, marking text: String) -> String {
    guard !text.isEmpty, let r = context.range(of: text) else { return escape(context) }
    return escape(context[..<r.lowerBound]) + "<mark>" + escape(context[r]) + "</mark>"
      + escape(context[r.upperBound...])
  }

  /// The article text as paragraphs (one per line), each body mention a link to its mentions.
  /// Mentions that overlap an earlier one are left unmarked.
  static func body(_ text: String, mentions: [StoredMentions.Mention]) -> String {
    let u = Array(text.utf8)
    let marks = mentions.filter { !$0.inTitle && $0.start < $0.end && $0.end <= u.count }
      .sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
    var out = "<p>"
    func plain(_ a: Int, _ b: Int) {
      let lines = u[a..<b].split(separator: 0x0A, omittingEmptySubsequences: false)
      for (i, line) in lines.enumerated() {
        if i > 0 { out += "</p>\n<p>" }
        out += escape(String(decoding: line, as: UTF8.self))
      }
    }
    var cursor = 0
    for m in marks where m.start >= cursor {
      // Never split a UTF-8 sequence (offsets come from the index; trust, but check).
      guard m.start == u.count || (u[m.start] & 0xC0) != 0x80,
        m.end == u.count || (u[m.end] & 0xC0) != 0x80
      else { continue }
      plain(cursor, m.start)
      let surface = String(decoding: u[m.start..<m.end], as: UTF8.self)
        .replacingNewlines()
      out += "<a class=\"ent ent-\(m.kind.rawValue)\" href=\""
        + escape(Links.mentions(Links.entityQuery(m))) + "\" title=\""
        + escape("\(m.kind.rawValue): \(m.canonical)") + "\">" + escape(surface) + "</a>"
      cursor = m.end
    }
    plain(cursor, u.count)
    out += "</p>"
    return out.replacingOccurrences(of: "<p></p>\n", with: "")
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(unicodeScalars.map { $0 == "\n" ? " " : Character($0) })
  }

  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    guard !a.isEmpty else { return self }
    var out = ""
    var rest = Substring(self)
    while let r = rest.range(of: a) {
      out += rest[..<r.lowerBound]
      out += b
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}

extension StringProtocol {
  /// The first range of `s` (by characters).
  fileprivate func range(of s: String) -> Range<Index>? {
    guard let first = s.first else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i] == first, self[i...].hasPrefix(s) {
        return i..<self.index(i, offsetBy: s.count)
      }
      i = index(after: i)
    }
    return nil
  }
}

/// The page's links, built from queries.
enum Links {
  static func search(_ q: String, sort: HitOrder = .relevance, offset: Int = 0) -> String {
    var s = "/?q=" + QueryString.encode(q)
    if sort != .relevance { s += "&sort=" + sort.rawValue }
    if offset > 0 { s += "&offset=\(offset)" }
    return s
  }

  static func document(_ id: String) -> String { "/doc?id=" + QueryString.encode(id) }

  static func mentions(_ q: String) -> String { "/mentions?q=" + QueryString.encode(q) }

  /// A quoted field value (the query language has no escape for `"`: those are dropped).
  static func quoted(_ s: String) -> String {
    "\"" + s.filter { $0 != "\"" } + "\""
  }

  /// The query that names one stored mention's entity: `place:"Canvey Island"`; a figure by its
  /// counted noun (`figure:arrest`).
  static func entityQuery(_ m: StoredMentions.Mention) -> String {
    entityQuery(kind: m.kind, name: m.canonical)
  }

  static func entityQuery(kind: EntityKind, name: String) -> String {
    if kind == .figure {
      let plain = !name.contains(where: { $0.isWhitespace || $0 == "\"" })
      return "figure:" + (plain ? name : quoted(name))
    }
    return kind.rawValue + ":" + quoted(name)
  }

  /// `q` with `clause` added (narrowing it), unless `q` already holds it.
  static func narrow(_ q: String?, _ clause: String) -> String {
    guard let q, !q.isEmpty else { return clause }
    return q.contains(clause) ? q : q + " " + clause
  }
}
