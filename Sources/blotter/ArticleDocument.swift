import Analysis
import Extraction
import Indexing

/// Article → the document the index stores: analysed title, body, source and byline, the stored
/// text, and the date column.
struct ArticleDocument {
  let analyzer: Analyzer

  init() {
    analyzer = Analyzer(stemming: true)
  }

  func make(_ a: Article) -> IndexDocument {
    let text = a.text
    var fields: [(Field, [Token])] = [
      (.title, analyzer.tokens(a.title)),
      (.body, analyzer.tokens(text)),
    ]
    if let s = a.source { fields.append((.source, analyzer.tokens(s))) }
    if let b = a.byline { fields.append((.byline, analyzer.tokens(b))) }
    let stored = StoredDocument(
      id: a.id, path: a.path, url: a.url, title: a.title, date: a.date, source: a.source,
      byline: a.byline, text: text)
    return IndexDocument(stored: stored, fields: fields, day: a.date.flatMap(Day.parse))
  }
}
