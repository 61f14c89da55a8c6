/// What a token is to the recognisers, as bits: the word lists that hold its folded hash, and
/// whether a unit, rank or place name can start with it.
///
/// `EntityTokens` looks every token up once in `WordClass.table`, so a scanner tests a bit where
/// it used to probe one table per rule (a capitalised word went through some twenty probes).
/// Membership is by hash, exactly as the lists were probed before, whatever the token's kind.
struct WordClass: OptionSet, Sendable {
  let rawValue: UInt64

  static let month = WordClass(rawValue: 1 << 0)
  static let weekday = WordClass(rawValue: 1 << 1)
  static let speechVerb = WordClass(rawValue: 1 << 2)
  static let honorific = WordClass(rawValue: 1 << 3)
  static let firstName = WordClass(rawValue: 1 << 4)
  static let ambiguousPlace = WordClass(rawValue: 1 << 5)
  static let neverPlace = WordClass(rawValue: 1 << 6)
  static let placePreposition = WordClass(rawValue: 1 << 7)
  static let placeNoun = WordClass(rawValue: 1 << 8)
  static let placeInnerWord = WordClass(rawValue: 1 << 9)
  static let unitHead = WordClass(rawValue: 1 << 10)
  static let unitConnector = WordClass(rawValue: 1 << 11)
  static let unitStop = WordClass(rawValue: 1 << 12)
  static let numberWord = WordClass(rawValue: 1 << 13)
  static let multiplier = WordClass(rawValue: 1 << 14)
  static let poundWord = WordClass(rawValue: 1 << 15)
  static let percentWord = WordClass(rawValue: 1 << 16)
  static let massUnit = WordClass(rawValue: 1 << 17)
  static let duration = WordClass(rawValue: 1 << 18)
  static let figureModifier = WordClass(rawValue: 1 << 19)
  static let notNoun = WordClass(rawValue: 1 << 20)
  static let functionWord = WordClass(rawValue: 1 << 21)
  static let numberLabel = WordClass(rawValue: 1 << 22)
  static let actVerb = WordClass(rawValue: 1 << 23)
  static let peopleNoun = WordClass(rawValue: 1 << 24)
  static let nonName = WordClass(rawValue: 1 << 25)
  static let streetWord = WordClass(rawValue: 1 << 26)
  static let featureWord = WordClass(rawValue: 1 << 27)
  /// "operation", "op".
  static let operation = WordClass(rawValue: 1 << 28)
  /// "t", "a" (of "T/", "A/").
  static let rankPrefix = WordClass(rawValue: 1 << 29)
  /// "temporary", "acting".
  static let rankPrefixWord = WordClass(rawValue: 1 << 30)
  /// A whole rank form on its own ("Sergeant", "DCI").
  static let singleRank = WordClass(rawValue: 1 << 31)
  /// The first word of a rank form.
  static let rankStart = WordClass(rawValue: 1 << 32)
  /// The first token of a name in `UnitTable`.
  static let unitStart = WordClass(rawValue: 1 << 33)
  /// The last word of a figure qualifier ("than" of "more than").
  static let qualifierEnd = WordClass(rawValue: 1 << 34)
  /// The first token of a gazetteer name or alias.
  static let placeStart = WordClass(rawValue: 1 << 35)
  /// "one": a number only before a multiplier ("one million").
  static let one = WordClass(rawValue: 1 << 36)

