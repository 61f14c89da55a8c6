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
final class PostingsWriter {
  /// The current term's bytes, complete after `finish()`.
  private(set) var postings = ByteWriter(capacity: 1 << 12)
  private(set) var positions = ByteWriter(capacity: 1 << 12)
  private(set) var docFreq = 0

  private let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  private let tfs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  /// What a block encodes: doc gaps minus one, tfs minus one.
  private let docCodes = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  private let tfCodes = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  private var inBlock = 0
  /// Position gaps of the block's documents (first position, then gaps), in doc order.
  private var gaps = UnsafeMutablePointer<UInt32>.allocate(capacity: 1024)
  private var gapCount = 0
  private var gapCapacity = 1024
  private var lastDoc: Int64 = -1  // last document of the previous block
  private var blocks = ByteWriter(capacity: 1 << 12)
  private var skips: [(lastDoc: UInt32, blockEnd: UInt32, positionsEnd: UInt32)] = []

  init() {}

  deinit {
    docs.deallocate()
    tfs.deallocate()
    docCodes.deallocate()
    tfCodes.deallocate()
    gaps.deallocate()
  }

  /// Adds the next document (ids ascending) with its positions (ascending, at least one).
  @inline(__always)
  func add(doc: UInt32, positions ps: UnsafeBufferPointer<UInt32>) {
    add(doc: doc, tf: ps.count) { g in
      var prev: UInt32 = 0
      for i in 0..<ps.count {
        g[i] = ps[i] &- prev
        prev = ps[i]
      }
    }
  }

  /// Adds the next document (ids ascending) whose `tf` (at least one) position gaps `fill`
  /// writes: the first position, then the differences between consecutive positions.
  @inline(__always)
  func add(doc: UInt32, tf: Int, gaps fill: (UnsafeMutablePointer<UInt32>) -> Void) {
    if gapCount + tf > gapCapacity { growGaps(gapCount + tf) }
    fill(gaps + gapCount)
    gapCount += tf
    docs[inBlock] = doc
    tfs[inBlock] = UInt32(tf)
    inBlock += 1
    docFreq += 1
    if inBlock == PostingsFormat.blockSize {
      encodeBlock(into: &blocks)
      skips.append((docs[inBlock - 1], UInt32(blocks.count), UInt32(positions.count)))
      finishBlock()
    }
  }

  private func growGaps(_ n: Int) {
    let capacity = max(n, gapCapacity * 2)
    let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    bigger.update(from: gaps, count: gapCount)
    gaps.deallocate()
    gaps = bigger
    gapCapacity = capacity
  }

  /// Completes the term: skip table, blocks and tail into `postings`.
  func finish() {
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
      encodeBlock(into: &postings)
      finishBlock()
    }
  }

  /// Clears everything for the next term.
  func reset() {
    postings.removeAll()
    positions.removeAll()
    blocks.removeAll()
    skips.removeAll(keepingCapacity: true)
    gapCount = 0
    inBlock = 0
    docFreq = 0
    lastDoc = -1
  }

  private func finishBlock() {
    lastDoc = Int64(docs[inBlock - 1])
    inBlock = 0
    gapCount = 0
  }

  /// Encodes the buffered documents as one block into `out`, and their positions as one chunk
  /// into `positions`.
  private func encodeBlock(into out: inout ByteWriter) {
    let n = inBlock
    var prev = lastDoc
    for i in 0..<n {
      let d = Int64(docs[i])
      docCodes[i] = UInt32(truncatingIfNeeded: d - prev - 1)
      prev = d
      tfCodes[i] = tfs[i] - 1
    }
    let d = UnsafeBufferPointer(start: docCodes, count: n)
    let t = UnsafeBufferPointer(start: tfCodes, count: n)
    let dk = RiceCoding.parameter(d, maxK: PostingsFormat.maxDocK)
    let tk = RiceCoding.parameter(t, maxK: PostingsFormat.maxTfK)
    out.u8(UInt8(dk | tk << 5))
    var bits = BitWriter()
    RiceCoding.writeLow(d, k: dk, bits: &bits, to: &out)
    RiceCoding.writeLow(t, k: tk, bits: &bits, to: &out)
    RiceCoding.writeHigh(d, k: dk, bits: &bits, to: &out)
    RiceCoding.writeHigh(t, k: tk, bits: &bits, to: &out)
    bits.finish(to: &out)

    let g = UnsafeBufferPointer(start: gaps, count: gapCount)
    let k = RiceCoding.parameter(g, maxK: PostingsFormat.maxDocK)
    positions.u8(UInt8(k))
    var pbits = BitWriter()
    RiceCoding.writeLow(g, k: k, bits: &pbits, to: &positions)
    RiceCoding.writeHigh(g, k: k, bits: &pbits, to: &positions)
    pbits.finish(to: &positions)
  }
}
