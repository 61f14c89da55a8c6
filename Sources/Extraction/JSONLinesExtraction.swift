/// JSON Lines → one article per line.
///
/// Each line is an object with `id` or `url`, `title`, `date`, and `body` or `text` (plain text,
/// paragraphs separated by newlines) or `html` (extracted as HTML). Optional: `source`/`site`,
/// `byline`/`author`. A line that is not such an object is skipped with a warning naming its
/// line number; the file fails only when no line is usable.
///
/// Ids are unique within a file: a line whose id an earlier line already has is skipped with a
/// warning naming both lines (the first one is kept: a scrape that holds an article twice
/// usually saved the same page twice).
enum JSONLinesExtraction {
  static func extract(utf8: [UInt8], path: String) throws(ExtractionError) -> ExtractionResult {
    var result = ExtractionResult(articles: [])
    var firstLine: [String: Int] = [:]
    var lineNumber = 0
    var start = 0
    let count = utf8.count
    while start < count {
      lineNumber += 1
      var end = start
      while end < count, utf8[end] != 0x0A { end += 1 }
      defer { start = end + 1 }
      let line = Array(utf8[start..<end])
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      do {
        let a = try article(line, number: lineNumber, path: path)
        if let first = firstLine[a.id] {
          result.warnings.append(duplicate(a.id, path: path, line: lineNumber, first: first))
          continue
        }
        firstLine[a.id] = lineNumber
        result.articles.append(a)
      } catch {
        result.warnings.append(error)
      }
    }
    if result.articles.isEmpty {
      throw result.warnings.first ?? .noDocuments(path: path)
    }
    return result
  }

  /// The warning for a line whose document id an earlier line of the file already has.
  static func duplicate(_ id: String, path: String, line: Int, first: Int) -> ExtractionError {
    let key = id.hasPrefix(path + "#") ? String(id.dropFirst(path.count + 1)) : id
    let reason = "duplicate id \"\(key)\" (line \(first) has it; kept that one)"
    return .badJSONLine(path: path, line: line, reason: reason)
  }

  /// The keys `article` reads, in the order of `Key`.
  private static let keyNames: [[UInt8]] = Key.allCases.map { Array($0.name.utf8) }

  /// The keys an article line may use.
  private enum Key: Int, CaseIterable {
    case url, link, title, headline, date, published, datePublished, source, site, siteName
    case byline, author, body, text, content, html, id, guid

    var name: String { self == .siteName ? "site_name" : "\(self)" }
  }

  static func article(_ line: [UInt8], number: Int, path: String) throws(ExtractionError) -> Article {
    let object: JSONObjectFields?
    do {
      object = try JSONParser.objectFields(line, keys: keyNames)
    } catch {
      throw .badJSONLine(
        path: path, line: number, reason: "\(error.message) at byte \(error.offset + 1)")
    }
    guard let object else {
      throw .badJSONLine(path: path, line: number, reason: "not a JSON object")
    }
    // The first of `keys` holding a string or number that is not all spaces, trimmed.
    func field(_ keys: Key...) -> String? {
      for k in keys {
        if let t = object.text(k.rawValue) {
          let s = t.hasOuterSpace ? t.trimmingSpaces() : t
          if !s.isEmpty { return s }
        }
      }
      return nil
    }
    let url = field(.url, .link)
    var title = field(.title, .headline).map(TextCleanup.normalizeWhitespace) ?? ""
    var date = field(.date, .published, .datePublished).flatMap(DateParsing.normalize)
    var source = field(.source, .site, .siteName)
    var byline = field(.byline, .author).flatMap(TextCleanup.cleanByline)
    var paragraphs: [String]
    if let body = [Key.body, .text, .content].first(where: { object.hasText($0.rawValue) }) {
      // Paragraphs straight from the unescaped bytes: trimming the body first changes nothing
      // once each line is normalised and blank lines are dropped.
      paragraphs = object.withText(body.rawValue, TextCleanup.paragraphs)
    } else if let html = field(.html) {
      let bytes = Array(html.utf8)
      let lower = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
      if lower.contains("<html") || lower.contains("<body") || lower.contains("<!doctype") {
        let page = HTMLExtraction.page(utf8: bytes)
        paragraphs = page.paragraphs
        if title.isEmpty { title = page.metadata.title }
        date = date ?? page.metadata.date
        source = source ?? page.metadata.source
        byline = byline ?? page.metadata.byline
      } else {
        let keys = title.isEmpty ? [] : [TextCleanup.foldKey(title.utf8)]
        paragraphs = HTMLExtraction.fragment(utf8: bytes, titleKeys: keys)
      }
    } else {
      paragraphs = []
    }
    if title.isEmpty && paragraphs.isEmpty {
      throw .badJSONLine(path: path, line: number, reason: "no title and no body/text/html")
    }
    let key = field(.id, .guid) ?? "\(number)"
    return Article(
      id: "\(path)#\(key)", path: path, url: url, title: title, date: date, source: source,
      byline: byline, paragraphs: paragraphs)
  }
}
