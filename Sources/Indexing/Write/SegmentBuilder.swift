import Analysis
import CCodecs
import Dispatch

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
  /// Analyzer vocabularies seen lately, most recent first (`vocabularyMap`).
  @exclusivity(unchecked) private var vocabularyMaps: [VocabularyMap] = []
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
    var present: UInt64 = 0  // a bit per field
    var map: VocabularyMap? = nil
    for (field, inverted) in doc.fields {
      let f = Int(field.rawValue)
      present |= 1 << UInt64(f)
      let mapped = inverted.vocabulary != 0 && inverted.ids.count == inverted.terms.count
      if mapped && map?.vocabulary != inverted.vocabulary {
        map = vocabularyMap(inverted.vocabulary)
      }
      let slots = mapped ? map?.fields[f] : nil
      inverted.positions.withUnsafeBufferPointer { positions in
        for k in 0..<inverted.terms.count {
          let id: Int
          if let slots {
            let v = Int(inverted.ids[k])
            let known = slots.termID(v)
            if known >= 0 {
              id = Int(known)
              assert(termTexts[id] == inverted.terms[k] && termFields[id] == field.rawValue)
            } else {
              id = termID(inverted.terms[k], hash: inverted.hashes[k], field: field)
              estimatedBytes += slots.set(v, Int32(id))
            }
          } else {
            id = termID(inverted.terms[k], hash: inverted.hashes[k], field: field)
          }
          estimatedBytes += postings[id].append(
            doc: docId, positions: positions, inverted.offsets[k]..<inverted.offsets[k + 1])
        }
      }
      files.norms[f].append(FieldNorm.encode(inverted.length))
      fieldLengthSums[f] += UInt64(inverted.length)
    }
    for f in 0..<Field.count where present & (1 << UInt64(f)) == 0 {
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

  /// The id of `term` in `field`, adding it if new (the string lookup, once per term and
  /// vocabulary when the document's fields carry vocabulary ids).
  @inline(__always)
  private func termID(_ term: String, hash: UInt64, field: Field) -> Int {
    let f = Int(field.rawValue)
    let (fieldId, inserted) = termIds[f].id(term, hash: hash)
    guard inserted else { return Int(termGlobalIds[f][Int(fieldId)]) }
    let id = postings.count
    termFields.append(field.rawValue)
    termTexts.append(term)
    postings.append(TermPostings())
    termGlobalIds[f].append(Int32(id))
    estimatedBytes += 96 + term.utf8.count
    return id
  }

  /// The map of an analyzer vocabulary's ids to this segment's term ids, made on first use. The
  /// most recently used `VocabularyMap.kept` maps are kept: a worker's analyzer starts a new
  /// vocabulary now and then, and the old one's map is of no more use.
  private func vocabularyMap(_ vocabulary: UInt64) -> VocabularyMap {
    if let k = vocabularyMaps.firstIndex(where: { $0.vocabulary == vocabulary }) {
      let m = vocabularyMaps[k]
      if k > 0 {
        vocabularyMaps.remove(at: k)
        vocabularyMaps.insert(m, at: 0)
      }
      return m
    }
    if vocabularyMaps.count >= VocabularyMap.kept {
      estimatedBytes -= vocabularyMaps.removeLast().bytes
    }
    let m = VocabularyMap(vocabulary: vocabulary)
    estimatedBytes += m.bytes
    vocabularyMaps.insert(m, at: 0)
    return m
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

  /// Buffered postings bytes from which `write(to:)` encodes on two threads.
  package var parallelWriteBytes = 1 << 20

  /// Writes the segment's files (`<name>.terms`, `.postings`, `.positions`, `.norms`, `.store`,
  /// `.columns`) and returns its description for the manifest.
  package func write(to storage: Storage) throws -> SegmentInfo {
    // Order terms by (field, bytes).
    var order = Array(0..<postings.count)
    let keys: [[UInt8]] = (0..<postings.count).map { i in [termFields[i]] + Array(termTexts[i].utf8) }
    order.sort { a, b in keys[a].lexicographicallyPrecedes(keys[b]) }

    var termFiles = try TermFilesWriter(name: name, storage: storage)
    // The terms after `split` (about half the buffered bytes) are encoded on another thread
    // while this one writes the first ones; each buffer is freed once encoded.
    var split = order.count
    let total = postings.reduce(0) { $0 + $1.count }
    if total >= parallelWriteBytes {
      var seen = 0
      split = 0
      while split < order.count && seen < total / 2 {
        seen += postings[order[split]].count
        split += 1
      }
    }
    let tail = EncodedTerms()
    let done = DispatchGroup()
    try postings.withUnsafeMutableBufferPointer { all in
      let shared = SharedPostings(all)
      let tailOrder = order[split...]
      if !tailOrder.isEmpty {
        done.enter()
        DispatchQueue.global().async {
          let writer = PostingsWriter()
          for id in tailOrder {
            shared.postings[id].write(into: writer)
            shared.postings[id].release()
            writer.finish()
            tail.add(writer)
            writer.reset()
          }
          done.leave()
        }
      }
      // Whatever happens here, the other thread is done with the buffers before they are freed.
      defer { done.wait() }
      let writer = PostingsWriter()
      for id in order[..<split] {
        all[id].write(into: writer)
        all[id].release()
        writer.finish()
        try termFiles.add(key: keys[id], writer)
      }
    }
    if split < order.count {
      try termFiles.add(keys: order[split...].lazy.map { keys[$0] }, encoded: tail)
    }
    try termFiles.finish()

    try files.write(name: name, to: storage)

    return SegmentInfo(
      name: name, maxDoc: docCount, deleted: 0, deletes: nil, fieldLengths: fieldLengthSums)
  }
}

/// The term buffers `SegmentBuilder.write` encodes on two threads, each term by one of them.
private final class SharedPostings: @unchecked Sendable {
  // @unchecked: the two threads touch disjoint terms, and the writing one waits for the other
  // before the buffer pointer goes out of scope.
  let postings: UnsafeMutableBufferPointer<SegmentBuilder.TermPostings>
  init(_ postings: UnsafeMutableBufferPointer<SegmentBuilder.TermPostings>) {
    self.postings = postings
  }
}

/// Postings and positions of consecutive terms encoded by `PostingsWriter` away from the files,
/// for `TermFilesWriter.add(keys:encoded:)`.
final class EncodedTerms: @unchecked Sendable {
  // @unchecked: filled by one thread, read by another after a DispatchGroup wait.
  var postings = ByteWriter(capacity: 1 << 16)
  var positions = ByteWriter(capacity: 1 << 16)
  /// Per term: document frequency and the ends of its bytes in `postings` and `positions`.
  var terms: [(docFreq: UInt32, postingsEnd: Int, positionsEnd: Int)] = []

  func add(_ writer: PostingsWriter) {
    postings.append(writer.postings.bytes)
    positions.append(writer.positions.bytes)
    terms.append((UInt32(writer.docFreq), postings.count, positions.count))
  }
}

/// One analyzer vocabulary's term ids (`FieldPostings.ids`) mapped to a segment's term ids, per
/// field: `fields[f]` slot `id` holds the segment's id, or -1 when not looked up yet.
final class VocabularyMap {
  /// Maps a builder keeps (a few per worker).
  static let kept = 8
  let vocabulary: UInt64
  let fields: [VocabularySlots] = (0..<Field.count).map { _ in VocabularySlots() }

  init(vocabulary: UInt64) {
    self.vocabulary = vocabulary
  }

  /// Bytes of memory the map holds.
  var bytes: Int { fields.reduce(0) { $0 + $1.capacity * 4 } }
}

/// One field's slots of a `VocabularyMap`, grown by doubling to the largest id seen.
final class VocabularySlots {
  private var slots: UnsafeMutablePointer<Int32>
  private(set) var capacity = 1024

  init() {
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: -1, count: capacity)
  }

  deinit { slots.deallocate() }

  @inline(__always)
  func termID(_ id: Int) -> Int32 {
    id < capacity ? slots[id] : -1
  }

  /// Sets slot `id`; returns the bytes the slots grew by.
  func set(_ id: Int, _ term: Int32) -> Int {
    var grown = 0
    if id >= capacity {
      var c = capacity * 2
      while c <= id { c *= 2 }
      let p = UnsafeMutablePointer<Int32>.allocate(capacity: c)
      p.moveInitialize(from: slots, count: capacity)
      (p + capacity).initialize(repeating: -1, count: c - capacity)
      slots.deallocate()
      slots = p
      grown = (c - capacity) * 4
      capacity = c
    }
    slots[id] = term
    return grown
  }
}

extension SegmentBuilder.TermPostings {
  /// Appends one document (gap, tf, position gaps as varints); returns the bytes of memory this
  /// took: the buffer's growth in capacity, so the budget counts what is allocated, not written.
  @inline(__always)
  mutating func append(
    doc: Int32, positions ps: UnsafeBufferPointer<UInt32>, _ range: Range<Int>
  ) -> Int {
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
    var prev: UInt32 = 0
    for k in range {
      varint(ps[k] &- prev)
      prev = ps[k]
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

  /// Frees the buffer (once written).
  mutating func release() {
    free(bytes)
    bytes = nil
    count = 0
    capacity = 0
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
