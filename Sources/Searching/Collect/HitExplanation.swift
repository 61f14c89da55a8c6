import Analysis
import Indexing

/// Why a hit matched: the stored mentions that the query's entity parts name (the entities a
/// search hit lists and its snippet marks; `MentionCollector` uses the same matching).
extension Searcher {
  /// The entity parts of a query that must hold (not under NOT).
  public static func entityParts(_ node: QueryNode) -> [QueryNode] {
    switch node {
    case .entity, .figure: return [node]
    case .and(let xs), .or(let xs): return xs.flatMap(entityParts)
    default: return []
    }
  }

  /// Stored mentions of `doc` that the query's entity parts name.
  public func matchedMentions(
    in doc: StoredDocument, for node: QueryNode
  ) -> [StoredMentions.Mention] {
    matchedMentions(in: doc, parts: Self.entityParts(node)).map(\.mention)
  }

  /// Stored mentions of `doc` that one of `parts` (see `entityParts`) names, each with the index
  /// of the first part that names it. One pass over the mentions: linear in their number.
  public func matchedMentions(
    in doc: StoredDocument, parts: [QueryNode]
  ) -> [(mention: StoredMentions.Mention, part: Int)] {
    guard !parts.isEmpty, let raw = doc.extra[StoredMentions.key] else { return [] }
    var out: [(mention: StoredMentions.Mention, part: Int)] = []
    for m in StoredMentions.decode(raw) {
      if let i = parts.firstIndex(where: { names($0, m) }) { out.append((m, i)) }
    }
    return out
  }

  /// Whether the entity part `part` names the mention `m`.
  func names(_ part: QueryNode, _ m: StoredMentions.Mention) -> Bool {
    switch part {
    case .entity(let kind, let text, _):
      return entities.matches(m, kind: kind, text: text)
    case .figure(let noun, let op, let value):
      let (stored, scale) = FigureNoun.normalize(noun)
      guard m.kind == .figure, m.canonical.lowercased() == stored.lowercased(), let v = m.value
      else {
        return false
      }
      return op.holds(v, value * scale)
    default:
      return false
    }
  }
}
