/// A JSON value with its object keys in the order written: what the OpenSearch template and the
/// translated queries are built from, so their text is stable and reads like the documentation.
public indirect enum OpenSearchJSON: Sendable, Equatable {
  case object([(String, OpenSearchJSON)])
  case array([OpenSearchJSON])
  case string(String)
  case number(Double)
  case bool(Bool)
  case null

  public static func == (a: OpenSearchJSON, b: OpenSearchJSON) -> Bool {
    a.compact == b.compact
  }

  /// `"key": value` pairs as an object.
  public static func obj(_ pairs: (String, OpenSearchJSON)...) -> OpenSearchJSON {
    .object(pairs)
  }

  /// The value of `key` in an object.
  public subscript(key: String) -> OpenSearchJSON? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// One line, no spaces.
  public var compact: String {
    var out = ""
    write(into: &out, indent: nil, level: 0)
    return out
  }

  /// Two-space indentation, one key per line (empty and scalar-only short arrays on one line).
  public var pretty: String {
    var out = ""
    write(into: &out, indent: "  ", level: 0)
    return out
  }

  private func write(into out: inout String, indent: String?, level: Int) {
    func newline(_ l: Int) {
      guard let indent else { return }
      out += "\n" + String(repeating: indent, count: l)
    }
    switch self {
    case .string(let s): JSONWriter.quote(s, into: &out)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .number(let v): out += Self.number(v)
    case .array(let items):
      let flat = items.allSatisfy {
        if case .object = $0 { false } else if case .array = $0 { false } else { true }
      }
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += indent != nil && flat ? ", " : "," }
        if !flat { newline(level + 1) }
        item.write(into: &out, indent: indent, level: level + 1)
      }
      if !flat && !items.isEmpty { newline(level) }
      out += "]"
    case .object(let pairs):
      out += "{"
      for (k, (key, value)) in pairs.enumerated() {
        if k > 0 { out += "," }
        newline(level + 1)
        JSONWriter.quote(key, into: &out)
        out += indent == nil ? ":" : ": "
        value.write(into: &out, indent: indent, level: level + 1)
      }
      if !pairs.isEmpty { newline(level) }
      out += "}"
    }
  }

  /// A number as JSON: whole numbers without a fraction (`400`, not `400.0`).
  public static func number(_ v: Double) -> String {
    guard v.isFinite else { return "null" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
  }
}
