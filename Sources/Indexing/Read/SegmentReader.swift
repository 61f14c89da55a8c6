import Analysis
import CCodecs

/// One committed segment, memory-mapped: terms, postings, positions, norms, stored documents,
/// columns and this commit's deletions. Immutable and safe to share between threads.
public final class SegmentReader: @unchecked Sendable {
  // @unchecked: every stored property is immutable; the mappings are read-only.
  public let info: SegmentInfo
  let terms: TermDictionaryReader
  let postings: MappedFile
  let postBody: Range<Int>
  let positions: MappedFile
  let posiBody: Range<Int>
  let normsFile: MappedFile
  let normsStart: Int
  let store: MappedFile
  let storeBody: Range<Int>
  let storeIndexStart: Int
  let storeBlocks: Int
  let columns: MappedFile
  let daysBit: Int
  let dayBase: Int32
  let dayWidth: Int
  /// Counted nouns of figures by id, and where each one's figure list starts (one more entry
  /// for the end of the last).
  let figureNouns: [String]
  let figureListStarts: [Int]
  let deleted: MappedFile?
  let deletedStart: Int
  /// Where `document(_:)` keeps decompressed store blocks, and this reader's key in it.
  let blockCache: StoreBlockCache?
  let cacheOwner: UInt64

  /// Lets go of every page of this segment's files the process has touched (see
  /// `MappedFile.dropResidentPages`): a reader that streams a whole segment (`check`, an
  /// export) keeps its resident memory bounded by calling this as it goes.
  public func dropResidentPages() {
    for f in [terms.file, postings, positions, normsFile, store, columns] { f.dropResidentPages() }
    deleted?.dropResidentPages()
  }

  /// Opens a segment's files.
  /// - Parameter verify: recompute every file's checksum (slow on big segments: `check` only).
  /// - Parameter blockCache: where `document(_:)` keeps decompressed store blocks (nil: none).
  public init(
    storage: Storage, info: SegmentInfo, verify: Bool = false,
    blockCache: StoreBlockCache? = .shared
  ) throws {
    self.info = info
    self.blockCache = blockCache
    cacheOwner = StoreBlockCache.nextOwner()
    func open(_ kind: FileKind) throws -> MappedFile {
      try storage.map("\(info.name).\(kind.ext)")
    }
    terms = try TermDictionaryReader(file: try open(.terms), verify: verify)
    postings = try open(.postings)
    postBody = try FileFormat.body(of: postings, kind: .postings, verifyChecksum: verify)
    positions = try open(.positions)
    posiBody = try FileFormat.body(of: positions, kind: .positions, verifyChecksum: verify)

    normsFile = try open(.norms)
    let nb = try FileFormat.body(of: normsFile, kind: .norms, verifyChecksum: verify)
    var nr = normsFile.reader(nb)
    let nf = Int(try nr.u32())
    let nd = Int(try nr.u32())
    if nf != Field.count || nd != info.maxDoc || nb.count != 8 + nf * nd {
      throw IndexError.corrupt(
        file: normsFile.name, offset: FileFormat.headerSize,
        reason: "norms hold \(nf) fields × \(nd) docs in \(nb.count) bytes; manifest says \(info.maxDoc) docs")
    }
    normsStart = nb.lowerBound + 8

    store = try open(.store)
    storeBody = try FileFormat.body(of: store, kind: .store, verifyChecksum: verify)
    var sr = store.reader(storeBody)
    if storeBody.count < 16 { throw sr.fail("store trailer missing") }
    sr.offset = storeBody.count - 16
    let idxStart = Int(clamping: try sr.u64())
    storeBlocks = Int(try sr.u32())
    let storeDocs = Int(try sr.u32())
    if storeDocs != info.maxDoc || idxStart > storeBody.count || idxStart + storeBlocks * 12 != storeBody.count - 16 {
      throw IndexError.corrupt(
        file: store.name, offset: storeBody.lowerBound + min(idxStart, storeBody.count),
        reason: "store index does not match (\(storeDocs) docs, manifest says \(info.maxDoc))")
    }
    storeIndexStart = storeBody.lowerBound + idxStart

    columns = try open(.columns)
    let cb = try FileFormat.body(of: columns, kind: .columns, verifyChecksum: verify)
    var cr = columns.reader(cb)
    let cd = Int(try cr.u32())
    if cd != info.maxDoc { throw cr.fail("columns hold \(cd) docs, manifest says \(info.maxDoc)") }
    dayBase = Int32(bitPattern: try cr.u32())
    dayWidth = Int(try cr.u8())
    if dayWidth > 32 { throw cr.fail("day width \(dayWidth) > 32") }
    daysBit = (cb.lowerBound + cr.offset) * 8
    try cr.skip(BitPacking.bytes(bits: cd * dayWidth))
    let nouns = try cr.int()
    var list: [String] = []
    var lengths: [Int] = []
    for _ in 0..<nouns {
      list.append(try cr.string())
      lengths.append(try cr.int())
    }
    figureNouns = list
    var starts = [cb.lowerBound + cr.offset]
    for n in lengths { starts.append(starts[starts.count - 1] + n) }
    if starts[starts.count - 1] != cb.upperBound { throw cr.fail("figure lists do not fill the file") }
    figureListStarts = starts

    if let del = info.deletes {
      let m = try storage.map(del)
      let db = try FileFormat.body(of: m, kind: .deletes, verifyChecksum: true)
      var dr = m.reader(db)
      let n = Int(try dr.u32())
      if n != info.maxDoc || db.count != 4 + (n + 7) / 8 {
        throw dr.fail("deletion bitset for \(n) docs, manifest says \(info.maxDoc)")
      }
      deleted = m
      deletedStart = db.lowerBound + 4
    } else {
      deleted = nil
      deletedStart = 0
    }
  }

