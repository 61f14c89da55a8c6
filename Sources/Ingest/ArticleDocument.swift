import Analysis
import Extraction
import Indexing
import Searching

/// Article → the document the index stores: analysed title, body, source and byline; entity
/// fields (units, forces, places, officers, figure nouns) with every alias; the figures column; the
/// stored text with its entity mentions; the date column.
///
/// Per-worker state: it owns an analyzer and remembers the term ids of the entity names it has
/// seen, so a name repeated across mentions and documents is analysed once.
public final class ArticleDocument {
  let analyzer: Analyzer
  let recognizer = EntityRecognizer()
  /// Whether documents get a story sketch (`IndexDocument.sketch`).
  public var sketches = true
  /// Entity names analysed in the analyzer's current vocabulary generation.
  private var names = EntityNames()

  /// Positions left empty between two names in an entity field, so a phrase never spans two.
  static let entityGap: Int32 = 8

  /// Creates a mapper with its own analyzer (stemming on, as the index is built).
  public init(analyzer: Analyzer = Analyzer(stemming: true)) {
    self.analyzer = analyzer
  }

  /// The document the index stores for `a`.
  public func make(_ a: Article) -> IndexDocument {
    analyzer.beginDocument()
    names.follow(analyzer)
    let text = a.text
    let titleTerms = analyzer.fieldTerms(a.title)
    // The body's scan also gives where its positions start, stored for snippets.
    let (bodyTerms, textPositions) = analyzer.fieldTerms(
      text, positionStride: TextPositions.defaultStride)
    var fields: [(Field, FieldPostings)] = [
      (.title, FieldPostings(titleTerms)),
      (.body, FieldPostings(bodyTerms)),
    ]
    if let s = a.source { fields.append((.source, FieldPostings(analyzer.fieldTerms(s)))) }
    if let b = a.byline { fields.append((.byline, FieldPostings(analyzer.fieldTerms(b)))) }

    let (inTitle, inBody) = recognizer.recognize(title: a.title, text: text)
    var units = EntityField()
    var forces = EntityField()
    var places = EntityField()
    var officers = EntityField()
    var figures: [FigureValue] = []
    func add(_ m: EntityMention) {
      switch m.kind {
      case .unit: units.add(names.terms(of: m, analyzer))
      case .force: forces.add(names.terms(of: m, analyzer))
      case .place: places.add(names.terms(of: m, analyzer))
      case .officer: officers.add(names.terms(of: m, analyzer))
      case .figure:
        if let f = m.figure { figures.append(FigureValue(noun: f.noun.lowercased(), value: f.value)) }
      }
    }
    for m in inTitle { add(m) }
    for m in inBody { add(m) }
    fields.append((.unit, FieldPostings(analyzer.fieldTerms(ids: units.ids, positions: units.positions))))
    fields.append((.force, FieldPostings(analyzer.fieldTerms(ids: forces.ids, positions: forces.positions))))
    fields.append((.place, FieldPostings(analyzer.fieldTerms(ids: places.ids, positions: places.positions))))
    fields.append(
      (.officer, FieldPostings(analyzer.fieldTerms(ids: officers.ids, positions: officers.positions))))

    var extra: [String: String] = [:]
    let mentions = StoredMentions.encode(title: inTitle, body: inBody)
    if !mentions.isEmpty { extra[StoredMentions.key] = mentions }
    let stored = StoredDocument(
      id: a.id, path: a.path, url: a.url, title: a.title, date: a.date, source: a.source,
      byline: a.byline, text: text, extra: extra)
    var doc = IndexDocument(
      stored: stored, inverted: fields, day: a.date.flatMap(Day.parse), figures: figures,
      textPositions: textPositions)
    if sketches {
      doc.sketch = StorySketch(
        title: titleTerms, body: bodyTerms, text: text, mentions: inTitle + inBody)
    }
    return doc
  }
}

/// The term ids of one name in an entity field, as query-mode analysis numbers them.
struct NameTerms {
  var ids: [Int32]
  var positions: [Int32]
  /// The whole multi-word name as one term (`EntityResolver.wholeName`), or -1 for one word.
  var whole: Int32
  /// Positions the name takes: its last token's position + 1.
  var span: Int32

