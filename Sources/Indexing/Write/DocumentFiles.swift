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
  private var nouns: [String: UInt16] = [:]
  private var nounList: [String] = []
  private var figureOffsets: [UInt32] = [0]
  private var figureEntries = ByteWriter()

  var docCount: Int { days.count }

  /// Adds one document's stored form, date and figures (norms are appended by the caller).
  mutating func add(stored: StoredDocument, day: Int32?, figures: some Sequence<(String, Double)>) {
    days.append(day ?? Int32.min)
    for (noun, value) in figures {
      let id: UInt16
      if let e = nouns[noun] {
        id = e
      } else {
        id = UInt16(truncatingIfNeeded: nounList.count)
        nouns[noun] = id
        nounList.append(noun)
      }
      figureEntries.u16(id)
      figureEntries.u64(value.bitPattern)
    }
    figureOffsets.append(UInt32(figureEntries.count))
    store.add(stored)
  }

  /// Hands the store's finished blocks to `storeSink` once a megabyte has gathered.
  mutating func drainStore() throws {
    if let sink = storeSink, store.bufferedBytes >= 1 << 20 { try store.drain(to: sink) }
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
    var cw = ByteWriter(capacity: count * 8 + 64)
    cw.u32(UInt32(count))
    for d in days { cw.u32(UInt32(bitPattern: d)) }
    cw.varint(nounList.count)
    for n in nounList { cw.string(n) }
    for o in figureOffsets { cw.u32(o) }
    cw.append(figureEntries.bytes)
    try cols.write(cw)
    try cols.finish()
  }
}
