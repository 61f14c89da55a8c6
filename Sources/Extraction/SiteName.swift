/// Site names read from the text of a page or a scrape, for when no meta tag names the site:
/// the feed footer "The post … appeared first on X.", a copyright line "© 2024 X. All rights
/// reserved." and a masthead line "X | News | Crime".
///
/// Every reader returns a cleaned name (1–8 words, starting with a letter or digit, no URL) or
/// nil; none knows any site.
enum SiteName {
  /// "The post <title> appeared first on <site>." → site: the original publisher of a story
  /// that a feed reader or aggregator republished.
  static func appearedFirstOn(_ line: String) -> String? {
    let lower = line.asciiLowercased
    guard line.utf8.count < 400, lower.hasPrefix("the post "),
      let r = lower.firstRange(of: " appeared first on ")
    else { return nil }
    return clean(String(line.suffix(fromOffsetOf: r.upperBound, in: lower)))
  }

  /// "© 2024 Site Ltd · Privacy", "Copyright 1999-2024 Site. All rights reserved.",
  /// "© Site 2024" → "Site".
  static func copyright(_ line: String) -> String? {
    guard line.utf8.count < 300 else { return nil }
    let lower = line.asciiLowercased
    var rest: Substring
    if let r = lower.firstRange(of: "©") ?? lower.firstRange(of: "(c) ")
      ?? lower.firstRange(of: "copyright ")
    {
      rest = line.suffix(fromOffsetOf: r.upperBound, in: lower)
    } else {
      return nil
    }
    // Leading marks and years: "Copyright © 1999–2024 ".
    while true {
      rest = rest.drop { $0 == " " }
      if rest.asciiLowercased.hasPrefix("copyright") {
        rest = rest.dropFirst("copyright".count)
      } else if rest.hasPrefix("©") {
        rest = rest.dropFirst()
      } else if rest.asciiLowercased.hasPrefix("(c)") {
        rest = rest.dropFirst(3)
      } else if let f = rest.first, f.isNumber {
        rest = rest.drop { $0.isNumber || $0 == "-" || $0 == "–" || $0 == "," }
      } else {
        break
      }
    }
    return clean(String(rest))
  }

  /// "Site | News | Crime" at the top of a scrape → "Site" (the first part of a breadcrumb-like
  /// line). Only names of two or more words, so menus ("Home | News") give nothing.
  static func masthead(_ line: String) -> String? {
    guard line.utf8.count < 120 else { return nil }
    for sep in [" | ", " :: ", " » ", " › ", " > "] {
      let parts = line.split(separator: sep, omittingEmptySubsequences: false).map(String.init)
      guard parts.count >= 2 else { continue }
      guard let name = clean(parts[0]), name.split(separator: " ").count >= 2 else { return nil }
      return name
    }
    return nil
  }

  /// Cuts a name at the first separator or sentence end, drops trailing years, company suffixes
  /// and punctuation; nil unless what is left looks like a name.
  static func clean(_ raw: String) -> String? {
    var s = TextCleanup.normalizeWhitespace(raw)
    // Cut at the first separator ("Site · Privacy", "Site | Terms", "Site, all rights…").
    for sep in [" | ", " · ", " • ", " - ", " – ", " — ", ", ", "; ", " (", "All rights", "all rights"]
    {
      if let r = s.firstRange(of: sep) { s = String(s[..<r.lowerBound]) }
    }
    // Cut at a sentence end: ". " after a word longer than three letters or a number
    // ("St. Albans Post" keeps its "St.").
    var searchFrom = s.startIndex
    while let r = s[searchFrom...].firstRange(of: ". ") {
      let word = s[..<r.lowerBound].split(separator: " ").last ?? ""
      if word.count > 3 || word.allSatisfy(\.isNumber) {
        s = String(s[..<r.lowerBound])
        break
      }
      searchFrom = r.upperBound
    }
    var words = s.split(separator: " ").map(String.init)
    while let last = words.last {
      let bare = last.trimmingCharacters(in: ".,;:!")
      let lower = bare.lowercased()
      if bare.isEmpty || bare.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" })
        || ["ltd", "limited", "plc", "inc", "llc", "gmbh"].contains(lower)
      {
        words.removeLast()
      } else {
        break
      }
    }
    guard !words.isEmpty, words.count <= 8 else { return nil }
    var name = words.joined(separator: " ")
    while let l = name.last, ".,;:!".contains(l) { name.removeLast() }
    guard let first = name.unicodeScalars.first,
      first.properties.isUppercase || first.properties.numericType != nil,
      !name.lowercased().contains("http"), !name.contains("/"), name.count <= 60
    else { return nil }
    return name
  }
}

extension StringProtocol {
  /// ASCII letters lowercased, every other byte unchanged: the same length and indices.
  var asciiLowercased: String {
    String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}

extension String {
  /// The part of `self` after the UTF-8 offset that `index` has in `other` (a copy of `self`
  /// with the same UTF-8 length, such as its `asciiLowercased`).
  fileprivate func suffix(fromOffsetOf index: String.Index, in other: String) -> Substring {
    let offset = other.utf8.distance(from: other.utf8.startIndex, to: index)
    return self[utf8.index(utf8.startIndex, offsetBy: offset)...]
  }

  /// Drops the given characters from both ends.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
