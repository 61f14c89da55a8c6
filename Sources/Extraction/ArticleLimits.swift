/// The last step of every extraction: the limits and the cleaning every stored article meets,
/// whatever its input kind.
///
/// - No control characters: C0 controls other than newline and tab, DEL and the C1 controls
///   (U+0080…U+009F, which include the 8-bit CSI) are removed, so nothing indexed, stored or
///   printed carries a terminal escape sequence from a scraped page.
/// - Bounded size: an HTML page is read up to ``maxPageBytes``, a text scrape up to
///   ``maxTextFileBytes``; the body keeps its first ``maxTextBytes`` bytes of paragraphs (whole
///   paragraphs, and the one that crosses the bound cut at a word), the title and the other
///   one-line fields their first ``maxFieldBytes``. Real articles are far below both (the largest
///   body in the extraction benchmark's 181 pages is 94 KB, the median 3 KB); the caps keep one
///   runaway scrape (a 60 MB log saved as `.txt`) from costing gigabytes to analyse and index.
public enum ArticleLimits {
  /// Most bytes of body text one article keeps (UTF-8, as ``Article/text`` joins the paragraphs).
  public static let maxTextBytes = 1 << 20
  /// Most bytes of the title, source, byline or URL.
  public static let maxFieldBytes = 2048
  /// Most bytes of an HTML page that are read (UTF-8): markup is several times its text.
  public static let maxPageBytes = 8 << 20
  /// Most bytes of a plain-text scrape that are read (UTF-8).
  public static let maxTextFileBytes = 4 << 20

  /// How much of a file of `kind` is read: HTML pages and text scrapes hold one document, so
  /// the bytes past what can fill ``maxTextBytes`` are not worth parsing; feeds and JSON Lines
  /// hold many and are read whole (each document is capped).
  static func maxInputBytes(_ kind: InputKind) -> Int? {
    switch kind {
    case .html: maxPageBytes
    case .text: maxTextFileBytes
    case .feed, .jsonLines: nil
    }
  }

  /// The first `limit` bytes or fewer of valid UTF-8, ending at a line break when there is one
  /// in the last 64 KB, otherwise at a whole character.
  static func head(_ utf8: [UInt8], _ limit: Int) -> [UInt8] {
    guard utf8.count > limit else { return utf8 }
    var end = limit
    while end > 0 && utf8[end] & 0xC0 == 0x80 { end -= 1 }
    var k = end
    while k > 0 && k > end - 65536 && utf8[k - 1] != 0x0A { k -= 1 }
    if k > 0 && utf8[k - 1] == 0x0A { end = k }
    return Array(utf8[..<end])
  }

  /// `a` with control characters removed and every field within its bound.
  static func finish(_ a: Article) -> Article {
    var a = a
    a.title = bounded(TextCleanup.strippingControls(a.title), maxFieldBytes)
    a.url = a.url.map { bounded(TextCleanup.strippingControls($0), maxFieldBytes) }
    a.source = a.source.map { bounded(TextCleanup.strippingControls($0), maxFieldBytes) }
    a.byline = a.byline.map { bounded(TextCleanup.strippingControls($0), maxFieldBytes) }
    var kept: [String] = []
    kept.reserveCapacity(a.paragraphs.count)
    var budget = maxTextBytes
    for p in a.paragraphs {
      // The newline that joins this paragraph to the one before.
      if !kept.isEmpty { budget -= 1 }
      guard budget > 0 else { break }
      let clean = TextCleanup.strippingControls(p)
      let n = clean.utf8.count
      if n == 0 {
        if !kept.isEmpty { budget += 1 }
      } else if n <= budget {
        kept.append(clean)
        budget -= n
      } else {
        let cut = bounded(clean, budget)
        if !cut.isEmpty { kept.append(cut) }
        budget = 0
      }
    }
    a.paragraphs = kept
    return a
  }

  /// The longest prefix of `s` of at most `limit` UTF-8 bytes that ends at a whole character,
  /// and at a space when there is one in its last 200 bytes.
  static func bounded(_ s: String, _ limit: Int) -> String {
    let utf8 = s.utf8
    guard utf8.count > limit else { return s }
    var end = limit
    let bytes = Array(utf8.prefix(limit + 1))
    // Back off continuation bytes (10xxxxxx): `end` then starts a character.
    while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    var k = end
    while k > 0 && k > end - 200 && bytes[k - 1] != 0x20 { k -= 1 }
    if k > 0 && bytes[k - 1] == 0x20 { end = k - 1 }
    return String(decoding: bytes[..<end], as: UTF8.self)
  }
}
