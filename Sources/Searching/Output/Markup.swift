/// Escaping for the markup blotter writes: the server's HTML pages and the alerts' Atom feeds.
public enum Markup {
  /// `s` as markup text: `& < > " '` escaped (the apostrophe as `&#39;`, which HTML and XML both
  /// read), and what XML 1.0 does not allow dropped (control characters other than tab, newline
  /// and return; U+FFFE and U+FFFF), so scraped text always shows as text.
  public static func escape(_ s: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(u)
      default:
        let v = u.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }
}
