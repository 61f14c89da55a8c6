import Testing
import TestSupport

@testable import Analysis

/// Snippets cut only the words they show, scanning a stored text from a recorded position start
/// (`TextPositions`) instead of from its beginning: these tests hold the restarted scan to the
/// spans of a whole scan, on random text made of the pieces the scanner treats specially.
@Suite struct TextPositionsTests {
  static func randomText(_ rng: inout SplitMix64, pieces: Int) -> String {
    var text = ""
    for _ in 0..<pieces {
      text += ScanReferenceTests.pieces[Int(rng.next() % UInt64(ScanReferenceTests.pieces.count))]
    }
    return text
  }

  static func same(_ a: [(start: Int32, end: Int32)], _ b: ArraySlice<(start: Int32, end: Int32)>)
    -> Bool
  {
    a.count == b.count && zip(a, b).allSatisfy { $0.start == $1.start && $0.end == $1.end }
  }

  @Test func restartedScansCutWhatAWholeScanCuts() {
    let analyzer = Analyzer()
    var rng = SplitMix64(seed: 16)
    for _ in 0..<1500 {
      let text = Self.randomText(&rng, pieces: Int(rng.next() % 40))
      let whole = analyzer.spans(text)
      for step in [1, 2, 3, 32] {
        let positions = analyzer.textPositions(text, stride: step)
        #expect(positions.count == whole.count && positions.isWellFormed, "\(text.debugDescription)")
        let starts = Array(stride(from: 0, to: whole.count, by: step).map { UInt32(whole[$0].start) })
        #expect(positions.starts == starts, "\(text.debugDescription)")
        for first in 0...whole.count {
          let n = Int(rng.next() % 7)
          let got = analyzer.spans(text, positions: positions, from: first, count: n)
          let expected = whole[first..<min(whole.count, first + n)]
          #expect(Self.same(got, expected), "\(text.debugDescription) from \(first) count \(n)")
          if !Self.same(got, expected) { return }
        }
      }
    }
  }

  @Test func fieldTermsRecordTheSamePositions() {
    let analyzer = Analyzer()
    var rng = SplitMix64(seed: 61)
    for _ in 0..<300 {
      let text = Self.randomText(&rng, pieces: Int(rng.next() % 60))
      let (field, positions) = analyzer.fieldTerms(text, positionStride: 5)
      #expect(field == analyzer.fieldTerms(text))
      #expect(positions == analyzer.textPositions(text, stride: 5))
    }
  }

  @Test func checkpointsAroundAByteOffset() {
    let p = TextPositions(count: 10, stride: 4, starts: [0, 20, 41])
    #expect(p.isWellFormed)
    #expect(p.checkpoint(atOrBefore: 0) == 0)
    #expect(p.checkpoint(atOrBefore: 19) == 0)
    #expect(p.checkpoint(atOrBefore: 20) == 1)
    #expect(p.checkpoint(atOrBefore: 500) == 2)
    #expect(p.checkpoint(atOrAfter: 0) == 0)
    #expect(p.checkpoint(atOrAfter: 1) == 1)
    #expect(p.checkpoint(atOrAfter: 41) == 2)
    #expect(p.checkpoint(atOrAfter: 42) == 3)
    #expect(!TextPositions(count: 10, stride: 4, starts: [0, 20]).isWellFormed)
  }
}
