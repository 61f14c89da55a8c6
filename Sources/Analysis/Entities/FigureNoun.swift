/// What users type after `figure:` → the noun the index stores for figures and the factor that
/// turns the typed value into the stored unit ("g" → kilogram × 0.001).
public enum FigureNoun {
  private static let aliases: [String: (String, Double)] = [
    "£": ("£", 1), "pound": ("£", 1), "pounds": ("£", 1), "gbp": ("£", 1), "money": ("£", 1),
    "cash": ("£", 1), "%": ("%", 1), "percent": ("%", 1), "per cent": ("%", 1),
    "percentage": ("%", 1), "rate": ("%", 1),
    "kg": ("kilogram", 1), "kgs": ("kilogram", 1), "kilo": ("kilogram", 1), "kilos": ("kilogram", 1),
    "kilogram": ("kilogram", 1), "kilograms": ("kilogram", 1), "kilogramme": ("kilogram", 1),
    "g": ("kilogram", 0.001), "gram": ("kilogram", 0.001), "grams": ("kilogram", 0.001),
    "tonne": ("kilogram", 1000), "tonnes": ("kilogram", 1000), "ton": ("kilogram", 1000),
    "tons": ("kilogram", 1000),
    "yr": ("year", 1), "yrs": ("year", 1), "people": ("person", 1),
  ]

  /// The stored noun for a typed one, and the factor for its value.
  public static func normalize(_ typed: String) -> (noun: String, scale: Double) {
    let w = typed.lowercased()
    if let hit = aliases[w] { return hit }
    return (FigureRecognizer.lemma(w), 1)
  }
}
