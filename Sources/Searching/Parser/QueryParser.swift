import Analysis
import Indexing

/// Parses the query language:
/// ```
/// query   = and
/// and     = or (["AND"] or)*
/// or      = unary ("OR" unary)*
/// unary   = ("NOT" | "-") unary | primary
/// primary = "(" and ")" | field ":" value | '"' phrase '"' | word ["*"]
/// value   = '"' phrase '"' | "(" and ")" | word ["*"] | range | comparison
/// ```
/// OR binds tighter than AND, written or not (as in web search): `place:Kent knife OR machete`
/// is `place:Kent AND (knife OR machete)`. The fields are `QueryFields.all`; a `letters:` prefix
/// that names no field is an error (`palce:Essex`), while other words with a colon (`10:30`,
/// `http://…`) are plain text. Errors carry the 1-based column of the offending character.
///
/// Words the analyzer keeps nothing of (`!!!`, `#`, `…`) are dropped: inside an AND they do not
/// constrain, inside an OR they match nothing, and a query left with nothing searchable is an
/// error. A word longer than the analyzer keeps (`Analyzer.maxTokenBytes`) is an error: no
/// document can match it. Groups and NOTs nest at most `maxDepth` deep.
public struct QueryParser: Sendable {
  /// How deep groups and NOTs may nest: deeper queries are refused, so that nothing that walks a
  /// query (the parser, binding, scoring) recurses without bound.
  public static let maxDepth = 64
  /// How many words, phrases and filters a query may hold (Lucene's `maxClauseCount`): each
  /// becomes a scorer per segment, so a megabyte-long batch line must not become 100,000 of them.
  public static let maxTerms = 1024

  public init() {}

  /// Parses `query`.
  /// - Parameter analyzer: the analyzer that decides which words are searchable (a searcher
  ///   passes its own; by default one is made for this call).
  /// - Throws: `QueryError` with the column of the problem.
  public func parse(_ query: String, analyzer: Analyzer? = nil) throws(QueryError) -> QueryNode {
    var p = Parser(
      chars: Array(query), analyzer: analyzer ?? Analyzer(stemming: false, vocabularyBudget: 1024))
    p.skipSpace()
    if p.atEnd { throw QueryError("empty query", column: 1) }
    let node = try p.parseAnd()
    p.skipSpace()
    if !p.atEnd {
      if p.chars[p.i] == ")" { throw QueryError("unmatched ')'", column: p.i + 1) }
      throw QueryError("unexpected '\(p.chars[p.i])'", column: p.i + 1)
    }
    guard let node else {
      let (column, text) = p.firstEmpty ?? (1, query)
      throw QueryError(
        "query has no searchable words ('\(Parser.shorten(text))' has no letters or digits)",
        column: column)
    }
    return node
  }
}

/// The parser's state. Every `parse…` returns nil for a part with nothing searchable in it.
private struct Parser {
  let chars: [Character]
  var i = 0
  var depth = 0
  /// Words, phrases and filters so far (a field group counts each word inside).
  var terms = 0
  /// The field of the group being parsed (`title:(a OR b)`), which its words take.
  var groupField: QueryField?
  /// Column and text of the first part with nothing searchable, for the error message.
  var firstEmpty: (Int, String)?
  let analyzer: Analyzer

  init(chars: [Character], analyzer: Analyzer) {
    self.chars = chars
    self.analyzer = analyzer
  }

  var atEnd: Bool { i >= chars.count }

  mutating func skipSpace() {
    while i < chars.count && chars[i].isWhitespace { i += 1 }
  }

  /// The bare word at the cursor (without consuming), if the next thing is one.
  func peekWord() -> String? {
    var j = i
    var s = ""
    while j < chars.count && !chars[j].isWhitespace && chars[j] != "(" && chars[j] != ")"
      && chars[j] != "\""
    {
      s.append(chars[j])
      j += 1
    }
    return s.isEmpty ? nil : s
  }

  func isOr(_ w: String?) -> Bool { w == "OR" || w == "|" }

  mutating func enter(column: Int) throws(QueryError) {
    depth += 1
    if depth > QueryParser.maxDepth {
      throw QueryError(
        "the query nests groups and NOTs more than \(QueryParser.maxDepth) deep", column: column)
    }
  }

