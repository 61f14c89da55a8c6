import Analysis
import Indexing

/// What `blotter export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// RFC 4180 CSV: a header, then one record per article (`ExportRow.columns`).
  case csv
  /// JSON Lines: one object per article, the same keys in the same order.
  case jsonl
  /// A GeoJSON FeatureCollection: one Point per place an article mentions.
  case geojson
}

/// One exported article: its stored fields, its story, and its entities (each distinct name
/// once, in order of first mention, title first).
public struct ExportRow: Sendable, Equatable {
  /// The columns, in order.
  public static let columns = [
    "id", "path", "title", "date", "source", "byline", "story", "copies", "places", "units",
    "officers", "forces", "figures",
  ]

  public var id: String
  public var path: String
  public var title: String
  public var date: String?
  public var source: String?
  public var byline: String?
  public var story: StoryColumns
  public var places: [String]
  public var units: [String]
  public var officers: [String]
  public var forces: [String]
  /// `noun=value`, the value normalised (`arrest=32`, `£=5800000`, `kilogram=2.5`).
  public var figures: [String]
  /// Each place of `places` with its enclosing areas (the gazetteer's key for its point).
  public var placeAreas: [[String]]

  public init(_ stored: StoredDocument, story: StoryColumns) {
    id = stored.id
    path = stored.path
    title = stored.title
    date = stored.date
    source = stored.source
    byline = stored.byline
    self.story = story
    places = []
    units = []
    officers = []
    forces = []
    figures = []
    placeAreas = []
    let mentions = stored.extra[StoredMentions.key].map(StoredMentions.decode) ?? []
    var seen = Set<String>()
    for m in mentions {
      let name = m.kind == .figure ? m.canonical + "=" + Self.number(m.value) : m.canonical
      guard seen.insert(m.kind.rawValue + "\t" + name).inserted else { continue }
      switch m.kind {
      case .place:
        places.append(name)
        placeAreas.append(m.aliases)
      case .unit: units.append(name)
      case .officer: officers.append(name)
      case .force: forces.append(name)
      case .figure: figures.append(name)
      }
    }
  }

  /// The row's cells in `columns` order, multi-valued ones joined with `; `.
  public var cells: [String] {
    [
      id, path, title, date ?? "", source ?? "", byline ?? "", story.id, String(story.copies),
      places.joined(separator: "; "), units.joined(separator: "; "),
      officers.joined(separator: "; "), forces.joined(separator: "; "),
      figures.joined(separator: "; "),
    ]
  }

  /// A figure's value as written in a cell: a whole number without a fraction.
  static func number(_ v: Double?) -> String {
    guard let v, v.isFinite else { return "" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
  }
}

/// Writes exported articles in one format, a chunk of text at a time: `header`, a `row` per
/// article, then `footer`, so an export of any size is streamed, never held whole.
public struct ExportWriter {
  public let format: ExportFormat
  /// Places whose gazetteer entry has no point (left out of GeoJSON).
  public private(set) var placesWithoutPoint = 0
  /// Rows written.
  public private(set) var rows = 0
  private var features = 0

  public init(format: ExportFormat) { self.format = format }

  /// What comes before the first row.
  public func header() -> String {
    switch format {
    case .csv: CSV.record(ExportRow.columns)
    case .jsonl: ""
    case .geojson: #"{"type":"FeatureCollection","features":["#
    }
  }

  /// One article's text: a CSV record, a JSON line, or its GeoJSON features (none when it
  /// names no place with a point).
  public mutating func row(_ r: ExportRow) -> String {
    rows += 1
    switch format {
    case .csv:
      return CSV.record(r.cells)
    case .jsonl:
      var j = JSONWriter()
      j.open()
      j.field("id", r.id)
      j.field("path", r.path)
      j.field("title", r.title)
      j.field("date", r.date)
      j.field("source", r.source)
      j.field("byline", r.byline)
      j.field("story", r.story.id)
      j.field("copies", r.story.copies)
      for (key, list) in [
        ("places", r.places), ("units", r.units), ("officers", r.officers),
        ("forces", r.forces), ("figures", r.figures),
      ] {
        j.openArray(key)
        for x in list { j.element(x) }
        j.closeArray()
      }
      j.close()
      return j.text + "\n"
    case .geojson:
      var out = ""
      for (place, areas) in zip(r.places, r.placeAreas) {
        guard let p = PlacePoints.point(name: place, areas: areas) else {
          placesWithoutPoint += 1
          continue
        }
        var f = #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
        f += "\(p.longitude),\(p.latitude)]},"
        var j = JSONWriter()
        j.open()
        j.field("id", r.id)
        j.field("title", r.title)
        j.field("date", r.date)
        j.field("place", place)
        j.close()
        f += #""properties":"# + j.text + "}"
        out += (features == 0 ? "\n" : ",\n") + f
        features += 1
      }
      return out
    }
  }

  /// What comes after the last row.
  public func footer() -> String {
    format == .geojson ? "\n]}\n" : ""
  }
}

extension Searcher {
  /// Writes every live document `node` matches, in index order, through `write` (called with
  /// chunks of text as they are made: the header, each row, the footer).
  /// - Parameter stories: one row per story instead of per article: the story's earliest
  ///   matching copy (its origin when the origin matches).
  /// - Returns: the writer, for its counts.
  /// - Throws: `IndexError` for a damaged index, or what `write` throws.
  @discardableResult
  public func export(
    _ node: QueryNode, format: ExportFormat, stories: Bool = false,
    write: (String) throws -> Void
  ) throws -> ExportWriter {
    var w = ExportWriter(format: format)
    let table = try self.stories()
    var matching = try matchingDocuments(node)
    if stories, let table { matching = Self.earliestCopies(matching, table: table) }
    try write(w.header())
    for (si, ids) in matching.enumerated() {
      let segment = reader.segments[si]
      try segment.documents(ids) { doc, stored in
        let story = StoryColumns.of(stored, table: table, segment: si, doc: doc)
        let text = w.row(ExportRow(stored, story: story))
        if !text.isEmpty { try write(text) }
      }
    }
    try write(w.footer())
    return w
  }

  /// Of each story with a document in `matching` (per segment, ascending ids), only its earliest
  /// matching copy in the story table's order (day, then id; the origin first); documents the
  /// table does not know stay.
  static func earliestCopies(_ matching: [[UInt32]], table: StoryTable) -> [[UInt32]] {
    var best: [Int: (number: Int, segment: Int, doc: UInt32)] = [:]
    var out = matching.map { _ in [UInt32]() }
    for (si, ids) in matching.enumerated() {
      for d in ids {
        guard let n = table.documentNumber(segment: si, doc: d) else {
          out[si].append(d)
          continue
        }
        let story = table.documents[n].story
        if let b = best[story], b.number <= n { continue }
        best[story] = (n, si, d)
      }
    }
    for b in best.values { out[b.segment].append(b.doc) }
    return out.map { $0.sorted() }
  }
}
