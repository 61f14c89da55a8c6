import Indexing

/// Parses the query language:
/// ```
/// query   = or
/// or      = and ("OR" and)*
/// and     = unary (["AND"] unary)*
/// unary   = ("NOT" | "-") unary | primary
/// primary = "(" or ")" | field ":" value | '"' phrase '"' | word ["*"]
/// value   = '"' phrase '"' | "(" or ")" | word ["*"] | range | comparison
/// ```
/// Fields: `title:`, `body:`, `source:`, `byline:`, `date:` (`2019`, `2019-03`, `2019..2022`,
/// `2022-03-01..2022-03-31`, open ends `2020..`), `unit:`, `place:`, `officer:`, `figure:`
/// (`figure:firearms`, `figure:arrests>400`, `figure:£>=1000000`). An unknown `name:` is read as
/// plain text. Errors carry the column of the offending character.
public struct QueryParser: Sendable {
  public init() {}

  public func parse(_ query: String) throws(QueryError) -> QueryNode {
    var p = Parser(chars: Array(query))
    p.skipSpace()
    if p.atEnd { throw QueryError("empty query", column: 1) }
    let node = try p.parseOr()
    p.skipSpace()
    if !p.atEnd {
      if p.chars[p.i] == ")" { throw QueryError("unmatched ')'", column: p.i + 1) }
      throw QueryError("unexpected '\(p.chars[p.i])'", column: p.i + 1)
    }
    return node
  }
}

private struct Parser {
  let chars: [Character]
  var i = 0
  var depth = 0

  init(chars: [Character]) { self.chars = chars }

  var atEnd: Bool { i >= chars.count }

  mutating func skipSpace() {
    while i < chars.count && chars[i].isWhitespace { i += 1 }
  }

  /// The bare word at the cursor (without consuming), if the next thing is one.
  func peekWord() -> String? {
    var j = i
    var s = ""
    while j < chars.count && !chars[j].isWhitespace && chars[j] != "(" && chars[j] != ")" && chars[j] != "\"" {
      s.append(chars[j])
      j += 1
    }
    return s.isEmpty ? nil : s
  }

  mutating func parseOr() throws(QueryError) -> QueryNode {
    var parts = [try parseAnd()]
    while true {
      skipSpace()
      if peekWord() == "OR" || peekWord() == "|" {
        let col = i + 1
        i += peekWord()!.count
        skipSpace()
        if atEnd || chars[i] == ")" { throw QueryError("OR needs something after it", column: col) }
        parts.append(try parseAnd())
      } else {
        break
      }
    }
    return parts.count == 1 ? parts[0] : .or(parts)
  }

  mutating func parseAnd() throws(QueryError) -> QueryNode {
    var parts: [QueryNode] = []
    while true {
      skipSpace()
      if atEnd || chars[i] == ")" { break }
      if let w = peekWord(), w == "OR" || w == "|" {
        if parts.isEmpty { throw QueryError("OR needs something before it", column: i + 1) }
        break
      }
      if peekWord() == "AND" {
        let col = i + 1
        if parts.isEmpty { throw QueryError("AND needs something before it", column: col) }
        i += 3
        skipSpace()
        if atEnd || chars[i] == ")" { throw QueryError("AND needs something after it", column: col) }
        continue
      }
      parts.append(try parseUnary())
    }
    if parts.isEmpty {
      throw QueryError(atEnd ? "query ends where a term was expected" : "empty group", column: i + 1)
    }
    return parts.count == 1 ? parts[0] : .and(parts)
  }

  mutating func parseUnary() throws(QueryError) -> QueryNode {
    skipSpace()
    if peekWord() == "NOT" {
      let col = i + 1
      i += 3
      skipSpace()
      if atEnd || chars[i] == ")" { throw QueryError("NOT needs something after it", column: col) }
      return .not(try parseUnary())
    }
    if chars[i] == "-", i + 1 < chars.count, !chars[i + 1].isWhitespace {
      i += 1
      return .not(try parsePrimary())
    }
    return try parsePrimary()
  }

  mutating func parseGroup() throws(QueryError) -> QueryNode {
    let open = i
    i += 1
    depth += 1
    let inner = try parseOr()
    skipSpace()
    if atEnd || chars[i] != ")" { throw QueryError("'(' is never closed", column: open + 1) }
    i += 1
    depth -= 1
    return inner
  }

  mutating func parsePhrase(field: Field?) throws(QueryError) -> QueryNode {
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
    if field == nil || isTextField(field!) { return .phrase(field: field, text: s) }
    return .entity(kind: field!, text: s, exact: true)
  }

