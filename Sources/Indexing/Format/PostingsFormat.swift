/// How one term's postings and positions are laid out (FORMAT.md, "postings" and "positions"),
/// and the writer that lays them out, one term at a time.
///
/// Documents go in blocks of 128; the last block (the tail) holds the `df % 128` left over.
/// ```
/// Postings = [Skips] Block[df / 128] [Tail]          Skips only when df >= 128
/// Skips    = docWidth:u8 endWidth:u8 posWidth:u8
///            packed(lastDoc:docWidth blockEnd:endWidth positionsEnd:posWidth)[df / 128]
/// Block    = docK | tfK << 5 :u8  low(docGap - 1)[n] low(tf - 1)[n]
///            high(docGap - 1)[n] high(tf - 1)[n]              (n = 128, or df % 128 for the tail)
/// Chunk    = k:u8 low(gap)[m] high(gap)[m]                      (one per block, in .positions)
/// ```
/// `low` and `high` are the two halves of Rice codes (`RiceCoding`), one bit stream per block or
/// chunk, padded to a byte at its end. Doc gaps start from -1, so the first document's gap minus
/// one is its id. A block's chunk holds the positions of its documents in order, `m` being the
/// sum of their tfs: per document the first position, then the gaps between positions.
/// `blockEnd` (relative to the first block) and `positionsEnd` (relative to the term's first
/// position byte) are where block `b` and its chunk end, so the reader finds any block and its
/// positions without touching the blocks before it.
public enum PostingsFormat {
  public static let blockSize = 128
  /// Largest Rice parameter of doc gaps and positions (5 bits) and of tfs (3 bits).
  static let maxDocK = 31
  static let maxTfK = 7
}

/// Encodes the postings and positions of one term at a time: `add` its documents in doc-id
/// order, `finish`, write out `postings` and `positions`, then `reset` for the next term. Holds
/// one block of input and the term's encoded bytes, so merges stream terms of any length.
struct PostingsWriter {
  /// The current term's bytes, complete after `finish()`.
  private(set) var postings = ByteWriter(capacity: 1 << 12)
  private(set) var positions = ByteWriter(capacity: 1 << 12)
  private(set) var docFreq = 0

  private var docs = [UInt32](repeating: 0, count: PostingsFormat.blockSize)
  private var tfs = [UInt32](repeating: 0, count: PostingsFormat.blockSize)
  /// What a block encodes: doc gaps minus one, tfs minus one.
  private var docCodes = [UInt32](repeating: 0, count: PostingsFormat.blockSize)
  private var tfCodes = [UInt32](repeating: 0, count: PostingsFormat.blockSize)
  private var inBlock = 0
  /// Position gaps of the block's documents (first position, then gaps), in doc order.
  private var gaps: [UInt32] = []
  private var lastDoc: Int64 = -1  // last document of the previous block
  private var blocks = ByteWriter(capacity: 1 << 12)
  private var skips: [(lastDoc: UInt32, blockEnd: UInt32, positionsEnd: UInt32)] = []

  init() {
    gaps.reserveCapacity(1024)
  }

  /// Adds the next document (ids ascending) with its positions (ascending, at least one).
  @inline(__always)
  mutating func add(doc: UInt32, positions ps: UnsafeBufferPointer<UInt32>) {
    docs[inBlock] = doc
    tfs[inBlock] = UInt32(ps.count)
    var prev: UInt32 = 0
    for p in ps {
      gaps.append(p &- prev)
      prev = p
    }
    inBlock += 1
    docFreq += 1
    if inBlock == PostingsFormat.blockSize {
      encodeBlock(tail: false)
      skips.append((docs[inBlock - 1], UInt32(blocks.count), UInt32(positions.count)))
      finishBlock()
    }
  }

  /// Completes the term: skip table, blocks and tail into `postings`.
  mutating func finish() {
    postings.removeAll()
    if !skips.isEmpty {
      let last = skips[skips.count - 1]
      let dw = BitPacking.width(UInt64(last.lastDoc))
      let ew = BitPacking.width(UInt64(last.blockEnd))
      let pw = BitPacking.width(UInt64(last.positionsEnd))
      postings.u8(UInt8(dw))
      postings.u8(UInt8(ew))
      postings.u8(UInt8(pw))
      var bits = BitWriter()
      for s in skips {
        bits.write(s.lastDoc, width: dw, to: &postings)
        bits.write(s.blockEnd, width: ew, to: &postings)
        bits.write(s.positionsEnd, width: pw, to: &postings)
      }
      bits.finish(to: &postings)
      postings.append(blocks.bytes)
    }
    if inBlock > 0 {
      encodeBlock(tail: true)
      finishBlock()
    }
  }

  /// Clears everything for the next term.
  mutating func reset() {
    postings.removeAll()
    positions.removeAll()
    blocks.removeAll()
    skips.removeAll(keepingCapacity: true)
    gaps.removeAll(keepingCapacity: true)
    inBlock = 0
    docFreq = 0
    lastDoc = -1
  }

  private mutating func finishBlock() {
    lastDoc = Int64(docs[inBlock - 1])
    inBlock = 0
    gaps.removeAll(keepingCapacity: true)
  }

  /// Encodes the buffered documents as one block into `blocks` or (the tail) `postings`, and
  /// their positions as one chunk into `positions`.
  private mutating func encodeBlock(tail: Bool) {
    let n = inBlock
    var prev = lastDoc
    for i in 0..<n {
      let d = Int64(docs[i])
      docCodes[i] = UInt32(truncatingIfNeeded: d - prev - 1)
      prev = d
      tfCodes[i] = tfs[i] - 1
    }
    if tail {
      Self.encode(docCodes, tfCodes, count: n, into: &postings)
    } else {
      Self.encode(docCodes, tfCodes, count: n, into: &blocks)
    }
    gaps.withUnsafeBufferPointer { g in
      let k = RiceCoding.parameter(g, maxK: PostingsFormat.maxDocK)
      positions.u8(UInt8(k))
      var bits = BitWriter()
      RiceCoding.writeLow(g, k: k, bits: &bits, to: &positions)
      RiceCoding.writeHigh(g, k: k, bits: &bits, to: &positions)
      bits.finish(to: &positions)
    }
  }

  private static func encode(_ docCodes: [UInt32], _ tfCodes: [UInt32], count n: Int, into out: inout ByteWriter) {
    docCodes.withUnsafeBufferPointer { dp in
      tfCodes.withUnsafeBufferPointer { tp in
        let d = UnsafeBufferPointer(rebasing: dp[0..<n])
        let t = UnsafeBufferPointer(rebasing: tp[0..<n])
        let dk = RiceCoding.parameter(d, maxK: PostingsFormat.maxDocK)
        let tk = RiceCoding.parameter(t, maxK: PostingsFormat.maxTfK)
        out.u8(UInt8(dk | tk << 5))
        var bits = BitWriter()
        RiceCoding.writeLow(d, k: dk, bits: &bits, to: &out)
        RiceCoding.writeLow(t, k: tk, bits: &bits, to: &out)
        RiceCoding.writeHigh(d, k: dk, bits: &bits, to: &out)
        RiceCoding.writeHigh(t, k: tk, bits: &bits, to: &out)
        bits.finish(to: &out)
      }
    }
  }
}
