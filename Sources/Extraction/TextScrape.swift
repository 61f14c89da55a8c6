/// Plain-text scrapes: one story per file, written as lines.
///
/// The same judgement as for HTML blocks, line by line: header fields (`title:`, a leading
/// ` date YYYY-MM-DD` line, `By …`) become metadata; wrapper lines, short link-like lines, runs
/// of headline-like lines ("Trending Articles" lists) and credits are dropped; story lines
/// stay, and so does a bulleted list inside the story ("• 1,575kg of cocaine"). Hard-wrapped
/// lines are joined back into paragraphs. A photo caption ("… Picture: NAME") is never the title.
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
    /// Starts with a bullet ("• ", "- ", "* ", "– ") and has words after it.
    var bullet: Bool
    /// A photo caption or credit ("Picture: SIMON PARKER", "(Image: Essex Police)").
    var caption: Bool
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
          blankBefore: blank, bullet: isBullet(text, words: words), caption: isCaption(text)))
      blank = false
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

    // Title: the headline-like line nearest above the story (past bylines, dates, labels and
    // wrapper lines); what is above it is masthead and navigation. Without one, the first line
    // when it reads like a headline.
    let bodyStart = storyStart(units)
    var headerEnd = 0  // units before this index are the header (title and what is above it)
    if r.title.isEmpty, let t = headlineIndex(units, before: bodyStart) {
      r.title = units[t].text
      headerEnd = t + 1
    } else if r.title.isEmpty, let first = units.first, !first.terminal || first.words <= 20,
      first.words <= 30, !ChromeFilter.isWrapperLine(first.text), !first.caption
    {
      r.title = first.text
      headerEnd = 1
    }
    if r.date == nil {
      for line in units.prefix(headerEnd + 4) where line.words <= 12 {
        if let d = DateParsing.findDate(in: line.text) {
          r.date = d
          break
        }
      }
    }
    if r.source == nil { r.source = siteName(units, header: units[..<max(0, headerEnd - 1)]) }
    units.removeFirst(headerEnd)

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
      while j < units.count, q[j] != .good, !units[j].bullet,
        !units[j].terminal || units[j].words < 4
      {
        j += 1
      }
      if j - i >= 3 { for k in i..<j { q[k] = .bad } }
      i = max(j, i + 1)
    }
    // A bulleted list inside the story: after a story line or an introduction ending in ":",
    // and followed by more story (or introduced by ":"). Lists of links elsewhere stay out.
    i = 0
    while i < units.count {
      guard units[i].bullet, !units[i].linkLike else {
        i += 1
        continue
      }
      var j = i
      while j < units.count, units[j].bullet, !units[j].linkLike { j += 1 }
      let intro = i > 0 && units[i - 1].text.hasSuffix(":") && q[i - 1] != .bad
      let afterStory = i > 0 && (q[i - 1] == .good || intro)
      let beforeStory = j < units.count && q[j] == .good
      if afterStory && (beforeStory || intro) {
        for k in i..<j { q[k] = .good }
        if intro { q[i - 1] = .good }
      }
      i = j
    }
    var kept = [Int]()
    for (k, u) in units.enumerated() {
      switch q[k] {
      case .good: kept.append(k)
      case .bad: continue
      case .short:
        let prev = k > 0 ? q[k - 1] : nil
        let next = k + 1 < units.count ? q[k + 1] : nil
        if next == .good && (prev == .good || (prev == nil && u.terminal)) && u.words >= 2 {
          kept.append(k)
        } else if prev == .good && u.terminal && u.words >= 3 {
          kept.append(k)
        }
      }
    }
    r.paragraphs = mainRuns(kept, units).map { units[$0].text }
    return r
  }

  /// Kept lines fall into runs split by gaps of four or more dropped lines. The story is the
  /// longest run; a run far from it holding under a quarter of its text is chrome that happens
  /// to read like sentences (reader comments under a "Comments" label, a cookie notice).
  private static func mainRuns(_ kept: [Int], _ units: [Line]) -> [Int] {
    guard kept.count > 1 else { return kept }
    var runs = [[Int]]()
    for k in kept {
      if let last = runs.last?.last, k - last <= 4 {
        runs[runs.count - 1].append(k)
      } else {
        runs.append([k])
      }
    }
    guard runs.count > 1 else { return kept }
    let sizes = runs.map { $0.reduce(0) { $0 + units[$1].text.utf8.count } }
    let biggest = sizes.max() ?? 0
    var out = [Int]()
    for (run, size) in zip(runs, sizes) where size * 4 >= biggest { out += run }
    return out
  }

  /// Index of the first line of the story: the start of the run of sentence lines with the most
  /// text (runs split where three or more other lines come between; a bulleted list inside a
  /// run does not split it).
  private static func storyStart(_ units: [Line]) -> Int {
    var best = (start: units.count, size: 0)
    var current = (start: -1, size: 0, last: -10)
    for (k, u) in units.enumerated() {
      // A bulleted list carries a run of story lines over it, adding no text of its own.
      if u.bullet, !u.linkLike, current.start >= 0, k - current.last <= 3 {
        current.last = k
        continue
      }
      guard isStoryLine(u) else { continue }
      if k - current.last > 3 { current = (k, 0, k) }
      current.size += u.text.utf8.count
      current.last = k
      if current.size > best.size { best = (current.start, current.size) }
    }
    return best.start
  }

  private static func isStoryLine(_ u: Line) -> Bool {
    !u.linkLike && ((u.words >= 10 && u.terminal) || u.words >= 20)
      && !ChromeFilter.isWrapperLine(u.text)
  }

  /// The nearest headline-like line above `end`, passing over at most eight lines that are
  /// bylines, dates, short labels ("Published", "Share this article") or wrapper lines.
  private static func headlineIndex(_ units: [Line], before end: Int) -> Int? {
    var k = min(end, units.count) - 1
    var passed = 0
    while k >= 0 && passed < 8 {
      let u = units[k]
      let skip =
        u.linkLike || u.words < 4 || u.caption || u.bullet || ChromeFilter.isWrapperLine(u.text)
        || TextCleanup.startsWithBy(u.text.utf8)
        || (u.words <= 8 && DateParsing.findDate(in: u.text) != nil)
      if !skip {
        guard u.words <= 30, !u.text.hasSuffix("."), !u.text.hasSuffix(":") else { return nil }
        return k
      }
      k -= 1
      passed += 1
    }
    return nil
  }

  /// The site a scrape came from: a feed footer "The post … appeared first on X.", else the
  /// copyright line, else a masthead line "X | News" above the headline.
  private static func siteName(_ units: [Line], header: ArraySlice<Line>) -> String? {
    for u in units {
      if let name = SiteName.appearedFirstOn(u.text) { return name }
    }
    for u in units.reversed() where u.text.utf8.count < 300 {
      guard
        containsFold(u.text, "©") || containsFold(u.text, "copyright")
          || hasPrefixFold(u.text.utf8, "(c) ")
      else { continue }
      if let name = SiteName.copyright(u.text) { return name }
    }
    for u in header {
      if let name = SiteName.masthead(u.text) { return name }
    }
    return nil
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

  /// A list item: a bullet character, or "-", "*", "–" followed by a space, then two words or
  /// more.
  static func isBullet(_ text: String, words: Int) -> Bool {
    guard words >= 3, let f = text.unicodeScalars.first else { return false }
    if "•·●▪◦‣".unicodeScalars.contains(f) { return true }
    let s = text.unicodeScalars.dropFirst()
    return "-*–—".unicodeScalars.contains(f) && s.first == " "
  }

  /// A photo caption or credit line: "Picture: …", "Photo: …", "Image: …", "Credit: …",
  /// "(Image: …)", "Picture by …" anywhere in a short line.
  static func isCaption(_ text: String) -> Bool {
    guard text.utf8.count < 300 else { return false }
    // Byte searches: this runs on every line of a scrape (String.contains costs microseconds).
    return containsFold(text, "picture:") || containsFold(text, "photo:")
      || containsFold(text, "image:") || containsFold(text, "pic:")
      || containsFold(text, "credit:") || containsFold(text, "photograph:")
      || containsFold(text, "picture by ") || containsFold(text, "photo by ")
      || containsFold(text, "image by ") || containsFold(text, "picture credit")
      || containsFold(text, "photo credit")
  }

  /// Read over the UTF-8 bytes (ASCII case folded): called for every line, and a scrape can
  /// hold hundreds of thousands, or one line of megabytes.
  private static func isLinkLike(_ text: String, words: Int) -> Bool {
    let u = text.utf8
    if words <= 3 && (hasPrefixFold(u, "http") || hasPrefixFold(u, "www.")) { return true }
    if containsFold(text, "http://") || containsFold(text, "https://") {
      let urls = u.split(separator: 0x20).filter {
        $0.starts(with: "http".utf8) || $0.starts(with: "www.".utf8)
      }.count
      if urls * 3 >= words { return true }
    }
    // Menus flattened into one line: "Home | News | Sport | Contact".
    guard words <= 20 else { return false }
    if u.split(separator: UInt8(ascii: "|")).count >= 3 { return true }
    if text.unicodeScalars.split(separator: "•").count >= 3 { return true }
    return false
  }

  /// Whether `u` starts with the lowercase ASCII `prefix`, ASCII case folded.
  private static func hasPrefixFold(_ u: String.UTF8View, _ prefix: StaticString) -> Bool {
    let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
    var i = u.startIndex
    for c in p {
      guard i != u.endIndex else { return false }
      let b = u[i]
      guard (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == c else { return false }
      i = u.index(after: i)
    }
    return true
  }

  /// Whether `text` contains the lowercase ASCII `needle`, ASCII case folded.
  private static func containsFold(_ text: String, _ needle: StaticString) -> Bool {
    let p = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    var text = text
    return text.withUTF8 { t -> Bool in
      let n = t.count
      let m = p.count
      guard m > 0 else { return true }
      guard n >= m else { return false }
      @inline(__always) func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
      for i in 0...(n - m) where fold(t[i]) == p[0] {
        var k = 1
        while k < m, fold(t[i + k]) == p[k] { k += 1 }
        if k == m { return true }
      }
      return false
    }
  }
}
