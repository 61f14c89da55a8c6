import Foundation
import Testing

@testable import Indexing

/// Bit fields, Rice codes, and one term's postings written by `PostingsWriter` and read back by
/// `PostingsCursor` from real files.
@Suite struct PostingsFormatTests {
  /// Bytes as a reader meets them: 16 more after the data, as every index file has its footer.
  static func padded(_ w: ByteWriter) -> [UInt8] { w.bytes + [UInt8](repeating: 0, count: 16) }

  /// The bits of `values` Rice-coded with parameter `k`.
  static func riceBits(_ values: [UInt32], k: Int) -> Int {
    values.reduce(0) { $0 + k + 1 + Int($1 >> UInt32(k)) }
  }

  @Test func bitFieldsRoundTrip() {
    var rng = SystemRandomNumberGenerator()
    for width in [0, 1, 3, 7, 8, 13, 31, 32] {
      let mask: UInt64 = (1 << UInt64(width)) - 1
      let values = (0..<200).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
      var w = ByteWriter()
      var bits = BitWriter()
      for v in values { bits.write(v, width: width, to: &w) }
      bits.finish(to: &w)
      #expect(w.count == BitPacking.bytes(bits: 200 * width))
      var out = [UInt32](repeating: 9, count: 200)
      Self.padded(w).withUnsafeBytes { raw in
        out.withUnsafeMutableBufferPointer { BitPacking.unpack(raw.baseAddress!, bit: 0, count: 200, width: width, into: $0.baseAddress!) }
        for i in [0, 1, 77, 199] {
          #expect(BitPacking.field(raw.baseAddress!, bit: i * width, width: width) == values[i])
        }
      }
      #expect(out == values, "width \(width)")
    }
  }

  @Test func riceParameterIsTheShortest() {
    var rng = SystemRandomNumberGenerator()
    let sets: [[UInt32]] = [
      [0, 0, 0, 0],
      [7],
      (0..<128).map { _ in UInt32.random(in: 0..<600, using: &rng) },
      (0..<128).map { _ in UInt32(min(Double(UInt32.max), -log(Double.random(in: 0.0001..<1, using: &rng)) * 40)) },
      (0..<128).map { $0 == 64 ? 1_000_000 : 0 },
      (0..<128).map { _ in UInt32.random(in: (UInt32.max - 1000)...UInt32.max, using: &rng) },
      (0..<3000).map { _ in UInt32.random(in: 0..<8, using: &rng) },
    ]
    for values in sets {
      for maxK in [7, 31] {
        let k = values.withUnsafeBufferPointer { RiceCoding.parameter($0, maxK: maxK) }
        let best = (0...maxK).map { Self.riceBits(values, k: $0) }.min()!
        #expect(k <= maxK)
        #expect(Self.riceBits(values, k: k) == best, "k \(k) of \(values.prefix(5))… (maxK \(maxK))")
      }
    }
  }

