import Analysis
import Extraction
import Indexing
import Searching

/// Article → the document the index stores: analysed title, body, source and byline; entity
/// fields (units, places, officers, figure nouns) with every alias; the figures column; the
/// stored text with its entity mentions; the date column.
struct ArticleDocument {
  let analyzer: Analyzer
  let recognizer = EntityRecognizer()

  /// Positions left empty between two names in an entity field, so a phrase never spans two.
  static let entityGap: Int32 = 8

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

    let (inTitle, inBody) = recognizer.recognize(title: a.title, text: text)
    var units = EntityField(analyzer: analyzer)
    var places = EntityField(analyzer: analyzer)
    var officers = EntityField(analyzer: analyzer)
    var figures: [FigureValue] = []
    for m in inTitle + inBody {
      switch m.kind {
      case .unit:
        units.add(m.canonical)
        for alias in m.aliases { units.add(alias) }
      case .place:
        places.add(m.canonical)
        for alias in m.aliases { places.add(alias) }
      case .officer:
        officers.add(m.canonical)
        let surname = m.canonical.split(separator: " ").last.map(String.init) ?? m.canonical
        for rank in m.aliases {
          officers.add(rank + " " + surname)
          officers.add(rank + " " + m.canonical)
        }
      case .figure:
        if let f = m.figure { figures.append(FigureValue(noun: f.noun.lowercased(), value: f.value)) }
      }
    }
    fields.append((.unit, units.tokens))
    fields.append((.place, places.tokens))
    fields.append((.officer, officers.tokens))

    var extra: [String: String] = [:]
    let mentions = StoredMentions.encode(title: inTitle, body: inBody)
    if !mentions.isEmpty { extra[StoredMentions.key] = mentions }
    let stored = StoredDocument(
      id: a.id, path: a.path, url: a.url, title: a.title, date: a.date, source: a.source,
      byline: a.byline, text: text, extra: extra)
    return IndexDocument(stored: stored, fields: fields, day: a.date.flatMap(Day.parse), figures: figures)
  }
}

/// The tokens of an entity field: each name analysed like text, names separated by a gap.
struct EntityField {
  let analyzer: Analyzer
  var tokens: [Token] = []
  var next: Int32 = 0
  var seen: Set<String> = []

  init(analyzer: Analyzer) { self.analyzer = analyzer }

  mutating func add(_ name: String) {
    var last: Int32 = -1
    let terms = analyzer.tokens(name, mode: .query)
    for t in terms {
      tokens.append(Token(term: t.term, position: next + t.position, start: 0, end: 0))
      last = t.position
    }
    // The whole name as one term too, so a query for a known full name is a term lookup, not a
    // phrase match over positions (`EntityResolver.wholeName`).
    if terms.count > 1 {
      tokens.append(Token(term: EntityResolver.wholeName(terms.map(\.term)), position: next, start: 0, end: 0))
    }
    next += last + 1 + ArticleDocument.entityGap
  }
}
