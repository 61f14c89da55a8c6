/// JSON Lines → one article per line.
///
/// Each line is an object with `id` or `url`, `title`, `date`, and `body` or `text` (plain text,
/// paragraphs separated by newlines) or `html` (extracted as HTML). Optional: `source`/`site`,
/// `byline`/`author`. A line that is not such an object is skipped with a warning naming its
/// line number; the file fails only when no line is usable.
enum JSONLinesExtraction {
  static func extract(utf8: [UInt8], path: String) throws(ExtractionError) -> ExtractionResult {
    var result = ExtractionResult(articles: [])
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
        result.articles.append(try article(line, number: lineNumber, path: path))
      } catch {
        result.warnings.append(error)
      }
    }
    if result.articles.isEmpty {
      throw result.warnings.first ?? .noDocuments(path: path)
    }
    return result
  }

  static func article(_ line: [UInt8], number: Int, path: String) throws(ExtractionError) -> Article {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw .badJSONLine(
        path: path, line: number, reason: "\(error.message) at byte \(error.offset + 1)")
    }
    guard case .object = value else {
      throw .badJSONLine(path: path, line: number, reason: "not a JSON object")
    }
    func field(_ keys: String...) -> String? {
      for k in keys {
        if let t = value[k]?.text {
          let s = t.trimmingSpaces()
          if !s.isEmpty { return s }
        }
      }
      return nil
    }
    let url = field("url", "link")
    var title = field("title", "headline").map(TextCleanup.normalizeWhitespace) ?? ""
    var date = field("date", "published", "datePublished").flatMap(DateParsing.normalize)
    var source = field("source", "site", "site_name")
    var byline = field("byline", "author").flatMap(TextCleanup.cleanByline)
    var paragraphs: [String]
    if let body = field("body", "text", "content") {
      // Split on newline bytes: splitting by Character runs grapheme breaking over every byte.
      paragraphs = body.utf8.split(separator: 0x0A)
        .map { TextCleanup.normalizeWhitespace(String(decoding: $0, as: UTF8.self)) }
        .filter { !$0.isEmpty && !ChromeFilter.isWrapperLine($0) }
    } else if let html = field("html") {
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
    let key = field("id", "guid") ?? "\(number)"
    return Article(
      id: "\(path)#\(key)", path: path, url: url, title: title, date: date, source: source,
      byline: byline, paragraphs: paragraphs)
  }
}
