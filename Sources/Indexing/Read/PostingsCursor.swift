/// Walks one term's postings in one segment in doc-id order: `next()`, `advance(to:)`, the current
/// document's `freq` and, on demand, its `positions`. Reads straight from the mapped files.
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
  private let postBody: Range<Int>
  private let positionsFile: MappedFile
  private let posiBody: Range<Int>
  private let start: Int  // absolute offset of this term's postings
  private let posStart: Int  // absolute offset of this term's positions
  private let fullBlocks: Int
  private let blocksStart: Int  // absolute offset of block 0
  private let postBase: UnsafeRawPointer
  private let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: BitPacking.blockSize)
  private let tfs = UnsafeMutablePointer<UInt32>.allocate(capacity: BitPacking.blockSize)
  private var count = 0
  private var idx = -1
  private var block = -1  // current block; fullBlocks means the tail
  private var blockPos = 0  // absolute offset in positions of the current block's first doc
  private var posIdx = 0  // doc index whose positions start at posOffset
  private var posOffset = 0
  private var lastDocOfPrevBlock: Int64 = -1
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
    self.postBody = postBody
    self.positionsFile = positions
    self.posiBody = posiBody
    // Clamped so a damaged offset fails the range check below instead of overflowing.
    self.start = postBody.lowerBound + min(Int(clamping: info.postingsOffset), postBody.count + 1)
    self.posStart = posiBody.lowerBound + min(Int(clamping: info.positionsOffset), posiBody.count + 1)
    self.fullBlocks = docFreq / BitPacking.blockSize
    self.blocksStart =
      start + (fullBlocks > 0 ? fullBlocks * PostingsFormat.skipEntrySize + 4 : 0)
    if start > postBody.upperBound || posStart > posiBody.upperBound
      || blocksStart > postBody.upperBound
    {
      error = .corrupt(file: postings.name, offset: start, reason: "postings offset out of range")
      doc = Self.end
    }
  }

  deinit {
    docs.deallocate()
    tfs.deallocate()
  }

  /// Term frequency in the current document.
  @inline(__always) public var freq: UInt32 { tfs[idx] }

  // MARK: - Skip entries

  @inline(__always) private func skipField(_ b: Int, _ off: Int) -> UInt32 {
    UInt32(
      littleEndian: postings.base.loadUnaligned(
        fromByteOffset: start + b * PostingsFormat.skipEntrySize + off, as: UInt32.self))
  }

  /// Last doc id of full block `b`.
  @inline(__always) func lastDoc(ofBlock b: Int) -> UInt32 { skipField(b, 0) }

  /// Upper bounds for the block holding the current document: (max tf, min norm id).
  public var blockImpact: (maxTf: UInt32, minNorm: UInt8) {
    if block < fullBlocks && block >= 0 {
      let raw = skipField(block, 12)
      return (raw & 0xFFFF, UInt8((raw >> 16) & 0xFF))
    }
    return (UInt32.max, 0)
  }

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
    let tailCount = docFreq - fullBlocks * BitPacking.blockSize
    if b == fullBlocks && tailCount == 0 { return false }
    block = b
    idx = -1
    let prevLast: Int64 = b == 0 ? -1 : Int64(lastDoc(ofBlock: b - 1))
    // Where the block's docs and positions start.
    var off: Int
    if b == 0 {
      off = blocksStart
    } else {
      off = blocksStart + Int(skipField(b - 1, 4))
    }
    if fullBlocks > 0 {
      let ps = b < fullBlocks ? skipField(b, 8) : skipField(fullBlocks, 0)
      blockPos = posStart + Int(ps)
    } else {
      blockPos = posStart
    }
    posIdx = 0
    posOffset = blockPos
    let limit = postBody.upperBound
    if b < fullBlocks {
      if off + 2 > limit { return fail(off, "block header past end") }
      let dw = Int(postBase.load(fromByteOffset: off, as: UInt8.self))
      let fw = Int(postBase.load(fromByteOffset: off + 1, as: UInt8.self))
      if dw > 32 || fw > 32 { return fail(off, "bit width \(max(dw, fw)) > 32") }
      let db = BitPacking.packedBytes(count: BitPacking.blockSize, width: dw)
      let fb = BitPacking.packedBytes(count: BitPacking.blockSize, width: fw)
      if off + 2 + db + fb > limit { return fail(off, "packed block runs past the end") }
      BitPacking.unpack(postBase + off + 2, count: BitPacking.blockSize, width: dw, into: docs)
      BitPacking.unpack(postBase + off + 2 + db, count: BitPacking.blockSize, width: fw, into: tfs)
      var prev = prevLast
      for k in 0..<BitPacking.blockSize {
        let d = prev + 1 + Int64(docs[k])
        if d >= docLimit { return fail(off, "doc id \(d) beyond maxDoc \(docLimit)") }
        docs[k] = UInt32(d)
        prev = d
        tfs[k] += 1
      }
      count = BitPacking.blockSize
      return true
    }
    // Tail: varints.
    var r = ByteReader(base: postBase, count: limit, offset: off, file: postings.name)
    var prev = prevLast
    do throws(IndexError) {
      for k in 0..<tailCount {
        let v = try r.varint()
        let d = prev + 1 + Int64(v >> 1)
        if d >= docLimit { return fail(r.offset, "doc id \(d) beyond maxDoc \(docLimit)") }
        docs[k] = UInt32(d)
        prev = d
        tfs[k] = v & 1 == 1 ? 1 : UInt32(truncatingIfNeeded: try r.varint())
      }
    } catch {
      self.error = error
      return false
    }
    count = tailCount
    return true
  }

  private func fail(_ off: Int, _ reason: String) -> Bool {
    error = .corrupt(file: postings.name, offset: off, reason: reason)
    return false
  }

  /// Positions of the current document, ascending, appended to `out` (cleared first).
  public func positions(into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    guard idx >= 0 && idx < count && error == nil else { return }
    var r = ByteReader(
      base: positionsFile.base, count: posiBody.upperBound, offset: posOffset,
      file: positionsFile.name)
    do throws(IndexError) {
      if posIdx > idx {
        posIdx = 0
        r.offset = blockPos
      }
      while posIdx < idx {
        for _ in 0..<tfs[posIdx] { _ = try r.varint() }
        posIdx += 1
      }
      posOffset = r.offset
      var pos: UInt32 = 0
      for k in 0..<Int(tfs[idx]) {
        let g = UInt32(truncatingIfNeeded: try r.varint())
        pos = k == 0 ? g : pos &+ g
        out.append(pos)
      }
    } catch {
      self.error = error
    }
  }
}
