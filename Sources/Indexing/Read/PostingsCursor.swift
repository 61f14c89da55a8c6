/// Walks one term's postings in one segment in doc-id order: `next()`, `advance(to:)`, the current
/// document's `freq` and, on demand, its `positions`. Reads straight from the mapped files: a
/// block is decoded when the cursor lands in it, and positions only for the documents asked
/// (the positions of documents passed over are skipped by counting bits, never decoded).
///
/// Damaged postings never crash: a bounds failure ends the cursor and records `error`.
public final class PostingsCursor {
  public static let end = UInt32.max

  public let docFreq: Int
  /// The current document, or `end`; before the first `next()` it is undefined.
  @exclusivity(unchecked) public private(set) var doc: UInt32 = 0
  /// The first decoding problem met, if any (the cursor then reports `end`).
  @exclusivity(unchecked) public private(set) var error: IndexError?

  private let postings: MappedFile
  private let positionsFile: MappedFile
  private let postBase: UnsafeRawPointer
  private let posBase: UnsafeRawPointer
  private let postLimit: Int  // end of the postings body
  private let posLimit: Int  // end of the positions body
  private let posStart: Int  // absolute offset of this term's positions
  private let fullBlocks: Int
  private let blocksStart: Int  // absolute offset of block 0
  // The skip table: entry b at bit skipBit + b * entryWidth.
  private let skipBit: Int
  private let docWidth: Int
  private let endWidth: Int
  private let posWidth: Int
  private let entryWidth: Int
  private let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  /// Running sums of the block's tfs, minus one: `tfSums[i]` is tf(0) + … + tf(i) - 1. With a tf
  /// parameter of 0 (most blocks) these are where the tf codes end, so decoding is one bit scan;
  /// a document's tf and the index of its first position come out by subtraction.
  private let tfSums = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize + RiceCoding.endsSlack)
  /// Where the unary codes of a block end (`RiceCoding.ends`), with room for its overrun.
  private let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize + RiceCoding.endsSlack)
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var idx = -1
  @exclusivity(unchecked) private var block = -1  // current block; fullBlocks means the tail
  // The block's tfs are decoded on the first `freq` (a conjunction skips most blocks it loads).
  @exclusivity(unchecked) private var tfsReady = false
  /// Every tf of the block is 1 (tfSums left unwritten): titles, names and rare words.
  @exclusivity(unchecked) private var unitTfs = false
  @exclusivity(unchecked) private var tfK = 0
  @exclusivity(unchecked) private var tfLowBit = 0
  @exclusivity(unchecked) private var tfHighBit = 0
  @exclusivity(unchecked) private var blockEndBit = 0
  // Positions of the current block, set up on the first `positions` call in it.
  @exclusivity(unchecked) private var chunkStart = 0
  @exclusivity(unchecked) private var chunkEnd = 0
  @exclusivity(unchecked) private var chunkReady = false
  @exclusivity(unchecked) private var posK = 0
  @exclusivity(unchecked) private var lowBit = 0  // first low part of the chunk
  @exclusivity(unchecked) private var highStart = 0  // first high part of the chunk
  @exclusivity(unchecked)
  private var posIdx = 0  // the next document whose codes start at `value` / `highBit`
  @exclusivity(unchecked) private var value = 0
  @exclusivity(unchecked) private var highBit = 0
  /// Doc ids at or past this are damage (callers index norms, columns and deletions by doc id).
  private let docLimit: Int64

  init(
    info: TermInfo, postings: MappedFile, postBody: Range<Int>, positions: MappedFile,
    posiBody: Range<Int>, maxDoc: Int = Int(UInt32.max - 1)
  ) {
    self.docLimit = Int64(min(maxDoc, Int(UInt32.max - 1)))
    self.docFreq = Int(info.docFreq)
    self.postings = postings
    self.postBase = postings.base
    self.postLimit = postBody.upperBound
    self.positionsFile = positions
    self.posBase = positions.base
    self.posLimit = posiBody.upperBound
    // Clamped so a damaged offset fails the range check below instead of overflowing.
    let start = postBody.lowerBound + min(Int(clamping: info.postingsOffset), postBody.count + 1)
    self.posStart = posiBody.lowerBound + min(Int(clamping: info.positionsOffset), posiBody.count + 1)
    self.fullBlocks = docFreq / PostingsFormat.blockSize
    var widths = (0, 0, 0)
    var blocks = start
    var bad = start > postLimit || posStart > posLimit
    if fullBlocks > 0 && !bad {
      if start + 3 > postLimit {
        bad = true
      } else {
        widths = (
          Int(postBase.load(fromByteOffset: start, as: UInt8.self)),
          Int(postBase.load(fromByteOffset: start + 1, as: UInt8.self)),
          Int(postBase.load(fromByteOffset: start + 2, as: UInt8.self))
        )
        bad = widths.0 > 32 || widths.1 > 32 || widths.2 > 32
        blocks = start + 3 + BitPacking.bytes(bits: fullBlocks * (widths.0 + widths.1 + widths.2))
      }
    }
    self.docWidth = widths.0
    self.endWidth = widths.1
    self.posWidth = widths.2
    self.entryWidth = widths.0 + widths.1 + widths.2
    self.skipBit = (start + 3) * 8
    self.blocksStart = blocks
    if bad || blocksStart > postLimit {
      error = .corrupt(file: postings.name, offset: start, reason: "postings offset out of range")
      doc = Self.end
    }
  }

  deinit {
    docs.deallocate()
    tfSums.deallocate()
    ends.deallocate()
  }

  /// Term frequency in the current document.
  @inline(__always) public var freq: UInt32 {
    if !tfsReady { decodeTfs() }
    if unitTfs { return 1 }
    return idx == 0 ? tfSums[0] &+ 1 : tfSums[idx] &- tfSums[idx - 1]
  }

  // MARK: - Skip entries

  @inline(__always) private func skipField(_ b: Int, _ offset: Int, _ width: Int) -> Int {
    Int(BitPacking.field(postBase, bit: skipBit + b * entryWidth + offset, width: width))
  }

  /// Last doc id of full block `b`.
  @inline(__always) func lastDoc(ofBlock b: Int) -> UInt32 { UInt32(skipField(b, 0, docWidth)) }

  /// End of full block `b`, relative to the first block.
  @inline(__always) private func blockEnd(_ b: Int) -> Int { skipField(b, docWidth, endWidth) }

  /// End of the positions of full block `b`, relative to the term's first position byte.
  @inline(__always) private func positionsEnd(_ b: Int) -> Int { skipField(b, docWidth + endWidth, posWidth) }

  // MARK: - Iteration

  /// Moves to the next document and returns it (or `end`).
  @discardableResult
  public func next() -> UInt32 {
    if doc == Self.end { return doc }
    idx += 1
    if idx >= count {
      if !load(block: block + 1) {
        doc = Self.end
        return doc
      }
      idx = 0
    }
    doc = docs[idx]
    return doc
  }

  /// Moves to the first document >= target and returns it (or `end`).
  @discardableResult
  public func advance(to target: UInt32) -> UInt32 {
    if doc == Self.end { return doc }
    if idx >= 0 && idx < count && doc >= target { return doc }
    // Skip whole blocks using the skip table.
    if fullBlocks > 0 {
      var b = max(block, 0)
      if block < fullBlocks && (block < 0 || lastDoc(ofBlock: max(block, 0)) < target) {
        while b < fullBlocks && lastDoc(ofBlock: b) < target { b += 1 }
        if b != block {
          if !load(block: b) {
            doc = Self.end
            return doc
          }
          idx = -1
        }
      }
    } else if block < 0 {
      if !load(block: 0) {
        doc = Self.end
        return doc
      }
      idx = -1
    }
    while true {
      idx += 1
      if idx >= count {
        if !load(block: block + 1) {
          doc = Self.end
          return doc
        }
        idx = 0
      }
      if docs[idx] >= target {
        doc = docs[idx]
        return doc
      }
    }
  }

  /// Decodes block `b` (or the tail when `b == fullBlocks`) into the buffers.
  private func load(block b: Int) -> Bool {
    if b > fullBlocks || error != nil { return false }
    let tailCount = docFreq - fullBlocks * PostingsFormat.blockSize
    if b == fullBlocks && tailCount == 0 { return false }
    block = b
    idx = -1
    chunkReady = false
    let prevLast: Int64 = b == 0 ? -1 : Int64(lastDoc(ofBlock: b - 1))
    let full = b < fullBlocks
    let begin = blocksStart + (b == 0 ? 0 : blockEnd(b - 1))
    let end = full ? blocksStart + blockEnd(b) : postLimit
    chunkStart = posStart + (b == 0 ? 0 : positionsEnd(b - 1))
    chunkEnd = full ? posStart + positionsEnd(b) : posLimit
    if begin >= end || end > postLimit { return fail(begin, "block bounds out of range") }
    let n = full ? PostingsFormat.blockSize : tailCount
    let params = Int(postBase.load(fromByteOffset: begin, as: UInt8.self))
    let dk = params & 31
    let docLow = (begin + 1) * 8
    tfK = params >> 5
    tfLowBit = docLow + n * dk
    var high = tfLowBit + n * tfK
    blockEndBit = end * 8
    if high > blockEndBit { return fail(begin, "packed block runs past the end") }
    BitPacking.unpack(postBase, bit: docLow, count: n, width: dk, into: docs)
    if !RiceCoding.ends(postBase, bit: &high, limitBit: blockEndBit, count: n, into: ends) {
      return fail(begin, "block codes run past the block")
    }
    // Doc ids: gap - 1 = (high << dk | low), high = distance between consecutive ends - 1.
    var prev = prevLast
    var lastEnd: Int64 = -1
    for k in 0..<n {
      let e = Int64(ends[k])
      let d = prev &+ 1 &+ ((e &- lastEnd &- 1) &<< Int64(dk) | Int64(docs[k]))
      if d >= docLimit { return fail(begin, "doc id \(d) beyond maxDoc \(docLimit)") }
      docs[k] = UInt32(truncatingIfNeeded: d)
      prev = d
      lastEnd = e
    }
    tfHighBit = high
    tfsReady = false
    count = n
    return true
  }

  /// Decodes the tfs of the current block (after its doc ids' codes) into running sums.
  private func decodeTfs() {
    tfsReady = true
    unitTfs = false
    let n = count
    var high = tfHighBit
    if tfK == 0 && Self.allOnes(postBase, bit: high, count: n, limitBit: blockEndBit) {
      // n unary codes of 0: every tf is 1.
      high += n
      if block < fullBlocks && BitPacking.bytes(bits: high) * 8 != blockEndBit {
        error = .corrupt(file: postings.name, offset: tfHighBit / 8, reason: "block codes do not fill the block")
      }
      unitTfs = true
      return
    }
    if !RiceCoding.ends(postBase, bit: &high, limitBit: blockEndBit, count: n, into: tfSums)
      || (block < fullBlocks && BitPacking.bytes(bits: high) * 8 != blockEndBit)
    {
      error = .corrupt(file: postings.name, offset: tfHighBit / 8, reason: "block codes do not fill the block")
      for k in 0..<n { tfSums[k] = UInt32(k) }
      return
    }
    if tfK == 0 { return }
    // tf - 1 = (high << tfK | low), high = distance between consecutive ends - 1.
    BitPacking.unpack(postBase, bit: tfLowBit, count: n, width: tfK, into: ends)
    var lastEnd: Int64 = -1
    var sum: Int64 = -1
    for k in 0..<n {
      let e = Int64(tfSums[k])
      sum &+= ((e &- lastEnd &- 1) &<< Int64(tfK) | Int64(ends[k])) &+ 1
      lastEnd = e
      tfSums[k] = UInt32(truncatingIfNeeded: sum)
    }
    if sum > Int64(UInt32.max) {
      error = .corrupt(file: postings.name, offset: tfHighBit / 8, reason: "term frequencies overflow")
      for k in 0..<n { tfSums[k] = UInt32(k) }
    }
  }

  /// Whether the `count` bits from `bit` are all ones (and end by `limitBit`).
  private static func allOnes(_ base: UnsafeRawPointer, bit: Int, count: Int, limitBit: Int) -> Bool {
    if bit + count > limitBit { return false }
    var b = bit
    var left = count
    while left > 0 {
      let take = min(left, 56)
      let mask: UInt64 = (1 &<< UInt64(take)) &- 1
      if BitPacking.word(base, bit: b) & mask != mask { return false }
      b += take
      left -= take
    }
    return true
  }

  /// The index of document `i`'s first position in the block's chunk.
  @inline(__always) private func firstValue(_ i: Int) -> Int {
    unitTfs ? i : i == 0 ? 0 : Int(tfSums[i - 1]) + 1
  }

  private func fail(_ off: Int, _ reason: String, file: MappedFile? = nil) -> Bool {
    error = .corrupt(file: (file ?? postings).name, offset: off, reason: reason)
    return false
  }

  // MARK: - Positions

  /// Reads the chunk header of the current block's positions.
  private func openChunk() -> Bool {
    if chunkStart < posStart || chunkStart >= chunkEnd || chunkEnd > posLimit {
      return fail(chunkStart, "positions chunk out of range", file: positionsFile)
    }
    posK = Int(posBase.load(fromByteOffset: chunkStart, as: UInt8.self))
    if posK > PostingsFormat.maxDocK {
      return fail(chunkStart, "positions parameter \(posK) > \(PostingsFormat.maxDocK)", file: positionsFile)
    }
    let values = firstValue(count)
    lowBit = (chunkStart + 1) * 8
    highStart = lowBit + values * posK
    if highStart > chunkEnd * 8 { return fail(chunkStart, "positions chunk runs past its end", file: positionsFile) }
    posIdx = 0
    value = 0
    highBit = highStart
    chunkReady = true
    return true
  }

  /// Positions of the current document, ascending, in `out` (replacing what it held).
  public func positions(into out: inout [UInt32]) {
    guard idx >= 0 && idx < count else { return Self.resize(&out, 0) }
    if !tfsReady { decodeTfs() }
    guard error == nil else { return Self.resize(&out, 0) }
    if !chunkReady && !openChunk() { return Self.resize(&out, 0) }
    if posIdx > idx {
      posIdx = 0
      value = 0
      highBit = highStart
    }
    let limitBit = chunkEnd * 8
    if posIdx < idx {
      let target = firstValue(idx)
      if !RiceCoding.skip(posBase, bit: &highBit, limitBit: limitBit, count: target - value) {
        _ = fail(chunkStart, "positions run past their chunk", file: positionsFile)
        return Self.resize(&out, 0)
      }
      value = target
      posIdx = idx
    }
    let tf = firstValue(idx + 1) - value
    let k = posK
    let base = posBase
    var low = lowBit + value * k
    var high = highBit
    Self.resize(&out, tf)
    let ok = out.withUnsafeMutableBufferPointer { buf -> Bool in
      var pos: UInt32 = 0
      for j in 0..<tf {
        guard let q = RiceCoding.unary(base, bit: &high, limitBit: limitBit) else { return false }
        let gap = UInt32(truncatingIfNeeded: q &<< UInt64(k)) | (k > 0 ? BitPacking.field(base, bit: low, width: k) : 0)
        low += k
        pos = j == 0 ? gap : pos &+ gap
        buf[j] = pos
      }
      return true
    }
    if !ok {
      _ = fail(chunkStart, "positions run past their chunk", file: positionsFile)
      return Self.resize(&out, 0)
    }
    highBit = high
    value += tf
    posIdx = idx + 1
  }

  /// Makes `a` hold `n` elements (their values undefined until written), keeping its storage.
  @inline(__always) private static func resize(_ a: inout [UInt32], _ n: Int) {
    if a.count > n {
      a.removeLast(a.count - n)
    } else if a.count < n {
      a.append(contentsOf: repeatElement(0, count: n - a.count))
    }
  }
}
