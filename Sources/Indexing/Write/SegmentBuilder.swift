import Analysis
import CCodecs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An in-memory inverted index for one batch of documents; `write` turns it into an immutable
/// segment on disk. Not thread-safe: one writer fills it.
///
/// Per term it keeps one growing byte buffer of `docGap tf positionGap*` varints, so the memory it
/// holds is close to the size of the postings it will write; `estimatedBytes` drives flushing
/// under the `--memory` budget.
package final class SegmentBuilder {
  /// One term's buffer, in memory the builder allocates and frees (it grows by doubling, and
  /// varints are written straight into it).
  struct TermPostings {
    var bytes: UnsafeMutablePointer<UInt8>? = nil
    var count = 0
    var capacity = 0
    var lastDoc: Int32 = -1
    var docFreq: UInt32 = 0
  }

  package let name: String
  @exclusivity(unchecked)
  private var termIds: [TermTable] = (0..<Field.count).map { _ in TermTable() }
  @exclusivity(unchecked) private var termFields: [UInt8] = []
  /// Per field: field-local term id → global term id.
  @exclusivity(unchecked)
  private var termGlobalIds: [[Int32]] = Array(repeating: [], count: Field.count)
  @exclusivity(unchecked) private var termTexts: [String] = []
  @exclusivity(unchecked) private var postings: [TermPostings] = []
  @exclusivity(unchecked) private var files = DocumentFiles()
  @exclusivity(unchecked)
  private var fieldLengthSums: [UInt64] = Array(repeating: 0, count: Field.count)
  @exclusivity(unchecked) package private(set) var docCount: Int = 0
  /// Rough bytes held: postings buffers, term strings and per-term overhead, stored blocks.
  @exclusivity(unchecked) package private(set) var estimatedBytes: Int = 0

  /// Scans the stored text of a document that came without its `TextPositions`.
  private lazy var scanner = Analyzer(stemming: false, vocabularyBudget: 0)

  package init(name: String) {
    self.name = name
  }

  deinit {
    for p in postings { free(p.bytes) }
  }

  /// Adds a document and returns its id in this segment.
  @discardableResult
  package func add(_ doc: IndexDocument) -> UInt32 {
    let docId = Int32(docCount)
    docCount += 1
    var present = Array(repeating: false, count: Field.count)
    for (field, inverted) in doc.fields {
      let f = Int(field.rawValue)
      present[f] = true
      for k in 0..<inverted.terms.count {
        let term = inverted.terms[k]
        let (fieldId, inserted) = termIds[f].id(term, hash: inverted.hashes[k])
        let id: Int
        if inserted {
          id = postings.count
          termFields.append(field.rawValue)
          termTexts.append(term)
          postings.append(TermPostings())
          estimatedBytes += 96 + term.utf8.count
        } else {
          id = Int(termGlobalIds[f][Int(fieldId)])
        }
        if inserted { termGlobalIds[f].append(Int32(id)) }
        estimatedBytes += postings[id].append(
          doc: docId, positions: inverted.positions, inverted.offsets[k]..<inverted.offsets[k + 1])
      }
      files.norms[f].append(FieldNorm.encode(inverted.length))
      fieldLengthSums[f] += UInt64(inverted.length)
    }
    for f in 0..<Field.count where !present[f] {
      files.norms[f].append(0)
    }
    let storedBefore = files.store.compressedBytes
    let textPositions = doc.textPositions ?? scanner.textPositions(doc.stored.text)
    files.add(
      stored: doc.stored, positions: textPositions, day: doc.day,
      figures: doc.figures.lazy.map { ($0.noun, $0.value) })
    estimatedBytes += files.store.compressedBytes - storedBefore + Field.count + 16
    return UInt32(docId)
  }

  /// Per-field sum of lengths (for BM25 averages).
  package var fieldLengths: [UInt64] { fieldLengthSums }

  /// Writes the stored documents' finished blocks to this segment's store file as they fill, so
  /// the memory budget holds postings, not compressed text; `write(to:)` finishes the file.
  package func drainStore(to storage: Storage) throws {
    guard files.store.bufferedBytes >= 1 << 20 else { return }
    if files.storeSink == nil {
      files.storeSink = try storage.create("\(name).\(FileKind.store.ext)", kind: .store)
    }
    let held = files.store.bufferedBytes
    try files.drainStore()
    estimatedBytes -= held - files.store.bufferedBytes
  }

  /// Writes the segment's files (`<name>.terms`, `.postings`, `.positions`, `.norms`, `.store`,
  /// `.columns`) and returns its description for the manifest.
  package func write(to storage: Storage) throws -> SegmentInfo {
    // Order terms by (field, bytes).
    var order = Array(0..<postings.count)
    let keys: [[UInt8]] = (0..<postings.count).map { i in [termFields[i]] + Array(termTexts[i].utf8) }
    order.sort { a, b in keys[a].lexicographicallyPrecedes(keys[b]) }

    var termFiles = try TermFilesWriter(name: name, storage: storage)
    let writer = PostingsWriter()
    for id in order {
      postings[id].write(into: writer)
      writer.finish()
      try termFiles.add(key: keys[id], writer)
    }
    try termFiles.finish()

    try files.write(name: name, to: storage)

    return SegmentInfo(
      name: name, maxDoc: docCount, deleted: 0, deletes: nil, fieldLengths: fieldLengthSums)
  }
}

