/// Wrapper lines that are formats, not content: the lines feed aggregators, feed readers and
/// public-sector site templates put around any story ("The post … appeared first on …",
/// "Browse all 12", "$ 0 0", an "exit this site" button, a beta banner, a photo credit).
///
/// Only for lines that are chrome whatever the site; choosing the body of an HTML page is the
/// scorer's job, not this list's.
enum ChromeFilter {
  /// True when the line is a known wrapper line.
  static func isWrapperLine(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard !bytes.isEmpty, bytes.count < 400 else { return false }
    let line = String(decoding: bytes, as: UTF8.self).lowercased()
    return isWrapperLine(lowercased: line)
  }

  /// True when the line is a known wrapper line.
  static func isWrapperLine(_ line: String) -> Bool {
    guard !line.isEmpty, line.utf8.count < 400 else { return false }
    return isWrapperLine(lowercased: line.lowercased())
  }

  private static func isWrapperLine(lowercased line: String) -> Bool {
    // Feed footers: "The post <title> appeared first on <site>."
    if line.hasPrefix("the post ") && line.contains(" appeared first on ") { return true }
    if line.hasPrefix("this entry was posted in ") || line.hasPrefix("this article was originally published") && line.count < 150 {
      return true
    }
    // Feed-aggregator page furniture.
    if line.hasPrefix("viewing all ") && line.contains("article") { return true }
    if line.hasPrefix("browse latest") || line.hasPrefix("browse all ") { return true }
    if line.hasPrefix("view live") || line == "live" { return true }
    if isCountLine(line) { return true }
    // Safe-exit buttons and phase banners of public-service site templates.
    if line.count < 160 && (line.contains("exit this site") || line.contains("exit this page")) {
      return true
    }
    if line.count < 200 && hasWord(line, "beta")
      && (line.contains("feedback") || line.contains("new service") || line.contains("new website"))
    {
      return true
    }
    // Photo credits.
    if line.count < 140 {
      for label in [
        "picture:", "pictures:", "photo:", "photos:", "image:", "images:", "credit:",
        "photograph:", "pic:", "(picture:", "(photo:", "(image:", "photo credit", "image credit",
        "picture credit", "image source:", "source: getty", "getty images", "©", "(c) ",
        "copyright ©", "all rights reserved",
      ] where line.hasPrefix(label) {
        return true
      }
      if line.hasSuffix("all rights reserved.") || line.hasSuffix("all rights reserved") {
        return true
      }
    }
    return false
  }

  /// "$ 0 0", "0 0", "12 3": a line of nothing but counters (an aggregator's price/vote row).
  private static func isCountLine(_ line: String) -> Bool {
    var digits = 0
    for u in line.utf8 {
      switch u {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: " "), UInt8(ascii: "$"), 0xC2, 0xA3, 0xE2, 0x82, 0xAC: continue  // £ and € in UTF-8
      default: return false
      }
    }
    return digits > 0 && line.utf8.count <= 16 && line.contains(" ")
  }

  private static func hasWord(_ line: String, _ word: String) -> Bool {
    var token = ""
    for ch in line {
      if ch.isLetter {
        token.append(ch)
      } else {
        if token == word { return true }
        token = ""
      }
    }
    return token == word
  }
}
