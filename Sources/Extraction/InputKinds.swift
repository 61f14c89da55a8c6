/// The one table of the files blotter reads: which extension means which ``InputKind``, which
/// of them a corpus walk picks up, and how a file with no known extension is sniffed.
///
/// Every place that asks "is this a page, a feed, a JSON Lines file?" asks here: extraction
/// (``DocumentExtractor``), the corpus walk and the cross-page templates of the indexer, the
/// streaming of big JSON Lines files, and the help text of `blotter index` and `blotter extract`.
///
/// Extensions are compared in lower case, after a trailing `.gz` (the file is inflated first).
/// An extension decides the kind unless the root element says otherwise: an `.html` file whose
/// root is `<rss>`, `<feed>` or `<rdf:RDF>` is a feed, an `.xml` file whose root is `<html>` is
/// a page (``kind(of:path:)``).
public enum InputKinds {
  /// One row of the table.
  public struct Row: Sendable, Equatable {
    /// The extension, lower case, without the dot.
    public var ext: String
    /// What a file with this extension is read as.
    public var kind: InputKind
    /// Whether a corpus walk (`blotter index`) picks such files up. Only `.json` is left out:
    /// sites and scrapers keep JSON beside the pages (API answers, settings, JSON arrays), so a
    /// `.json` file is read as JSON Lines only when it is named on its own.
    public var walked: Bool
  }

  /// The table, in the order the help text lists it.
  public static let rows: [Row] = [
    Row(ext: "html", kind: .html, walked: true),
    Row(ext: "htm", kind: .html, walked: true),
    Row(ext: "xhtml", kind: .html, walked: true),
    Row(ext: "shtml", kind: .html, walked: true),
    Row(ext: "php", kind: .html, walked: true),
    Row(ext: "asp", kind: .html, walked: true),
    Row(ext: "aspx", kind: .html, walked: true),
    Row(ext: "jsp", kind: .html, walked: true),
    Row(ext: "xml", kind: .feed, walked: true),
    Row(ext: "rss", kind: .feed, walked: true),
    Row(ext: "atom", kind: .feed, walked: true),
    Row(ext: "rdf", kind: .feed, walked: true),
    Row(ext: "txt", kind: .text, walked: true),
    Row(ext: "text", kind: .text, walked: true),
    Row(ext: "jsonl", kind: .jsonLines, walked: true),
    Row(ext: "ndjson", kind: .jsonLines, walked: true),
    Row(ext: "json", kind: .jsonLines, walked: false),
  ]

  private static let byExtension: [String: Row] = Dictionary(
    uniqueKeysWithValues: rows.map { ($0.ext, $0) })

  /// The extensions a corpus walk reads, as the help text shows them: `.html .htm … .ndjson`.
  public static var walkedExtensions: String {
    rows.filter(\.walked).map { "." + $0.ext }.joined(separator: " ")
  }

  /// The extension of the last component of `path`, lower case, after dropping a trailing
  /// `.gz`; nil when the name has none (or is only a leading dot and a name).
  public static func ext(of path: String) -> Substring? {
    var name = Substring(path.lowercased())
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if name.hasSuffix(".gz") { name = name.dropLast(3) }
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    return name[name.index(after: dot)...]
  }

  /// The row for `path`'s extension, if the table has one.
  public static func row(for path: String) -> Row? {
    ext(of: path).flatMap { byExtension[String($0)] }
  }

  /// The kind `path`'s extension names, or nil when the content must be sniffed.
  public static func kind(forPath path: String) -> InputKind? { row(for: path)?.kind }

  /// Whether a corpus walk reads a file called `name`: an extension of the table that is
  /// walked, or no extension at all (the content is sniffed). Hidden names (a leading `.`) are
  /// not documents.
  public static func isCorpusFile(name: String) -> Bool {
    if name.hasPrefix(".") { return false }
    guard ext(of: name) != nil else { return true }
    return row(for: name)?.walked ?? false
  }

  /// Whether `path` names an HTML page by its extension (compressed or not).
  public static func isHTML(path: String) -> Bool { kind(forPath: path) == .html }

  /// Whether `path` names an uncompressed JSON Lines file, which can be read line by line
  /// straight from disk (a big one is streamed rather than read whole).
  public static func isJSONLines(path: String) -> Bool {
    !path.lowercased().hasSuffix(".gz") && kind(forPath: path) == .jsonLines
  }

  /// The kind `utf8` (decoded text) is read as: by `path`'s extension, unless the root element
  /// says otherwise (an `.html` file whose root is `<rss>`, `<feed>` or `<rdf:RDF>` is a feed;
  /// an `.xml` file whose root is `<html>` is a page), else sniffed. Markup *inside* the root
  /// never decides: a page whose `<head>` holds a Creative Commons `<rdf:RDF>` block is still a
  /// page.
  public static func kind(of utf8: [UInt8], path: String) -> InputKind {
    switch kind(forPath: path) {
    case .html: return sniff(utf8) == .feed ? .feed : .html
    case .feed: return sniff(utf8) == .html ? .html : .feed
    case .text: return .text
    case .jsonLines: return .jsonLines
    case nil: return sniff(utf8)
    }
  }

  /// Reads the start of the file: `{` → JSON Lines; text before any markup → plain text;
  /// otherwise the root element decides (the first start tag after the XML declaration,
  /// comments, doctype and processing instructions): `rss`, `feed` or `rdf:RDF` → feed; a tag
  /// of an HTML page → HTML; an unknown root → feed when the file opens with an XML
  /// declaration, else HTML.
  public static func sniff(_ utf8: [UInt8]) -> InputKind {
    let n = min(utf8.count, 65536)
    var i = 0
    if n >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF { i = 3 }
    func skipSpace() {
      while i < n, utf8[i] == 0x20 || utf8[i] == 0x0A || utf8[i] == 0x0D || utf8[i] == 0x09 {
        i += 1
      }
    }
    skipSpace()
    guard i < n else { return .text }
    if utf8[i] == UInt8(ascii: "{") { return .jsonLines }
    guard utf8[i] == UInt8(ascii: "<") else { return .text }
    var declared = false
    while i < n {
      skipSpace()
      guard i + 1 < n, utf8[i] == UInt8(ascii: "<") else { return declared ? .feed : .html }
      let next = utf8[i + 1]
      if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
        // `<?xml …?>`, `<!-- … -->`, `<!DOCTYPE …>`: skip to their end.
        if next == UInt8(ascii: "?") { declared = true }
        let isComment = i + 3 < n && utf8[i + 2] == 0x2D && utf8[i + 3] == 0x2D
        let end: [UInt8] = isComment ? Array("-->".utf8) : [UInt8(ascii: ">")]
        guard let at = TextDecoding.find(end, in: utf8, from: i + 2), at < n else {
          return declared ? .feed : .html
        }
        i = at + end.count
        continue
      }
      // The root element's name.
      var j = i + 1
      var root = [UInt8]()
      while j < n, root.count < 16 {
        let b = utf8[j]
        if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x3E || b == 0x2F { break }
        root.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        j += 1
      }
      switch String(decoding: root, as: UTF8.self) {
      case "rss", "feed", "rdf:rdf": return .feed
      case "html", "head", "body", "div", "p", "meta", "title", "link", "script", "style", "table",
        "span", "a", "h1", "h2", "h3", "article", "section", "main", "header", "nav", "br",
        "center", "font", "form", "ul", "img", "frameset", "base":
        return .html
      default: return declared ? .feed : .html
      }
    }
    return declared ? .feed : .html
  }
}