  mutating func parsePrimary() throws(QueryError) -> QueryNode {
    skipSpace()
    if atEnd { throw QueryError("query ends where a term was expected", column: i + 1) }
    let c = chars[i]
    if c == "(" { return try parseGroup() }
    if c == ")" { throw QueryError("unmatched ')'", column: i + 1) }
    if c == "\"" { return try parsePhrase(field: nil) }
    let start = i
    guard let word = peekWord() else { throw QueryError("unexpected '\(c)'", column: i + 1) }
    // field:value
    if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
      let name = word[..<colon].lowercased()
      let isDate = name == "date"
      let field = Field(name: name)
      if isDate || field != nil {
        i += word.distance(from: word.startIndex, to: colon) + 1
        let valueCol = i + 1
        if atEnd || chars[i].isWhitespace {
          throw QueryError("'\(name):' needs a value", column: valueCol)
        }
        if isDate {
          let v = peekWord() ?? ""
          i += v.count
          return try parseDate(v, column: valueCol)
        }
        let f = field!
        if chars[i] == "\"" {
          let phrase = try parsePhrase(field: f)
          // `figure:"arrest">=25`: the comparison after a quoted noun still applies.
          if f == .figure, case .entity(_, let noun, _) = phrase, !atEnd, "<>=".contains(chars[i]) {
            let rest = peekWord() ?? ""
            i += rest.count
            return try parseFigure(noun + rest, column: valueCol)
          }
          return phrase
        }
        if chars[i] == "(" {
          let inner = try parseGroup()
          return try applyField(f, to: inner, column: valueCol)
        }
        let v = peekWord() ?? ""
        i += v.count
        if f == .figure { return try parseFigure(v, column: valueCol) }
        return try fieldWord(f, v, column: valueCol)
      }
    }
    i += word.count
    _ = start
    return try fieldWord(nil, word, column: start + 1)
  }

  func isTextField(_ f: Field) -> Bool {
    f == .title || f == .body || f == .source || f == .byline
  }

  func fieldWord(_ field: Field?, _ word: String, column: Int) throws(QueryError) -> QueryNode {
    if let f = field, !isTextField(f) {
      return .entity(kind: f, text: word, exact: false)
    }
    if word.hasSuffix("*") {
      let stem = String(word.dropLast())
      if stem.isEmpty || stem.contains("*") {
        throw QueryError("a prefix needs at least one letter before '*'", column: column)
      }
      return .prefix(field: field, text: stem)
    }
    return .term(field: field, text: word)
  }

  /// `title:(a OR b)` → the field applied to every word inside.
  func applyField(_ f: Field, to node: QueryNode, column: Int) throws(QueryError) -> QueryNode {
    switch node {
    case .term(nil, let t): return try fieldWord(f, t, column: column)
    case .prefix(nil, let t):
      if !isTextField(f) { return .entity(kind: f, text: t, exact: false) }
      return .prefix(field: f, text: t)
    case .phrase(nil, let t):
      return isTextField(f) ? .phrase(field: f, text: t) : .entity(kind: f, text: t, exact: true)
    case .and(let xs): return .and(try xs.map { (x) throws(QueryError) in try applyField(f, to: x, column: column) })
    case .or(let xs): return .or(try xs.map { (x) throws(QueryError) in try applyField(f, to: x, column: column) })
    case .not(let x): return .not(try applyField(f, to: x, column: column))
    default:
      throw QueryError("'\(f.name):' cannot apply to a field or filter inside its group", column: column)
    }
  }

  // MARK: - date:

  func parseDate(_ v: String, column: Int) throws(QueryError) -> QueryNode {
    if let r = v.range(of: "..") {
      let a = String(v[..<r.lowerBound])
      let b = String(v[r.upperBound...])
      if a.isEmpty && b.isEmpty { throw QueryError("a date range needs at least one end", column: column) }
      let lo = a.isEmpty ? nil : try datePart(a, upper: false, column: column)
      let hi = b.isEmpty ? nil : try datePart(b, upper: true, column: column + a.count + 2)
      if let lo, let hi, lo > hi {
        throw QueryError("date range ends before it starts", column: column)
      }
      return .dateRange(from: lo, to: hi)
    }
    for (op, lower, upper) in [(">=", true, false), ("<=", false, true), (">", true, false), ("<", false, true)] {
      if v.hasPrefix(op) {
        let rest = String(v.dropFirst(op.count))
        let c = column + op.count
        if lower {
          let d = try datePart(rest, upper: op == ">", column: c)
          return .dateRange(from: op == ">" ? d + 1 : d, to: nil)
        } else if upper {
          let d = try datePart(rest, upper: op == "<=", column: c)
          return .dateRange(from: nil, to: op == "<" ? (try datePart(rest, upper: false, column: c)) - 1 : d)
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
    func num(_ p: Substring, _ digits: ClosedRange<Int>, _ what: String, _ col: Int) throws(QueryError) -> Int {
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
        throw QueryError("day \(d) does not exist in \(y)-\(m)", column: column + 5 + parts[1].count + 1)
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
    if noun.isEmpty { throw QueryError("'figure:' needs a noun before the comparison (figure:arrests>400)", column: column) }
    let rest = v[opStart...]
    guard let op = ops.first(where: { rest.hasPrefix($0) }) else {
      throw QueryError("unknown comparison", column: column + noun.count)
    }
    let numText = rest.dropFirst(op.count)
    let numCol = column + noun.count + op.count
    guard let value = parseNumber(String(numText)) else {
      throw QueryError(
        numText.isEmpty ? "a number must follow '\(op)'" : "'\(numText)' is not a number", column: numCol)
    }
    return .figure(noun: noun, op: QueryNode.Comparison(rawValue: op)!, value: value)
  }

  /// `1000`, `1,000`, `5.8m`, `5.8million`, `2k`, `1bn`, `£5m`.
  func parseNumber(_ s: String) -> Double? {
    var t = s.lowercased().replacingOccurrences(of: ",", with: "")
    if t.hasPrefix("£") || t.hasPrefix("$") || t.hasPrefix("€") { t.removeFirst() }
    var mult = 1.0
    for (suffix, m) in [("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("m", 1e6), ("k", 1e3), ("%", 1.0), ("kg", 1.0)] {
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
