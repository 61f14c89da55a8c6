import Testing

@testable import Analysis

/// The lookup structures behind the recognisers: word classes, phrase tables with prefixes,
/// per-document maps, the tokenizer's candidate lists and the byte-level lemma.
@Suite struct EntityTablesTests {
  static func seq(_ words: [String]) -> UInt64 {
    words.map(EntityTokens.hash).reduce(0, EntityTokens.combine)
  }

  @Test func phraseTableMarksNamesAndTheirPrefixes() throws {
    let h = EntityTokens.hash
    let table = PhraseTable([
      ([h("serious"), h("violence"), h("unit")], 0),
      ([h("serious"), h("violence")], 1),
      ([h("essex")], 2),
      ([h("essex")], 3),
    ])
    let serious = try #require(table.probe(Self.seq(["serious"])))
    #expect(serious.payload == -1 && serious.continues)
    let sv = try #require(table.probe(Self.seq(["serious", "violence"])))
    #expect(sv.payload == 1 && sv.continues)
    let svu = try #require(table.probe(Self.seq(["serious", "violence", "unit"])))
    #expect(svu.payload == 0 && !svu.continues)
    // A later name with the same tokens replaces the payload.
    #expect(table.payload(Self.seq(["essex"])) == 3)
    #expect(table.payload(Self.seq(["serious"])) == nil)
    #expect(table.probe(Self.seq(["violence"])) == nil)
    #expect(table.probe(Self.seq(["serious", "unit"])) == nil)
  }

  @Test func everyWordListSetsItsClass() {
    let classes = EntityTables.shared.classes
    let lists: [([String], WordClass)] = [
      (Lexicon.months, .month), (Lexicon.weekdays, .weekday), (Lexicon.speechVerbs, .speechVerb),
      (Lexicon.honorifics, .honorific), (Lexicon.firstNames, .firstName),
      (Lexicon.ambiguousPlaces, .ambiguousPlace), (Lexicon.neverPlaces, .neverPlace),
      (Lexicon.placePrepositions, .placePreposition), (Lexicon.placeNouns, .placeNoun),
      (Lexicon.placeInnerWords, .placeInnerWord), (Lexicon.unitHeads, .unitHead),
      (Lexicon.unitConnectors, .unitConnector), (Lexicon.unitStops, .unitStop),
      (Lexicon.pounds, .poundWord), (Lexicon.percentWords, .percentWord),
      (Lexicon.figureModifiers, .figureModifier), (Lexicon.notNouns, .notNoun),
      (Lexicon.functionWords, .functionWord), (Lexicon.numberLabels, .numberLabel),
      (Lexicon.peopleNouns, .peopleNoun), (OfficerRecognizer.nonNames, .nonName),
      (PlaceRecognizer.streetWords, .streetWord), (PlaceRecognizer.featureWords, .featureWord),
      (UnitRecognizer.operationWords, .operation), (OfficerRecognizer.prefixLetters, .rankPrefix),
      (OfficerRecognizer.prefixWords, .rankPrefixWord),
      (["nine", "dozen"], .numberWord), (["million", "bn"], .multiplier), (["kg"], .massUnit),
      (["years"], .duration), (["arrested"], .actVerb), (["one"], .one),
      (["than", "of", "almost"], .qualifierEnd), (["sergeant", "dci"], .singleRank),
      (["detective", "police"], .rankStart), (["regional", "essex", "rocu"], .unitStart),
      (["southend", "canvey", "leigh"], .placeStart),
    ]
    for (words, c) in lists {
      for w in words {
        #expect(classes[EntityTokens.hash(w)].contains(c), "\(w) lacks \(c.rawValue)")
      }
    }
    #expect(classes[EntityTokens.hash("xylophone")].isEmpty)
    #expect(classes[EntityTokens.hash("twentyone")].isEmpty)
    // "March" is a month and an ambiguous place, and starts a place name; not a speech verb.
    let march = classes[EntityTokens.hash("March")]
    #expect(march.contains(.month) && march.contains(.ambiguousPlace))
    #expect(!march.contains(.speechVerb))
  }

