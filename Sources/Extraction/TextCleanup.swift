/// Small text helpers shared by every input kind.
enum TextCleanup {
  /// Collapses runs of whitespace (including no-break and thin spaces) to one space and trims.
  static func normalizeWhitespace(_ s: String) -> String {
    var out = [UInt8]()
    out.reserveCapacity(s.utf8.count)
    var pending = false
    var it = Array(s.utf8)
    it.append(0)
    var i = 0
    while i < it.count - 1 {
      let b = it[i]
      if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B {
        pending = true
        i += 1
        continue
      }
      if b == 0xC2 && it[i + 1] == 0xA0 {
        pending = true
        i += 2
        continue
      }
      if b == 0xE2 && i + 2 < it.count && it[i + 1] == 0x80
        && (it[i + 2] == 0xAF || it[i + 2] == 0x89 || it[i + 2] == 0x8B)
      {
        if it[i + 2] != 0x8B { pending = true }
        i += 3
        continue
      }
      if pending && !out.isEmpty { out.append(0x20) }
      pending = false
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A comparison key: ASCII letters lowercased, digits and non-ASCII kept, everything else gone.
  static func foldKey<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    for b in bytes {
      if b >= 0x41 && b <= 0x5A {
        out.append(b | 0x20)
      } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 {
        out.append(b)
      }
    }
    return out
  }

  /// True for lines such as "By Jane Smith" (capital after "By ").
  static func startsWithBy<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var it = bytes.makeIterator()
    guard let b0 = it.next(), b0 == 0x42 || b0 == 0x62, let b1 = it.next(),
      b1 == 0x79 || b1 == 0x59,
      let b2 = it.next(), b2 == 0x20 || b2 == 0x3A, var b3 = it.next()
    else { return false }
    if b3 == 0x20, let next = it.next() { b3 = next }
    return (b3 >= 0x41 && b3 <= 0x5A) || b3 >= 0xC0
  }

  /// Labels that introduce a byline: "By Jane Smith", "Reporter: Jane Smith", "Words: …",
  /// "Written by …". Matched ASCII case-insensitively at the start, followed by a name.
  private static let bylineLabels = [
    "written by", "words by", "reported by", "report by", "story by", "text by", "posted by",
    "reporter:", "reporters:", "author:", "authors:", "words:", "text:", "story:", "writer:",
    "by:", "by",
  ]

  /// Nouns that end a job title after a name: "Jane Smith, Crime Reporter",
  /// "Jane Smith - Home Affairs Editor".
  private static let roleNouns: Set<String> = [
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer",
    "writers", "journalist", "journalists", "columnist", "contributor", "photographer",
    "producer", "staff", "desk", "newsroom", "analyst", "critic", "intern",
  ]

  /// "By Jane Smith, Crime Reporter" → "Jane Smith"; "Reporter: Jane Smith" → "Jane Smith";
  /// nil for URLs and junk.
  static func cleanByline(_ raw: String) -> String? {
    var s = normalizeWhitespace(raw)
    let lower = s.asciiLowercased
    for label in bylineLabels where lower.hasPrefix(label) {
      let rest = s.utf8.dropFirst(label.utf8.count)
      // "By" must be a word of its own ("Byron Hale" is a name).
      guard label.hasSuffix(":") || rest.first == 0x20 || rest.first == 0x3A else { continue }
      var cut = String(decoding: rest, as: UTF8.self)
      if cut.hasPrefix(":") { cut.removeFirst() }
      cut = cut.trimmingSpaces()
      if !cut.isEmpty { s = cut }
      break
    }
    if s.hasPrefix("http") || s.contains("/") && !s.contains(" ") { return nil }
    // Cut a trailing date or "Published …".
    for cut in [" | ", " Published", " Updated", " - ", " – ", " on "] {
      if let r = s.firstRange(of: cut) {
        let tail = String(s[r.upperBound...])
        if DateParsing.findDate(in: tail) != nil || cut == " | " || cut == " Published"
          || cut == " Updated"
        {
          s = String(s[..<r.lowerBound])
        }
      }
    }
    s = stripJobTitle(s.trimmingSpaces())
    if s.isEmpty || s.utf8.count > 100 { return nil }
    return s
  }

  /// "Jane Smith, Crime Reporter" → "Jane Smith": a comma or dash followed by a short phrase
  /// that ends in a job noun. Lists of names ("Jane Smith, Tom Reeve") stay whole.
  static func stripJobTitle(_ s: String) -> String {
    for sep in [", ", " - ", " – ", " — ", " | "] {
      guard let r = s.firstRange(of: sep) else { continue }
      let head = String(s[..<r.lowerBound]).trimmingSpaces()
      let tail = s[r.upperBound...].split(separator: " ")
      guard !head.isEmpty, (1...5).contains(tail.count) else { continue }
      let words = tail.map { $0.asciiLowercased.filter(\.isLetter) }
      if words.contains(where: roleNouns.contains) { return head }
    }
    return s
  }

  /// Splits a title at its last separator: ("Headline", "Site") when one is there.
  static func splitTitle(_ title: String) -> (head: String, tail: String)? {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
      if let r = title.ranges(of: sep).last {
        let head = String(title[..<r.lowerBound]).trimmingSpaces()
        let tail = String(title[r.upperBound...]).trimmingSpaces()
        if !head.isEmpty && !tail.isEmpty { return (head, tail) }
      }
    }
    return nil
  }
}

extension String {
  /// Trims ASCII spaces and tabs at both ends.
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
    return String(s)
  }
}
