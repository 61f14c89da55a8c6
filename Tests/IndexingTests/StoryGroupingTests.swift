import Analysis
import Indexing
import Testing
import TestSupport

/// Story grouping on sketches of written articles: MinHash estimates, containment, vetoes, LSH
/// candidates against all pairs, order independence.
@Suite struct StoryGroupingTests {
  static func sketch(_ a: StoryTexts.Article) -> StorySketch {
    let analyzer = Analyzer(stemming: true)
    let (t, b) = EntityRecognizer().recognize(title: a.title, text: a.text)
    return StorySketch(
      title: analyzer.fieldTerms(a.title), body: analyzer.fieldTerms(a.text), text: a.text,
      mentions: t + b)
  }

  static func item(_ id: String, _ a: StoryTexts.Article) -> StoryGrouping.Item {
    StoryGrouping.Item(id: id, day: Day.parse(a.date), sketch: sketch(a))
  }

  @Test func minHashEstimatesJaccardOfShingleSets() {
    // Two sets of 400 shingles sharing 200: J = 200 / 600.
    var rng = SplitMix64(seed: 7)
    let common = (0..<200).map { _ in rng.next() }
    let a = common + (0..<200).map { _ in rng.next() }
    let b = common + (0..<200).map { _ in rng.next() }
    func sk(_ s: [UInt64]) -> StorySketch {
      StorySketch(
        minHashes: StorySketch.signature(s), shingles: s.count,
        bottom: StorySketch.bottom(s.sorted()), title: 0, lead: 0, facts: [])
    }
    let j = StoryGrouping.jaccard(sk(a), sk(b))
    #expect(abs(j - 1.0 / 3) < 0.15, "estimate \(j)")
    #expect(StoryGrouping.jaccard(sk(a), sk(a)) == 1)
    let c = StoryGrouping.containment(sk(common), sk(a), jaccard: StoryGrouping.jaccard(sk(common), sk(a)))
    #expect(c > 0.75, "containment of a subset: \(c)")
  }

  @Test func aShortTextInALongOneIsContainedByItsSample() {
    // A feed item's 25 shingles inside a page's 400: the bottom-k samples test each of the
    // item's shingles that falls below the page's sample limit, and find every one.
    var rng = SplitMix64(seed: 5)
    for round in 0..<20 {
      let page = (0..<400).map { _ in rng.next() }
      let item = Array(page[(round * 10)..<(round * 10 + 25)])
      func sk(_ s: [UInt64]) -> StorySketch {
        StorySketch(
          minHashes: StorySketch.signature(s), shingles: s.count,
          bottom: StorySketch.bottom(s.sorted()), title: 0, lead: 0, facts: [])
      }
      let (a, b) = (sk(item), sk(page))
      if let c = StoryGrouping.sampledContainment(a, in: b) {
        #expect(c == 1, "round \(round)")
      }
      // Another text of 25 shingles is not contained.
      let other = sk((0..<25).map { _ in rng.next() })
      #expect(StoryGrouping.sampledContainment(other, in: b).map { $0 < 0.3 } ?? true)
    }
  }

  @Test func copiesJoinTheRelease() {
    let g = StoryGrouping()
    let r = Self.item("r", StoryTexts.release)
    for (name, copy) in [
      ("grown", StoryTexts.grown), ("rewritten", StoryTexts.rewritten),
      ("feed", StoryTexts.feedItem),
    ] {
      let c = Self.item(name, copy)
      #expect(g.joins(r, c), "\(name) should join the release")
      #expect(g.joins(c, r), "\(name): joining is symmetric")
    }
  }

  @Test func lookalikesWithDisagreeingFactsStayApart() {
    let g = StoryGrouping()
    let w0 = Self.item("w0", StoryTexts.roundUp(week: 0))
    let w1 = Self.item("w1", StoryTexts.roundUp(week: 1))
    #expect(StoryGrouping.jaccard(w0.sketch, w1.sketch) > 0.5, "the template makes them alike")
    #expect(StoryGrouping.vetoed(w0.sketch, w1.sketch))
    #expect(!g.joins(w0, w1))
    let r = Self.item("r", StoryTexts.release)
    #expect(!g.joins(r, Self.item("o", StoryTexts.otherReference)))
    #expect(!g.joins(r, Self.item("t", StoryTexts.sameTown)))
    // Without the vetoes the round-ups would join: the rule is what keeps them apart.
    var loose = w1.sketch
    loose.facts = []
    #expect(g.joins(w0, StoryGrouping.Item(id: "w1", day: w1.day, sketch: loose)))
  }

