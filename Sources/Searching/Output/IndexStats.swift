import Indexing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `blotter stats` and `/api/stats` tell about one commit of an index: documents, files,
/// segments, terms and bytes by file kind.
public struct IndexStats: Sendable {
  public var documents: Int
  /// Deleted documents not yet merged away.
  public var deleted: Int
  /// Corpus files in the file table.
  public var files: Int
  public var segments: Int
  /// Terms, summed over segments.
  public var terms: Int
  public var generation: Int
  public var formatVersion: Int
  public var bytes: Int
  /// Bytes by file kind (the file name's extension; `files` for the file table).
  public var bytesByKind: [String: Int]
  public var corpus: String?

  /// Bytes without the stored documents.
  public var bytesWithoutStore: Int { bytes - (bytesByKind["store"] ?? 0) }

  /// Reads the stats of `reader`'s commit.
  /// - Throws: `IndexError` when the file table cannot be read.
  public init(_ reader: IndexReader) throws {
    let m = reader.manifest
    let table = try reader.fileTable()
    var byKind: [String: Int] = [:]
    var total = 0
    for f in m.files {
      var st = stat()
      let size = stat(reader.storage.url(f), &st) == 0 ? Int(st.st_size) : 0
      let kind = String(f.split(separator: ".").last ?? "")
      byKind[kind == String(m.generation) ? "files" : kind, default: 0] += size
      total += size
    }
    documents = m.documents
    deleted = m.segments.reduce(0) { $0 + $1.deleted }
    files = table.entries.count
    segments = m.segments.count
    terms = reader.segments.reduce(0) { $0 + $1.termCount }
    generation = Int(m.generation)
    formatVersion = Int(m.formatVersion)
    bytes = total
    bytesByKind = byKind
    corpus = m.corpus
  }
}