  public var maxDoc: Int { info.maxDoc }

  @inline(__always) public func isDeleted(_ doc: UInt32) -> Bool {
    guard let deleted else { return false }
    let byte = deleted.base.load(fromByteOffset: deletedStart + Int(doc >> 3), as: UInt8.self)
    return byte & (1 << (doc & 7)) != 0
  }

  /// The key a term has in the dictionary.
  public static func key(field: Field, term: String) -> [UInt8] {
    [field.rawValue] + Array(term.utf8)
  }

  public func termInfo(field: Field, term: String) throws(IndexError) -> TermInfo? {
    try terms.lookup(Self.key(field: field, term: term))
  }

  /// Terms of `field` starting with `prefix` (at most `limit`), with their infos.
  public func terms(field: Field, prefix: String, limit: Int) throws(IndexError) -> [(String, TermInfo)] {
    var out: [(String, TermInfo)] = []
    try forEachTerm(field: field, prefix: prefix) { term, info in
      out.append((term, info))
      return out.count < limit
    }
    return out
  }

  /// Calls `body` with each term of `field` starting with `prefix`, in order, until it returns
  /// false: the terms are streamed from the dictionary, not collected.
  public func forEachTerm(
    field: Field, prefix: String, _ body: (String, TermInfo) -> Bool
  ) throws(IndexError) {
    let lower = Self.key(field: field, term: prefix)
    var upper = lower
    // The smallest key greater than every key with this prefix.
    while let last = upper.last, last == 0xFF { upper.removeLast() }
    if upper.isEmpty { return }
    upper[upper.count - 1] += 1
    try terms.range(from: lower, to: upper) { key, info in
      body(String(decoding: key.dropFirst(), as: UTF8.self), info)
    }
  }