  @Test func riceCodesRoundTripAndSkip() {
    var rng = SystemRandomNumberGenerator()
    for k in [0, 1, 5, 12, 31] {
      // Mostly below 4 << k, with outliers 1,000 times larger (long unary codes).
      let values = (0..<500).map { i -> UInt32 in
        let bits = min(k + (i % 97 == 0 ? 12 : 2), 32)
        return UInt32(UInt64.random(in: 0..<(1 << UInt64(bits)), using: &rng))
      }
      var w = ByteWriter()
      var bits = BitWriter()
      values.withUnsafeBufferPointer {
        RiceCoding.writeLow($0, k: k, bits: &bits, to: &w)
        RiceCoding.writeHigh($0, k: k, bits: &bits, to: &w)
      }
      bits.finish(to: &w)
      #expect(w.count == BitPacking.bytes(bits: Self.riceBits(values, k: k)))
      let bytes = Self.padded(w)
      let limit = w.count * 8
      bytes.withUnsafeBytes { raw in
        let base = raw.baseAddress!
        // Whole: low parts, then where each unary code ends.
        var out = [UInt32](repeating: 0, count: values.count)
        var ends = [UInt32](repeating: 0, count: values.count + RiceCoding.endsSlack)
        var high = values.count * k
        out.withUnsafeMutableBufferPointer { BitPacking.unpack(base, bit: 0, count: values.count, width: k, into: $0.baseAddress!) }
        let ok = ends.withUnsafeMutableBufferPointer {
          RiceCoding.ends(base, bit: &high, limitBit: limit, count: values.count, into: $0.baseAddress!)
        }
        #expect(ok)
        var last: Int64 = -1
        for i in 0..<values.count {
          out[i] |= UInt32(truncatingIfNeeded: (Int64(ends[i]) - last - 1) << Int64(k))
          last = Int64(ends[i])
        }
        #expect(out == values, "k \(k)")
        #expect(BitPacking.bytes(bits: high) == w.count)
        // Skipping 300 codes, then reading the rest one by one.
        var bit = values.count * k
        #expect(RiceCoding.skip(base, bit: &bit, limitBit: limit, count: 300))
        for i in 300..<values.count {
          let q = RiceCoding.unary(base, bit: &bit, limitBit: limit)
          let low = k == 0 ? 0 : BitPacking.field(base, bit: i * k, width: k)
          #expect(q.map { UInt32(truncatingIfNeeded: $0 << UInt64(k)) | low } == values[i])
        }
        // Codes cut short are damage, never a read past the limit.
        var cut = values.count * k
        let short = ends.withUnsafeMutableBufferPointer {
          RiceCoding.ends(base, bit: &cut, limitBit: limit - 9, count: values.count, into: $0.baseAddress!)
        }
        #expect(!short)
        cut = values.count * k
        #expect(!RiceCoding.skip(base, bit: &cut, limitBit: limit - 9, count: values.count))
      }
    }
  }

  /// A term's postings: ascending documents, each with ascending positions.
  struct Term {
    var docs: [UInt32] = []
    var positions: [[UInt32]] = []
  }

