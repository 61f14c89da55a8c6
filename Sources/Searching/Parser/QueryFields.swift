import Indexing

/// One name a query may put before a colon (`title:`, `place:`…), what it searches, and how the
/// help text shows it.
public struct QueryField: Sendable {
  /// How the parser reads the value after the colon.
  public enum Kind: Sendable, Equatable {
    /// Words and phrases of a text field.
    case text(Field)
    /// An entity name, resolved through the recogniser's tables.
    case entity(Field)
    /// A publication date or date range.
    case date
    /// A counted noun, optionally compared with a number.
    case figure
  }

  public let name: String
  public let kind: Kind
  /// Example values, as the help text shows them.
  public let examples: String
  /// What the field matches, in a few words.
  public let meaning: String

  public init(_ name: String, _ kind: Kind, _ examples: String, _ meaning: String) {
    self.name = name
    self.kind = kind
    self.examples = examples
    self.meaning = meaning
  }
}

/// The fields of the query language: the one table the parser, its errors and `search --help`
/// read. A new field is one line here.
public enum QueryFields {
  public static let all: [QueryField] = [
    QueryField("title", .text(.title), "title:raid", "a word in the headline"),
    QueryField("body", .text(.body), "body:raid", "a word in the article text"),
    QueryField("source", .text(.source), "source:\"Bedford Clarion\"", "the site or feed name"),
    QueryField("byline", .text(.byline), "byline:Smith", "the author line"),
    QueryField(
      "date", .date,
      "date:2024, date:2024-03, date:2019..2022, date:2022-03-01..2022-03-31, date:2020..",
      "the publication date"),
    QueryField(
      "unit", .entity(.unit), "unit:ROCU, unit:\"Op Raptor\"", "a police unit or operation"),
    QueryField(
      "force", .entity(.force), "force:NCA, force:\"Essex Police\", force:\"the Met\"",
      "a police force or national agency, by name or alias"),
    QueryField(
      "place", .entity(.place), "place:Essex, place:\"Canvey Island\"",
      "a place, or any place inside it"),
    QueryField(
      "officer", .entity(.officer), "officer:Alcock, officer:\"DCI Miller\"",
      "an officer, any rank form"),
    QueryField(
      "figure", .figure, "figure:firearms, figure:arrests>400, figure:£>5.8m, figure:%>70",
      "a counted figure, optionally compared (> >= < <= =)"),
  ]

  /// The field called `name` (case-insensitive).
  public static func named(_ name: String) -> QueryField? {
    let n = name.lowercased()
    return all.first { $0.name == n }
  }

  /// The known field closest to a misspelt `name`, if one is within two edits.
  public static func closest(to name: String) -> QueryField? {
    let n = Array(name.lowercased())
    var best: (field: QueryField, distance: Int)?
    for f in all {
      let d = editDistance(n, Array(f.name))
      if d <= 2, d < (best?.distance ?? Int.max) { best = (f, d) }
    }
    return best?.field
  }

  /// "title, body, …" for error messages.
  public static var names: String { all.map { $0.name + ":" }.joined(separator: " ") }

  /// Levenshtein distance (with adjacent transpositions counted as one edit).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev2 = [Int](repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          cur[j] = min(cur[j], prev2[j - 2] + 1)
        }
      }
      (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[b.count]
  }
}