  /// Every term of the dictionary in key order (checking, merging).
  public func forEachTerm(_ body: (Field, UnsafeRawBufferPointer, TermInfo) throws(IndexError) -> Void) throws(IndexError) {
    try terms.forEach { (key, info) throws(IndexError) in
      guard let first = key.first, let f = Field(rawValue: first) else {
        throw IndexError.corrupt(file: terms.file.name, offset: 0, reason: "term with unknown field")
      }
      try body(f, UnsafeRawBufferPointer(rebasing: key.dropFirst()), info)
    }
  }

  public var termCount: Int { terms.termCount }

  public func postings(_ info: TermInfo) -> PostingsCursor {
    PostingsCursor(
      info: info, postings: postings, postBody: postBody, positions: positions, posiBody: posiBody, maxDoc: self.info.maxDoc)
  }

  /// The norm bytes of `field`, one per document (valid while this reader lives).
  public func normRow(_ field: Field) -> UnsafePointer<UInt8> {
    (normsFile.base + normsStart + Int(field.rawValue) * info.maxDoc).assumingMemoryBound(to: UInt8.self)
  }

  @inline(__always) public func norm(_ field: Field, _ doc: UInt32) -> UInt8 {
    normsFile.base.load(
      fromByteOffset: normsStart + Int(field.rawValue) * info.maxDoc + Int(doc), as: UInt8.self)
  }

  /// Publication day (days since 1970-01-01), if the document has a date.
  @inline(__always) public func day(_ doc: UInt32) -> Int32? {
    let v = BitPacking.field(columns.base, bit: daysBit + Int(doc) * dayWidth, width: dayWidth)
    return v == 0 ? nil : Int32(truncatingIfNeeded: Int64(dayBase) + Int64(v) - 1)
  }

  /// The id of a figure noun in this segment, if any document has it.
  public func figureNounId(_ noun: String) -> Int? { figureNouns.firstIndex(of: noun) }

  /// A cursor over the figures of noun `id` (see `figureNounId`), in doc-id order.
  public func figures(noun id: Int) -> FigureCursor {
    FigureCursor(base: columns.base, file: columns.name, range: figureListStarts[id]..<figureListStarts[id + 1])
  }

  /// Reads many stored documents in id order, decompressing each block once.
  public func documents(_ ids: [UInt32], _ body: (UInt32, StoredDocument) throws -> Void) throws {
    try records(ids, { (r: inout ByteReader) throws(IndexError) in try StoredDocument.decode(from: &r) }) {
      try body($0, $1)
    }
  }

  /// Reads many stored documents, each with its text's positions, in id order, decompressing
  /// each block once (merges copy both; `blotter check` compares the positions with the text).
  package func documentsWithPositions(
    _ ids: [UInt32], _ body: (UInt32, StoredDocument, TextPositions) throws -> Void
  ) throws {
    try records(ids, Self.documentAndPositions) { try body($0, $1.0, $1.1) }
  }

  /// A stored record: the document, then its text's positions (FORMAT.md, "store").
  private static func documentAndPositions(_ r: inout ByteReader) throws(IndexError)
    -> (StoredDocument, TextPositions)
  {
    let stored = try StoredDocument.decode(from: &r)
    return (stored, try TextPositions.decode(from: &r, textBytes: stored.text.utf8.count))
  }

  private func records<T>(
    _ ids: [UInt32], _ decode: (inout ByteReader) throws(IndexError) -> T,
    _ body: (UInt32, T) throws -> Void
  ) throws {
    var cache: (block: Int, raw: [UInt8], first: UInt32)? = nil
    for doc in ids.sorted() {
      let b = blockIndex(of: doc)
      if cache?.block != b {
        let d = try decompressBlock(b)
        cache = (b, d.raw, d.first)
      }
      try body(doc, try decodeRecord(doc, in: cache!.raw, first: cache!.first, decode))
    }
  }

