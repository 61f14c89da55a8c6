/// The kinds of entity blotter recognises in police news.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
  /// A police unit, team, squad or command, or a named operation ("Operation Raptor").
  case unit
  /// A town, village, district, county, nation or region of Great Britain.
  case place
  /// A named police officer or police role holder ("Det Supt Lisa Alcock", "PCC Roger Hirst").
  case officer
  /// A number with what it counts ("447 arrests", "£5.8 million", "6kg").
  case figure
  /// A police force or national agency ("Essex Police", "Metropolitan Police", "National Crime
  /// Agency"), from `ForceTable`.
  case force
}

/// One entity found in a text.
public struct EntityMention: Sendable, Equatable, Codable {
  /// What the mention is.
  public var kind: EntityKind
  /// The canonical name: "Regional Organised Crime Unit", "Operation Raptor", "Leigh-on-Sea",
  /// "Lisa Alcock" (or "Det Supt Alcock" when no first name is known); for figures the noun lemma.
  public var canonical: String
  /// The text as written.
  public var surface: String
  /// UTF-8 byte offset of the first byte of the mention in the input text.
  public var start: Int
  /// UTF-8 byte offset one past the last byte of the mention.
  public var end: Int
  /// Other names: a unit's or force's acronyms; a place's enclosing authority, ceremonial county
  /// and police force; an officer's ranks and roles (normalised abbreviation first, e.g. "DSU",
  /// "Detective Superintendent").
  public var aliases: [String]
  /// The value of a figure; `nil` for other kinds.
  public var figure: Figure?

  /// Creates a mention.
  public init(
    kind: EntityKind, canonical: String, surface: String, start: Int, end: Int,
    aliases: [String] = [], figure: Figure? = nil
  ) {
    self.kind = kind
    self.canonical = canonical
    self.surface = surface
    self.start = start
    self.end = end
    self.aliases = aliases
    self.figure = figure
  }
}

/// A normalised number with what it counts.
///
/// Units (`unit`): `count` (things, people, arrests…), `gbp` (money, in pounds), `kg` (mass, in
/// kilograms), `percent` (72 for 72%), and durations `years`, `months`, `weeks`, `days`, `hours`.
/// Nouns (`noun`): the singular lemma of the counted noun ("arrest", "firearm", "person");
/// "£" for money, "%" for percentages, "kilogram" for every mass, the unit's singular for
/// durations ("year"). "arrested 440 people" counts arrests (noun "arrest").
/// Not figures: years and dates ("in 2019", "12 March"), times, ages ("aged 34", "34-year-old"),
/// road and page numbers, "one" used as a determiner.
public struct Figure: Sendable, Equatable, Codable {
  /// The normalised value: pounds, kilograms, percent points, or the count.
  public var value: Double
  /// The unit of `value` (see the type's documentation for the set).
  public var unit: String
  /// The lemma of the counted noun.
  public var noun: String
  /// A qualifier written before the number: "almost", "more than", "around", "up to"…
  public var qualifier: String?

  /// Creates a figure.
  public init(value: Double, unit: String, noun: String, qualifier: String? = nil) {
    self.value = value
    self.unit = unit
    self.noun = noun
    self.qualifier = qualifier
  }
}
