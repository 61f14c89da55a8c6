/// The parameters of a URL's query string, as an HTML form's GET sends them: `+` is a space and
/// `%XX` a byte (invalid escapes are kept as typed). The first occurrence of a name wins.
struct QueryString: Sendable {
  private var values: [String: String] = [:]

  init(_ query: String?) {
    guard let query else { return }
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      if values[name] == nil { values[name] = value }
    }
  }

  subscript(_ name: String) -> String? { values[name] }

  /// `+` → space, `%XX` → the byte; the bytes read as UTF-8 (invalid sequences replaced).
  static func decode(_ s: Substring) -> String {
    let u = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(u.count)
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: return b - 0x30
      case 0x41...0x46: return b - 0x41 + 10
      case 0x61...0x66: return b - 0x61 + 10
      default: return nil
      }
    }
    var i = 0
    while i < u.count {
      let b = u[i]
      if b == UInt8(ascii: "+") {
        out.append(0x20)
        i += 1
      } else if b == UInt8(ascii: "%"), i + 2 < u.count,
        let h = hex(u[i + 1]), let l = hex(u[i + 2])
      {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `s` percent-encoded for a query string value (unreserved characters kept).
  static func encode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
      switch b {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        let h = String(b, radix: 16, uppercase: true)
        out += "%" + (h.count == 1 ? "0" + h : h)
      }
    }
    return out
  }
}
