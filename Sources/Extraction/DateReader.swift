/// Reads a page's dates in the page's own convention: numeric dates month-first on US pages
/// (`html lang`, `og:locale`), or in whichever order agrees with an unambiguous ISO date
/// elsewhere on the page; `<time>` elements and lines that say "Updated" are not the
/// publication date.
struct DateReader {
  let page: PageModel
  /// Read `05/08/2014` as May 8th.
  let monthFirst: Bool
  private let ld: JSONLDFacts

  init(page: PageModel, ld: JSONLDFacts, meta: ([String]) -> String?) {
    self.page = page
    // The region of <html lang> when it names one ("en-US"), else that of og:locale.
    let tags = [page.metadata.lang, meta(["og:locale"]), meta(["language", "content-language"])]
      .compactMap { $0?.lowercased().replacingUnderscores }
    let region = tags.first { $0.contains("-") } ?? ""
    monthFirst = region.hasSuffix("-us")
    self.ld = ld
  }

  /// Days named by ISO timestamps on the page (meta tags, JSON-LD, `<time datetime>`); read
  /// only for an ambiguous numeric date.
  private func isoDays() -> Set<String> {
    var iso = Set<String>()
    var raws = page.metadata.meta.filter { Self.dateKey($0.key) }.map(\.value)
    raws += page.metadata.times.map(\.value)
    raws += [ld.datePublished, ld.dateModified].compactMap { $0 }
    for raw in raws {
      let t = raw.trimmingSpaces()
      guard t.utf8.count >= 10, Self.isISO(t.utf8.prefix(10)) else { continue }
      if let d = DateParsing.normalize(String(t.prefix(10))) { iso.insert(d) }
    }
    return iso
  }

  private static func dateKey(_ key: String) -> Bool {
    key.contains("date") || key.contains("time") || key.contains("published")
      || key.contains("modified") || key.contains("created") || key.contains("issued")
  }

