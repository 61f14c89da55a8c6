/// A small JSON reader for JSON Lines input and JSON-LD metadata (no Foundation).
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(Double, String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (l: JSONValue, r: JSONValue) -> Bool {
    switch (l, r) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a, _), .number(let b, _)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// The value for `key` in an object.
  subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// A string, or a number written as it was in the source.
  var text: String? {
    switch self {
    case .string(let s): s
    case .number(_, let raw): raw
    default: nil
    }
  }
}

/// Why a JSON text could not be read, with the byte offset.
struct JSONParseError: Error {
  var message: String
  var offset: Int
}

/// Recursive-descent JSON parser over UTF-8 bytes.
struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private var depth = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Parses one JSON text (surrounding whitespace allowed).
  static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var p = JSONParser(bytes)
    p.skipSpace()
    let v = try p.value()
    p.skipSpace()
    if p.i != bytes.count { throw JSONParseError(message: "trailing characters", offset: p.i) }
    return v
  }

  private mutating func skipSpace() {
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    {
      i += 1
    }
  }

  private func fail(_ m: String) -> JSONParseError { JSONParseError(message: m, offset: i) }

  private mutating func value() throws(JSONParseError) -> JSONValue {
    guard i < bytes.count else { throw fail("unexpected end of input") }
    depth += 1
    defer { depth -= 1 }
    guard depth < 200 else { throw fail("nested too deeply") }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      i += 1
      var pairs = [(String, JSONValue)]()
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(pairs)
      }
      while true {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let key = try string()
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        i += 1
        skipSpace()
        pairs.append((key, try value()))
        skipSpace()
        guard i < bytes.count else { throw fail("unterminated object") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
        } else if bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .object(pairs)
        } else {
          throw fail("expected ',' or '}'")
        }
      }
    case UInt8(ascii: "["):
      i += 1
      var items = [JSONValue]()
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      }
      while true {
        skipSpace()
        items.append(try value())
        skipSpace()
        guard i < bytes.count else { throw fail("unterminated array") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
        } else if bytes[i] == UInt8(ascii: "]") {
          i += 1
          return .array(items)
        } else {
          throw fail("expected ',' or ']'")
        }
      }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return try number()
    }
  }

  private mutating func literal(_ word: StaticString, _ v: JSONValue) throws(JSONParseError)
    -> JSONValue
  {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("unexpected end of input") }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("unexpected character") }
    i += n
    return v
  }

  private mutating func number() throws(JSONParseError) -> JSONValue {
    let start = i
    while i < bytes.count {
      let b = bytes[i]
      if (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 {
        i += 1
      } else {
        break
      }
    }
    let raw = String(decoding: bytes[start..<i], as: UTF8.self)
    guard i > start, let v = Double(raw) else {
      throw JSONParseError(message: "unexpected character", offset: start)
    }
    return .number(v, raw)
  }

  private mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("bad \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw fail("bad \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  private mutating func string() throws(JSONParseError) -> String {
    i += 1  // opening quote
    var out = [UInt8]()
    while true {
      guard i < bytes.count else { throw fail("unterminated string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { throw fail("unterminated string") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < bytes.count, bytes[i] == 0x5C,
            bytes[i + 1] == UInt8(ascii: "u")
          {
            let pairStart = i
            i += 2
            let low = try hex4()
            if low >= 0xDC00 && low < 0xE000 {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              i = pairStart  // not a low surrogate: decode that escape on its own
            }
          }
          if scalar >= 0xD800 && scalar < 0xE000 { scalar = 0xFFFD }
          TextDecoding.appendUTF8(scalar, to: &out)
        default: out.append(e)
        }
        continue
      }
      if b < 0x20 { throw fail("control character in string") }
      out.append(b)
      i += 1
    }
  }
}
