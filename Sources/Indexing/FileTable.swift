/// Which corpus files the index holds and which documents each produced: what `blotter index`
/// compares the corpus with to add, update and remove only what changed.
///
/// On disk (`files.<generation>`, kind FTBL):
/// ```
/// Body  = segmentCount:v segmentName* entryCount:v Entry*
/// Entry = path size:v mtimeNanos:zv hash:u32 docCount:v (segmentIndex:v docId:v)*
///         blockCount:v block:u32*
/// ```
/// Entries are sorted by path.
public struct FileTable: Sendable, Equatable {
  /// Where one document lives.
  public struct DocRef: Sendable, Hashable {
    public var segment: String
    public var doc: UInt32
    public init(segment: String, doc: UInt32) {
      self.segment = segment
      self.doc = doc
    }
  }

  public struct Entry: Sendable, Equatable {
    public var size: UInt64
    public var mtimeNanos: Int64
    /// CRC-32 of the content, to tell a touched file from an edited one.
    public var hash: UInt32
    public var docs: [DocRef]
    /// Block fingerprints of an HTML page (truncated to 32 bits, at most the first and last 32
    /// blocks): how the indexer recognises blocks a site repeats on many pages.
    public var blocks: [UInt32]
    public init(size: UInt64, mtimeNanos: Int64, hash: UInt32, docs: [DocRef], blocks: [UInt32] = []) {
      self.size = size
      self.mtimeNanos = mtimeNanos
      self.hash = hash
      self.docs = docs
      self.blocks = blocks
    }
  }

  public var entries: [String: Entry] = [:]

  public init() {}

  func encode() -> ByteWriter {
    var names: [String: Int] = [:]
    var list: [String] = []
    for e in entries.values {
      for d in e.docs where names[d.segment] == nil {
        names[d.segment] = list.count
        list.append(d.segment)
      }
    }
    var w = ByteWriter(capacity: entries.count * 64 + 64)
    w.varint(list.count)
    for n in list { w.string(n) }
    w.varint(entries.count)
    for path in entries.keys.sorted() {
      let e = entries[path]!
      w.string(path)
      w.varint(e.size)
      w.svarint(e.mtimeNanos)
      w.u32(e.hash)
      w.varint(e.docs.count)
      for d in e.docs {
        w.varint(names[d.segment]!)
        w.varint(UInt64(d.doc))
      }
      w.varint(e.blocks.count)
      for b in e.blocks { w.u32(b) }
    }
    return w
  }

  static func decode(_ file: MappedFile, verify: Bool) throws(IndexError) -> FileTable {
    let body = try FileFormat.body(of: file, kind: .fileTable, verifyChecksum: verify)
    var r = file.reader(body)
    let nseg = try r.int()
    var segs: [String] = []
    for _ in 0..<nseg { segs.append(try r.string()) }
    let n = try r.int()
    var t = FileTable()
    t.entries.reserveCapacity(n)
    for _ in 0..<n {
      let path = try r.string()
      let size = try r.varint()
      let mtime = try r.svarint()
      let hash = try r.u32()
      let nd = try r.int()
      var docs: [DocRef] = []
      docs.reserveCapacity(nd)
      for _ in 0..<nd {
        let si = try r.int()
        if si >= segs.count { throw r.fail("segment index \(si) out of range") }
        docs.append(DocRef(segment: segs[si], doc: UInt32(truncatingIfNeeded: try r.varint())))
      }
      let nb = try r.int()
      var blocks: [UInt32] = []
      blocks.reserveCapacity(nb)
      for _ in 0..<nb { blocks.append(try r.u32()) }
      t.entries[path] = Entry(size: size, mtimeNanos: mtime, hash: hash, docs: docs, blocks: blocks)
    }
    return t
  }

  func write(to storage: Storage, name: String) throws {
    let sink = try storage.create(name, kind: .fileTable)
    try sink.write(encode())
    try sink.finish()
  }
}
