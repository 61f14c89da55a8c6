import Analysis
import Indexing

/// Turns a stored document into the JSON source of an OpenSearch document
/// (`OpenSearchMapping.properties`): its text fields as stored, its entity fields from its stored
/// mentions, as blotter's own entity fields hold them. One per export (it caches officers' term
/// lists), not shared between threads.
public final class OpenSearchDocument {
  let analyzer = Analyzer(stemming: true)
  private var officerCache: [String: (forms: [String], terms: [String])] = [:]

  public init() {}

  /// The document's JSON source, one line (no newline).
  /// - Parameter day: the publication date in days since 1970 (the date column), if any.
  public func source(_ d: StoredDocument, day: Int32?) -> String {
    var j = JSONWriter()
    j.open()
    j.field("title", d.title)
    j.field("body", d.text)
    if let s = d.source { j.field("source", s) }
    if let b = d.byline { j.field("byline", b) }
    if let day { j.field("published", Day.format(day)) }
    j.field("path", d.path)
    if let u = d.url { j.field("url", u) }
    let mentions = d.extra[StoredMentions.key].map(StoredMentions.decode) ?? []
    var units = OrderedSet(), forces = OrderedSet(), places = OrderedSet()
    var officers = OrderedSet(), ranks = OrderedSet(), officerTerms = OrderedSet()
    var figures: [StoredMentions.Mention] = []
    for m in mentions {
      switch m.kind {
      case .unit: units.add(m.canonical, m.aliases)
      case .force: forces.add(m.canonical, m.aliases)
      case .place: places.add(m.canonical, m.aliases)
      case .officer:
        let o = officer(m)
        officers.add(o.forms)
        ranks.add(m.aliases)
        officerTerms.add(o.terms)
      case .figure: if m.value != nil { figures.append(m) }
      }
    }
    for (key, set) in [
      ("unit", units), ("force", forces), ("officer", officers), ("officer_rank", ranks),
      ("officer_terms", officerTerms), ("place", places),
    ] where !set.items.isEmpty {
      j.openArray(key)
      for v in set.items { j.element(v) }
      j.closeArray()
    }
    if !figures.isEmpty {
      j.openArray("figures")
      for f in figures {
        j.open()
        let noun = f.canonical.lowercased()
        j.field("noun", noun)
        j.field("value", f.value ?? 0)
        j.field("unit", Self.figureUnit(noun: noun))
        j.field("text", f.surface)
        j.close()
      }
      j.closeArray()
    }
    j.close()
    return j.text
  }

  /// An officer's keyword forms (name; "rank surname" and "rank name" per rank or role) and
  /// blotter's officer terms, one string per name (`EntityResolver.officerNames`).
  func officer(_ m: StoredMentions.Mention) -> (forms: [String], terms: [String]) {
    let key = m.canonical + "\t" + m.aliases.joined(separator: "|")
    if let hit = officerCache[key] { return hit }
    let (rank, rest) = EntityRecognizer.officerRankAndName(m.canonical)
    let ranked = rank.map { m.aliases.contains($0) } ?? false
    let name = ranked && !rest.isEmpty ? rest : m.canonical
    let surname = name.split(separator: " ").last.map(String.init) ?? name
    var forms = [name]
    for a in m.aliases {
      forms.append(a + " " + surname)
      if surname != name { forms.append(a + " " + name) }
    }
    let terms = EntityResolver.officerNames(canonical: m.canonical, aliases: m.aliases, analyzer: analyzer)
      .map { Self.officerTerms($0) }
    if officerCache.count > 20_000 { officerCache.removeAll() }
    officerCache[key] = (forms, terms)
    return (forms, terms)
  }

  /// Officer terms as `officer_terms` holds them: space-separated, rank words marked `^`.
  static func officerTerms(_ terms: [String]) -> String {
    terms.map { t in
      t.hasPrefix("\u{2}") ? OpenSearchMapping.rankMark + t.dropFirst() : t
    }.joined(separator: " ")
  }

  /// The unit of a figure's value, from its noun (`Figure.unit`: money in pounds, mass in
  /// kilograms, percentages, durations, else a count).
  static func figureUnit(noun: String) -> String {
    switch noun {
    case "£": "gbp"
    case "%": "percent"
    case "kilogram": "kg"
    case "year", "month", "week", "day", "hour": noun + "s"
    default: "count"
    }
  }
}

/// Strings in first-added order, each once.
struct OrderedSet {
  private(set) var items: [String] = []
  private var seen: Set<String> = []

  mutating func add(_ s: String) {
    if !s.isEmpty && seen.insert(s).inserted { items.append(s) }
  }

  mutating func add(_ list: [String]) { for s in list { add(s) } }

  mutating func add(_ s: String, _ more: [String]) {
    add(s)
    add(more)
  }
}
