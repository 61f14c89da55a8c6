/// Small text helpers shared by every input kind.
enum TextCleanup {
  /// Collapses runs of whitespace (including no-break and thin spaces) to one space and trims.
  static func normalizeWhitespace(_ s: String) -> String {
    var s = s
    return s.withUTF8 { text in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { out in
        let n = normalizeWhitespace(text, from: 0, lines: false, into: out).count
        return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
      }
    }
  }

  /// The paragraphs of a plain-text body (valid UTF-8): its lines, whitespace-normalised, without
  /// empty lines and feed wrapper lines (`ChromeFilter.isWrapperLine`).
  static func paragraphs(_ text: UnsafeBufferPointer<UInt8>) -> [String] {
    var out: [String] = []
    var line = [UInt8](repeating: 0, count: text.count)
    var start = 0
    while start < text.count {
      let (end, n) = line.withUnsafeMutableBufferPointer {
        normalizeWhitespace(text, from: start, lines: true, into: $0)
      }
      if n > 0 && !ChromeFilter.isWrapperLine(line[..<n]) {
        out.append(line.withUnsafeBufferPointer { String(decoding: $0[..<n], as: UTF8.self) })
      }
      start = end
    }
    return out
  }

  /// `normalizeWhitespace` over the bytes of `text` from `start`: to the end, or with `lines`, to
  /// the next newline. Writes to `out`, which must hold `text.count - start` bytes.
  /// - Returns: where it stopped (past the newline) and how many bytes it wrote.
  ///
  /// A whitespace run becomes a space as soon as it starts, unless the output is empty or already
  /// ends in one (output spaces only ever come from whitespace); a trailing space is dropped at
  /// the end. That is the same as collapsing runs and trimming.
  static func normalizeWhitespace(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int, lines: Bool,
    into out: UnsafeMutableBufferPointer<UInt8>
  ) -> (end: Int, count: Int) {
    guard let src = text.baseAddress, let dst = out.baseAddress, start < text.count else {
      return (text.count, 0)
    }
    let n = text.count
    var i = start
    var o = 0  // never more than i - start, so an 8-byte store at o stays inside `out`
    while i < n {
      // Eight bytes at once when they are plain (not whitespace, not a control character, not
      // the lead byte of U+00A0 or U+2009…U+202F) or single spaces between plain bytes.
      if i + 8 <= n {
        let w = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
        if copiesAsIs(w, afterSpace: o == 0 || dst[o - 1] == 0x20) {
          UnsafeMutableRawPointer(dst + o).storeBytes(of: w, as: UInt64.self)
          o += 8
          i += 8
          continue
        }
      }
      let b = src[i]
      var space = false
      if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B {
        space = true
        i += 1
      } else if b == 0x0A {
        if lines { break }
        space = true
        i += 1
      } else if b == 0xC2 && i + 1 < n && src[i + 1] == 0xA0 {  // no-break space
        space = true
        i += 2
      } else if b == 0xE2 && i + 2 < n && src[i + 1] == 0x80
        && (src[i + 2] == 0xAF || src[i + 2] == 0x89 || src[i + 2] == 0x8B)
      {
        // Narrow no-break and thin spaces separate words; a zero-width space joins them.
        space = src[i + 2] != 0x8B
        i += 3
      } else {
        dst[o] = b
        o += 1
        i += 1
      }
      if space && o > 0 && dst[o - 1] != 0x20 {
        dst[o] = 0x20
        o += 1
      }
    }
    if o > 0 && dst[o - 1] == 0x20 { o -= 1 }
    return (i < n ? i + 1 : n, o)
  }

  /// Whether the eight bytes of `w` (little-endian) go to the output unchanged: none is a control
  /// character, 0xC2 or 0xE2, no two spaces touch, and the first is no space when the output is
  /// empty or ends in one (`afterSpace`).
  @inline(__always)
  private static func copiesAsIs(_ w: UInt64, afterSpace: Bool) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let c2 = w ^ (ones &* 0xC2)
    let e2 = w ^ (ones &* 0xE2)
    // Any byte below 0x20, or equal to 0xC2 or 0xE2 (exact as a yes/no).
    if ((w &- ones &* 0x20) & ~w | (c2 &- ones) & ~c2 | (e2 &- ones) & ~e2) & highs != 0 {
      return false
    }
    // Exactly the space bytes.
    let x = w ^ (ones &* 0x20)
    let spaces = ~(((x & lows) &+ lows) | x | lows)
    if spaces & (spaces << 8) != 0 { return false }
    return !(afterSpace && spaces & 0x80 != 0)
  }

  /// `s` without control characters: C0 controls other than newline and tab, DEL, and the C1
  /// controls U+0080…U+009F (UTF-8 `C2 80`…`C2 9F`). Terminal escape sequences lose their ESC
  /// (and 8-bit CSI) and so become inert text.
  static func strippingControls(_ s: String) -> String {
    func strips(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F }
    // Most text has none: one pass to find out, and the string back unchanged.
    var first = -1
    var k = 0
    for b in s.utf8 {
      if strips(b) || b == 0xC2 {
        first = k
        break
      }
      k += 1
    }
    guard first >= 0 else { return s }
    let bytes = Array(s.utf8)
    var out = Array(bytes[..<first])
    out.reserveCapacity(bytes.count)
    var i = first
    while i < bytes.count {
      let b = bytes[i]
      if strips(b) {
        i += 1
      } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
        i += 2
      } else {
        out.append(b)
        i += 1
      }
    }
    if out.count == bytes.count { return s }
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
  /// True when the first or last byte is one `trimmingSpaces` may remove (otherwise it returns
  /// the string unchanged).
  var hasOuterSpace: Bool {
    func space(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    return space(utf8.first) || space(utf8.last)
  }

  /// Trims ASCII spaces and tabs at both ends.
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
    return String(s)
  }
}
