/// Comma-separated values as RFC 4180 writes them: a field that holds a comma, a double quote,
/// a carriage return or a line feed is put in double quotes, with its quotes doubled; every
/// record, the header too, ends with CRLF. Nothing else is changed (no trimming, and a field
/// that starts with `=` stays as it is: the file is data, not a spreadsheet's formula).
public enum CSV {
  /// One record, CRLF included.
  public static func record(_ fields: [String]) -> String {
    var out = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { out += "," }
      field(f, into: &out)
    }
    out += "\r\n"
    return out
  }

  /// `s` as one field, quoted when it must be.
  public static func field(_ s: String, into out: inout String) {
    let needsQuotes = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    guard needsQuotes else {
      out += s
      return
    }
    out += "\""
    for c in s.unicodeScalars {
      if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
    }
    out += "\""
  }
}
