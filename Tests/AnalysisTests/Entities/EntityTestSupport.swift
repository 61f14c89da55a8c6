import Analysis

/// Mentions of one kind in `text` (body only), as (surface, canonical) pairs.
func found(_ kind: EntityKind, in text: String, title: String = "") -> [(String, String)] {
  EntityRecognizer().recognize(title: title, text: text).bodyMentions
    .filter { $0.kind == kind }
    .map { ($0.surface, $0.canonical) }
}

/// The single mention of `kind` whose surface is `surface`, if any.
func mention(_ kind: EntityKind, _ surface: String, in text: String) -> EntityMention? {
  EntityRecognizer().recognize(title: "", text: text).bodyMentions
    .first { $0.kind == kind && $0.surface == surface }
}