  /// Terms joined by AND (written or implied): the loosest level.
  mutating func parseAnd() throws(QueryError) -> QueryNode? {
    var parts: [QueryNode] = []
    var operands = 0
    while true {
      skipSpace()
      if atEnd || chars[i] == ")" { break }
      let w = peekWord()
      if isOr(w) {
        throw QueryError("\(w!) needs something before it", column: i + 1)
      }
      if w == "AND" {
        let col = i + 1
        if operands == 0 { throw QueryError("AND needs something before it", column: col) }
        i += 3
        skipSpace()
        if atEnd || chars[i] == ")" || isOr(peekWord()) || peekWord() == "AND" {
          throw QueryError("AND needs something after it", column: col)
        }
        continue
      }
      operands += 1
      if let part = try parseOr() { parts.append(part) }
    }
    if operands == 0 {
      throw QueryError(
        atEnd ? "query ends where a term was expected" : "empty group", column: i + 1)
    }
    if parts.isEmpty { return nil }
    return parts.count == 1 ? parts[0] : .and(parts)
  }

  /// Terms joined by OR. An operand with nothing searchable matches nothing, so it is dropped.
  mutating func parseOr() throws(QueryError) -> QueryNode? {
    var parts: [QueryNode] = []
    if let first = try parseUnary() { parts.append(first) }
    while true {
      skipSpace()
      guard let w = peekWord(), isOr(w) else { break }
      let col = i + 1
      i += w.count
      skipSpace()
      if atEnd || chars[i] == ")" || isOr(peekWord()) || peekWord() == "AND" {
        throw QueryError("\(w) needs something after it", column: col)
      }
      if let next = try parseUnary() { parts.append(next) }
    }
    if parts.isEmpty { return nil }
    return parts.count == 1 ? parts[0] : .or(parts)
  }

  mutating func parseUnary() throws(QueryError) -> QueryNode? {
    skipSpace()
    if peekWord() == "NOT" {
      let col = i + 1
      i += 3
      skipSpace()
      if atEnd || chars[i] == ")" || isOr(peekWord()) || peekWord() == "AND" {
        throw QueryError("NOT needs something after it", column: col)
      }
      try enter(column: col)
      let inner = try parseUnary()
      depth -= 1
      return inner.map { .not($0) }
    }
    if chars[i] == "-", i + 1 < chars.count, !chars[i + 1].isWhitespace {
      let col = i + 1
      i += 1
      try enter(column: col)
      let inner = try parsePrimary()
      depth -= 1
      return inner.map { .not($0) }
    }
    return try parsePrimary()
  }

  mutating func parseGroup() throws(QueryError) -> QueryNode? {
    let open = i
    try enter(column: open + 1)
    i += 1
    let inner = try parseAnd()
    skipSpace()
    if atEnd || chars[i] != ")" { throw QueryError("'(' is never closed", column: open + 1) }
    i += 1
    depth -= 1
    return inner
  }

  mutating func parsePhrase(field: QueryField?) throws(QueryError) -> QueryNode? {
    let open = i
    i += 1
    var s = ""
    while i < chars.count && chars[i] != "\"" {
      s.append(chars[i])
      i += 1
    }
    if atEnd { throw QueryError("'\"' is never closed", column: open + 1) }
    i += 1
    if s.allSatisfy({ $0.isWhitespace }) { throw QueryError("empty phrase", column: open + 1) }
    switch field?.kind {
    case nil: return try checked(.phrase(field: nil, text: s), s, column: open + 1)
    case .text(let f): return try checked(.phrase(field: f, text: s), s, column: open + 1)
    case .entity(let f):
      return try checked(.entity(kind: f, text: s, exact: true), s, column: open + 1)
    case .figure: return .entity(kind: .figure, text: s, exact: true)
    case .date: throw QueryError("'date:' takes a date, not a phrase", column: open + 1)
    }
  }

