import Analysis

/// Entity mentions kept with a stored document (for `mentions`, facets and hit explanations), as
/// tab-separated lines: `kind field start end canonical surface aliases(|-separated)`, where
/// `field` is `t` (title) or `b` (body) and offsets are UTF-8 bytes.
public enum StoredMentions {
  public static let key = "entities"

  public struct Mention: Sendable, Equatable {
    public var kind: EntityKind
    public var inTitle: Bool
    public var start: Int
    public var end: Int
    public var canonical: String
    public var surface: String
    /// Aliases; for a figure, its normalised value as the only element.
    public var aliases: [String]

    /// A figure's normalised value.
    public var value: Double? { kind == .figure ? aliases.first.flatMap(Double.init) : nil }
  }

  public static func encode(title: [EntityMention], body: [EntityMention]) -> String {
    // Built as bytes: this runs for every indexed document.
    var out: [UInt8] = []
    out.reserveCapacity((title.count + body.count) * 96)
    // A field's bytes, with the separators (tab, newline, `|`) it may hold made spaces.
    func put(_ s: String) {
      let from = out.count
      out.append(contentsOf: s.utf8)
      out.withUnsafeMutableBufferPointer { out in
        for k in from..<out.count where out[k] == 0x09 || out[k] == 0x0A || out[k] == 0x7C {
          out[k] = 0x20
        }
      }
    }
    // Offsets are never negative.
    func put(_ n: Int) {
      var unit = 1
      while unit <= n / 10 { unit *= 10 }
      while unit > 0 {
        out.append(UInt8(0x30 + (n / unit) % 10))
        unit /= 10
      }
    }
    func put(_ field: UInt8, _ list: [EntityMention]) {
      for m in list {
        put(m.kind.rawValue)
        out.append(0x09)
        out.append(field)
        out.append(0x09)
        put(m.start)
        out.append(0x09)
        put(m.end)
        out.append(0x09)
        put(m.canonical)
        out.append(0x09)
        put(m.surface)
        out.append(0x09)
        // A figure keeps its normalised value where other kinds keep aliases.
        if m.kind == .figure {
          if let f = m.figure { put(f.value.description) }
        } else {
          for (i, a) in m.aliases.enumerated() {
            if i > 0 { out.append(0x7C) }
            put(a)
          }
        }
        out.append(0x0A)
      }
    }
    put(UInt8(ascii: "t"), title)
    put(UInt8(ascii: "b"), body)
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ s: String) -> [Mention] {
    var out: [Mention] = []
    // Split on bytes: tabs and newlines never occur inside a field.
    for line in s.utf8.split(separator: 0x0A) {
      let f = line.split(separator: 0x09, omittingEmptySubsequences: false)
      guard f.count == 7, let kind = EntityKind(rawValue: String(decoding: f[0], as: UTF8.self)),
        let start = Int(String(decoding: f[2], as: UTF8.self)),
        let end = Int(String(decoding: f[3], as: UTF8.self))
      else { continue }
      out.append(
        Mention(
          kind: kind, inTitle: f[1].first == 0x74, start: start, end: end,
          canonical: String(decoding: f[4], as: UTF8.self), surface: String(decoding: f[5], as: UTF8.self),
          aliases: f[6].isEmpty ? [] : f[6].split(separator: 0x7C).map { String(decoding: $0, as: UTF8.self) }))
    }
    return out
  }
}
