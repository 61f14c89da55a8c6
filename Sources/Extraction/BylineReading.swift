/// Author names read from the lines pages print around a headline ("By Ann Lee | Site",
/// "Posted by ann on May 4, 2024", "May 4, 2024 by Ann Lee", "— By Ann Lee", "Von Ann Lee",
/// "Text: Ann Lee") and cleaned from any source (a meta tag, JSON-LD, a byline element).
///
/// What is dropped: the label, dates and times, a category ("in News"), a Twitter handle, a
/// trailing affiliation (the site, a news agency, a domain), job titles and credentials
/// ("Ann Lee, MS, RDN"), a parenthesis ("(Diary)"). What is refused: a commenter's line
/// ("ann says:"), a label with no name ("Posted by:"), sign-in and profile links.
enum BylineReading {
  /// Labels that open a byline line, longest first; matched ASCII case-insensitively at the
  /// start of the line and followed by a space or a colon.
  private static let leadingMarkers = [
    "post written by", "posted by", "written by", "filed by", "words by", "story by", "text by",
    "reported by", "by", "von", "par", "por", "door",
  ]

  /// Single-word labels before a colon that introduce a name ("Author: Ann Lee").
  private static let colonLabels: Set<String> = [
    "by", "author", "authors", "autor", "auteur", "autore", "text", "texto", "texte", "words",
    "reporter", "writer", "текст", "автор", "posted by", "written by",
  ]

  /// Nouns that make a comma segment a job title ("Ann Lee, Business Development Director").
  private static let roleNouns: Set<String> = [
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer",
    "writers", "journalist", "journalists", "columnist", "contributor", "contributors",
    "photographer", "producer", "staff", "desk", "newsroom", "analyst", "critic", "intern",
    "director", "manager", "officer", "president", "founder", "ceo", "head", "chief", "author",
    "blogger", "researcher", "professor", "student", "specialist", "engineer", "coordinator",
    "team", "scientist", "consultant", "strategist", "developer", "designer", "evangelist",
    "fellow", "guide",
  ]

  /// News agencies a byline names after the writer ("Ann Lee, Associated Press").
  private static let agencies: Set<String> = [
    "associatedpress", "theassociatedpress", "ap", "reuters", "afp", "agencefrancepresse",
    "pressassociation", "pa", "bloomberg", "upi", "dpa", "ansa", "efe", "pti", "ians",
  ]

