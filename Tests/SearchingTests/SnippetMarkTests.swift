import Analysis
import Testing

@testable import Searching

/// Entity mentions marked in a snippet (issue 17: a search for `place:Ipswich` took 3.4 s on a
/// 1 MB document, 27 s on 4 MB, because every word was tested against every mention).
@Suite struct SnippetMarkTests {
  /// Words of a long document, and a mention every few words (some overlapping).
  static func sample(words: Int) -> (starts: [Int], marks: [Range<Int>]) {
    let starts = (0..<words).map { $0 * 6 }
    var marks: [Range<Int>] = []
    for w in stride(from: 0, to: words, by: 3) { marks.append(starts[w]..<(starts[w] + 5)) }
    for w in stride(from: 1, to: words, by: 97) { marks.append(starts[w]..<(starts[w] + 40)) }
    return (starts, marks.reversed())
  }

  @Test func markingIsLinearInWordsAndMentions() {
    for words in [1_000, 10_000, 100_000] {
      let (starts, marks) = Self.sample(words: words)
      var steps = 0
      _ = Snippets.markedPositions(starts: starts, marks: marks, steps: &steps)
      // One step per word and one per mention: words × mentions would be millions here.
      #expect(steps <= starts.count + marks.count, "\(words) words: \(steps) steps")
    }
  }

  @Test func markingAgreesWithTheDirectDefinition() {
    let (starts, marks) = Self.sample(words: 2_000)
    var steps = 0
    let fast = Snippets.markedPositions(starts: starts, marks: marks, steps: &steps)
    let direct = starts.map { s in marks.contains { $0.contains(s) } }
    #expect(fast == direct)
    #expect(fast.contains(true) && fast.contains(false))
  }

  @Test func mentionsAreHighlightedInTheSnippet() {
    let text = "Police in Ipswich said the Ipswich raid was planned for weeks."
    let a = Analyzer()
    let ranges = [10..<17, 27..<34]
    let s = Snippets.make(text: text, hits: [:], marks: ranges, analyzer: a, highlight: .markdown)
    #expect(s == "Police in **Ipswich** said the **Ipswich** raid was planned for weeks.")
  }
}
