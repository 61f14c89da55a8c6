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
  /// - Parameter storyID: the id of the document's story (its origin's id; `story.id` of
  ///   `search --json`), nil to leave `story_id` out.
  public func source(_ d: StoredDocument, day: Int32?, storyID: String? = nil) -> String {
    var out = JSONBytes()
    write(d, day: day, storyID: storyID, into: &out)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// Appends the document's JSON source to `j` (the export's path: bytes, no `String` per line).
  func write(_ d: StoredDocument, day: Int32?, storyID: String? = nil, into j: inout JSONBytes) {
    j.raw("{\"title\":")
    j.string(d.title)
    j.raw(",\"body\":")
    j.string(d.text)
    if let s = d.source {
      j.raw(",\"source\":")
      j.string(s)
    }
    if let b = d.byline {
      j.raw(",\"byline\":")
      j.string(b)
    }
    if let day {
      j.raw(",\"published\":")
      j.string(Day.format(day))
    }
    j.raw(",\"path\":")
    j.string(d.path)
    if let u = d.url {
      j.raw(",\"url\":")
      j.string(u)
    }
    if let storyID {
      j.raw(",\"story_id\":")
      j.string(storyID)
    }
    let mentions = d.extra[StoredMentions.key].map(StoredMentions.decode) ?? []
    var units = OrderedSet()
    var forces = OrderedSet()
    var places = OrderedSet()
    var officers = OrderedSet()
    var ranks = OrderedSet()
    var officerTerms = OrderedSet()
    var figures: [StoredMentions.Mention] = []
    var points: [PlacePoints.Point] = []
    var pointed: [(String, [String])] = []
    for m in mentions {
      switch m.kind {
      case .unit: units.add(m.canonical, m.aliases)
      case .force: forces.add(m.canonical, m.aliases)
      case .place:
        places.add(m.canonical, m.aliases)
        if !pointed.contains(where: { $0.0 == m.canonical && $0.1 == m.aliases }) {
          pointed.append((m.canonical, m.aliases))
          if let p = PlacePoints.point(name: m.canonical, areas: m.aliases) { points.append(p) }
        }
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
      j.raw(",")
      j.string(key)
      j.raw(":[")
      for (k, v) in set.items.enumerated() {
        if k > 0 { j.raw(",") }
        j.string(v)
      }
      j.raw("]")
    }
    if !points.isEmpty {
      j.raw(",\"place_point\":[")
      for (k, p) in points.enumerated() {
        j.raw(k > 0 ? ",{\"lat\":" : "{\"lat\":")
        j.text(OpenSearchJSON.number(p.latitude))
        j.raw(",\"lon\":")
        j.text(OpenSearchJSON.number(p.longitude))
        j.raw("}")
      }
      j.raw("]")
    }
    if !figures.isEmpty {
      j.raw(",\"figures\":[")
      for (k, f) in figures.enumerated() {
        let noun = f.canonical.lowercased()
        j.raw(k > 0 ? ",{\"noun\":" : "{\"noun\":")
        j.string(noun)
        j.raw(",\"value\":")
        j.text(OpenSearchJSON.number(f.value ?? 0))
        j.raw(",\"unit\":")
        j.string(Self.figureUnit(noun: noun))
        j.raw(",\"text\":")
        j.string(f.surface)
        j.raw("}")
      }
      j.raw("]")
    }
    j.raw("}")
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
    let terms = EntityResolver.officerNames(
      canonical: m.canonical, aliases: m.aliases, analyzer: analyzer
    )
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
  /// Only for a long list: a document names a few dozen entities at most, and comparing with
  /// each is cheaper than hashing.
  private var seen: Set<String>? = nil

  mutating func add(_ s: String) {
    guard !s.isEmpty else { return }
    if seen == nil {
      if items.contains(s) { return }
      items.append(s)
      if items.count == 32 { seen = Set(items) }
    } else if seen!.insert(s).inserted {
      items.append(s)
    }
  }

  mutating func add(_ list: [String]) { for s in list { add(s) } }

  mutating func add(_ s: String, _ more: [String]) {
    add(s)
    add(more)
  }
}

/// JSON written straight as UTF-8 bytes: strings are copied in runs between the bytes that need
/// escaping, so a long article body costs a scan and a copy.
struct JSONBytes {
  var bytes: [UInt8] = []

  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Text that needs no escaping (a number).
  mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func string(_ s: String) {
    bytes.append(0x22)
    var s = s
    s.withUTF8 { buf in
      var start = 0
      for i in 0..<buf.count {
        let b = buf[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
        switch b {
        case 0x22: bytes += [0x5C, 0x22]
        case 0x5C: bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        default:
          let hex = Array("0123456789abcdef".utf8)
          bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
        }
        start = i + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<buf.count]))
    }
    bytes.append(0x22)
  }
}