  /// Folded token hash → classes, for every hash that has at least one.
  /// - Parameters:
  ///   - units: The built-in unit names (`UnitRecognizer.table`).
  ///   - ranks: The rank forms (`OfficerRecognizer.rankTable`).
  ///   - gazetteer: The place names.
  static func table(
    units: UnitRecognizer.Table, ranks: OfficerRecognizer.RankTable, gazetteer: Gazetteer
  ) -> WordClassTable {
    var classes: [UInt64: UInt64] = [:]
    func mark<S: Sequence>(_ hashes: S, _ c: WordClass) where S.Element == UInt64 {
      for h in hashes { classes[h, default: 0] |= c.rawValue }
    }
    func mark(_ words: [String], _ c: WordClass) { mark(words.map(EntityTokens.hash), c) }
    mark(Lexicon.months, .month)
    mark(Lexicon.weekdays, .weekday)
    mark(Lexicon.speechVerbs, .speechVerb)
    mark(Lexicon.honorifics, .honorific)
    mark(Lexicon.firstNames, .firstName)
    mark(Lexicon.ambiguousPlaces, .ambiguousPlace)
    mark(Lexicon.neverPlaces, .neverPlace)
    mark(Lexicon.placePrepositions, .placePreposition)
    mark(Lexicon.placeNouns, .placeNoun)
    mark(Lexicon.placeInnerWords, .placeInnerWord)
    mark(Lexicon.unitHeads, .unitHead)
    mark(Lexicon.unitConnectors, .unitConnector)
    mark(Lexicon.unitStops, .unitStop)
    mark(Lexicon.numberWords.storedKeys(), .numberWord)
    mark(Lexicon.multipliers.storedKeys(), .multiplier)
    mark(Lexicon.pounds, .poundWord)
    mark(Lexicon.percentWords, .percentWord)
    mark(Lexicon.massUnits.storedKeys(), .massUnit)
    mark(Lexicon.durations.storedKeys(), .duration)
    mark(Lexicon.figureModifiers, .figureModifier)
    mark(Lexicon.notNouns, .notNoun)
    mark(Lexicon.functionWords, .functionWord)
    mark(Lexicon.numberLabels, .numberLabel)
    mark(Lexicon.actVerbs.storedKeys(), .actVerb)
    mark(Lexicon.peopleNouns, .peopleNoun)
    mark(OfficerRecognizer.nonNames, .nonName)
    mark(PlaceRecognizer.streetWords, .streetWord)
    mark(PlaceRecognizer.featureWords, .featureWord)
    mark(UnitRecognizer.operationWords, .operation)
    mark(OfficerRecognizer.prefixLetters, .rankPrefix)
    mark(OfficerRecognizer.prefixWords, .rankPrefixWord)
    mark(["one"], .one)
    mark(Lexicon.qualifiers.map { $0.words[$0.words.count - 1] }, .qualifierEnd)
    mark(ranks.singles, .singleRank)
    mark(ranks.starts, .rankStart)
    mark(units.starts, .unitStart)
    mark(gazetteer.starts, .placeStart)
    return WordClassTable(classes)
  }
}

/// Token hash → `WordClass`: open addressing on the (already mixed) hash, like `HashMap64`, with
/// plain 64-bit values so a probe copies nothing.
struct WordClassTable: Sendable {
  private var keys: [UInt64]
  /// 0 marks an empty slot: every stored hash has at least one class.
  private var values: [UInt64]
  private var mask: Int

  init(_ dict: [UInt64: UInt64]) {
    var n = 8
    while n < dict.count * 2 { n <<= 1 }
    keys = Array(repeating: 0, count: n)
    values = Array(repeating: 0, count: n)
    mask = n - 1
    for (k, v) in dict where v != 0 {
      var i = HashSet64.slot(k, mask)
      while values[i] != 0 && keys[i] != k { i = (i + 1) & mask }
      keys[i] = k
      values[i] = v
    }
  }

  /// A table that holds nothing (tokens that need no classes).
  static let empty = WordClassTable([:])

  /// The classes of a token hash (empty for most words).
  @inline(__always) subscript(_ k: UInt64) -> WordClass {
    var i = HashSet64.slot(k, mask)
    while true {
      let v = values[i]
      if v == 0 { return [] }
      if keys[i] == k { return WordClass(rawValue: v) }
      i = (i + 1) & mask
    }
  }
}