  @Test func hashIndexGrowsAndKeepsEveryKey() {
    var index = HashIndex64()
    #expect(index[42] == nil)
    for k in 0..<1_000 { index[UInt64(k) &* 0x9E37_79B9_7F4A_7C15] = k }
    for k in 0..<1_000 { #expect(index[UInt64(k) &* 0x9E37_79B9_7F4A_7C15] == k) }
    index[0x9E37_79B9_7F4A_7C15] = 7
    #expect(index[0x9E37_79B9_7F4A_7C15] == 7)
    #expect(index[12_345] == nil)
  }

  @Test func nameSetHoldsIdsAcrossWords() {
    var set = NameSet()
    #expect(!set.contains(0))
    for id: Int32 in [0, 63, 64, 1_000] { set.insert(id) }
    for id: Int32 in [0, 63, 64, 1_000] { #expect(set.contains(id)) }
    for id: Int32 in [1, 62, 65, 999, 5_000] { #expect(!set.contains(id)) }
  }

  @Test func denseTextIsTokenisedWhole() {
    // One token per byte: more than the first estimate of the token count holds, and more than
    // twice it, so the text is tokenised three times.
    let text = String(repeating: ",", count: 300) + " 12 Sgt Smith"
    let t = EntityTokens(text, classes: EntityTables.shared.classes)
    #expect(t.tokens.count == 303)
    #expect(t.capitals == [301, 302])
    #expect(t.numbers == [300])
    #expect(found(.officer, in: text).map(\.0) == ["Sgt Smith"])
  }

  @Test func candidateListsAndClassesFollowTheTokens() {
    let text = "Nine officers from Essex Police seized £1.2m, and one million pills in Southend."
    let plain = EntityTokens(text)
    let t = EntityTokens(text, classes: EntityTables.shared.classes)
    #expect(t.tokens.count == plain.tokens.count)
    for (a, b) in zip(t.tokens, plain.tokens) {
      #expect(a.start == b.start && a.end == b.end && a.hash == b.hash && a.kind == b.kind)
      #expect(a.cap == b.cap && a.allCaps == b.allCaps && a.joined == b.joined)
      #expect(a.hyphenBefore == b.hyphenBefore && a.sentenceStart == b.sentenceStart)
      #expect(a.lex == EntityTables.shared.classes[a.hash] && b.lex.isEmpty)
    }
    let capitals = t.tokens.indices.filter { t.tokens[$0].kind == .word && t.tokens[$0].cap }
    #expect(t.capitals == capitals)
    #expect(t.numbers.map { t.text($0) } == ["Nine", "1.2", "one"])
    // A multiplier is a candidate after "a" only.
    let a = EntityTokens("a thousand years, 5 million pounds", classes: EntityTables.shared.classes)
    #expect(a.numbers.map { a.text($0) } == ["thousand", "5"])
  }

  @Test(arguments: [
    "arrests", "Firearms", "KNIVES", "batches", "boxes", "classes", "buses", "bus", "categories",
    "cities", "news", "series", "staff", "people", "ounces", "ies", "lies", "gas", "is", "its",
    "crises", "o'clock", "stop-and-search", "cafés", "Straße", "naïves",
  ])
  func byteLemmaMatchesTheStringLemma(word: String) {
    let bytes = word.utf8.count
    let viaBytes = EntityTokens(word).withView { FigureRecognizer.lemma($0, 0, bytes) }
    #expect(viaBytes == FigureRecognizer.lemma(word.lowercased()))
  }

  @Test func gazetteerParsesRowsFieldsAndLists() throws {
    let tsv = """
      Alpha\tT\tShire|Shire Police\t1200\tAl|Alf
      Beta Town\tA\t\t0\t

      Gamma\tT\tShire||Shire Police\tx\t|G|
      \t\t\t\t
      Delta\tT\tShire
      """
    let g = Gazetteer(tsv: tsv)
    #expect(g.entries.map(\.name) == ["Alpha", "Beta Town", "Gamma"])
    #expect(g.entries.map(\.parents) == [["Shire", "Shire Police"], [], ["Shire", "Shire Police"]])
    #expect(g.entries.map(\.population) == [1200, 0, 0])
    #expect(g.entries.map(\.type) == [UInt8(ascii: "T"), UInt8(ascii: "A"), UInt8(ascii: "T")])
    #expect(g.entries[0].parentIDs == g.entries[2].parentIDs)
    #expect(g.entries[0].nameID != g.entries[1].nameID)
    let al = Array(g.hits(EntityTokens.phraseHash("al")))
    #expect(al.count == 1 && al[0].entry == 0 && al[0].viaAlias)
    let beta = Array(g.hits(EntityTokens.phraseHash("Beta Town")))
    #expect(beta.count == 1 && beta[0].entry == 1 && !beta[0].viaAlias)
    #expect(Array(g.hits(EntityTokens.phraseHash("G"))).map(\.entry) == [2])
    #expect(g.hits(EntityTokens.phraseHash("Delta")).isEmpty)
    #expect(g.maxTokens == 2)
    let starts = ["alpha", "al", "alf", "beta", "gamma", "g"].map(EntityTokens.hash)
    #expect(Set(g.starts) == Set(starts))
  }
}

/// Figure qualifiers are matched backwards from the number; the longest wins.
@Suite struct FigureQualifierTests {
  @Test(arguments: [
    ("They made in excess of 50 arrests.", "in excess of"),
    ("They made just over 50 arrests.", "just over"),
    ("They made over 50 arrests.", "over"),
    ("Police seized a total of 12 knives.", "a total of"),
    ("Police seized an average of 12 knives.", "an average of"),
    ("Police seized at least 12 knives.", "at least"),
  ])
  func longestQualifierWins(text: String, qualifier: String) throws {
    let m = try #require(
      EntityRecognizer().recognize(text).first { $0.kind == .figure }, "no figure in \(text)")
    #expect(m.figure?.qualifier == qualifier)
    #expect(m.surface.hasPrefix(qualifier))
  }

  @Test func noQualifierWhenTheWordsDoNotEndOne() throws {
    let m = try #require(EntityRecognizer().recognize("Most of 50 arrests.").first)
    #expect(m.figure?.qualifier == nil)
    #expect(m.surface == "50 arrests")
  }
}