  private static func isISO(_ b: Substring.UTF8View.SubSequence) -> Bool {
    let a = Array(b)
    func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { a[$0] >= 0x30 && a[$0] <= 0x39 } }
    return a.count == 10 && digits(0..<4) && a[4] == 0x2D && digits(5..<7) && a[7] == 0x2D
      && digits(8..<10)
  }

  /// A date value or line as `YYYY-MM-DD`, numeric dates read in the page's order.
  func read(_ raw: String?) -> String? {
    guard let raw, !raw.isEmpty else { return nil }
    let found = DateParsing.normalize(raw)
    guard let (a, b, y) = Self.firstNumericDate(raw) else { return found }
    let dayFirst = Self.render(y, b, a)
    let monthFirstReading = Self.render(y, a, b)
    // DateParsing reads numeric dates day-first; only the numeric date it found (or failed
    // to read, "11/19/2019") is re-read here.
    guard found == nil || found == dayFirst else { return found }
    switch (dayFirst, monthFirstReading) {
    case (let d?, let m?) where d != m:
      let iso = isoDays()
      if iso.contains(m) { return m }
      if iso.contains(d) { return d }
      return monthFirst ? m : d
    case (let d?, _): return d
    case (nil, let m?): return m
    default: return found
    }
  }

  /// The first `<time datetime>` whose text is not an update ("Updated 9:41 AM").
  func firstTime() -> String? {
    var seenInBlock = [Int: Int]()
    for t in page.metadata.times {
      let nth = seenInBlock[t.block, default: 0]
      seenInBlock[t.block] = nth + 1
      if t.block < page.blocks.count {
        let line = page.string(of: page.blocks[t.block])
        if Self.updateMark(line) {
          // "Updated <time>; Posted <time>": the n-th time of the line is the n-th dated piece.
          let flags = Self.segments(line).filter { $0.0.contains(where: \.isNumber) }.map(\.1)
          if nth >= flags.count || flags[nth] { continue }
        }
      }
      if let d = read(t.value) { return d }
    }
    return nil
  }

  /// The first date in a line that is not marked as an update: "Updated Nov 19; Posted Nov 18"
  /// → Nov 18; nil for "Updated Nov 19" alone (see `updatedNearHeadline`).
  func published(inLine line: String) -> String? {
    guard Self.updateMark(line) else { return read(line) }
    for (segment, updated) in Self.segments(line) where !updated {
      if let d = read(segment) { return d }
    }
    return nil
  }

  /// A date in a line marked as an update near the headline: the last resort.
  var updatedNearHeadline: String? {
    let start = page.metadata.firstH1Block ?? 0
    for b in page.blocks[max(0, start - 3)..<min(page.blocks.count, start + 12)] where b.words <= 20
    {
      let line = page.string(of: b)
      if Self.updateMark(line), let d = read(line) { return d }
    }
    return nil
  }

  /// "WASHINGTON, Feb. 23, 2015 -- The …" → 2015-02-23: a date before the first dash of a
  /// paragraph's opening.
  func dateline(_ paragraph: String) -> String? {
    // The first " -- ", " — ", " – " or " - " in the first 160 bytes.
    let b = Array(paragraph.utf8.prefix(160))
    var i = 0
    while i + 3 < b.count {
      if b[i] == 0x20 {
        let dash2 = b[i + 1] == 0x2D && b[i + 2] == 0x2D && b[i + 3] == 0x20
        let dash1 = b[i + 1] == 0x2D && b[i + 2] == 0x20
        let long =
          i + 4 < b.count && b[i + 1] == 0xE2 && b[i + 2] == 0x80
          && (b[i + 3] == 0x94 || b[i + 3] == 0x93) && b[i + 4] == 0x20
        if dash2 || dash1 || long {
          return read(String(decoding: b[..<i], as: UTF8.self))
        }
      }
      i += 1
    }
    return nil
  }

  private static let updateWords = [
    "updated", "modified", "edited", "aktualisiert", "actualizado", "mis à jour", "aggiornato",
    "обновлено",
  ]
  private static let publishWords = [
    "published", "posted", "publiziert", "veröffentlicht", "publicado", "publié", "pubblicato",
    "опубликовано", "created",
  ]

  private static let updatePatterns = updateWords.map { Array($0.utf8) }

  /// Whether the line names an update; a byte search over the ASCII-lowercased line.
  private static func updateMark(_ line: String) -> Bool {
    let lower = line.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    return updatePatterns.contains { contains(lower, $0) }
  }

  private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let f = needle.first, hay.count >= needle.count else { return false }
    var i = 0
    let last = hay.count - needle.count
    while i <= last {
      if hay[i] == f {
        var k = 1
        while k < needle.count && hay[i + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  /// The line cut before every update or publish word, each piece flagged when it is an update.
  private static func segments(_ line: String) -> [(String, Bool)] {
    let lower = line.lowercased()
    var marks: [(String.Index, Bool)] = []
    for w in updateWords { for r in lower.ranges(of: w) { marks.append((r.lowerBound, true)) } }
    for w in publishWords { for r in lower.ranges(of: w) { marks.append((r.lowerBound, false)) } }
    marks.sort { $0.0 < $1.0 }
    var out: [(String, Bool)] = []
    var start = lower.startIndex
    var updated = false
    for (at, isUpdate) in marks {
      out.append((String(lower[start..<at]), updated))
      start = at
      updated = isUpdate
    }
    out.append((String(lower[start...]), updated))
    return out
  }

  /// The first `D/D/YYYY` (or `.`/`-`) in `s`: its two leading numbers and the year.
  static func firstNumericDate(_ s: String) -> (Int, Int, Int)? {
    let b = Array(s.utf8)
    func digit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
    func number(_ i: inout Int, max: Int) -> Int? {
      var n = 0
      var k = 0
      while digit(i) && k < max {
        n = n * 10 + Int(b[i] - 0x30)
        i += 1
        k += 1
      }
      return k == 0 || digit(i) ? nil : n
    }
    var i = 0
    while i < b.count {
      guard digit(i), !digit(i - 1) else {
        i += 1
        continue
      }
      var j = i
      if let a = number(&j, max: 2), j < b.count, b[j] == 0x2F || b[j] == 0x2E || b[j] == 0x2D {
        let sep = b[j]
        j += 1
        if let m = number(&j, max: 2), j < b.count, b[j] == sep {
          j += 1
          var k = j
          if let y = number(&k, max: 4), k - j == 4 { return (a, m, y) }
        }
      }
      i += 1
      while digit(i) { i += 1 }
    }
    return nil
  }

  private static func render(_ y: Int, _ m: Int, _ d: Int) -> String? {
    guard y >= 1990, y <= 2100, m >= 1, m <= 12, d >= 1, d <= 31 else { return nil }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d))"
  }
}

extension String {
  /// "en_US" → "en-us" style: underscores as hyphens.
  fileprivate var replacingUnderscores: String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}
