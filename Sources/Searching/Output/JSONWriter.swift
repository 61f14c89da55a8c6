/// A small, fast JSON writer for the CLI's and the server's output (no Foundation encoder per
/// line). Keys come out in the order written.
public struct JSONWriter: Sendable {
  public private(set) var text = ""
  private var needComma: [Bool] = [false]

  public init() { text.reserveCapacity(512) }

  public mutating func open() {
    // After `key(_:)` the comma is already written.
    if !text.hasSuffix(":") { comma() }
    text += "{"
    needComma.append(false)
  }

  public mutating func close() {
    text += "}"
    needComma.removeLast()
  }

  public mutating func openArray(_ key: String) {
    self.key(key)
    text += "["
    needComma.append(false)
  }

  public mutating func closeArray() {
    text += "]"
    needComma.removeLast()
  }

  private mutating func comma() {
    if needComma[needComma.count - 1] { text += "," }
    needComma[needComma.count - 1] = true
  }

  public mutating func key(_ k: String) {
    comma()
    Self.quote(k, into: &text)
    text += ":"
  }

  public mutating func field(_ k: String, _ v: String?) {
    key(k)
    if let v { Self.quote(v, into: &text) } else { text += "null" }
  }

  public mutating func field(_ k: String, _ v: Int) {
    key(k)
    text += String(v)
  }

  public mutating func field(_ k: String, _ v: Double) {
    key(k)
    text += v.isFinite ? String(v) : "null"
  }

  public mutating func field(_ k: String, _ v: Bool) {
    key(k)
    text += v ? "true" : "false"
  }

  /// A string element of the current array.
  public mutating func element(_ v: String) {
    comma()
    Self.quote(v, into: &text)
  }

  public static func quote(_ s: String, into out: inout String) {
    out += "\""
    var plain = true
    for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
      plain = false
      break
    }
    if plain {
      out += s
    } else {
      for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if u.value < 0x20 {
            let h = String(u.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
          } else {
            out.unicodeScalars.append(u)
          }
        }
      }
    }
    out += "\""
  }
}