extension SegmentBuilder.TermPostings {
  /// Appends one document (gap, tf, position gaps as varints); returns the bytes of memory this
  /// took: the buffer's growth in capacity, so the budget counts what is allocated, not written.
  @inline(__always)
  mutating func append(doc: Int32, positions: [UInt32], _ range: Range<Int>) -> Int {
    let before = capacity
    let most = count + 10 + 5 * range.count
    if most > capacity { grow(to: most) }
    let start = bytes.unsafelyUnwrapped + count
    var out = start
    @inline(__always) func varint(_ v: UInt32) {
      var v = v
      while v >= 0x80 {
        out.pointee = UInt8(truncatingIfNeeded: v) | 0x80
        out += 1
        v >>= 7
      }
      out.pointee = UInt8(v)
      out += 1
    }
    varint(UInt32(bitPattern: doc &- lastDoc))
    varint(UInt32(range.count))
    positions.withUnsafeBufferPointer { ps in
      var prev: UInt32 = 0
      for k in range {
        varint(ps[k] &- prev)
        prev = ps[k]
      }
    }
    let added = out - start
    count += added
    lastDoc = doc
    docFreq += 1
    return capacity - before
  }

  private mutating func grow(to minimum: Int) {
    let c = Swift.max(minimum, capacity * 2, 32)
    guard let p = realloc(bytes, c) else { fatalError("out of memory for a postings buffer of \(c) bytes") }
    bytes = p.assumingMemoryBound(to: UInt8.self)
    capacity = c
  }

  /// Feeds the buffered documents to `writer`.
  func write(into writer: PostingsWriter) {
    guard let bytes else { return }
    do {
      // The buffer was written by `append`: every varint is whole.
      var p = UnsafePointer(bytes)
      let end = p + count
      @inline(__always) func varint() -> UInt32 {
        var v = UInt32(p.pointee)
        p += 1
        if v < 0x80 { return v }
        v &= 0x7F
        var shift: UInt32 = 7
        while true {
          let b = UInt32(p.pointee)
          p += 1
          v |= (b & 0x7F) << shift
          if b < 0x80 { return v }
          shift += 7
        }
      }
      var doc = UInt32.max  // gaps start from -1
      while p < end {
        doc &+= varint()
        let tf = Int(varint())
        // The buffer holds position gaps already, as the writer wants them.
        writer.add(doc: doc, tf: tf) { g in
          for k in 0..<tf { g[k] = varint() }
        }
      }
    }
  }
}

/// Stored documents, compressed with LZ4 in blocks of about 16 KiB (FORMAT.md, "store").
/// ```
/// Store   = Block* Index Trailer
/// Block   = rawLength:u32 compressedLength:u32 lz4[compressedLength]
///           (raw = (recordLength:v Document TextPositions)* )
/// Index   = (firstDoc:u32 offset:u64)*        (offset relative to the body)
/// Trailer = indexStart:u64 blockCount:u32 docCount:u32
/// ```
struct StoreWriter {
  static let blockBytes = 16 * 1024
  private var out = ByteWriter(capacity: 1 << 16)
  private var pending = ByteWriter(capacity: blockBytes + 4096)
  private var doc = ByteWriter(capacity: 4096)
  private var index: [(UInt32, UInt64)] = []
  private var pendingFirst: UInt32 = 0
  private var docCount: UInt32 = 0
  /// Compressed bytes already handed to a file by `drain(to:)`.
  private var drained = 0

  var compressedBytes: Int { drained + out.count + pending.count }
  /// Compressed blocks held in memory, not yet drained.
  var bufferedBytes: Int { out.count }

  /// Writes the finished blocks to `sink` and forgets them, so a long run (a merge) holds one
  /// block at a time; `finish()` then returns only what follows.
  mutating func drain(to sink: FileSink) throws {
    try sink.write(out)
    drained += out.count
    out.removeAll()
  }

  mutating func add(_ d: StoredDocument, positions: TextPositions) {
    if pending.count == 0 { pendingFirst = docCount }
    doc.removeAll()
    d.encode(into: &doc)
    positions.encode(into: &doc)
    pending.varint(doc.count)
    pending.append(doc.bytes)
    docCount += 1
    if pending.count >= Self.blockBytes { flushBlock() }
  }

  private mutating func flushBlock() {
    guard pending.count > 0 else { return }
    index.append((pendingFirst, UInt64(drained + out.count)))
    let raw = pending.bytes
    let bound = Int(LZ4_compressBound(Int32(raw.count)))
    var comp = [UInt8](repeating: 0, count: bound)
    let n = raw.withUnsafeBytes { src in
      comp.withUnsafeMutableBytes { dst in
        LZ4_compress_default(
          src.baseAddress!.assumingMemoryBound(to: CChar.self),
          dst.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), Int32(bound))
      }
    }
    out.u32(UInt32(raw.count))
    out.u32(UInt32(n))
    out.append(comp[0..<Int(n)])
    pending.removeAll()
  }

  mutating func finish() -> ByteWriter {
    flushBlock()
    let indexStart = drained + out.count
    for (first, off) in index {
      out.u32(first)
      out.u64(off)
    }
    out.u64(UInt64(indexStart))
    out.u32(UInt32(index.count))
    out.u32(docCount)
    return out
  }
}