  mutating func parsePrimary() throws(QueryError) -> QueryNode? {
    skipSpace()
    if atEnd { throw QueryError("query ends where a term was expected", column: i + 1) }
    let c = chars[i]
    if c == "(" { return try parseGroup() }
    if c == ")" { throw QueryError("unmatched ')'", column: i + 1) }
    terms += 1
    if terms > QueryParser.maxTerms {
      throw QueryError("the query holds more than \(QueryParser.maxTerms) words and filters", column: i + 1)
    }
    if c == "\"" { return try parsePhrase(field: groupField) }
    let start = i
    guard let word = peekWord() else { throw QueryError("unexpected '\(c)'", column: i + 1) }
    if let field = try fieldName(word, column: start + 1) {
      if let outer = groupField {
        throw QueryError(
          "'\(outer.name):(…)' cannot hold another field ('\(field.name):')", column: start + 1)
      }
      i += field.name.count + 1
      let valueCol = i + 1
      if atEnd || chars[i].isWhitespace || chars[i] == ")" {
        throw QueryError("'\(field.name):' needs a value", column: valueCol)
      }
      if chars[i] == "\"" {
        let phrase = try parsePhrase(field: field)
        // `figure:"arrest">=25`: the comparison after a quoted noun still applies.
        if field.kind == .figure, case .entity(_, let noun, _)? = phrase, !atEnd,
          "<>=".contains(chars[i])
        {
          let rest = peekWord() ?? ""
          i += rest.count
          return try parseFigure(noun + rest, column: valueCol)
        }
        return phrase
      }
      if chars[i] == "(" {
        groupField = field
        defer { groupField = nil }
        return try parseGroup()
      }
      let v = peekWord() ?? ""
      i += v.count
      return try value(field, v, column: valueCol)
    }
    i += word.count
    if let f = groupField { return try value(f, word, column: start + 1) }
    return try textWord(nil, word, column: start + 1)
  }

  /// The known field `word` starts with (`place:Essex`), nil for plain text; throws for an
  /// unknown `letters:value`. Words whose value starts with '/' (`http://`) or whose name is not
  /// only letters (`10:30`) are plain text.
  func fieldName(_ word: String, column: Int) throws(QueryError) -> QueryField? {
    guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { return nil }
    let name = word[..<colon]
    guard name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    let rest = word[word.index(after: colon)...]
    if let known = QueryFields.named(String(name)) { return known }
    // A colon that ends a word (`Update:`), or a URL, is text; `palce:"…"` and `palce:(…)` are
    // misspelt fields.
    if rest.isEmpty {
      let next = i + word.count < chars.count ? chars[i + word.count] : " "
      if next != "\"" && next != "(" { return nil }
    }
    if rest.first == "/" || rest.first == ":" { return nil }
    var message = "unknown field '\(name):' (fields: \(QueryFields.names))"
    if let guess = QueryFields.closest(to: String(name)) {
      message += "; did you mean \(guess.name):?"
    }
    throw QueryError(message, column: column)
  }

  /// The value of `field` given as one word.
  mutating func value(_ field: QueryField, _ v: String, column: Int) throws(QueryError)
    -> QueryNode?
  {
    switch field.kind {
    case .date: return try parseDate(v, column: column)
    case .figure: return try parseFigure(v, column: column)
    case .text(let f): return try textWord(f, v, column: column)
    case .entity(let f):
      return try checked(.entity(kind: f, text: v, exact: false), v, column: column)
    }
  }

  /// A word of a text field (or of the default fields when `field` is nil): a term or a prefix.
  mutating func textWord(_ field: Field?, _ word: String, column: Int) throws(QueryError)
    -> QueryNode?
  {
    if word.hasSuffix("*") {
      let stem = String(word.dropLast())
      if stem.isEmpty || stem.contains("*") {
        throw QueryError("a prefix needs at least one letter before '*'", column: column)
      }
      return try checked(.prefix(field: field, text: stem), stem, column: column)
    }
    return try checked(.term(field: field, text: word), word, column: column)
  }

  /// `node` if `text` holds a searchable word; nil (remembering where) if it holds none; throws
  /// if its only words are longer than the index keeps.
  mutating func checked(_ node: QueryNode, _ text: String, column: Int) throws(QueryError)
    -> QueryNode?
  {
    if !analyzer.tokens(text, mode: .query).isEmpty { return node }
    if !analyzer.spans(text).isEmpty {
      throw QueryError(
        "'\(Self.shorten(text))' is longer than \(Analyzer.maxTokenBytes) bytes: the index keeps no word "
          + "that long, so nothing can match it", column: column)
    }
    if firstEmpty == nil { firstEmpty = (column, text) }
    return nil
  }

  /// The first 20 characters of `text`, for messages.
  static func shorten(_ text: String) -> String {
    text.count <= 20 ? text : String(text.prefix(20)) + "…"
  }

  // MARK: - date:

