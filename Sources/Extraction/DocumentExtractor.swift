#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything one file yielded: its articles, and the problems with single documents in it that
/// were skipped (a bad JSON line) rather than failing the whole file.
public struct ExtractionResult: Sendable, Equatable {
  /// The documents extracted, in file order.
  public var articles: [Article]
  /// Per-document problems that were skipped, in file order.
  public var warnings: [ExtractionError]

  /// Creates a result.
  public init(articles: [Article], warnings: [ExtractionError] = []) {
    self.articles = articles
    self.warnings = warnings
  }
}

/// The kinds of input file extraction tells apart.
public enum InputKind: String, Sendable {
  /// One HTML page → one article.
  case html
  /// RSS 2.0, RSS 1.0 (RDF) or Atom → one article per item/entry.
  case feed
  /// A plain-text scrape → one article.
  case text
  /// JSON Lines → one article per line.
  case jsonLines
}

/// Turns the bytes of a scraped file into articles.
///
/// The kind of input is chosen by extension (the table is ``InputKinds``; `.gz` is inflated
/// first and its inner extension used), else sniffed from the content. Text is converted to
/// UTF-8 first (BOM, declared charset, windows-1252 fallback).
public struct DocumentExtractor: Sendable {
  /// Most bytes a compressed file may expand to; past it the file fails with
  /// `ExtractionError.badCompression` (the CLI passes `--max-file-size`).
  public var maxInflatedBytes: Int

  /// Creates an extractor. It holds no mutable state: one value can serve any number of threads.
  /// - Parameter maxInflatedBytes: most bytes a `.gz` file may expand to (default 256 MiB).
  public init(maxInflatedBytes: Int = 256 << 20) {
    self.maxInflatedBytes = maxInflatedBytes
  }

  /// Extracts every document a file holds.
  ///
  /// Documents inside the file that cannot be read (a bad JSON line) are skipped; use
  /// ``extractWithWarnings(bytes:path:)`` to see them.
  /// - Parameters:
  ///   - bytes: the file's bytes, as read from disk.
  ///   - path: the corpus-relative path ('/'-separated), used for ids and error messages.
  /// - Returns: the articles, in file order.
  /// - Throws: `ExtractionError` when the file is empty, binary, corrupt, or holds no document.
  public func extract(bytes: [UInt8], path: String) throws(ExtractionError) -> [Article] {
    try extractWithWarnings(bytes: bytes, path: path).articles
  }

  /// Extracts every document a file holds, and reports the documents it had to skip.
  /// - Parameters:
  ///   - bytes: the file's bytes, as read from disk.
  ///   - path: the corpus-relative path ('/'-separated), used for ids and error messages.
  /// - Returns: the articles and the per-document warnings.
  /// - Throws: `ExtractionError` when the file is empty, binary, corrupt, or holds no document.
  public func extractWithWarnings(bytes: [UInt8], path: String) throws(ExtractionError)
    -> ExtractionResult
  {
    try extract(bytes: bytes, path: path, boilerplate: [])
  }

  /// Extracts every document a file holds, dropping HTML blocks whose fingerprint is in
  /// `boilerplate` (blocks a site repeats on many pages; see ``blockFingerprints(bytes:path:)``).
  /// - Parameters:
  ///   - bytes: the file's bytes, as read from disk.
  ///   - path: the corpus-relative path ('/'-separated).
  ///   - boilerplate: fingerprints of blocks to treat as chrome.
  /// - Returns: the articles and the per-document warnings.
  /// - Throws: `ExtractionError` when the file is empty, binary, corrupt, or holds no document.
  public func extract(bytes: [UInt8], path: String, boilerplate: Set<UInt64>)
    throws(ExtractionError)
    -> ExtractionResult
  {
    var result = try extractAll(bytes: bytes, path: path, boilerplate: boilerplate)
    result.articles = result.articles.map(ArticleLimits.finish)
    return result
  }

