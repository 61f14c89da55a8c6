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
    /// The token's bytes, ASCII letters lowercased.
    var text: String
    var number: Int?
    var digits: Int
    /// The separator byte that follows the token (a space when there are several, or when the
    /// next character is not ASCII).
    var separator: UInt8
  }

  /// How much of a text `findDate` reads, in UTF-8 bytes: a date in a line, block or byline is
  /// near its start, and the bound keeps the work per call small on any input.
  static let scanLimit = 2000

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

  /// The first plausible date in the first `scanLimit` UTF-8 bytes of `text`, as `YYYY-MM-DD`.
  ///
  /// Reads bytes, not characters, in one bounded pass: only ASCII letters and digits make tokens,
  /// so any other text costs a byte compare each.
  static func findDate(in text: String) -> String? {
    var text = text
    return text.withUTF8 { all in
      findDate(UnsafeBufferPointer(rebasing: all[..<min(all.count, scanLimit)]))
    }
  }

  private static func findDate(_ text: UnsafeBufferPointer<UInt8>) -> String? {
    // Every accepted form has a four-digit year: skip the tokenizer when there is none.
    var run = 0
    var hasYear = false
    for u in text {
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
    let dash = UInt8(ascii: "-")
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    for i in 0..<(tokens.count - 2) {
      let a = tokens[i]
      let b = tokens[i + 1]
      let c = tokens[i + 2]
      // 2024-05-14 / 2024/05/14
      if a.digits == 4, let y = a.number, let m = b.number, b.digits <= 2, let d = c.number,
        c.digits <= 2, a.separator == b.separator,
        a.separator == dash || a.separator == slash || a.separator == dot
      {
        if let r = render(y, m, d) { return r }
      }
      // 14/05/2024, 14.05.2024, 14-05-2024
      if let d = a.number, a.digits <= 2, let m = b.number, b.digits <= 2, let y = c.number,
        c.digits == 4, a.separator == b.separator,
        a.separator == slash || a.separator == dot || a.separator == dash
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

  /// ASCII letters and digits in runs ("14th" → 14, "2024-05-14T09" → 2024, 05, 14, 09), each
  /// with the separator that follows it (a single ASCII punctuation byte, else a space).
  private static func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Token] {
    var tokens = [Token]()
    let n = text.count
    var i = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    func isAlnum(_ k: Int) -> Bool { k < n && (isDigit(text[k]) || isLetter(text[k])) }
    func isLetterAt(_ k: Int) -> Bool { k < n && isLetter(text[k]) }
    func lower(_ r: Range<Int>) -> String {
      String(decoding: text[r].lazy.map { isLetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
    while i < n {
      guard isAlnum(i) else {
        i += 1
        continue
      }
      var j = i
      var token: Token
      if isDigit(text[i]) {
        var value = 0
        while j < n, isDigit(text[j]) {
          // Long digit runs are never part of a date; keep the value from overflowing.
          if j - i < 9 { value = value * 10 + Int(text[j] - 0x30) }
          j += 1
        }
        let digits = j - i
        token = Token(
          text: lower(i..<j), number: digits <= 9 ? value : nil, digits: digits, separator: 0x20)
        if digits <= 2, j + 1 < n, isLetter(text[j]), isLetter(text[j + 1]), !isLetterAt(j + 2),
          ["st", "nd", "rd", "th"].contains(lower(j..<j + 2))
        {
          j += 2
        }
      } else {
        while j < n, isLetter(text[j]) { j += 1 }
        token = Token(text: lower(i..<j), number: nil, digits: 0, separator: 0x20)
      }
      // One ASCII punctuation byte between two tokens is their separator.
      if j < n, text[j] < 0x80, !isAlnum(j), isAlnum(j + 1) {
        token.separator = text[j]
      }
      tokens.append(token)
      i = j
    }
    return tokens
  }
}
