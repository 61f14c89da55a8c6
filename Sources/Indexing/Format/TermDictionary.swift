/// The sorted term dictionary of a segment: "here is a term, give me its TermInfo".
///
/// Keys are `field byte ++ term UTF-8`, sorted bytewise. Terms are grouped in blocks of 32,
/// front-coded; a block index (each block's first key and offset) is loaded when the segment
/// opens, so a lookup is a binary search over blocks plus a scan of one block.
/// ```
/// Terms   = Block* BlockIndex Trailer
/// Block   = count:u8 (prefixLen:v suffixLen:v suffix docFreq:v postingsDelta:v positionsDelta:v)*
/// Index   = (keyLen:v key offset:v)*           (offset relative to the body)
/// Trailer = indexStart:u64 blockCount:u32 termCount:u64
/// ```
/// The first entry of a block stores absolute postings/positions offsets, later ones deltas.
public struct TermInfo: Sendable, Equatable {
  public var docFreq: UInt32
  public var postingsOffset: UInt64
  public var positionsOffset: UInt64
}

struct TermDictionaryWriter {
  static let blockTerms = 32
  private(set) var body = ByteWriter(capacity: 1 << 16)
  private var index = ByteWriter(capacity: 1 << 12)
  private var block = ByteWriter(capacity: 1024)
  private var inBlock = 0
  private var blockCount = 0
  private(set) var termCount = 0
  private var last: [UInt8] = []
  private var lastInfo = TermInfo(docFreq: 0, postingsOffset: 0, positionsOffset: 0)

  /// Adds the next key (must sort after the previous one).
  mutating func add(key: [UInt8], info: TermInfo) {
    if inBlock == Self.blockTerms { flushBlock() }
    if inBlock == 0 {
      index.varint(key.count)
      index.append(key)
      index.varint(body.count)
      last = []
    }
    var prefix = 0
    let m = min(last.count, key.count)
    while prefix < m && last[prefix] == key[prefix] { prefix += 1 }
    block.varint(prefix)
    block.varint(key.count - prefix)
    block.append(key[prefix...])
    block.varint(UInt64(info.docFreq))
    if inBlock == 0 {
      block.varint(info.postingsOffset)
      block.varint(info.positionsOffset)
    } else {
      block.varint(info.postingsOffset - lastInfo.postingsOffset)
      block.varint(info.positionsOffset - lastInfo.positionsOffset)
    }
    last = key
    lastInfo = info
    inBlock += 1
    termCount += 1
  }

  private mutating func flushBlock() {
    guard inBlock > 0 else { return }
    body.u8(UInt8(inBlock))
    body.append(block.bytes)
    block.removeAll()
    inBlock = 0
    blockCount += 1
  }

  /// The finished body (blocks, index, trailer).
  mutating func finish() -> ByteWriter {
    flushBlock()
    let indexStart = body.count
    body.append(index.bytes)
    body.u64(UInt64(indexStart))
    body.u32(UInt32(blockCount))
    body.u64(UInt64(termCount))
    return body
  }
}

/// Reads a term dictionary from a mapped `.terms` file.
final class TermDictionaryReader: @unchecked Sendable {
  // @unchecked: immutable after init; the mapping is read-only.
  let file: MappedFile
  let body: Range<Int>
  private var blockOffsets: [Int] = []
  private var keyStarts: [Int] = []  // absolute offsets into the file
  private var keyLens: [Int] = []
  let termCount: Int

  init(file: MappedFile, verify: Bool) throws(IndexError) {
    self.file = file
    body = try FileFormat.body(of: file, kind: .terms, verifyChecksum: verify)
    var r = file.reader(body)
    if body.count < 20 { throw r.fail("terms trailer missing") }
    r.offset = body.count - 20
    let indexStart = Int(clamping: try r.u64())
    let blocks = Int(try r.u32())
    termCount = Int(clamping: try r.u64())
    if indexStart > body.count - 20 || blocks > body.count {
      throw r.fail("terms index offset \(indexStart) out of range")
    }
    r.offset = indexStart
    blockOffsets.reserveCapacity(blocks)
    keyStarts.reserveCapacity(blocks)
    keyLens.reserveCapacity(blocks)
    for _ in 0..<blocks {
      let n = try r.int()
      keyStarts.append(body.lowerBound + r.offset)
      keyLens.append(n)
      try r.skip(n)
      let off = try r.int()
      if off >= indexStart { throw r.fail("block offset \(off) out of range") }
      blockOffsets.append(off)
    }
  }

  private func compare(block i: Int, _ key: UnsafeRawBufferPointer) -> Int {
    let a = UnsafeRawBufferPointer(start: file.base + keyStarts[i], count: keyLens[i])
    return compareBytes(a, key)
  }

