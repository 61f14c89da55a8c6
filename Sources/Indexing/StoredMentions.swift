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
    var out = ""
    func clean(_ s: String) -> String {
      s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "|" })
        ? String(s.map { $0 == "\t" || $0 == "\n" || $0 == "|" ? " " : $0 }) : s
    }
    for (t, list) in [("t", title), ("b", body)] {
      for m in list {
        out += "\(m.kind.rawValue)\t\(t)\t\(m.start)\t\(m.end)\t\(clean(m.canonical))\t\(clean(m.surface))\t"
        // A figure keeps its normalised value where other kinds keep aliases.
        let aliases = m.kind == .figure ? m.figure.map { ["\($0.value)"] } ?? [] : m.aliases
        out += aliases.map(clean).joined(separator: "|")
        out += "\n"
      }
    }
    return out
  }

  public static func decode(_ s: String) -> [Mention] {
    var out: [Mention] = []
    for line in s.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count == 7, let kind = EntityKind(rawValue: String(f[0])), let start = Int(f[2]),
        let end = Int(f[3])
      else { continue }
      out.append(
        Mention(
          kind: kind, inTitle: f[1] == "t", start: start, end: end, canonical: String(f[4]),
          surface: String(f[5]), aliases: f[6].isEmpty ? [] : f[6].split(separator: "|").map(String.init)))
    }
    return out
  }
}
