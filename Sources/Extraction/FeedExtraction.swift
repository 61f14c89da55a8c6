/// RSS/Atom files → one article per item/entry.
enum FeedExtraction {
  static func extract(utf8: [UInt8], path: String) throws(ExtractionError) -> ExtractionResult {
    let doc = FeedDocument(utf8: utf8)
    if let failure = doc.failure { throw .unparseableFeed(path: path, reason: failure) }
    guard let root = doc.rootName, ["rss", "feed", "RDF", "rdf"].contains(root) else {
      throw .unparseableFeed(path: path, reason: "root element is not rss, feed or RDF")
    }
    let feed = doc.content()
    var articles = [Article]()
    var seen = [String: Int]()
    for (n, entry) in feed.entries.enumerated() {
      let titleKeys = entry.title.isEmpty ? [] : [TextCleanup.foldKey(entry.title.utf8)]
      var paragraphs: [String]
      if entry.bodyIsHTML {
        paragraphs = HTMLExtraction.fragment(utf8: Array(entry.body.utf8), titleKeys: titleKeys)
      } else {
        paragraphs = entry.body.split(separator: "\n").map {
          TextCleanup.normalizeWhitespace(String($0))
        }
        .filter { !$0.isEmpty && !ChromeFilter.isWrapperLine($0) }
      }
      if entry.title.isEmpty && paragraphs.isEmpty { continue }
      var key = entry.guid ?? entry.link ?? "\(n + 1)"
      if key.isEmpty { key = "\(n + 1)" }
      if let count = seen[key] {
        seen[key] = count + 1
        key += "-\(count + 1)"
      } else {
        seen[key] = 1
      }
      articles.append(
        Article(
          id: "\(path)#\(key)", path: path, url: entry.link, title: entry.title,
          date: entry.date.flatMap(DateParsing.normalize), source: feed.title,
          byline: entry.author.flatMap(TextCleanup.cleanByline), paragraphs: paragraphs))
    }
    guard !articles.isEmpty else { throw .noDocuments(path: path) }
    return ExtractionResult(articles: articles)
  }
}