  @Test func factsAreReadFromTheText() {
    let s = Self.sketch(StoryTexts.release)
    #expect(s.facts.contains(StorySketch.fact(.date, value: "3-12")))
    #expect(s.facts.contains(StorySketch.fact(.reference, value: "42/31877/24")))
    #expect(s.facts.contains(StorySketch.fact(.place, value: "Witham")))
    let may = StorySketch.extractFacts(text: "Officers may search the car on 3rd May or May 9.", mentions: [])
    #expect(Set(may) == [StorySketch.fact(.date, value: "5-3"), StorySketch.fact(.date, value: "5-9")])
    // Any case, short forms, ordinal suffixes, punctuation around words; "Mar" is not a month,
    // "32nd" and "12xx" are not days; a reference is upper-cased.
    let mixed = StorySketch.extractFacts(
      text: "(SEPT 2ND) and Feb\t14th, 12xx March, 32nd June, Mar 5 — ref cad-1234-12mar.",
      mentions: [])
    #expect(
      Set(mixed) == [
        StorySketch.fact(.date, value: "9-2"), StorySketch.fact(.date, value: "2-14"),
        StorySketch.fact(.reference, value: "CAD-1234-12MAR"),
      ])
  }

  @Test func copiesOutsideTheDateWindowDoNotJoin() {
    var late = StoryTexts.grown
    late.date = "2024-05-01"
    #expect(!StoryGrouping().joins(Self.item("r", StoryTexts.release), Self.item("l", late)))
  }

  static var articles: [(String, StoryTexts.Article)] {
    [
      ("release", StoryTexts.release), ("grown", StoryTexts.grown),
      ("rewritten", StoryTexts.rewritten), ("feed", StoryTexts.feedItem),
      ("other", StoryTexts.otherReference), ("town", StoryTexts.sameTown),
      ("w0", StoryTexts.roundUp(week: 0)), ("w1", StoryTexts.roundUp(week: 1)),
    ]
  }

  @Test func groupingIsTheSameInAnyInputOrder() {
    let g = StoryGrouping()
    let items = Self.articles.map { Self.item($0.0, $0.1) }
    func stories(_ list: [StoryGrouping.Item]) -> [String: String] {
      let sorted = list.sorted(by: StoryGrouping.precedes)
      let origins = g.group(sorted)
      return Dictionary(uniqueKeysWithValues: sorted.indices.map { (sorted[$0].id, sorted[origins[$0]].id) })
    }
    let expected = stories(items)
    // The feed item and the release share the earliest date; the id breaks the tie.
    #expect(expected["release"] == "feed")
    #expect(Set(expected.filter { $0.value == expected["release"] }.keys) == ["release", "grown", "rewritten", "feed"])
    #expect(expected["other"] == "other" && expected["town"] == "town")
    #expect(expected["w0"] == "w0" && expected["w1"] == "w1")
    var rng = SplitMix64(seed: 3)
    for _ in 0..<5 {
      var shuffled = items
      for i in shuffled.indices.reversed() where i > 0 {
        shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
      }
      #expect(stories(shuffled) == expected)
    }
  }

  @Test func candidatesFindEveryPairAllPairsJoinsAmongManyArticles() {
    // 60 unrelated articles plus the copies: the buckets propose every pair that comparing all
    // pairs joins.
    var list = Self.articles.map { Self.item($0.0, $0.1) }
    var rng = SplitMix64(seed: 11)
    let words = ["police", "car", "road", "arrest", "court", "town", "officer", "night", "bail",
      "drugs", "knife", "house", "witness", "appeal", "station", "van", "cash", "phone"]
    for n in 0..<60 {
      let text = (0..<80).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
      let a = StoryTexts.Article(title: "Report \(n)", date: "2024-03-1\(n % 10)", source: "S", paragraphs: [text])
      list.append(Self.item("n\(n)", a))
    }
    list.sort(by: StoryGrouping.precedes)
    let g = StoryGrouping()
    var all: Set<[Int]> = []
    for i in list.indices {
      for j in (i + 1)..<list.count where g.joins(list[i], list[j]) { all.insert([i, j]) }
    }
    let found = Set(g.joinedPairs(list).map { [$0.0, $0.1] })
    #expect(found == all)
    #expect(all.count >= 5)
  }
}
