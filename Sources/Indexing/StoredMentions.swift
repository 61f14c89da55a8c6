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
    var s = s
    // Over the bytes, a field at a time (tabs and newlines never occur inside a field): no
    // substring array per line, no string for a kind or an offset. Runs for every document an
    // export writes and every hit whose entities are shown.
    s.withUTF8 { b in
      let n = b.count
      var fields = [Range<Int>](repeating: 0..<0, count: 7)
      var i = 0
      while i < n {
        var lineEnd = i
        while lineEnd < n, b[lineEnd] != 0x0A { lineEnd += 1 }
        defer { i = lineEnd + 1 }
        if lineEnd == i { continue }
        var count = 0
        var from = i
        for k in i...lineEnd where k == lineEnd || b[k] == 0x09 {
          if count < 7 { fields[count] = from..<k }
          count += 1
          from = k + 1
        }
        guard count == 7, let kind = Self.kind(b, fields[0]),
          let start = Self.int(b, fields[2]), let end = Self.int(b, fields[3])
        else { continue }
        func string(_ r: Range<Int>) -> String {
          String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        }
        var aliases: [String] = []
        var a = fields[6].lowerBound
        for k in fields[6].lowerBound...fields[6].upperBound
        where k == fields[6].upperBound || b[k] == 0x7C {
          if k > a { aliases.append(string(a..<k)) }
          a = k + 1
        }
        out.append(
          Mention(
            kind: kind, inTitle: !fields[1].isEmpty && b[fields[1].lowerBound] == 0x74,
            start: start, end: end, canonical: string(fields[4]), surface: string(fields[5]),
            aliases: aliases))
      }
    }
    return out
  }

  /// The kind a field names, compared byte by byte with the kinds' names.
  private static func kind(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> EntityKind? {
    kindNames.first { name, _ in
      name.count == r.count && name.indices.allSatisfy { name[$0] == b[r.lowerBound + $0] }
    }?.1
  }

  private static let kindNames: [([UInt8], EntityKind)] = EntityKind.allCases.map {
    (Array($0.rawValue.utf8), $0)
  }

  /// A field of ASCII digits as a number (what `encode` writes); anything else through `Int`.
  private static func int(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
    guard !r.isEmpty, r.count <= 18 else {
      return Int(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))
    }
    var v = 0
    for k in r {
      let c = b[k]
      guard c >= 0x30 && c <= 0x39 else {
        return Int(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))
      }
      v = v * 10 + Int(c - 0x30)
    }
    return v
  }
}