  static func randomTerm(df: Int, maxGap: UInt32, maxTf: Int, using rng: inout some RandomNumberGenerator) -> Term {
    var t = Term()
    var doc: UInt32 = UInt32.random(in: 0..<maxGap, using: &rng)
    for _ in 0..<df {
      t.docs.append(doc)
      doc += UInt32.random(in: 1...maxGap, using: &rng)
      let tf =
        maxTf == 1 ? 1
        : Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 1...maxTf, using: &rng) : Int.random(in: 1...3, using: &rng)
      var pos: [UInt32] = []
      var p = UInt32.random(in: 0..<2000, using: &rng)
      for _ in 0..<tf {
        pos.append(p)
        p += UInt32.random(in: 1...50, using: &rng)
      }
      t.positions.append(pos)
    }
    return t
  }

  @Test func postingsRoundTripThroughFiles() throws {
    var rng = SystemRandomNumberGenerator()
    let terms = [
      Self.randomTerm(df: 1, maxGap: 1_000_000, maxTf: 3, using: &rng),
      Self.randomTerm(df: 127, maxGap: 5000, maxTf: 400, using: &rng),
      Self.randomTerm(df: 128, maxGap: 3, maxTf: 20, using: &rng),
      Self.randomTerm(df: 129, maxGap: 100, maxTf: 20, using: &rng),
      Self.randomTerm(df: 1000, maxGap: 2, maxTf: 1000, using: &rng),
      Self.randomTerm(df: 700, maxGap: 3_000_000, maxTf: 5, using: &rng),
      // Every tf 1: blocks whose tf codes are all ones.
      Self.randomTerm(df: 300, maxGap: 40, maxTf: 1, using: &rng),
    ]
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let storage = Storage(path: path)
    try storage.create()
    let post = try storage.create("t.postings", kind: .postings)
    let posi = try storage.create("t.positions", kind: .positions)
    var infos: [TermInfo] = []
    let writer = PostingsWriter()
    var postOffset: UInt64 = 0
    var posiOffset: UInt64 = 0
    for t in terms {
      for (d, ps) in zip(t.docs, t.positions) { ps.withUnsafeBufferPointer { writer.add(doc: d, positions: $0) } }
      writer.finish()
      infos.append(TermInfo(docFreq: UInt32(writer.docFreq), postingsOffset: postOffset, positionsOffset: posiOffset))
      try post.write(writer.postings)
      try posi.write(writer.positions)
      postOffset += UInt64(writer.postings.count)
      posiOffset += UInt64(writer.positions.count)
      writer.reset()
    }
    try post.finish()
    try posi.finish()
    let pm = try storage.map("t.postings")
    let qm = try storage.map("t.positions")
    let pb = try FileFormat.body(of: pm, kind: .postings, verifyChecksum: true)
    let qb = try FileFormat.body(of: qm, kind: .positions, verifyChecksum: true)
    func cursor(_ i: Int) -> PostingsCursor {
      PostingsCursor(info: infos[i], postings: pm, postBody: pb, positions: qm, posiBody: qb)
    }
    var pos: [UInt32] = []
    for (i, t) in terms.enumerated() {
      // Every document, with its tf and positions.
      let c = cursor(i)
      var k = 0
      while c.next() != PostingsCursor.end {
        #expect(c.doc == t.docs[k])
        #expect(Int(c.freq) == t.positions[k].count)
        c.positions(into: &pos)
        #expect(pos == t.positions[k], "term \(i) doc \(k)")
        k += 1
      }
      #expect(k == t.docs.count && c.error == nil)
      // Jumps: positions of some documents only (the others are skipped undecoded), asked twice.
      let j = cursor(i)
      var target = 0
      while target < t.docs.count {
        #expect(j.advance(to: t.docs[target]) == t.docs[target])
        if target % 3 == 0 {
          j.positions(into: &pos)
          #expect(pos == t.positions[target], "term \(i) jump to \(target)")
          j.positions(into: &pos)
          #expect(pos == t.positions[target])
        }
        target += Int.random(in: 1...40, using: &rng)
      }
      // Between documents, and past the last.
      let b = cursor(i)
      if t.docs.count > 1 && t.docs[1] > t.docs[0] + 1 {
        #expect(b.advance(to: t.docs[0] + 1) == t.docs[1])
      }
      #expect(b.advance(to: t.docs[t.docs.count - 1] + 1) == PostingsCursor.end)
      #expect(b.error == nil)
    }
  }

  @Test func damagedBlockParametersEndTheCursorWithAnError() throws {
    var rng = SystemRandomNumberGenerator()
    let t = Self.randomTerm(df: 300, maxGap: 50, maxTf: 5, using: &rng)
    let writer = PostingsWriter()
    for (d, ps) in zip(t.docs, t.positions) { ps.withUnsafeBufferPointer { writer.add(doc: d, positions: $0) } }
    writer.finish()
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let storage = Storage(path: path)
    try storage.create()
    // Every byte of the postings damaged in turn: the cursor stops or answers, never traps.
    for off in 0..<writer.postings.count {
      var bytes = writer.postings.bytes
      bytes[off] ^= 0xFF
      // `Storage.create` never replaces a file that is not named like blotter's own.
      for name in ["t.postings", "t.positions"] {
        try? FileManager.default.removeItem(atPath: path + "/" + name)
      }
      let post = try storage.create("t.postings", kind: .postings)
      try post.write(bytes)
      try post.finish()
      let posi = try storage.create("t.positions", kind: .positions)
      try posi.write(writer.positions)
      try posi.finish()
      let pm = try storage.map("t.postings")
      let qm = try storage.map("t.positions")
      let c = PostingsCursor(
        info: TermInfo(docFreq: 300, postingsOffset: 0, positionsOffset: 0), postings: pm,
        postBody: try FileFormat.body(of: pm, kind: .postings, verifyChecksum: false), positions: qm,
        posiBody: try FileFormat.body(of: qm, kind: .positions, verifyChecksum: false), maxDoc: 20_000)
      var pos: [UInt32] = []
      var n = 0
      while c.next() != PostingsCursor.end && n < 1000 {
        _ = c.freq
        c.positions(into: &pos)
        n += 1
      }
    }
  }
}