  /// `wholeOnly`: a multi-word name is indexed as its whole-name term alone, not word by word
  /// (places: `place:Martlesham` must not find "Martlesham Heath", another village).
  init(_ name: String, _ analyzer: Analyzer, wholeOnly: Bool = false) {
    (ids, positions) = analyzer.termIDs(name, mode: .query)
    // The whole name as one term too, so a query for a known full name is a term lookup, not a
    // phrase match over positions (`EntityResolver.wholeName`).
    whole = ids.count > 1 ? analyzer.termID(for: EntityResolver.wholeName(ids.map(analyzer.indexedTerm))) : -1
    span = (positions.last ?? -1) + 1
    if wholeOnly, whole >= 0 {
      ids = []
      positions = []
    }
  }

  /// A name given as indexed terms at consecutive positions (an officer's name and ranks,
  /// `EntityResolver.officerNames`); not indexed whole.
  init(terms: [String], _ analyzer: Analyzer) {
    ids = terms.map(analyzer.termID(for:))
    positions = (0..<Int32(terms.count)).map { $0 }
    whole = -1
    span = Int32(terms.count)
  }
}

/// The names each entity mention adds to its field, analysed once per vocabulary generation and
/// kept by kind and canonical name: a unit, force or place adds its canonical name and every alias; an
/// officer adds its name and, for each rank or role, "rank surname" and "rank name" with the rank's
/// words marked (`EntityResolver.officerNames`).
struct EntityNames {
  private struct Entry {
    var aliases: [String]
    var names: [NameTerms]
  }

  /// Cached mentions per kind before the cache starts over (bounds memory on huge corpora).
  static let limit = 20_000
  private var byKind: [[String: Entry]] = Array(repeating: [:], count: 4)
  private var generation = -1

  /// Forgets every name when `analyzer` has started its vocabulary over since the last call.
  mutating func follow(_ analyzer: Analyzer) {
    if generation != analyzer.vocabularyGeneration {
      for k in byKind.indices { byKind[k].removeAll() }
      generation = analyzer.vocabularyGeneration
    }
  }

  /// The names mention `m` (a unit, force, place or officer) adds to its field.
  mutating func terms(of m: EntityMention, _ analyzer: Analyzer) -> [NameTerms] {
    let k = m.kind == .unit ? 0 : m.kind == .place ? 1 : m.kind == .officer ? 2 : 3
    if let hit = byKind[k][m.canonical], hit.aliases == m.aliases { return hit.names }
    var names: [NameTerms]
    // A place's words are not places: "Martlesham Heath" is indexed whole only.
    let wholeOnly = m.kind == .place
    if m.kind == .officer {
      names = EntityResolver.officerNames(
        canonical: m.canonical, aliases: m.aliases, analyzer: analyzer
      ).map { NameTerms(terms: $0, analyzer) }
    } else {
      names = [NameTerms(m.canonical, analyzer, wholeOnly: wholeOnly)]
      for alias in m.aliases { names.append(NameTerms(alias, analyzer, wholeOnly: wholeOnly)) }
    }
    if byKind[k].count >= Self.limit { byKind[k].removeAll() }
    byKind[k][m.canonical] = Entry(aliases: m.aliases, names: names)
    return names
  }
}

/// The occurrences of an entity field: each name's terms at its own positions, names separated by
/// `ArticleDocument.entityGap`.
struct EntityField {
  var ids: [Int32] = []
  var positions: [Int32] = []
  var next: Int32 = 0

  init() {
    ids.reserveCapacity(64)
    positions.reserveCapacity(64)
  }

  mutating func add(_ names: [NameTerms]) {
    for name in names {
      for k in name.ids.indices {
        ids.append(name.ids[k])
        positions.append(next + name.positions[k])
      }
      if name.whole >= 0 {
        ids.append(name.whole)
        positions.append(next)
      }
      next += name.span + ArticleDocument.entityGap
    }
  }
}
