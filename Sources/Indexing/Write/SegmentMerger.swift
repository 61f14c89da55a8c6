import Analysis

/// Merges segments into one: live documents are renumbered in order, postings and positions are
/// re-encoded term by term (a k-way merge of the sorted dictionaries), norms, stored documents and
/// columns are copied. Deleted documents disappear.
///
/// Readers are never blocked: they keep the old segments mapped, and the merged segment becomes
/// visible with the commit that lists it.
struct SegmentMerger {
  /// New id of each old document per source segment (nil when it was deleted).
  typealias DocMap = [[UInt32?]]

  static func merge(_ sources: [SegmentReader], name: String, storage: Storage) throws -> (SegmentInfo, DocMap) {
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
    var norms: [[UInt8]] = Array(repeating: [], count: Field.count)
    var lengths: [UInt64] = Array(repeating: 0, count: Field.count)
    var store = StoreWriter()
    var days: [Int32] = []
    var nouns: [String: UInt16] = [:]
    var nounList: [String] = []
    var figureOffsets: [UInt32] = [0]
    var figureEntries = ByteWriter()
    for (si, s) in sources.enumerated() {
      for d in 0..<s.maxDoc where maps[si][d] != nil {
        let doc = UInt32(d)
        for f in Field.allCases {
          let n = s.norm(f, doc)
          norms[Int(f.rawValue)].append(n)
          lengths[Int(f.rawValue)] += UInt64(FieldNorm.decode(n))
        }
        store.add(try s.document(doc))
        days.append(s.day(doc) ?? Int32.min)
        s.figures(doc) { id, value in
          let noun = s.figureNouns[id]
          let nid: UInt16
          if let e = nouns[noun] {
            nid = e
          } else {
            nid = UInt16(truncatingIfNeeded: nounList.count)
            nouns[noun] = nid
            nounList.append(noun)
          }
          figureEntries.u16(nid)
          figureEntries.u64(value.bitPattern)
        }
        figureOffsets.append(UInt32(figureEntries.count))
      }
    }

    // Postings: k-way merge over the dictionaries.
    let post = try storage.create("\(name).\(FileKind.postings.ext)", kind: .postings)
    let posi = try storage.create("\(name).\(FileKind.positions.ext)", kind: .positions)
    var dict = TermDictionaryWriter()
    let iterators = sources.map { TermIterator($0.terms) }
    var heads: [([UInt8], TermInfo)?] = []
    for it in iterators { heads.append(try it.next()) }
    var pw = ByteWriter(capacity: 1 << 16)
    var qw = ByteWriter(capacity: 1 << 16)
    var postOffset: UInt64 = 0
    var posiOffset: UInt64 = 0
    var docs: [UInt32] = []
    var tfs: [UInt32] = []
    var positions: [UInt32] = []
    var scratch: [UInt32] = []
    while true {
      // Smallest key among the heads.
      var minKey: [UInt8]? = nil
      for h in heads {
        if let (k, _) = h, minKey == nil || k.lexicographicallyPrecedes(minKey!) { minKey = k }
      }
      guard let key = minKey else { break }
      docs.removeAll(keepingCapacity: true)
      tfs.removeAll(keepingCapacity: true)
      positions.removeAll(keepingCapacity: true)
      for (si, h) in heads.enumerated() {
        guard let (k, info) = h, k == key else { continue }
        let c = sources[si].postings(info)
        while c.next() != PostingsCursor.end {
          guard let nd = maps[si][Int(c.doc)] else { continue }
          docs.append(nd)
          tfs.append(c.freq)
          c.positions(into: &scratch)
          positions.append(contentsOf: scratch)
        }
        if let e = c.error { throw e }
        heads[si] = try iterators[si].next()
      }
      if docs.isEmpty { continue }  // only deleted documents had it
      let field = Int(key[0])
      pw.removeAll()
      qw.removeAll()
      PostingsFormat.write(
        docs: docs, tfs: tfs, positions: positions, norms: { norms[field][Int($0)] },
        postings: &pw, positions: &qw)
      dict.add(
        key: key,
        info: TermInfo(docFreq: UInt32(docs.count), postingsOffset: postOffset, positionsOffset: posiOffset))
      try post.write(pw)
      try posi.write(qw)
      postOffset += UInt64(pw.count)
      posiOffset += UInt64(qw.count)
    }
    try post.finish()
    try posi.finish()

    let terms = try storage.create("\(name).\(FileKind.terms.ext)", kind: .terms)
    try terms.write(dict.finish())
    try terms.finish()

    let normFile = try storage.create("\(name).\(FileKind.norms.ext)", kind: .norms)
    var nw = ByteWriter(capacity: 8 + maxDoc * Field.count)
    nw.u32(UInt32(Field.count))
    nw.u32(UInt32(maxDoc))
    for f in 0..<Field.count { nw.append(norms[f]) }
    try normFile.write(nw)
    try normFile.finish()

    let storeFile = try storage.create("\(name).\(FileKind.store.ext)", kind: .store)
    try storeFile.write(store.finish())
    try storeFile.finish()

    let cols = try storage.create("\(name).\(FileKind.columns.ext)", kind: .columns)
    var cw = ByteWriter(capacity: maxDoc * 8 + 64)
    cw.u32(UInt32(maxDoc))
    for d in days { cw.u32(UInt32(bitPattern: d)) }
    cw.varint(nounList.count)
    for n in nounList { cw.string(n) }
    for o in figureOffsets { cw.u32(o) }
    cw.append(figureEntries.bytes)
    try cols.write(cw)
    try cols.finish()

    return (SegmentInfo(name: name, maxDoc: maxDoc, deleted: 0, deletes: nil, fieldLengths: lengths), maps)
  }
}

/// Which segments to merge at a commit: keeps the segment count at or below `maxSegments` by
/// merging the smallest ones (so incremental runs, which add small segments, merge cheaply), and
/// rewrites any segment with more than `maxDeletedRatio` of its documents deleted.
public struct MergePolicy: Sendable {
  public var maxSegments: Int
  public var maxDeletedRatio: Double

  public init(maxSegments: Int = 8, maxDeletedRatio: Double = 0.3) {
    self.maxSegments = maxSegments
    self.maxDeletedRatio = maxDeletedRatio
  }

  /// Names of the segments to merge into one (empty: nothing to do).
  public func select(_ segments: [SegmentInfo]) -> [String] {
    var chosen = Set<String>()
    if segments.count > maxSegments {
      let bySize = segments.sorted { $0.alive < $1.alive }
      for s in bySize.prefix(segments.count - maxSegments + 1) { chosen.insert(s.name) }
    }
    for s in segments where s.maxDoc > 0 && Double(s.deleted) / Double(s.maxDoc) > maxDeletedRatio {
      chosen.insert(s.name)
    }
    return segments.map(\.name).filter { chosen.contains($0) }
  }
}
