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

  /// Reads a JSON text that should be an object and keeps the first value of each top-level key
  /// in `keys`, building nothing else: string values are unescaped into one buffer. Accepts and
  /// rejects exactly what `parse` does, with the same errors.
  /// - Returns: the values, or nil when the text is valid JSON but not an object.
  static func objectFields(_ bytes: [UInt8], keys: [[UInt8]]) throws(JSONParseError) -> JSONObjectFields? {
    var p = JSONParser(bytes)
    p.skipSpace()
    guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else {
      _ = try parse(bytes)
      return nil
    }
    var fields = JSONObjectFields(count: keys.count)
    fields.buffer.reserveCapacity(bytes.count)
    try p.topLevelObject(keys: keys, into: &fields)
    p.skipSpace()
    if p.i != bytes.count { throw JSONParseError(message: "trailing characters", offset: p.i) }
    return fields
  }

  /// The object at `i`, as `value()` reads it at depth 1, keeping the values `keys` asks for.
  private mutating func topLevelObject(
    keys: [[UInt8]], into fields: inout JSONObjectFields
  ) throws(JSONParseError) {
    depth = 1
    defer { depth = 0 }
    i += 1
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      return
    }
    var key: [UInt8] = []
    var skipped: [UInt8] = []
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
      key.removeAll(keepingCapacity: true)
      try string(into: &key)
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      i += 1
      skipSpace()
      let wanted = keys.firstIndex(of: key).flatMap { fields.values[$0] == nil ? $0 : nil }
      let isString = i < bytes.count && bytes[i] == UInt8(ascii: "\"")
      switch (wanted, isString) {
      case (let k?, true):
        let start = fields.buffer.count
        try string(into: &fields.buffer)
        fields.values[k] = .text(start..<fields.buffer.count)
      case (let k?, false):
        if case .number(_, let raw) = try value() {
          let start = fields.buffer.count
          fields.buffer.append(contentsOf: raw.utf8)
          fields.values[k] = .text(start..<fields.buffer.count)
        } else {
          fields.values[k] = .other
        }
      case (nil, true):
        skipped.removeAll(keepingCapacity: true)
        try string(into: &skipped)
      case (nil, false):
        _ = try value()
      }
      skipSpace()
      guard i < bytes.count else { throw fail("unterminated object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return
      } else {
        throw fail("expected ',' or '}'")
      }
    }
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
    var out = [UInt8]()
    try string(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads the string at `i` (its opening quote) and appends its unescaped bytes to `out`.
  private mutating func string(into out: inout [UInt8]) throws(JSONParseError) {
    i += 1  // opening quote
    while true {
      let run = i
      i = plainRunEnd(from: i)
      if i > run { out.append(contentsOf: bytes[run..<i]) }
      guard i < bytes.count else { throw fail("unterminated string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return
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
      throw fail("control character in string")  // b < 0x20
    }
  }

  /// The first index from `start` on holding a quote, a backslash or a control character (or the
  /// end): everything before it is copied as is. Eight bytes at a time.
  private func plainRunEnd(from start: Int) -> Int {
    bytes.withUnsafeBufferPointer { buf in
      let n = buf.count
      var i = start
      if let base = buf.baseAddress {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
          let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
          let quote = w ^ (ones &* 0x22)
          let backslash = w ^ (ones &* 0x5C)
          // A byte is flagged when it is zero (after the xor) or below 0x20.
          let flagged =
            ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)
          if flagged & highs != 0 { break }
          i += 8
        }
      }
      while i < n {
        let b = buf[i]
        if b == 0x22 || b == 0x5C || b < 0x20 { break }
        i += 1
      }
      return i
    }
  }
}

/// The first value of chosen top-level keys of a JSON object (`JSONParser.objectFields`).
struct JSONObjectFields {
  /// A value: a string's unescaped bytes or a number as written (`JSONValue.text`), as a range
  /// of `buffer`; or any other kind of value.
  enum Value: Equatable {
    case text(Range<Int>)
    case other
  }

  /// The unescaped bytes of every kept value, back to back (not yet checked as UTF-8).
  var buffer: [UInt8] = []
  /// Per requested key, in the order given: its first value, or nil when the key is absent.
  var values: [Value?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  /// The value of key number `k` as text, decoded as `JSONParser.parse` would decode it.
  func text(_ k: Int) -> String? {
    guard case .text(let r)? = values[k] else { return nil }
    return String(decoding: buffer[r], as: UTF8.self)
  }

  /// Whether key number `k` has text that `trimmingSpaces()` would not empty: something besides
  /// spaces, tabs and line breaks, or a CR LF (one `Character`, which it keeps).
  func hasText(_ k: Int) -> Bool {
    guard case .text(let r)? = values[k] else { return false }
    var previous: UInt8 = 0
    for b in buffer[r] {
      if !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) || (previous == 0x0D && b == 0x0A) {
        return true
      }
      previous = b
    }
    return false
  }

  /// Calls `body` with the text of key number `k` as valid UTF-8 (empty when there is none): its
  /// bytes, or when they are not well-formed, those of the `String` that `text(k)` returns.
  func withText<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    guard case .text(let r)? = values[k] else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    let valid = buffer.withUnsafeBufferPointer { all in
      let bytes = UnsafeBufferPointer(rebasing: all[r])
      return TextDecoding.isValidUTF8(bytes) ? body(bytes) : nil
    }
    if let valid { return valid }
    var repaired = String(decoding: buffer[r], as: UTF8.self)
    return repaired.withUTF8(body)
  }
}