  private func extractAll(bytes: [UInt8], path: String, boilerplate: Set<UInt64>)
    throws(ExtractionError)
    -> ExtractionResult
  {
    let (utf8, kind) = try prepare(bytes: bytes, path: path)
    switch kind {
    case .html:
      let page = HTMLExtraction.page(utf8: utf8, boilerplate: boilerplate)
      let m = page.metadata
      // One behaviour for "nothing found": a page whose body comes out empty is no article,
      // whether or not it has a title (a headline alone is not worth an index entry).
      guard let first = page.paragraphs.first else { throw .noDocuments(path: path) }
      var title = m.title
      if title.isEmpty { title = String(first.prefix(120)) }
      return ExtractionResult(articles: [
        Article(
          id: path, path: path, url: m.url, title: title, date: m.date, source: m.source,
          byline: m.byline, paragraphs: page.paragraphs)
      ])
    case .feed:
      return try FeedExtraction.extract(utf8: utf8, path: path)
    case .text:
      let r = TextScrape.extract(utf8: utf8)
      guard !r.title.isEmpty || !r.paragraphs.isEmpty else { throw .noDocuments(path: path) }
      return ExtractionResult(articles: [
        Article(
          id: path, path: path, url: r.url, title: r.title, date: r.date, source: r.source,
          byline: r.byline, paragraphs: r.paragraphs)
      ])
    case .jsonLines:
      return try JSONLinesExtraction.extract(utf8: utf8, path: path)
    }
  }

  /// Fingerprints of every text block of an HTML page, in page order. Count them over many pages
  /// of one site; those on most pages are template chrome to pass as `boilerplate`.
  /// - Returns: one fingerprint per block (empty for input that is not HTML).
  /// - Throws: `ExtractionError` when the file is empty, binary or corrupt.
  public func blockFingerprints(bytes: [UInt8], path: String) throws(ExtractionError) -> [UInt64] {
    let (utf8, kind) = try prepare(bytes: bytes, path: path)
    guard kind == .html else { return [] }
    return HTMLExtraction.fingerprints(utf8: utf8)
  }

  /// A diagnostic listing: for each text block of an HTML page, whether the scorer kept it and
  /// the measures it judged by. Not a stable format; for people tuning extraction.
  /// - Throws: `ExtractionError` when the file is empty, binary or corrupt.
  public func explain(bytes: [UInt8], path: String) throws(ExtractionError) -> String {
    let (utf8, kind) = try prepare(bytes: bytes, path: path)
    guard kind == .html else { return "\(path): \(kind.rawValue) input, no block scoring" }
    return HTMLExtraction.explain(utf8: utf8)
  }

  /// The kind of input `bytes` would be read as.
  public func inputKind(bytes: [UInt8], path: String) throws(ExtractionError) -> InputKind {
    try prepare(bytes: bytes, path: path).1
  }

  // MARK: - Preparation

  /// Inflates, checks for binary data, converts to UTF-8 and picks the input kind.
  private func prepare(bytes: [UInt8], path: String) throws(ExtractionError) -> ([UInt8], InputKind)
  {
    var data = bytes
    if path.lowercased().hasSuffix(".gz") || Gzip.isGzip(data) {
      if data.isEmpty { throw .emptyFile(path: path) }
      switch Gzip.inflate(data, limit: maxInflatedBytes) {
      case .success(let inflated): data = inflated
      case .failure(let f): throw .badCompression(path: path, reason: f.reason)
      }
    }
    guard data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
      throw .emptyFile(path: path)
    }
    if Self.looksBinary(data) { throw .binaryData(path: path) }
    var utf8 = TextDecoding.utf8(data)
    let kind = InputKinds.kind(of: utf8, path: path)
    // One document per file: only its head is read (see `ArticleLimits`).
    if let cap = ArticleLimits.maxInputBytes(kind), utf8.count > cap {
      utf8 = ArticleLimits.head(utf8, cap)
    }
    return (utf8, kind)
  }

  /// NUL bytes (outside UTF-16), or many control characters, in the first 64 KB.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.count >= 2
      && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    {
      return false
    }
    // A NUL in the first 64 KB (memchr is vectorised), or many control characters in the
    // first 8 KB.
    let n = min(bytes.count, 65536)
    return bytes.withUnsafeBufferPointer { buf -> Bool in
      guard let base = buf.baseAddress else { return false }
      if memchr(base, 0, n) != nil { return true }
      let head = min(n, 8192)
      var controls = 0
      for i in 0..<head {
        let b = base[i]
        if b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x0C && b != 0x1B {
          controls += 1
        }
      }
      return controls * 20 > head
    }
  }
}
