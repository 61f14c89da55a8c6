/// Plain-text scrapes: one story per file, written as lines.
///
/// The same judgement as for HTML blocks, line by line: header fields (`title:`, a leading
/// ` date YYYY-MM-DD` line, `By …`) become metadata; wrapper lines, short link-like lines, runs of
/// headline-like lines ("Trending Articles" lists) and credits are dropped; story lines stay.
/// Hard-wrapped lines are joined back into paragraphs.
enum TextScrape {
  struct Result {
    var title: String
    var date: String?
    var source: String?
    var byline: String?
    var url: String?
    var paragraphs: [String]
  }

  private struct Line {
    var text: String
    var words: Int
    /// Ends like a sentence (. ! ? : or a closing quote after one).
    var terminal: Bool
    var linkLike: Bool
    var blankBefore: Bool
  }

  static func extract(utf8: [UInt8]) -> Result {
    var r = Result(title: "", paragraphs: [])
    var lines = [Line]()
    var blank = false
    var headerZone = true
    var raw = String(decoding: utf8, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    if raw.count == 1 { raw = raw[0].split(separator: "\r", omittingEmptySubsequences: false) }
    for rawLine in raw {
      let text = TextCleanup.normalizeWhitespace(String(rawLine))
      if text.isEmpty {
        blank = true
        continue
      }
      if headerZone, lines.count < 4, readHeaderField(text, into: &r) { continue }
      if lines.count >= 4 { headerZone = false }
      let words = text.split(separator: " ").count
      lines.append(
        Line(
          text: text, words: words, terminal: endsSentence(text),
          linkLike: isLinkLike(text, words: words),
          blankBefore: blank))
      blank = false
    }

    // Title: the first line when it reads like a headline and no `title:` field was given.
    if r.title.isEmpty, let first = lines.first, !first.terminal || first.words <= 20,
      first.words <= 30, !ChromeFilter.isWrapperLine(first.text)
    {
      r.title = first.text
      lines.removeFirst()
    }
    if r.date == nil {
      for line in lines.prefix(4) where line.words <= 12 {
        if let d = DateParsing.findDate(in: line.text) {
          r.date = d
          break
        }
      }
    }

    // Join hard-wrapped lines: a line that does not end a sentence, followed without a blank
    // line by one that starts in lower case, continues the same paragraph.
    var units = [Line]()
    for line in lines {
      if var last = units.last, !last.terminal, !line.blankBefore,
        let f = line.text.unicodeScalars.first, f.properties.isLowercase, last.words >= 6
      {
        if last.text.hasSuffix("-"), let p = last.text.dropLast().last, p.isLetter {
          last.text = String(last.text.dropLast()) + line.text
        } else {
          last.text += " " + line.text
        }
        last.words += line.words
        last.terminal = line.terminal
        units[units.count - 1] = last
      } else {
        units.append(line)
      }
    }

    // Judge each unit; short ones by their neighbours; runs of headline-like lines are lists.
    enum Q { case good, short, bad }
    let titleKey = TextCleanup.foldKey(r.title.utf8)
    var q = units.map { u -> Q in
      if u.linkLike || ChromeFilter.isWrapperLine(u.text) { return .bad }
      if !titleKey.isEmpty && TextCleanup.foldKey(u.text.utf8) == titleKey { return .bad }
      if TextCleanup.startsWithBy(u.text.utf8) && u.words <= 8 { return .bad }
      if u.words <= 8, DateParsing.findDate(in: u.text) != nil { return .bad }
      if u.words >= 10 && u.terminal { return .good }
      if u.words >= 20 { return .good }
      return .short
    }
    var i = 0
    while i < units.count {
      var j = i
      while j < units.count, q[j] != .good, !units[j].terminal || units[j].words < 4 { j += 1 }
      if j - i >= 3 { for k in i..<j { q[k] = .bad } }
      i = max(j, i + 1)
    }
    for (k, u) in units.enumerated() {
      switch q[k] {
      case .good: r.paragraphs.append(u.text)
      case .bad: continue
      case .short:
        let prev = k > 0 ? q[k - 1] : nil
        let next = k + 1 < units.count ? q[k + 1] : nil
        if next == .good && (prev == .good || (prev == nil && u.terminal)) && u.words >= 2 {
          r.paragraphs.append(u.text)
        } else if prev == .good && u.terminal && u.words >= 3 {
          r.paragraphs.append(u.text)
        }
      }
    }
    return r
  }

  /// `title: …`, ` date 2024-05-14`, `source: …`, `url: …`, `By …` at the top of the file.
  private static func readHeaderField(_ text: String, into r: inout Result) -> Bool {
    let lower = text.lowercased()
    /// `key: value` or `key=value`; `key value` only where the value is checked (dates).
    func value(after key: String, spaceToo: Bool = false) -> String? {
      guard lower.hasPrefix(key) else { return nil }
      var rest = text.dropFirst(key.count)
      guard let f = rest.first, f == ":" || f == "=" || (spaceToo && f == " ") else { return nil }
      rest = rest.dropFirst()
      return String(rest).trimmingSpaces()
    }
    if let v = value(after: "title"), !v.isEmpty {
      r.title = v
      return true
    }
    for key in ["date", "published", "pubdate"] {
      if let v = value(after: key, spaceToo: true), let d = DateParsing.normalize(v) {
        r.date = d
        return true
      }
    }
    if let v = value(after: "source") ?? value(after: "site"), !v.isEmpty {
      r.source = v
      return true
    }
    if let v = value(after: "url") ?? value(after: "link"), v.hasPrefix("http") {
      r.url = v
      return true
    }
    if let v = value(after: "author") ?? value(after: "byline"), let b = TextCleanup.cleanByline(v)
    {
      r.byline = b
      return true
    }
    if TextCleanup.startsWithBy(text.utf8), text.split(separator: " ").count <= 8 {
      r.byline = TextCleanup.cleanByline(text)
      return true
    }
    return false
  }

  private static func endsSentence(_ text: String) -> Bool {
    var last = text.unicodeScalars.last
    var scalars = text.unicodeScalars.dropLast()
    while let l = last, "\"'”’)]".unicodeScalars.contains(l) {
      last = scalars.last
      scalars = scalars.dropLast()
    }
    guard let l = last else { return false }
    return ".!?:。！？…".unicodeScalars.contains(l)
  }

  private static func isLinkLike(_ text: String, words: Int) -> Bool {
    let lower = text.lowercased()
    if words <= 3 && (lower.hasPrefix("http") || lower.hasPrefix("www.")) { return true }
    if lower.contains("http://") || lower.contains("https://") {
      let urls = text.split(separator: " ").filter { $0.hasPrefix("http") || $0.hasPrefix("www.") }
        .count
      if urls * 3 >= words { return true }
    }
    // Menus flattened into one line: "Home | News | Sport | Contact".
    if text.split(separator: "|").count >= 3 && words <= 20 { return true }
    if text.split(separator: "•").count >= 3 && words <= 20 { return true }
    return false
  }
}
