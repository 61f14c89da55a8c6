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
  public private(set) var doc: UInt32 = 0
  /// The first decoding problem met, if any (the cursor then reports `end`).
  public private(set) var error: IndexError?

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
  private let tfs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize)
  /// Where the unary codes of a block end (`RiceCoding.ends`), with room for a word's overrun.
  private let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsFormat.blockSize + 64)
  private var count = 0
  private var idx = -1
  private var block = -1  // current block; fullBlocks means the tail
  // The block's tfs are decoded on the first `freq` (a conjunction skips most blocks it loads).
  private var tfsReady = false
  private var tfK = 0
  private var tfLowBit = 0
  private var tfHighBit = 0
  private var blockEndBit = 0
  // Positions of the current block, set up on the first `positions` call in it.
  private var chunkStart = 0
  private var chunkEnd = 0
  private var chunkReady = false
  private var posK = 0
  private var lowBit = 0  // first low part of the chunk
  private var highStart = 0  // first high part of the chunk
  private var posIdx = 0  // the next document whose codes start at `value` / `highBit`
  private var value = 0
  private var highBit = 0
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
    tfs.deallocate()
    ends.deallocate()
  }

  /// Term frequency in the current document.
  @inline(__always) public var freq: UInt32 {
    if !tfsReady { decodeTfs() }
    return tfs[idx]
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
      let d = prev &+ 1 &+ ((e &- lastEnd &- 1) << Int64(dk) | Int64(docs[k]))
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

  /// Decodes the tfs of the current block (after its doc ids' codes).
  private func decodeTfs() {
    tfsReady = true
    let n = count
    BitPacking.unpack(postBase, bit: tfLowBit, count: n, width: tfK, into: tfs)
    var high = tfHighBit
    if !RiceCoding.ends(postBase, bit: &high, limitBit: blockEndBit, count: n, into: ends)
      || (block < fullBlocks && BitPacking.bytes(bits: high) * 8 != blockEndBit)
    {
      error = .corrupt(file: postings.name, offset: tfHighBit / 8, reason: "block codes do not fill the block")
      tfs.update(repeating: 1, count: n)
      return
    }
    var lastEnd: Int64 = -1
    for k in 0..<n {
      let e = Int64(ends[k])
      tfs[k] = UInt32(truncatingIfNeeded: ((e &- lastEnd &- 1) << Int64(tfK) | Int64(tfs[k])) &+ 1)
      lastEnd = e
    }
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
    var values = 0
    for i in 0..<count { values += Int(tfs[i]) }
    lowBit = (chunkStart + 1) * 8
    highStart = lowBit + values * posK
    if highStart > chunkEnd * 8 { return fail(chunkStart, "positions chunk runs past its end", file: positionsFile) }
    posIdx = 0
    value = 0
    highBit = highStart
    chunkReady = true
    return true
  }

  /// Positions of the current document, ascending, appended to `out` (cleared first).
  public func positions(into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    guard idx >= 0 && idx < count else { return }
    if !tfsReady { decodeTfs() }
    guard error == nil else { return }
    if !chunkReady && !openChunk() { return }
    if posIdx > idx {
      posIdx = 0
      value = 0
      highBit = highStart
    }
    let limitBit = chunkEnd * 8
    if posIdx < idx {
      var passed = 0
      while posIdx < idx {
        passed += Int(tfs[posIdx])
        posIdx += 1
      }
      if !RiceCoding.skip(posBase, bit: &highBit, limitBit: limitBit, count: passed) {
        _ = fail(chunkStart, "positions run past their chunk", file: positionsFile)
        return
      }
      value += passed
    }
    let tf = Int(tfs[idx])
    let k = posK
    var low = lowBit + value * k
    var pos: UInt32 = 0
    for j in 0..<tf {
      guard let q = RiceCoding.unary(posBase, bit: &highBit, limitBit: limitBit) else {
        _ = fail(chunkStart, "positions run past their chunk", file: positionsFile)
        out.removeAll()
        return
      }
      let gap = UInt32(truncatingIfNeeded: q << UInt64(k)) | (k > 0 ? BitPacking.field(posBase, bit: low, width: k) : 0)
      low += k
      pos = j == 0 ? gap : pos &+ gap
      out.append(pos)
    }
    value += tf
    posIdx = idx + 1
  }
}