  /// Index of the last block whose first key is <= key, or -1.
  private func blockFor(_ key: UnsafeRawBufferPointer) -> Int {
    var lo = 0
    var hi = blockOffsets.count - 1
    var ans = -1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if compare(block: mid, key) <= 0 {
        ans = mid
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return ans
  }

  /// Looks up one key.
  func lookup(_ key: [UInt8]) throws(IndexError) -> TermInfo? {
    let found: TermInfo?? = key.withUnsafeBytes { k -> TermInfo?? in
      let b = blockFor(k)
      if b < 0 { return .some(nil) }
      var result: TermInfo? = nil
      do {
        try scanBlock(b) { entry, info in
          let c = compareBytes(entry, k)
          if c == 0 { result = info; return false }
          return c < 0
        }
      } catch { return nil }
      return .some(result)
    }
    guard let f = found else { throw .corrupt(file: file.name, offset: 0, reason: "damaged term block") }
    return f
  }

  /// Calls `body` for every key in [lower, upper) in order, until it returns false.
  func range(
    from lower: [UInt8], to upper: [UInt8],
    _ body: (UnsafeRawBufferPointer, TermInfo) -> Bool
  ) throws(IndexError) {
    var b = lower.withUnsafeBytes { blockFor($0) }
    if b < 0 { b = 0 }
    var stop = false
    while b < blockOffsets.count && !stop {
      try scanBlock(b) { entry, info in
        let geLower = lower.withUnsafeBytes { compareBytes(entry, $0) >= 0 }
        if !geLower { return true }
        let ltUpper = upper.withUnsafeBytes { compareBytes(entry, $0) < 0 }
        if !ltUpper {
          stop = true
          return false
        }
        if !body(entry, info) {
          stop = true
          return false
        }
        return true
      }
      b += 1
    }
  }

  /// Calls `body` for every key in order (merging, checking).
  func forEach(_ body: (UnsafeRawBufferPointer, TermInfo) throws(IndexError) -> Void) throws(IndexError) {
    for b in 0..<blockOffsets.count {
      var err: IndexError? = nil
      try scanBlock(b) { entry, info in
        do throws(IndexError) { try body(entry, info) } catch { err = error; return false }
        return true
      }
      if let err { throw err }
    }
  }

  var blockCountValue: Int { blockOffsets.count }

  func scanBlockPublic(
    _ b: Int, _ visit: (UnsafeRawBufferPointer, TermInfo) -> Bool
  ) throws(IndexError) {
    try scanBlock(b, visit)
  }

  /// Decodes block `b`, calling `visit` with each key until it returns false.
  private func scanBlock(
    _ b: Int, _ visit: (UnsafeRawBufferPointer, TermInfo) -> Bool
  ) throws(IndexError) {
    var r = file.reader(body)
    try r.seek(blockOffsets[b])
    let n = Int(try r.u8())
    var key = [UInt8]()
    key.reserveCapacity(64)
    var info = TermInfo(docFreq: 0, postingsOffset: 0, positionsOffset: 0)
    for i in 0..<n {
      let prefix = try r.int()
      let suffix = try r.int()
      if prefix > key.count { throw r.fail("term prefix \(prefix) longer than previous key") }
      key.removeSubrange(prefix...)
      key.append(contentsOf: try r.bytes(suffix))
      info.docFreq = UInt32(truncatingIfNeeded: try r.varint())
      if i == 0 {
        info.postingsOffset = try r.varint()
        info.positionsOffset = try r.varint()
      } else {
        info.postingsOffset &+= try r.varint()
        info.positionsOffset &+= try r.varint()
      }
      let more = key.withUnsafeBytes { visit($0, info) }
      if !more { return }
    }
  }
}

/// Bytewise comparison: negative, zero or positive.
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
  let n = min(a.count, b.count)
  if n > 0 {
    let c = memcmp(a.baseAddress!, b.baseAddress!, n)
    if c != 0 { return Int(c) }
  }
  return a.count - b.count
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks a term dictionary in key order, one term at a time (for k-way merges).
final class TermIterator {
  private let dict: TermDictionaryReader
  private var block = 0
  private var entries: [([UInt8], TermInfo)] = []
  private var index = 0

  init(_ dict: TermDictionaryReader) {
    self.dict = dict
  }

  /// The next key and its info, or nil at the end.
  func next() throws(IndexError) -> ([UInt8], TermInfo)? {
    while index >= entries.count {
      if block >= dict.blockCount { return nil }
      entries.removeAll(keepingCapacity: true)
      try dict.scanBlockPublic(block) { key, info in
        entries.append((Array(key), info))
        return true
      }
      block += 1
      index = 0
    }
    defer { index += 1 }
    return entries[index]
  }
}

extension TermDictionaryReader {
  var blockCount: Int { blockCountValue }
}
