import Indexing

/// An Atom 1.0 feed (RFC 4287) of a saved search's current matches, newest first, so that a
/// reporter can subscribe to an alert in any feed reader. Every text is XML-escaped and
/// characters XML 1.0 forbids are dropped, so a hostile title cannot break the feed.
public enum AtomFeed {
  /// One entry of the feed.
  public struct Entry: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The page's source URL, else a `file:` URL of its path.
    public var link: String
    /// `YYYY-MM-DD` when the article is dated.
    public var date: String?
    public var source: String?
    public var summary: String
  }

  /// The entries for `query`'s current matches, newest first (undated last), `limit` at most.
  public static func entries(
    query: String, searcher: Searcher, limit: Int, corpus: String? = nil
  ) throws -> [Entry] {
    let plain = Highlight(open: "", close: "")
    let result = try searcher.search(query, limit: limit, order: .date, highlight: plain)
    return try result.hits.map { h in
      let stored = try searcher.reader.segments[h.segment].document(h.doc)
      let day = h.date.flatMap { Day.parse($0) }.map { Day.format($0) }
      return Entry(
        id: h.id, title: h.title.isEmpty ? h.path : h.title,
        link: stored.url.flatMap { $0.isEmpty ? nil : $0 } ?? fileURL(h.path, corpus: corpus),
        date: day, source: h.source, summary: h.snippet)
    }
  }

  /// The feed's XML. `now` (seconds since 1970) is the feed's `updated` time, and an undated
  /// entry's.
  public static func xml(alert: SavedAlert, entries: [Entry], now: Int64) -> String {
    let stamp = timestamp(now)
    var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    x += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    x += "  <title>\(escape("blotter: \(alert.name)"))</title>\n"
    x += "  <subtitle>\(escape(alert.query))</subtitle>\n"
    x += "  <id>urn:blotter:alert:\(percentEncode(alert.name))</id>\n"
    x += "  <updated>\(stamp)</updated>\n"
    x += "  <author><name>blotter</name></author>\n"
    x += "  <generator>blotter</generator>\n"
    for e in entries {
      let when = e.date.map { $0 + "T00:00:00Z" } ?? stamp
      x += "  <entry>\n"
      x += "    <title>\(escape(e.title))</title>\n"
      x += "    <link rel=\"alternate\" href=\"\(escape(e.link))\"/>\n"
      x += "    <id>urn:blotter:doc:\(percentEncode(e.id))</id>\n"
      if let d = e.date { x += "    <published>\(d)T00:00:00Z</published>\n" }
      x += "    <updated>\(when)</updated>\n"
      if let s = e.source, !s.isEmpty {
        x += "    <author><name>\(escape(s))</name></author>\n"
      }
      x += "    <summary>\(escape(e.summary))</summary>\n"
      x += "  </entry>\n"
    }
    x += "</feed>\n"
    return x
  }

  /// Text escaped for the feed (`Markup.escape`).
  public static func escape(_ s: String) -> String { Markup.escape(s) }

  /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970.
  public static func timestamp(_ seconds: Int64) -> String {
    let days = Int32(seconds.floorDiv(86_400))
    let rest = Int(seconds - Int64(days) * 86_400)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return Day.format(days) + "T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }

  /// A `file:` URL for a document's path (relative paths are taken from the corpus folder when
  /// the index knows it).
  static func fileURL(_ path: String, corpus: String?) -> String {
    var p = path
    if !p.hasPrefix("/"), let corpus, !corpus.isEmpty {
      p = corpus.hasSuffix("/") ? corpus + p : corpus + "/" + p
    }
    let encoded = percentEncode(p, keepSlash: true)
    return p.hasPrefix("/") ? "file://" + encoded : encoded
  }

  /// Percent-encodes every byte outside RFC 3986's unreserved set (and `/` when asked).
  static func percentEncode(_ s: String, keepSlash: Bool = false) -> String {
    var out = ""
    for b in s.utf8 {
      let c = Character(Unicode.Scalar(b))
      if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        || c == "-" || c == "." || c == "_" || c == "~" || (keepSlash && c == "/")
      {
        out.append(c)
      } else {
        let hex = String(b, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}

extension Int64 {
  fileprivate func floorDiv(_ d: Int64) -> Int64 {
    self >= 0 ? self / d : -((-self + d - 1) / d)
  }
}
