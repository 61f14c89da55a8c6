/// Wrapper lines that are formats, not content: the lines feed aggregators, feed readers and
/// public-sector site templates put around any story ("The post … appeared first on …",
/// "Browse all 12", "$ 0 0", an "exit this site" button, a beta banner, a photo credit, a
/// "Read more" button).
///
/// Only for lines that are chrome whatever the site; choosing the body of an HTML page is the
/// scorer's job, not this list's. Works on UTF-8 bytes (ASCII case folded), no `String`s.
enum ChromeFilter {
  /// True when the line is a known wrapper line.
  static func isWrapperLine(_ line: String) -> Bool {
    isWrapperLine(Array(line.utf8)[...])
  }

  /// True when the line is a known wrapper line.
  static func isWrapperLine(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard !bytes.isEmpty, bytes.count < 400 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
      for (k, b) in bytes.enumerated() { lower[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
      return check(UnsafeBufferPointer(lower))
    }
  }

  private static func check(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = l.count
    // Feed footers: "The post <title> appeared first on <site>."
    if hasPrefix(l, "the post ") && containsFold(l, " appeared first on ") { return true }
    if n < 150
      && (hasPrefix(l, "this entry was posted in ")
        || hasPrefix(l, "this article was originally published"))
    {
      return true
    }
    // Feed-aggregator page furniture.
    if hasPrefix(l, "viewing all ") && containsFold(l, "article") { return true }
    if hasPrefix(l, "browse latest") || hasPrefix(l, "browse all ") || hasPrefix(l, "view live") {
      return true
    }
    if isCountLine(l) { return true }
    if isMoreButton(l) { return true }
    // Safe-exit buttons and phase banners of public-service site templates.
    if n < 160 && (containsFold(l, "exit this site") || containsFold(l, "exit this page")) {
      return true
    }
    if n < 200 && containsWord(l, "beta")
      && (containsFold(l, "feedback") || containsFold(l, "new service")
        || containsFold(l, "new website"))
    {
      return true
    }
    // Photo credits and copyright lines.
    if n < 140 {
      for label: StaticString in [
        "picture:", "pictures:", "photo:", "photos:", "image:", "images:", "credit:",
        "photograph:", "pic:", "(picture:", "(photo:", "(image:", "photo credit", "image credit",
        "picture credit", "image source:", "©", "(c) ", "copyright ©",
      ] where hasPrefix(l, label) {
        return true
      }
      if containsFold(l, "all rights reserved") { return true }
    }
    return false
  }

  /// "Read more", "Continue reading »", "More…": a button that leads to the rest of a text.
  private static func isMoreButton(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
    guard l.count <= 24 else { return false }
    // The letters and spaces, without arrows, dots and brackets around them.
    var s = [UInt8]()
    for u in l where (u >= 0x61 && u <= 0x7A) || u == 0x20 { s.append(u) }
    while s.first == 0x20 { s.removeFirst() }
    while s.last == 0x20 { s.removeLast() }
    for phrase: StaticString in ["read more", "more", "continue reading", "read the rest"] {
      let p = UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount)
      if s.elementsEqual(p) { return true }
    }
    return false
  }

  /// "$ 0 0", "0 0", "12 3": a line of nothing but counters (an aggregator's price/vote row).
  private static func isCountLine(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
    guard l.count <= 16 else { return false }
    var digits = 0
    var spaces = 0
    for u in l {
      switch u {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: " "): spaces += 1
      case UInt8(ascii: "$"), 0xC2, 0xA3, 0xE2, 0x82, 0xAC: continue  // $, £ and € in UTF-8
      default: return false
      }
    }
    return digits > 0 && spaces > 0
  }

  private static func hasPrefix(_ l: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    guard l.count >= n else { return false }
    let p = s.utf8Start
    for i in 0..<n where l[i] != p[i] { return false }
    return true
  }

  /// `word` with no letter on either side.
  private static func containsWord(_ l: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    guard l.count >= n else { return false }
    let p = s.utf8Start
    func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || b >= 0x80 }
    var i = 0
    while i + n <= l.count {
      var k = 0
      while k < n && l[i + k] == p[k] { k += 1 }
      if k == n && (i == 0 || !isLetter(l[i - 1])) && (i + n == l.count || !isLetter(l[i + n])) {
        return true
      }
      i += 1
    }
    return false
  }
}
