/// How one term's postings and positions are laid out (FORMAT.md, "postings" and "positions").
///
/// Postings of a term with `df` documents:
/// ```
/// Skip[df / 128]  TailPosStart:u32 (only when df >= 128)
/// Block[df / 128]  Tail
/// Skip  = lastDoc:u32 blockEnd:u32 posStart:u32 maxTf:u16 minNorm:u8 pad:u8
/// Block = docWidth:u8 tfWidth:u8 packed(docGap - 1)[128] packed(tf - 1)[128]
/// Tail  = (varint((docGap - 1) << 1 | tf == 1) varint(tf)?)[df % 128]
/// ```
/// `blockEnd` is relative to the first block; `posStart` to the term's first position byte. Doc
/// gaps start from -1, so the first document's gap minus one is its id. Positions are, for each
/// document in order, `tf` varints: the first position, then gaps.
public enum PostingsFormat {
  public static let skipEntrySize = 16

  /// Writes one term's postings and positions.
  /// - Parameters:
  ///   - norms: the field norm of each document (for the per-block impact bound).
  public static func write(
    docs: [UInt32], tfs: [UInt32], positions: [UInt32], norms: (UInt32) -> UInt8,
    postings w: inout ByteWriter, positions pw: inout ByteWriter
  ) {
    let df = docs.count
    let full = df / BitPacking.blockSize
    let posBase = pw.count
    // Positions first: needed to know each block's start.
    var blockPosStarts: [UInt32] = []
    blockPosStarts.reserveCapacity(full + 1)
    var p = 0
    for i in 0..<df {
      if i % BitPacking.blockSize == 0 { blockPosStarts.append(UInt32(pw.count - posBase)) }
      var prev: UInt32 = 0
      for k in 0..<Int(tfs[i]) {
        let pos = positions[p + k]
        pw.varint(UInt64(k == 0 ? pos : pos - prev))
        prev = pos
      }
      p += Int(tfs[i])
    }
    if df % BitPacking.blockSize == 0 { blockPosStarts.append(UInt32(pw.count - posBase)) }

    // Blocks into a scratch buffer so the skip table (which needs their ends) can go first.
    var blocks = ByteWriter(capacity: full * 64)
    var skips: [(UInt32, UInt32, UInt32, UInt16, UInt8)] = []
    var gaps = [UInt32](repeating: 0, count: BitPacking.blockSize)
    var freqs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    var prev: Int64 = -1
    for b in 0..<full {
      var maxTf: UInt32 = 0
      var minNorm: UInt8 = 255
      for k in 0..<BitPacking.blockSize {
        let i = b * BitPacking.blockSize + k
        gaps[k] = UInt32(Int64(docs[i]) - prev - 1)
        prev = Int64(docs[i])
        freqs[k] = tfs[i] - 1
        maxTf = max(maxTf, tfs[i])
        minNorm = min(minNorm, norms(docs[i]))
      }
      gaps.withUnsafeBufferPointer { g in
        freqs.withUnsafeBufferPointer { f in
          let dw = BitPacking.width(g)
          let fw = BitPacking.width(f)
          blocks.u8(UInt8(dw))
          blocks.u8(UInt8(fw))
          BitPacking.pack(g, width: dw, into: &blocks)
          BitPacking.pack(f, width: fw, into: &blocks)
        }
      }
      skips.append(
        (UInt32(prev), UInt32(blocks.count), blockPosStarts[b], UInt16(min(maxTf, 65535)), minNorm))
    }
    if full > 0 {
      for s in skips {
        w.u32(s.0)
        w.u32(s.1)
        w.u32(s.2)
        w.u16(s.3)
        w.u8(s.4)
        w.u8(0)
      }
      w.u32(blockPosStarts[full])
      w.append(blocks.bytes)
    }
    for i in (full * BitPacking.blockSize)..<df {
      let gap = UInt64(Int64(docs[i]) - prev - 1)
      prev = Int64(docs[i])
      if tfs[i] == 1 {
        w.varint(gap << 1 | 1)
      } else {
        w.varint(gap << 1)
        w.varint(UInt64(tfs[i]))
      }
    }
  }
}
