import Analysis

/// Merges segments into one: live documents are renumbered in order, postings and positions are
/// re-encoded term by term (a k-way merge of the sorted dictionaries, each term streamed block by
/// block), norms, stored documents and columns are copied. Deleted documents disappear.
///
/// Readers are never blocked: they keep the old segments mapped, and the merged segment becomes
/// visible with the commit that lists it.
struct SegmentMerger {
  /// New id of each old document per source segment (nil when it was deleted).
  typealias DocMap = [[UInt32?]]

  /// - Parameter cancel: when set, the merge stops at the next document or term and throws
  ///   `IndexError.cancelled` (its partial files are the caller's to remove).
  static func merge(
    _ sources: [SegmentReader], name: String, storage: Storage, cancel: CancelFlag? = nil
  ) throws -> (SegmentInfo, DocMap) {
    func checkCancelled() throws(IndexError) {
      if let cancel, cancel.isCancelled { throw .cancelled(operation: "merge into \(name)") }
    }
    // Doc maps.
    var maps: DocMap = []
    var next: UInt32 = 0
    for s in sources {
      var m = [UInt32?](repeating: nil, count: s.maxDoc)
      for d in 0..<s.maxDoc where !s.isDeleted(UInt32(d)) {
        m[d] = next
        next += 1
      }
      maps.append(m)
    }
    let maxDoc = Int(next)

    // Norms, lengths, stored documents, columns.
    var files = DocumentFiles()
    files.storeSink = try storage.create("\(name).\(FileKind.store.ext)", kind: .store)
    var lengths: [UInt64] = Array(repeating: 0, count: Field.count)
    for (si, s) in sources.enumerated() {
      // Live documents in id order; their stored blocks are decompressed once each.
      let live = (0..<s.maxDoc).filter { maps[si][$0] != nil }.map { UInt32($0) }
      var copied = 0
      try s.documentsWithPositions(live) { doc, stored, positions in
        copied += 1
        if copied % 4096 == 0 { s.dropResidentPages() }
        try checkCancelled()
        try files.drainStore()
        for f in Field.allCases {
          let n = s.norm(f, doc)
          files.norms[Int(f.rawValue)].append(n)
          lengths[Int(f.rawValue)] += UInt64(FieldNorm.decode(n))
        }
        files.add(stored: stored, positions: positions, day: s.day(doc), figures: [])
      }
      // Figures, noun by noun (each list ascends, and so do the new ids of its live documents).
      var values: [Double] = []
      for (id, noun) in s.figureNouns.enumerated() {
        var c = s.figures(noun: id)
        while let doc = try c.next(values: &values) {
          guard Int(doc) < s.maxDoc else {
            throw IndexError.corrupt(file: "\(s.info.name).columns", offset: 0, reason: "figure of document \(doc) beyond maxDoc")
          }
          if let nd = maps[si][Int(doc)] { files.addFigures(noun: noun, doc: nd, values: values) }
        }
      }
    }

    // Postings: k-way merge over the dictionaries.
    var termFiles = try TermFilesWriter(name: name, storage: storage)
    let iterators = sources.map { TermIterator($0.terms) }
    var heads: [([UInt8], TermInfo)?] = []
    for it in iterators { heads.append(try it.next()) }
    let writer = PostingsWriter()
    var positions: [UInt32] = []
    var sinceDrop = 0
    while true {
      // Smallest key among the heads.
      var minKey: [UInt8]? = nil
      for h in heads {
        if let (k, _) = h, minKey == nil || k.lexicographicallyPrecedes(minKey!) { minKey = k }
      }
      guard let key = minKey else { break }
      try checkCancelled()
      for (si, h) in heads.enumerated() {
        guard let (k, info) = h, k == key else { continue }
        let c = sources[si].postings(info)
        while c.next() != PostingsCursor.end {
          guard let nd = maps[si][Int(c.doc)] else { continue }
          c.positions(into: &positions)
          if let e = c.error { throw e }
          if positions.isEmpty {
            throw IndexError.corrupt(
              file: "\(sources[si].info.name).postings", offset: Int(info.postingsOffset),
              reason: "document \(c.doc) has a term frequency of 0")
          }
          positions.withUnsafeBufferPointer { writer.add(doc: nd, positions: $0) }
        }
        if let e = c.error { throw e }
        heads[si] = try iterators[si].next()
      }
      sinceDrop += writer.docFreq
      if sinceDrop >= 1 << 20 {
        // Input pages already read are not needed again: keep resident memory to what the
        // current term uses, not the size of every source file.
        for s in sources { s.dropResidentPages() }
        sinceDrop = 0
      }
      if writer.docFreq == 0 { continue }  // only deleted documents had it
      writer.finish()
      try termFiles.add(key: key, writer)
    }
    try termFiles.finish()
    for s in sources { s.dropResidentPages() }

    try files.write(name: name, to: storage)

    return (SegmentInfo(name: name, maxDoc: maxDoc, deleted: 0, deletes: nil, fieldLengths: lengths), maps)
  }
}

/// Which segments to merge.
///
/// During a run, `mergeFactor` consecutive new segments of one level are merged in the background
/// (see `IndexWriter`). At commit, the segment count is kept at or below `maxSegments` by merging
/// the smallest ones (so incremental runs, which add small segments, merge cheaply), and any
/// segment with more than `maxDeletedRatio` of its documents deleted is rewritten. No merge
/// builds a segment of more than `maxMergedDocs` documents, which bounds a merge's memory (its
/// largest posting list) whatever the index size; past `maxSegments × maxMergedDocs` documents
/// the count grows by one segment per `maxMergedDocs`.
public struct MergePolicy: Sendable {
  public var maxSegments: Int
  public var maxDeletedRatio: Double
  public var mergeFactor: Int
  public var maxMergedDocs: Int

  public init(maxSegments: Int = 8, maxDeletedRatio: Double = 0.3, mergeFactor: Int = 8, maxMergedDocs: Int = 1 << 20) {
    self.maxSegments = maxSegments
    self.maxDeletedRatio = maxDeletedRatio
    self.mergeFactor = mergeFactor
    self.maxMergedDocs = maxMergedDocs
  }

  /// Names of the segments to merge into one at commit (empty: nothing to do).
  public func select(_ segments: [SegmentInfo]) -> [String] {
    var chosen = Set<String>()
    if segments.count > maxSegments {
      let bySize = segments.sorted { $0.alive < $1.alive }
      var docs = 0
      for s in bySize.prefix(segments.count - maxSegments + 1) {
        if !chosen.isEmpty && docs + s.alive > maxMergedDocs { break }
        chosen.insert(s.name)
        docs += s.alive
      }
      if chosen.count == 1 { chosen = [] }
    }
    for s in segments where s.maxDoc > 0 && Double(s.deleted) / Double(s.maxDoc) > maxDeletedRatio {
      chosen.insert(s.name)
    }
    return segments.map(\.name).filter { chosen.contains($0) }
  }
}