  private func blockIndex(of doc: UInt32) -> Int {
    var lo = 0
    var hi = storeBlocks - 1
    var b = 0
    while lo <= hi {
      let mid = (lo + hi) / 2
      let first = UInt32(littleEndian: store.base.loadUnaligned(fromByteOffset: storeIndexStart + 12 * mid, as: UInt32.self))
      if first <= doc {
        b = mid
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return b
  }

  /// Block `b` decompressed, from the block cache when it holds it (and put there if not).
  private func cachedBlock(_ b: Int) throws -> (raw: [UInt8], first: UInt32) {
    guard let blockCache else { return try decompressBlock(b) }
    let key = StoreBlockCache.Key(owner: cacheOwner, block: b)
    if let hit = blockCache.block(key) { return (hit.raw, hit.first) }
    let d = try decompressBlock(b)
    blockCache.insert(key, StoreBlockCache.Block(raw: d.raw, first: d.first))
    return d
  }

  private func decompressBlock(_ b: Int) throws -> (raw: [UInt8], first: UInt32) {
    var ir = store.reader(storeBody)
    ir.offset = storeIndexStart - storeBody.lowerBound + 12 * b
    let first = try ir.u32()
    let off = Int(clamping: try ir.u64())
    var r = store.reader(storeBody)
    try r.seek(off)
    let rawLen = Int(try r.u32())
    let compLen = Int(try r.u32())
    // LZ4 never expands more than 255:1, so a larger claimed length is damage (and must not
    // make us allocate it).
    if rawLen > 1 << 30 || rawLen > compLen * 255 + 64 {
      throw r.fail("stored block claims \(rawLen) bytes from \(compLen) compressed")
    }
    let comp = try r.bytes(compLen)
    var raw = [UInt8](repeating: 0, count: rawLen)
    let n = raw.withUnsafeMutableBytes { dst in
      LZ4_decompress_safe(
        comp.baseAddress!.assumingMemoryBound(to: CChar.self),
        dst.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(compLen), Int32(rawLen))
    }
    if Int(n) != rawLen { throw r.fail("stored block does not decompress") }
    return (raw, first)
  }

  /// Decodes the record of `doc` in its decompressed block with `decode`.
  private func decodeRecord<T>(
    _ doc: UInt32, in raw: [UInt8], first: UInt32,
    _ decode: (inout ByteReader) throws(IndexError) -> T
  ) throws -> T {
    try raw.withUnsafeBytes { (buf) throws -> T in
      var br = ByteReader(base: buf.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: raw.count, file: store.name)
      var k = first
      while k < doc {
        let len = try br.int()
        try br.skip(len)
        k += 1
      }
      let len = try br.int()
      if len > br.remaining { throw br.fail("stored document runs past its block") }
      var dr = ByteReader(base: buf.baseAddress! + br.offset, count: len, file: store.name)
      return try decode(&dr)
    }
  }

  /// Reads a stored document. Its decompressed block is kept in the reader's `StoreBlockCache`,
  /// so other documents of that block, and this one again, are read without LZ4.
  public func document(_ doc: UInt32) throws -> StoredDocument {
    guard Int(doc) < info.maxDoc else {
      throw IndexError.corrupt(file: store.name, offset: 0, reason: "doc \(doc) beyond maxDoc \(info.maxDoc)")
    }
    let (raw, first) = try cachedBlock(blockIndex(of: doc))
    return try decodeRecord(doc, in: raw, first: first) { (r: inout ByteReader) throws(IndexError) in
      try StoredDocument.decode(from: &r)
    }
  }

  /// Reads a stored document and where the positions of its text start (for snippets), from the
  /// block cache as `document(_:)` does.
  public func documentWithPositions(_ doc: UInt32) throws -> (StoredDocument, TextPositions) {
    guard Int(doc) < info.maxDoc else {
      throw IndexError.corrupt(file: store.name, offset: 0, reason: "doc \(doc) beyond maxDoc \(info.maxDoc)")
    }
    let (raw, first) = try cachedBlock(blockIndex(of: doc))
    return try decodeRecord(doc, in: raw, first: first, Self.documentAndPositions)
  }
}
