import Testing

@testable import Analysis

@Suite struct AnalyzerTests {
  let analyzer = Analyzer()

  func terms(_ s: String, _ mode: Analyzer.Mode = .index) -> [String] {
    analyzer.tokens(s, mode: mode).map(\.term)
  }

  @Test func foldsCaseAndStems() {
    #expect(terms("Arrests ARRESTED arresting") == ["arrest", "arrest", "arrest"])
    #expect(terms("Police raided") == ["polic", "raid"])
  }

  @Test func foldsDiacriticsAndQuotes() {
    #expect(terms("Café naïve") == ["cafe", "naiv"])
    #expect(terms("Kent’s") == terms("Kent's"))
    #expect(terms("Kent's") == ["kent"])
    #expect(terms("O’Brien") == ["o'brien"])
  }

  @Test func keepsNumbersWhole() {
    #expect(terms("1,000 officers") == ["1000", "offic"])
    #expect(terms("arrested 447 people") == ["arrest", "447", "peopl"])
    #expect(terms("in 2019.") == ["in", "2019"])
  }

  @Test func currencyAddsAlternativeAtSamePosition() {
    let t = analyzer.tokens("seized £5.8 million", mode: .index)
    #expect(t.map(\.term) == ["seiz", "5.8", "£5.8", "million"])
    #expect(t[1].position == t[2].position)
    #expect(t[3].position == t[1].position + 1)
    #expect(terms("£5.8", .query) == ["£5.8"])
    #expect(terms("£261,000", .query) == ["£261000"])
  }

  @Test func hyphenatedPlacesSplitIntoAPhrase() {
    let t = analyzer.tokens("Leigh-on-Sea")
    #expect(t.map(\.term) == ["leigh", "on", "sea"])
    #expect(t.map(\.position) == [0, 1, 2])
  }

  @Test func offsetsPointAtTheSurfaceForm() {
    let text = "Det Supt Alcock said"
    let bytes = Array(text.utf8)
    for t in analyzer.tokens(text) {
      let surface = String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
      #expect(analyzer.term(for: surface) == t.term)
    }
  }

  @Test func ideographsAreOneTokenEachAndOtherScriptsSplitOnSpaces() {
    #expect(terms("東京都") == ["東", "京", "都"])
    #expect(terms("경찰이 체포했다").count == 2)
    #expect(terms("Полиция задержала") == ["полиция", "задержала"])
  }

  @Test func dropsOverlongTokensButKeepsPositions() {
    let long = String(repeating: "x", count: 200)
    let t = analyzer.tokens("a \(long) b")
    #expect(t.map(\.term) == ["a", "b"])
    #expect(t[1].position == 2)
  }

  @Test func unstemmedAnalyzerOnlyFolds() {
    let a = Analyzer(stemming: false)
    #expect(a.tokens("Arrests").map(\.term) == ["arrests"])
    #expect(analyzer.fold("Burglar") == "burglar")
  }
}
