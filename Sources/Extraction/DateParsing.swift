/// Finds publication dates in the forms news pages and feeds write them, and renders them as
/// `YYYY-MM-DD`.
///
/// Handles ISO 8601 (`2024-05-14T09:30:00Z`), RFC 822 (`Tue, 14 May 2024 09:30:00 +0100`), UK
/// numeric (`14/05/2024`, `14.05.2024`), "14 May 2024", "14th May, 2024" and "May 14, 2024".
/// Numeric dates are read day-first (UK), except year-first ones.
enum DateParsing {
  private static let months: [String: Int] = [
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
  ]

  private struct Token {
    var text: String
    var number: Int?
    var digits: Int
    /// The separator character that follows the token (space when several).
    var separator: Character
  }

  /// A metadata value (ISO, RFC 822 or free text) as `YYYY-MM-DD`.
  static func normalize(_ raw: String) -> String? {
    let s = raw.trimmingSpaces()
    guard !s.isEmpty else { return nil }
    if let (y, m, d) = plainISODate(s) { return render(y, m, d) }
    return findDate(in: s)
  }

  /// Year, month and day of a value that is exactly `YYYY-MM-DD` (what most feeds and exports
  /// hold), read without the tokenizer; `findDate` reads such a value the same way.
  private static func plainISODate(_ s: String) -> (Int, Int, Int)? {
    var s = s
    return s.withUTF8 { b -> (Int, Int, Int)? in
      guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
      func number(_ digits: Range<Int>) -> Int? {
        var n = 0
        for k in digits {
          guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
          n = n * 10 + Int(b[k] - 0x30)
        }
        return n
      }
      guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
      return (y, m, d)
    }
  }

  /// The first plausible date in `text`, as `YYYY-MM-DD`.
  static func findDate(in text: String) -> String? {
    guard text.utf8.count < 2000 else { return findDate(in: String(text.prefix(2000))) }
    // Every accepted form has a four-digit year: skip the tokenizer when there is none.
    var run = 0
    var hasYear = false
    for u in text.utf8 {
      if u >= 0x30 && u <= 0x39 {
        run += 1
        if run == 4 {
          hasYear = true
          break
        }
      } else {
        run = 0
      }
    }
    guard hasYear else { return nil }
    let tokens = tokenize(text)
    guard tokens.count >= 3 else { return nil }
    for i in 0..<(tokens.count - 2) {
      let a = tokens[i]
      let b = tokens[i + 1]
      let c = tokens[i + 2]
      // 2024-05-14 / 2024/05/14
      if a.digits == 4, let y = a.number, let m = b.number, b.digits <= 2, let d = c.number,
        c.digits <= 2, a.separator == b.separator,
        a.separator == "-" || a.separator == "/" || a.separator == "."
      {
        if let r = render(y, m, d) { return r }
      }
      // 14/05/2024, 14.05.2024, 14-05-2024
      if let d = a.number, a.digits <= 2, let m = b.number, b.digits <= 2, let y = c.number,
        c.digits == 4, a.separator == b.separator,
        a.separator == "/" || a.separator == "." || a.separator == "-"
      {
        if let r = render(y, m, d) { return r }
      }
      // 14 May 2024
      if let d = a.number, a.digits <= 2, let m = months[b.text], let y = c.number, c.digits == 4 {
        if let r = render(y, m, d) { return r }
      }
      // May 14, 2024
      if let m = months[a.text], let d = b.number, b.digits <= 2, let y = c.number, c.digits == 4 {
        if let r = render(y, m, d) { return r }
      }
    }
    return nil
  }

  private static func render(_ y: Int, _ m: Int, _ d: Int) -> String? {
    guard y >= 1990, y <= 2100, m >= 1, m <= 12, d >= 1, d <= 31 else { return nil }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d))"
  }

  /// Letters and digits in runs ("14th" → 14, "2024-05-14T09" → 2024, 05, 14, 09), each with
  /// the separator that follows it (a single punctuation character, else a space).
  private static func tokenize(_ text: String) -> [Token] {
    let chars = Array(text.lowercased())
    var tokens = [Token]()
    var i = 0
    func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    while i < chars.count {
      let ch = chars[i]
      guard isDigit(ch) || isLetter(ch) else {
        i += 1
        continue
      }
      var j = i
      var token: Token
      if isDigit(ch) {
        while j < chars.count, isDigit(chars[j]) { j += 1 }
        let digits = j - i
        token = Token(
          text: String(chars[i..<j]), number: Int(String(chars[i..<j])), digits: digits,
          separator: " ")
        if digits <= 2, j + 1 < chars.count, isLetter(chars[j]), isLetter(chars[j + 1]),
          j + 2 >= chars.count || !isLetter(chars[j + 2]),
          ["st", "nd", "rd", "th"].contains(String(chars[j...j + 1]))
        {
          j += 2
        }
      } else {
        while j < chars.count, isLetter(chars[j]) { j += 1 }
        token = Token(text: String(chars[i..<j]), number: nil, digits: 0, separator: " ")
      }
      if j < chars.count, !isDigit(chars[j]), !isLetter(chars[j]) {
        let next = j + 1
        if next < chars.count, isDigit(chars[next]) || isLetter(chars[next]) {
          token.separator = chars[j]
        }
      }
      tokens.append(token)
      i = j
    }
    return tokens
  }
}
