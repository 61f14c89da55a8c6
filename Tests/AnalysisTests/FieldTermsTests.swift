import Testing

@testable import Analysis

/// Term ids and inverted fields: the id path (`fieldTerms`, `termIDs`) must give exactly what
/// inverting the token API's output gives, whatever the vocabulary has seen before.
@Suite struct FieldTermsTests {
  static let texts = [
    "Police raided a house in Canvey Island; POLICE said the police raid was planned.",
    "Cash totalling £21.4 million was frozen, and 4 properties (worth $1,250,000) were restrained.",
    "Det Supt Alcock’s team: 1,000 officers, 5.8 tonnes, 447 arrests in 2019. Kent's O'Brien.",
    "Café naïve Ｋelvin — 東京都 ひらがな Полиция задержала €3,5 Investigations INVESTIGATIONS investigator",
    "a " + String(repeating: "z", count: 80) + " b " + String(repeating: "7", count: 70) + " c",
    "", "   ", "one",
  ]

  /// The field the token API describes: each distinct term once, positions ascending and once.
  static func expected(_ tokens: [Token]) -> [String: [UInt32]] {
    var out: [String: [UInt32]] = [:]
    for t in tokens {
      let p = UInt32(t.position)
      if out[t.term]?.last != p { out[t.term, default: []].append(p) }
    }
    return out
  }

  static func byTerm(_ f: FieldTerms) -> [String: [UInt32]] {
    var out: [String: [UInt32]] = [:]
    for (k, term) in f.terms.enumerated() {
      out[term] = Array(f.positions[f.offsets[k]..<f.offsets[k + 1]])
    }
    return out
  }

  @Test func fieldTermsInvertWhatTokensSay() {
    let analyzer = Analyzer()
    for _ in 0..<2 {  // the second round finds every word in the vocabulary
      for text in Self.texts {
        let tokens = analyzer.tokens(text)
        let field = analyzer.fieldTerms(text)
        #expect(Self.byTerm(field) == Self.expected(tokens), "\(text)")
        #expect(field.terms == Array(uniqued(tokens.map(\.term))))
        #expect(field.hashes == field.terms.map(Token.hash(of:)))
        #expect(field.length == UInt32((tokens.map(\.position).max() ?? -1) + 1))
        #expect(field == FieldTerms(tokens: tokens))
      }
    }
  }

  @Test func caseVariantsShareATermID() {
    let analyzer = Analyzer()
    let (ids, positions) = analyzer.termIDs(
      "Police police POLICE Neighbourhood NEIGHBOURHOOD neighbours Café CAFÉ", mode: .query)
    #expect(positions == [0, 1, 2, 3, 4, 5, 6, 7])
    #expect(ids[0] == ids[1] && ids[1] == ids[2])
    #expect(ids[3] == ids[4])
    #expect(ids[4] != ids[5])  // same first eight bytes, different word
    #expect(ids[6] == ids[7])  // not ASCII: two raw words, one term
    #expect(analyzer.indexedTerm(ids[0]) == "polic")
    #expect(analyzer.indexedTerm(ids[3]) == "neighbourhood")
    #expect(analyzer.indexedTerm(ids[5]) == "neighbour")
    #expect(analyzer.termID(for: "polic") == ids[0])
  }

  @Test func entityStyleFieldsDropRepeatsAndSortPositions() {
    let analyzer = Analyzer()
    let a = analyzer.termID(for: "essex")
    let b = analyzer.termID(for: "\u{1}canvey island")
    let field = analyzer.fieldTerms(ids: [a, b, a, a, b, a], positions: [9, 0, 9, 2, 0, 12])
    #expect(field.terms == ["essex", "\u{1}canvey island"])
    #expect(Self.byTerm(field) == ["essex": [2, 9, 12], "\u{1}canvey island": [0]])
    #expect(field.length == 13)
    // Repeats alone, in order: each position once.
    let repeats = analyzer.fieldTerms(ids: [a, a, b, b, a], positions: [1, 1, 2, 2, 3])
    #expect(Self.byTerm(repeats) == ["essex": [1, 3], "\u{1}canvey island": [2]])
    #expect(repeats.positions == [1, 3, 2])
    #expect(repeats.offsets == [0, 2, 3])
    let tokens = [
      Token(term: "x", position: 5, start: 0, end: 0), Token(term: "y", position: 1, start: 0, end: 0),
      Token(term: "x", position: 5, start: 0, end: 0), Token(term: "x", position: 3, start: 0, end: 0),
    ]
    let inverted = FieldTerms(tokens: tokens)
    #expect(Self.byTerm(inverted) == ["x": [3, 5], "y": [1]])
    #expect(inverted.offsets == [0, 2, 3])
  }

  @Test func vocabularyStartsOverOnlyBetweenDocuments() {
    let analyzer = Analyzer(vocabularyBudget: 50)
    let words = (0..<200).map { "word\($0)x" }
    let text = words.joined(separator: " ")
    let (ids, _) = analyzer.termIDs(text, mode: .index)
    // Over budget within a document: ids stay valid until the next document starts.
    #expect(ids.map(analyzer.indexedTerm) == analyzer.tokens(text).map(\.term))
    #expect(analyzer.vocabularyGeneration == 0)
    analyzer.beginDocument()
    #expect(analyzer.vocabularyGeneration == 1)
    #expect(Self.byTerm(analyzer.fieldTerms(text)) == Self.expected(analyzer.tokens(text)))
    analyzer.beginDocument()
    #expect(analyzer.vocabularyGeneration == 2)
    analyzer.beginDocument()
    #expect(analyzer.vocabularyGeneration == 2)  // nothing added since
    // The token API stops filling the vocabulary at the budget and stays right.
    let other = (0..<300).map { "other\($0)" }.joined(separator: " ")
    #expect(analyzer.tokens(other).map(\.term) == Analyzer().tokens(other).map(\.term))
  }
}

/// `xs` without repeats, in first-occurrence order.
private func uniqued(_ xs: [String]) -> [String] {
  var seen: Set<String> = []
  return xs.filter { seen.insert($0).inserted }
}
