/// Every table the scanners read, built once per process and reached through one reference that
/// `DocumentScan` holds, so no hot loop goes through a lazy global's `swift_once` per token.
final class EntityTables: Sendable {
  /// The tables, built on first use (this parses the gazetteer).
  static let shared = EntityTables()

  /// Token hash → word classes; `EntityTokens` stores each token's classes.
  let classes: WordClassTable
  let numberWords = Lexicon.numberWords
  let multipliers = Lexicon.multipliers
  let massUnits = Lexicon.massUnits
  let durations = Lexicon.durations
  let actVerbs = Lexicon.actVerbs
  let qualifiers = Lexicon.qualifiers
  /// The qualifiers' words read backwards from the number → index in `qualifiers`.
  let qualifiersBackwards = PhraseTable(
    Lexicon.qualifiers.enumerated().map { (Array($0.element.words.reversed()), $0.offset) })
  let units = UnitRecognizer.table
  let ranks = OfficerRecognizer.rankTable
  let gazetteer = Gazetteer.shared

  // Hashes of single tokens the rules name.
  let amp = EntityTokens.hash("&")
  let pound = FigureRecognizer.pound
  let percentSign = FigureRecognizer.percentSign
  let and = EntityTokens.hash("and")
  let or = EntityTokens.hash("or")
  let s = EntityTokens.hash("s")
  let old = EntityTokens.hash("old")
  let am = EntityTokens.hash("am")
  let pm = EntityTokens.hash("pm")
  let per = EntityTokens.hash("per")
  let cent = EntityTokens.hash("cent")
  let high = EntityTokens.hash("high")
  let town = EntityTokens.hash("town")
  let task = EntityTokens.hash("task")
  let force = EntityTokens.hash("force")
  let head = EntityTokens.hash("head")
  let of = EntityTokens.hash("of")
  let the = EntityTokens.hash("the")
  let police = EntityTokens.hash("police")
  let constabulary = EntityTokens.hash("constabulary")
  let constabularies = EntityTokens.hash("constabularies")
  let crime = EntityTokens.hash("crime")
  let st = EntityTokens.hash("st")
  let station = EntityTokens.hash("station")

  private init() {
    classes = WordClass.table(
      units: UnitRecognizer.table, ranks: OfficerRecognizer.rankTable, gazetteer: Gazetteer.shared)
  }
}
