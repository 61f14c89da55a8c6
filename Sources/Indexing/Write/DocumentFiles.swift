import Analysis

/// The per-document files of a segment — norms, stored documents, dates and figures — collected
/// document by document and written together. Shared by `SegmentBuilder` (new documents) and
/// `SegmentMerger` (documents copied from other segments), so both write the same bytes.
struct DocumentFiles {
  /// Norm bytes per field, one per document.
  var norms: [[UInt8]] = Array(repeating: [], count: Field.count)
  var store = StoreWriter()
  /// When set, the store file is written while documents are added (`drainStore()`), not held
  /// whole in memory: merges use it, since their output can be far bigger than any budget.
  var storeSink: FileSink?
  private var days: [Int32] = []
  private var nouns: [String: Int] = [:]
  private var nounList: [String] = []
  /// Per noun id, its figure list (FORMAT.md, "columns") and the last document in it.
  private var figureLists: [ByteWriter] = []
  private var figureListLast: [Int64] = []
  private var docFigures: [(Int, Double)] = []
  private var values: [Double] = []

  var docCount: Int { days.count }

  /// Adds one document's stored form and text positions, date and figures (norms are appended
  /// by the caller).
  mutating func add(
    stored: StoredDocument, positions: TextPositions, day: Int32?,
    figures: some Sequence<(String, Double)>
  ) {
    let doc = UInt32(days.count)
    days.append(day ?? Int32.min)
    docFigures.removeAll(keepingCapacity: true)
    for (noun, value) in figures { docFigures.append((nounId(noun), value)) }
    if !docFigures.isEmpty {
      docFigures.sort { ($0.0, $0.1.bitPattern) < ($1.0, $1.1.bitPattern) }
      var i = 0
      while i < docFigures.count {
        let id = docFigures[i].0
        values.removeAll(keepingCapacity: true)
        while i < docFigures.count && docFigures[i].0 == id {
          values.append(docFigures[i].1)
          i += 1
        }
        appendFigures(noun: id, doc: doc, values: values)
      }
    }
    store.add(stored, positions: positions)
  }

  /// Hands the store's finished blocks to `storeSink` once a megabyte has gathered.
  mutating func drainStore() throws {
    if let sink = storeSink, store.bufferedBytes >= 1 << 20 { try store.drain(to: sink) }
  }

  /// Adds the figures of counted noun `noun` in a document already added (merges copy figure
  /// lists noun by noun); documents must come in ascending order for each noun.
  mutating func addFigures(noun: String, doc: UInt32, values: [Double]) {
    appendFigures(noun: nounId(noun), doc: doc, values: values)
  }

  private mutating func nounId(_ noun: String) -> Int {
    if let id = nouns[noun] { return id }
    let id = nounList.count
    nouns[noun] = id
    nounList.append(noun)
    figureLists.append(ByteWriter(capacity: 16))
    figureListLast.append(-1)
    return id
  }

  /// One entry of a figure list: `v(docGap - 1 << 1 | single)`, `v(count)` unless single, then
  /// each value as `v(zigzag << 1)` for a whole number (almost every figure), or `v(1)` and its
  /// IEEE 754 bits.
  private mutating func appendFigures(noun id: Int, doc: UInt32, values: [Double]) {
    guard !values.isEmpty else { return }
    let gap = UInt64(Int64(doc) - figureListLast[id] - 1)
    figureListLast[id] = Int64(doc)
    if values.count == 1 {
      figureLists[id].varint(gap << 1 | 1)
    } else {
      figureLists[id].varint(gap << 1)
      figureLists[id].varint(values.count)
    }
    for v in values {
      if let whole = Int64(exactly: v), whole.magnitude < 1 << 62, whole != 0 || v.sign == .plus {
        figureLists[id].varint(UInt64(bitPattern: (whole << 1) ^ (whole >> 63)) << 1)
      } else {
        figureLists[id].varint(1)
        figureLists[id].u64(v.bitPattern)
      }
    }
  }

  /// Writes `<name>.norms`, `<name>.store` and `<name>.columns`.
  mutating func write(name: String, to storage: Storage) throws {
    let count = docCount
    let normFile = try storage.create("\(name).\(FileKind.norms.ext)", kind: .norms)
    var nw = ByteWriter(capacity: 8 + count * Field.count)
    nw.u32(UInt32(Field.count))
    nw.u32(UInt32(count))
    for f in 0..<Field.count { nw.append(norms[f]) }
    try normFile.write(nw)
    try normFile.finish()

    let storeFile = try storeSink ?? storage.create("\(name).\(FileKind.store.ext)", kind: .store)
    try storeFile.write(store.finish())
    try storeFile.finish()

    let cols = try storage.create("\(name).\(FileKind.columns.ext)", kind: .columns)
    var cw = ByteWriter(capacity: count * 4 + figureLists.reduce(64) { $0 + $1.count + 16 })
    cw.u32(UInt32(count))
    // Days as offsets from the earliest one, + 1 (0: no date), at the width the range needs.
    let dated = days.filter { $0 != Int32.min }
    let dayBase = dated.min() ?? 0
    let dayWidth = BitPacking.width(UInt64(Int64(dated.max() ?? dayBase) - Int64(dayBase) + 1))
    cw.u32(UInt32(bitPattern: dayBase))
    cw.u8(UInt8(dayWidth))
    var bits = BitWriter()
    for d in days {
      bits.write(d == Int32.min ? 0 : UInt32(Int64(d) - Int64(dayBase) + 1), width: dayWidth, to: &cw)
    }
    bits.finish(to: &cw)
    cw.varint(nounList.count)
    for (id, n) in nounList.enumerated() {
      cw.string(n)
      cw.varint(figureLists[id].count)
    }
    for list in figureLists { cw.append(list.bytes) }
    try cols.write(cw)
    try cols.finish()
  }
}