  func parseDate(_ v: String, column: Int) throws(QueryError) -> QueryNode {
    if let r = v.range(of: "..") {
      let a = String(v[..<r.lowerBound])
      let b = String(v[r.upperBound...])
      if a.isEmpty && b.isEmpty {
        throw QueryError("a date range needs at least one end", column: column)
      }
      let lo = a.isEmpty ? nil : try datePart(a, upper: false, column: column)
      let hi = b.isEmpty ? nil : try datePart(b, upper: true, column: column + a.count + 2)
      if let lo, let hi, lo > hi {
        throw QueryError("date range ends before it starts", column: column)
      }
      return .dateRange(from: lo, to: hi)
    }
    for (op, lower, upper) in [
      (">=", true, false), ("<=", false, true), (">", true, false), ("<", false, true),
    ] {
      if v.hasPrefix(op) {
        let rest = String(v.dropFirst(op.count))
        let c = column + op.count
        if lower {
          let d = try datePart(rest, upper: op == ">", column: c)
          return .dateRange(from: op == ">" ? d + 1 : d, to: nil)
        } else if upper {
          let d = try datePart(rest, upper: op == "<=", column: c)
          return .dateRange(
            from: nil, to: op == "<" ? (try datePart(rest, upper: false, column: c)) - 1 : d)
        }
      }
    }
    let lo = try datePart(v, upper: false, column: column)
    let hi = try datePart(v, upper: true, column: column)
    return .dateRange(from: lo, to: hi)
  }

  /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → first (or last, when `upper`) day it covers.
  func datePart(_ s: String, upper: Bool, column: Int) throws(QueryError) -> Int32 {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    func num(_ p: Substring, _ digits: ClosedRange<Int>, _ what: String, _ col: Int)
      throws(QueryError) -> Int
    {
      guard digits.contains(p.count), p.allSatisfy(\.isASCII), let n = Int(p) else {
        throw QueryError("'\(s)' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", column: col)
      }
      return n
    }
    guard (1...3).contains(parts.count) else {
      throw QueryError("'\(s)' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", column: column)
    }
    let y = try num(parts[0], 4...4, "year", column)
    var m = upper ? 12 : 1
    if parts.count > 1 {
      m = try num(parts[1], 1...2, "month", column + 5)
      if !(1...12).contains(m) { throw QueryError("month \(m) does not exist", column: column + 5) }
    }
    var d = upper ? Day.daysIn(month: m, year: y) : 1
    if parts.count > 2 {
      d = try num(parts[2], 1...2, "day", column + 5 + parts[1].count + 1)
      if d < 1 || d > Day.daysIn(month: m, year: y) {
        throw QueryError(
          "day \(d) does not exist in \(y)-\(m)", column: column + 5 + parts[1].count + 1)
      }
    }
    guard let day = Day.from(year: y, month: m, day: d) else {
      throw QueryError("'\(s)' is not a date", column: column)
    }
    return day
  }

  // MARK: - figure:

  func parseFigure(_ v: String, column: Int) throws(QueryError) -> QueryNode {
    let ops = ["<=", ">=", "<", ">", "="]
    // The first operator character after the noun.
    guard let opStart = v.firstIndex(where: { "<>=".contains($0) }) else {
      if v.isEmpty { throw QueryError("'figure:' needs a noun", column: column) }
      return .entity(kind: .figure, text: v, exact: false)
    }
    let noun = String(v[..<opStart])
    if noun.isEmpty {
      throw QueryError(
        "'figure:' needs a noun before the comparison (figure:arrests>400)", column: column)
    }
    let rest = v[opStart...]
    guard let op = ops.first(where: { rest.hasPrefix($0) }) else {
      throw QueryError("unknown comparison", column: column + noun.count)
    }
    let numText = rest.dropFirst(op.count)
    let numCol = column + noun.count + op.count
    guard let value = parseNumber(String(numText)) else {
      throw QueryError(
        numText.isEmpty ? "a number must follow '\(op)'" : "'\(numText)' is not a number",
        column: numCol)
    }
    return .figure(noun: noun, op: QueryNode.Comparison(rawValue: op)!, value: value)
  }

  /// `1000`, `1,000`, `5.8m`, `5.8million`, `2k`, `1bn`, `£5m`.
  func parseNumber(_ s: String) -> Double? {
    var t = s.lowercased().replacingOccurrences(of: ",", with: "")
    if t.hasPrefix("£") || t.hasPrefix("$") || t.hasPrefix("€") { t.removeFirst() }
    var mult = 1.0
    for (suffix, m) in [
      ("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("m", 1e6), ("k", 1e3), ("%", 1.0),
      ("kg", 1.0),
    ] {
      if t.hasSuffix(suffix), t.count > suffix.count {
        t.removeLast(suffix.count)
        mult = m
        break
      }
    }
    guard let v = Double(t), v.isFinite else { return nil }
    return v * mult
  }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
  }
}