  private static let monthsAndDays: Set<String> = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "am", "pm", "at", "on",
    "published", "posted", "updated",
  ]

  /// Words that mark account and sharing links, never part of a name.
  private static let interfaceWords: Set<String> = [
    "sign", "login", "log", "register", "profile", "subscribe", "comments", "comment", "share",
    "email", "e-mail", "follow", "rss", "reply", "tweet", "print", "url", "website", "view",
    "discuss", "leave", "add", "about",
  ]

  /// Cheap test before parsing: a byline line holds the word "by", starts with a one-word label
  /// and a colon, or starts with one of the non-English labels.
  private static func mayHoldMarker(_ s: String) -> Bool {
    guard s.utf8.count <= 400 else { return false }
    // "by" as a word: after a non-letter, before a space or a colon.
    var p2: UInt8 = 0x20
    var p1: UInt8 = 0x20
    var first = [UInt8]()
    var leadingWord = true
    for b in s.utf8 {
      let l = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
      // A label before a colon: one word at the start of the line ("Author:", "Текст:").
      if leadingWord {
        if l == 0x3A && first.count <= 16 { return true }
        leadingWord = (l >= 0x61 && l <= 0x7A) || l >= 0x80
      }
      if p1 == 0x79 && p2 == 0x62 && (l == 0x20 || l == 0x3A), first.count >= 2 {
        let before = first.count > 2 ? first[first.count - 3] : 0x20
        if !(before >= 0x61 && before <= 0x7A) { return true }
      }
      first.append(l)
      p2 = p1
      p1 = l
    }
    if p1 == 0x79 && p2 == 0x62 { return true }
    for m in ["von ", "par ", "por ", "door "] where first.starts(with: m.utf8) { return true }
    return false
  }

  /// A comment's header: "ann says:", "Ann Lee said...", "ann wrote:".
  static func isCommenterLine(_ s: String) -> Bool {
    let lower = s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    for mark in commenterMarks {
      if lower.count >= mark.count && lower[(lower.count - mark.count)...].elementsEqual(mark) {
        return true
      }
      guard mark.last == 0x3A, lower.count > mark.count else { continue }
      for i in 0...(lower.count - mark.count)
      where lower[i] == 0x20 && lower[i..<(i + mark.count)].elementsEqual(mark) {
        return true
      }
    }
    return false
  }

  private static let commenterMarks = [
    " says:", " said:", " said...", " said…", " wrote:", " says", " said",
  ].map { Array($0.utf8) }

  /// The names in a byline line, or nil when the line has no byline label (or only a label).
  static func fromLine(_ raw: String, site: String? = nil) -> String? {
    guard mayHoldMarker(raw) else { return nil }
    let s = TextCleanup.normalizeWhitespace(raw)
    guard s.utf8.count <= 200, !isCommenterLine(s) else { return nil }
    guard let rest = afterMarker(s) else { return nil }
    return refine(cutTail(rest), site: site)
  }

  /// The text after the byline label: at the start of the line ("By …", "Posted by …",
  /// "Author: …"), or after a date, a time or a dash ("May 4, 2024 by …", "— By …").
  private static func afterMarker(_ s: String) -> String? {
    let lower = s.asciiLowercased
    for m in leadingMarkers where lower.hasPrefix(m) {
      let rest = s.utf8.dropFirst(m.utf8.count)
      guard let f = rest.first, f == 0x20 || f == 0x3A else { continue }
      var t = Substring(String(decoding: rest, as: UTF8.self))
      t = t.drop { $0 == " " || $0 == ":" }
      // "von", "par", "por", "door" are words too: only before a capitalised name.
      if m.count <= 4 && m != "by" {
        guard let c = t.unicodeScalars.first, c.properties.isUppercase else { return nil }
      }
      return t.isEmpty ? nil : String(t)
    }
    if let colon = s.firstIndex(of: ":") {
      let label = s[..<colon].lowercased().trimmingSpaces()
      if colonLabels.contains(label) {
        let t = s[s.index(after: colon)...].drop { $0 == " " }
        return t.isEmpty ? nil : String(t)
      }
    }
    // "… by Name" after a date, a time, a relative time or a separator.
    for r in s.ranges(of: " by ") + s.ranges(of: " By ") + s.ranges(of: " By: ") {
      let before = String(s[..<r.lowerBound])
      let last = before.split(separator: " ").last.map(String.init) ?? ""
      let dated =
        DateParsing.findDate(in: before) != nil
        || DateReader.firstNumericDate(before) != nil
        || ["am", "pm", "ago", "—", "–", "-", "|", "·"]
          .contains(last.lowercased())
        || !last.isEmpty && !last.contains(where: { $0.isLetter || $0.isNumber })
        || last.lowercased().hasSuffix("am") && last.first?.isNumber == true
        || last.lowercased().hasSuffix("pm") && last.first?.isNumber == true
        || before.contains("'1") || before.contains("’1")
      guard dated else { continue }
      let t = s[r.upperBound...]
      return t.isEmpty ? nil : String(t)
    }
    return nil
  }

  private static let tailSeparators: [[UInt8]] = [
    " | ", "|", "·", "•", "●", "/", "／", " — ", " – ", " - ", " (", " [", " Published",
    " Updated", " Posted", " at ", " in ", " View ", " Email", " Follow", " Filed", " filed",
    ", under ", " publiziert", " veröffentlicht", " aktualisiert", " publié", " publicado",
    " pubblicato", " опубликовано",
  ].map { Array($0.utf8) }

  /// Cuts what follows the names: " on <date>", " at 10:00", " in Category", separators, a
  /// handle, "Published …".
  private static func cutTail(_ s: String) -> String {
    var out = s
    // A handle ("Ann Lee@annlee", "Ann Lee @annlee") or an address ("Ann Lee ann@site.com"):
    // cut at the "@", or before the address's lowercase local part.
    if let at = out.firstIndex(of: "@") {
      let wordStart = out[..<at].lastIndex(of: " ").map { out.index(after: $0) } ?? out.startIndex
      let local = out[wordStart..<at]
      let cut = local.first?.isLowercase == true ? wordStart : at
      out = String(out[..<cut])
    }
    // Cut at the earliest separator (a byte search: this runs on many lines).
    let bytes = Array(out.utf8)
    var cut = bytes.count
    for sep in tailSeparators {
      guard let f = sep.first, sep.count <= cut else { continue }
      var i = 0
      while i + sep.count <= cut {
        if bytes[i] == f && bytes[i..<(i + sep.count)].elementsEqual(sep) {
          cut = i
          break
        }
        i += 1
      }
    }
    if cut < bytes.count { out = String(decoding: bytes[..<cut], as: UTF8.self) }
    // " on <date>" ("White on Rice Couple" is a name).
    if let r = out.firstRange(of: " on "), startsWithDate(out[r.upperBound...]) {
      out = String(out[..<r.lowerBound])
    }
    return cutDate(cutAtLabel(out))
  }

  /// Whether `s` opens with a date: a digit, or a month or day name.
  private static func startsWithDate(_ s: Substring) -> Bool {
    guard let first = s.split(separator: " ").first else { return false }
    return first.first?.isNumber == true
      || monthsAndDays.contains(first.lowercased().trimmingCharacters(in: ",."))
  }

  /// "Ann Lee Topics: Courts" → "Ann Lee": a later word that ends in a colon opens another
  /// label.
  private static func cutAtLabel(_ s: String) -> String {
    let words = s.split(separator: " ")
    guard let i = words.indices.dropFirst().first(where: { words[$0].hasSuffix(":") }) else {
      return s
    }
    return words[..<i].joined(separator: " ")
  }

  /// "Ann Lee Thursday, August 9, 2012", "Ann Lee November 1st, 2012": cut at the date.
  private static func cutDate(_ out: String) -> String {
    let words = out.split(separator: " ")
    for (i, w) in words.enumerated() where i > 0 {
      let lower = w.lowercased().trimmingCharacters(in: ",.")
      let next = i + 1 < words.count ? words[i + 1] : ""
      // A month or day name before a number, or a full day name before a comma or at the end
      // ("Omaha Sun", "Theresa May" are names).
      let dateWord =
        (monthsAndDays.contains(lower) && lower.count > 2
          && (next.first?.isNumber == true
            || (lower.count > 5 && lower.hasSuffix("day") && (w.hasSuffix(",") || next.isEmpty))))
        || (w.first?.isNumber == true
          && (next.isEmpty
            || monthsAndDays.contains(
              next.lowercased().trimmingCharacters(in: ",."))))
      if dateWord { return words[..<i].joined(separator: " ") }
    }
    return out
  }

  /// A byline value from any source, cleaned; nil when nothing name-like is left.
  static func refine(_ raw: String, site: String?) -> String? {
    var s = TextCleanup.normalizeWhitespace(raw)
    guard !s.isEmpty, !isCommenterLine(s) else { return nil }
    if let marked = afterMarker(s) {
      s = marked
    } else if isBareLabel(s) {
      return nil  // "Posted by:", "Author:"
    } else if let named = afterInnerBy(s) {
      s = named
    }
    // "(Diary)", "(contact)", "[link]".
    for (o, c) in [("(", ")"), ("[", "]")] {
      while let open = s.firstIndex(of: Character(o)),
        let close = s[open...].firstIndex(of: Character(c))
      {
        s = (String(s[..<open]) + String(s[s.index(after: close)...])).trimmingSpaces()
      }
    }
    // "Ann Lee/The Star", "Ann Lee / 8 hrs ago": what follows a slash is no name.
    if !s.hasPrefix("http"), let slash = s.firstIndex(where: { $0 == "/" || $0 == "／" }) {
      let head = String(s[..<slash]).trimmingSpaces()
      if !head.isEmpty { s = head }
    }
    // A handle or an e-mail address, a comment count: "Ann Lee @annlee", "Ann Lee 0".
    var words = s.split(separator: " ").filter { !$0.contains("@") }
    while words.count > 1, let last = words.last, last.allSatisfy(\.isNumber) { words.removeLast() }
    s = splitJoinedWords(words.joined(separator: " "))
    s = cutAtInterfaceWord(dropLeadingDate(s))
    if isBareLabel(s) { return nil }
    guard var cleaned = TextCleanup.cleanByline(s) else { return nil }
    cleaned = dropTrailingRole(dropTrailingSegments(cutDate(cleaned), site: site))
    // "Ann Lee on" once the date after it is gone.
    var words2 = cleaned.split(separator: " ")
    while words2.count > 1, let last = words2.last,
      ["on", "at", "in", "by", "posted", "published", "updated"].contains(last.lowercased())
    {
      words2.removeLast()
    }
    cleaned = dropTrailingAgency(words2.joined(separator: " "))
    // Trailing separators and symbols ("Ann Lee //", "Ann Lee →").
    while let l = cleaned.last, !(l.isLetter || l.isNumber || l == "." || l == ")") {
      cleaned.removeLast()
    }
    // "Sky Lane." (a sentence's full stop), not "Ann B." (an initial).
    if cleaned.hasSuffix("."),
      let last = cleaned.split(separator: " ").last, last.filter(\.isLetter).count >= 3
    {
      cleaned.removeLast()
    }
    // Nothing but labels and date words ("Posted", "Posted on").
    if cleaned.split(separator: " ").allSatisfy({
      monthsAndDays.contains($0.lowercased()) || leadingMarkers.contains($0.lowercased())
    }) {
      return nil
    }
    return looksLikeNames(cleaned) ? cleaned : nil
  }

  /// The names after a "by" inside a byline element's text: "Analysis by Ann Lee",
  /// "7 Hours Ago By Ann Lee", "Comments/in News /by ann". Only a few words may come before.
  private static func afterInnerBy(_ s: String) -> String? {
    for r in s.ranges(of: " by ") + s.ranges(of: " By ") + s.ranges(of: "/by ") {
      guard s[..<r.lowerBound].split(separator: " ").count <= 8 else { continue }
      let t = cutTail(String(s[r.upperBound...].drop { $0 == " " || $0 == ":" }))
      // Names, not the rest of a headline ("Save 30% by Choosing Better Cloud Instances").
      guard let c = t.unicodeScalars.first, c.properties.isAlphabetic,
        nameParts(t).allSatisfy({ $0.count <= 4 })
      else { continue }
      return t
    }
    return nil
  }

  /// The words of each name in a list ("Ann Lee, Tom Reeve and Bo Yu").
  private static func nameParts(_ s: String) -> [[Substring]] {
    s.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "&" })
      .flatMap { $0.split(separator: " and ", omittingEmptySubsequences: true) }
      .map { $0.split(separator: " ") }
  }

  /// "Ann Lee Associated Press" → "Ann Lee": a news agency printed after the names without a
  /// separator.
  private static func dropTrailingAgency(_ s: String) -> String {
    var words = s.split(separator: " ")
    for n in [3, 2, 1] where words.count > n + 1 {
      let tail = words[(words.count - n)...].joined()
      if agencies.contains(String(decoding: PageMetadataReader.matchKey(tail), as: UTF8.self)) {
        words.removeLast(n)
        return words.joined(separator: " ")
      }
    }
    return s
  }

  /// A byline label with no name after it: "Posted by:", "By", "Author:".
  private static func isBareLabel(_ s: String) -> Bool {
    let bare = s.lowercased().trimmingCharacters(in: " :-–—|")
    return leadingMarkers.contains(bare) || colonLabels.contains(bare)
  }

  /// Two inline elements printed without a space: "Ann HiltonBusiness Columnist" → "Ann Hilton".
  /// Only a lowercase-to-uppercase change after four or more lowercase letters of a word counts
  /// ("McDonald", "DeArdo" stay).
  private static func splitJoinedWords(_ s: String) -> String {
    var out = ""
    var lowerRun = 0
    var index = s.startIndex
    for c in s {
      // What follows the join is another element (a job title, a category, "Email Author"):
      // cut it off. Not in a first word ("SportsDay" is a name).
      if c.isUppercase && out.contains(" ") {
        let rest = s[index...].prefix { $0.isLetter }.lowercased()
        if lowerRun >= 4 || (lowerRun >= 2 && interfaceWords.contains(rest)) { return out }
      }
      if c.isLowercase { lowerRun += 1 } else { lowerRun = 0 }
      out.append(c)
      index = s.index(after: index)
    }
    return out
  }

  /// `name` when `line` is `name` followed by a few more words that are no further names (a
  /// job title printed without a separator: "Ann Lee Senior"), else `line` (which may hold
  /// more names than a meta tag: "Ann Lee, Tom Reeve", "Ann Lee and Tom Reeve").
  static func preferName(_ name: String, over line: String) -> String {
    let nameWords = name.split(separator: " ")
    let lineWords = line.split(separator: " ")
    guard lineWords.count > nameWords.count, lineWords.count - nameWords.count <= 4,
      zip(nameWords, lineWords).allSatisfy({ $0.lowercased() == $1.lowercased() })
    else { return line }
    let rest = lineWords[nameWords.count...]
    if rest.contains(where: { ["and", "&", "und", "et", "y", "e"].contains($0.lowercased()) })
      || line.contains(",")
    {
      return line
    }
    return name
  }

  /// "Ann Lee Crime reporter" → "Ann Lee": a trailing job noun (not "Staff": "Post Staff" is
  /// a byline) and the word before it, when a name of two or more words is left.
  private static func dropTrailingRole(_ s: String) -> String {
    var words = s.split(separator: " ")
    guard words.count >= 4, let last = words.last else { return s }
    let noun = last.lowercased().filter(\.isLetter)
    guard roleNouns.contains(noun), !["staff", "desk", "newsroom", "team"].contains(noun) else {
      return s
    }
    words.removeLast(2)
    return words.joined(separator: " ")
  }

  /// "November 12, 2012 Geeks are Sexy" → "Geeks are Sexy".
  private static func dropLeadingDate(_ s: String) -> String {
    let words = s.split(separator: " ")
    var i = 0
    while i < words.count {
      let w = words[i].lowercased().trimmingCharacters(in: ",.")
      // A time's zone after it: "08:00 GMT".
      let zone =
        i > 0 && words[i - 1].contains(":") && (2...4).contains(w.count)
        && words[i].allSatisfy(\.isUppercase)
      if monthsAndDays.contains(w) || w.first?.isNumber == true || w.isEmpty || zone {
        i += 1
      } else {
        break
      }
    }
    guard i > 0, i >= 2 || words[0].first?.isNumber == true else { return s }
    return i < words.count ? words[i...].joined(separator: " ") : ""
  }

  /// Drops comma segments after the names that are an affiliation, a job title or a credential:
  /// "Troy Smith, Cleveland.com", "Ann Lee, Associated Press", "Ann Lee, MS, RDN".
  private static func dropTrailingSegments(_ s: String, site: String?) -> String {
    let segments = s.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
    guard segments.count >= 2 else { return s }
    let siteKey = site.map { PageMetadataReader.matchKey($0) } ?? []
    var keep = [String]()
    for (i, seg) in segments.enumerated() {
      if i > 0 && isAffiliation(seg, siteKey: siteKey) { break }
      keep.append(seg)
    }
    return keep.joined(separator: ", ")
  }

  private static func isAffiliation(_ seg: String, siteKey: [UInt8]) -> Bool {
    let key = PageMetadataReader.matchKey(seg)
    if key.isEmpty { return true }
    if agencies.contains(String(decoding: key, as: UTF8.self)) { return true }
    if !siteKey.isEmpty
      && (key == siteKey || siteKey.starts(with: key) || key.starts(with: siteKey))
    {
      return true
    }
    let words = seg.split(separator: " ")
    if words.count == 1 && seg.contains(".") { return true }  // a domain
    // A credential: "MS", "RDN", "PhD", "MD".
    if words.count == 1, seg.count <= 4,
      seg.filter({ $0.isUppercase }).count >= 2 || seg == "PhD"
    {
      return true
    }
    let lower = words.map { $0.lowercased().filter(\.isLetter) }
    return lower.contains(where: roleNouns.contains)
  }

  /// "Ann Lee View Profile Email Twitter" → "Ann Lee": the words before the first account or
  /// sharing link; empty when the value starts with one ("Sign In | Sign Up").
  private static func cutAtInterfaceWord(_ s: String) -> String {
    let words = s.split(separator: " ")
    guard
      let i = words.firstIndex(where: {
        interfaceWords.contains($0.lowercased().filter(\.isLetter))
      })
    else { return s }
    return words[..<i].joined(separator: " ")
  }

  /// 1–12 words, not an interface link, no run of four digits inside a longer phrase.
  static func looksLikeNames(_ s: String) -> Bool {
    let words = s.split(separator: " ")
    guard (1...12).contains(words.count), s.utf8.count <= 100,
      nameParts(s).allSatisfy({ $0.count <= 5 })
    else { return false }
    if words.contains(where: { interfaceWords.contains($0.lowercased().filter(\.isLetter)) }) {
      return false
    }
    if words.count > 1 {
      var run = 0
      for c in s.utf8 {
        run = c >= 0x30 && c <= 0x39 ? run + 1 : 0
        if run >= 4 { return false }
      }
    }
    guard let first = s.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else {
      return false
    }
    return first.properties.isAlphabetic || first.properties.numericType != nil
  }
}

extension String {
  /// Drops the given characters from both ends.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
