/// A point-in-time view of the index: the segments of one commit, mapped. Opening never sees a
/// half-written commit (the manifest is replaced atomically), and the files it maps stay readable
/// while it lives, whatever later commits do.
public final class IndexReader: @unchecked Sendable {
  // @unchecked: immutable after init.
  public let storage: Storage
  public let manifest: Manifest
  public let segments: [SegmentReader]
  private let avgLengths: [Double]
  public let totalDocs: Int
  /// The commit's file table and stories, mapped at open like the segments, so that a reader
  /// still answers after later commits delete them.
  private let fileTableFile: MappedFile?
  let storiesFile: MappedFile?

  /// Opens the current commit of the index at `path`.
  /// - Parameter verify: verify every file's checksum too (`blotter check`).
  /// - Throws: `IndexError.missing` when there is no index, `.corrupt` naming a damaged file.
  public static func open(path: String, verify: Bool = false) throws -> IndexReader {
    let storage = Storage(path: path)
    var attempt = 0
    while true {
      guard storage.exists(Manifest.fileName) else { throw IndexError.missing(path: path) }
      let manifest = try Manifest.decode(try storage.read(Manifest.fileName))
      do {
        return try IndexReader(storage: storage, manifest: manifest, verify: verify)
      } catch let e as IndexError {
        // A commit may have replaced the manifest and collected files between our two reads:
        // read the new manifest and try again.
        if case .corrupt(_, _, let reason) = e, reason == "file is missing", attempt < 5 {
          let now = try? Manifest.decode(try storage.read(Manifest.fileName))
          if let now, now.generation != manifest.generation {
            attempt += 1
            continue
          }
        }
        throw e
      }
    }
  }

  init(storage: Storage, manifest: Manifest, verify: Bool) throws {
    self.storage = storage
    self.manifest = manifest
    var segs: [SegmentReader] = []
    for info in manifest.segments {
      segs.append(try SegmentReader(storage: storage, info: info, verify: verify))
    }
    segments = segs
    fileTableFile = try manifest.fileTable.map { try storage.map($0) }
    storiesFile = try manifest.stories.map { try storage.map($0) }
    let total = manifest.segments.reduce(0) { $0 + $1.maxDoc }
    totalDocs = total
    var avg: [Double] = []
    for f in 0..<Field.count {
      let sum = manifest.segments.reduce(UInt64(0)) { $0 + ($1.fieldLengths.count > f ? $1.fieldLengths[f] : 0) }
      avg.append(total > 0 ? max(1, Double(sum) / Double(total)) : 1)
    }
    avgLengths = avg
  }

  /// Live documents.
  public var documents: Int { manifest.documents }

  /// Average length of `field` over all documents (BM25's avgdl).
  public func averageLength(_ field: Field) -> Double { avgLengths[Int(field.rawValue)] }

  /// Documents containing the term, over all segments (deleted ones included, as Lucene does).
  public func docFreq(field: Field, term: String) throws -> Int {
    var n = 0
    for s in segments {
      if let i = try s.termInfo(field: field, term: term) { n += Int(i.docFreq) }
    }
    return n
  }

  /// The corpus files of this commit.
  public func fileTable(verify: Bool = false) throws -> FileTable {
    guard let file = fileTableFile else { return FileTable() }
    return try FileTable.decode(file, verify: verify)
  }

  /// Finds a stored document by its id (`path` or `path#item`).
  public func document(id: String) throws -> (segment: Int, doc: UInt32, stored: StoredDocument)? {
    let table = try fileTable()
    var path = id
    if table.entries[path] == nil, let hash = id.firstIndex(of: "#") {
      path = String(id[..<hash])
    }
    guard let entry = table.entries[path] else { return nil }
    for ref in entry.docs {
      guard let si = segments.firstIndex(where: { $0.info.name == ref.segment }) else { continue }
      let s = segments[si]
      if s.isDeleted(ref.doc) { continue }
      let d = try s.document(ref.doc)
      if d.id == id { return (si, ref.doc, d) }
    }
    return nil
  }
}
