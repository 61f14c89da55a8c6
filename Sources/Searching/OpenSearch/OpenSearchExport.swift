import Foundation
import Indexing

/// `blotter export --format opensearch`: writes an index snapshot as an OpenSearch index
/// template (`template.json`), bulk files of at most `maxBulkBytes` (`bulk-0000.ndjson`, …) and
/// a `manifest.json` with the counts, each bulk file's CRC-32 and the cursor (the commit
/// generation) to pass as `since` next time.
///
/// Streamed: documents are read a store block at a time and written as they come, so memory does
/// not grow with the index. With `since`, only documents added after that commit are sent
/// (`SegmentInfo.origins`), preceded by `delete` actions for those removed after it
/// (`Manifest.changes`).
public struct OpenSearchExport {
  /// What to export, and where.
  public struct Options: Sendable {
    /// The index (and template) name in OpenSearch.
    public var name: String
    /// Send only what changed after this commit generation (a previous export's cursor).
    public var since: Int?
    /// The output folder (created if missing).
    public var out: String
    /// The largest bulk file, in bytes (10 MB, a common `http.max_content_length` margin).
    public var maxBulkBytes: Int

    public init(
      name: String = "blotter", since: Int? = nil, out: String, maxBulkBytes: Int = 10_000_000
    ) {
      self.name = name
      self.since = since
      self.out = out
      self.maxBulkBytes = maxBulkBytes
    }
  }

  /// One bulk file written.
  public struct BulkFile: Sendable, Equatable {
    public var name: String
    public var bytes: Int
    public var actions: Int
    public var crc32: UInt32
  }

  /// What an export wrote.
  public struct Summary: Sendable {
    /// The commit generation exported: the `since` of the next export.
    public var cursor: Int
    public var since: Int?
    /// Live documents in the index.
    public var documents: Int
    /// `index` actions written.
    public var indexed: Int
    /// `delete` actions written.
    public var deleted: Int
    public var files: [BulkFile]
  }

  /// Why an export cannot run.
  public struct ExportError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public static let manifestName = "manifest.json"
  public static let templateName = "template.json"

  /// `bulk-0000.ndjson` for 0.
  public static func bulkName(_ n: Int) -> String {
    let s = String(n)
    return "bulk-" + String(repeating: "0", count: max(0, 4 - s.count)) + s + ".ndjson"
  }

  /// Exports the commit `reader` holds.
  /// - Throws: `ExportError` for a cursor the index cannot answer, `IndexError` for damage,
  ///   Foundation errors for the output folder.
  public static func run(_ reader: IndexReader, _ options: Options) throws -> Summary {
    let manifest = reader.manifest
    var removed: [String] = []
    if let since = options.since {
      if since > manifest.generation {
        throw ExportError(
          description: "cursor \(since) is after the index's commit \(manifest.generation) "
            + "(was the index rebuilt or replaced?); export without --since")
      }
      guard let r = manifest.changeLog.removed(after: since) else {
        throw ExportError(
          description: "the index no longer knows what changed since commit \(since) (its change "
            + "log starts at \(manifest.changeLog.since)); export without --since and load into a new index"
        )
      }
      removed = r
    }
    let fm = FileManager.default
    try fm.createDirectory(atPath: options.out, withIntermediateDirectories: true)
    // A previous export's files would be loaded with these: remove ours (nothing else).
    for n in try fm.contentsOfDirectory(atPath: options.out)
    where n == manifestName || n == templateName || (n.hasPrefix("bulk-") && n.hasSuffix(".ndjson"))
    {
      try fm.removeItem(atPath: options.out + "/" + n)
    }
    try Array((OpenSearchMapping.template(name: options.name).pretty + "\n").utf8).write(
      to: options.out + "/" + templateName)

    var bulk = BulkWriter(folder: options.out, limit: options.maxBulkBytes)
    var indexName = JSONBytes()
    indexName.string(options.name)
    var line = JSONBytes()
    // Deletions first: a document removed and added again (its file changed) ends up present.
    for id in removed {
      line.bytes.removeAll(keepingCapacity: true)
      line.raw("{\"delete\":{\"_index\":")
      line.bytes += indexName.bytes
      line.raw(",\"_id\":")
      line.string(id)
      line.raw("}}\n")
      try bulk.add(line.bytes)
    }
    let deleted = removed.count
    var indexed = 0
    let maker = OpenSearchDocument()
    let cursor = options.since ?? Int.min
    let stories = try reader.storyTable()
    for (si, segment) in reader.segments.enumerated() {
      var wanted: [UInt32] = []
      var doc: UInt32 = 0
      for run in segment.info.originRuns {
        let end = min(Int(doc) + run.count, segment.maxDoc)
        if run.generation > cursor {
          for d in Int(doc)..<end where !segment.isDeleted(UInt32(d)) { wanted.append(UInt32(d)) }
        }
        doc = UInt32(end)
      }
      // A store block or so at a time; the pages read are let go every 8,192 documents, so the
      // mapped store does not stay resident as the export walks it.
      var start = 0
      while start < wanted.count {
        let chunk = Array(wanted[start..<min(start + 512, wanted.count)])
        start += chunk.count
        if start % 8192 == 0 { segment.dropResidentPages() }
        try segment.documents(chunk) { d, stored in
          line.bytes.removeAll(keepingCapacity: true)
          line.raw("{\"index\":{\"_index\":")
          line.bytes += indexName.bytes
          line.raw(",\"_id\":")
          line.string(stored.id)
          line.raw("}}\n")
          let story = stories.flatMap { t in
            t.story(segment: si, doc: d).map { t.documents[t.stories[$0].origin].id }
          }
          maker.write(stored, day: segment.day(d), storyID: story ?? stored.id, into: &line)
          line.raw("\n")
          try bulk.add(line.bytes)
          indexed += 1
        }
      }
    }
    try bulk.finish()
    let summary = Summary(
      cursor: manifest.generation, since: options.since, documents: manifest.documents,
      indexed: indexed, deleted: deleted, files: bulk.files)
    try Array((manifestJSON(summary, options).pretty + "\n").utf8).write(
      to: options.out + "/" + manifestName)
    return summary
  }

  /// `manifest.json`.
  static func manifestJSON(_ s: Summary, _ o: Options) -> OpenSearchJSON {
    .obj(
      ("name", .string(o.name)),
      ("template", .string(templateName)),
      ("cursor", .number(Double(s.cursor))),
      ("since", s.since.map { .number(Double($0)) } ?? .null),
      ("documents", .number(Double(s.documents))),
      ("indexed", .number(Double(s.indexed))),
      ("deleted", .number(Double(s.deleted))),
      (
        "files",
        .array(
          s.files.map {
            .obj(
              ("name", .string($0.name)), ("bytes", .number(Double($0.bytes))),
              ("actions", .number(Double($0.actions))), ("crc32", .string(hex($0.crc32))))
          })
      ))
  }

  static func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }
}

/// Bulk files of at most `limit` bytes, written through a 1 MiB buffer; an action (one or two
/// lines) never straddles two files.
struct BulkWriter {
  let folder: String
  let limit: Int
  private(set) var files: [OpenSearchExport.BulkFile] = []
  private var handle: FileHandle?
  private var buffer: [UInt8] = []
  private var current = OpenSearchExport.BulkFile(name: "", bytes: 0, actions: 0, crc32: 0)

  init(folder: String, limit: Int) {
    self.folder = folder
    self.limit = limit
    buffer.reserveCapacity(1 << 20)
  }

  mutating func add(_ action: [UInt8]) throws {
    let n = action.count
    if handle != nil && current.bytes + n > limit { try close() }
    if handle == nil { try open() }
    buffer.append(contentsOf: action)
    current.bytes += n
    current.actions += 1
    if buffer.count >= 1 << 20 { try drain() }
  }

  private mutating func open() throws {
    current = OpenSearchExport.BulkFile(
      name: OpenSearchExport.bulkName(files.count), bytes: 0, actions: 0, crc32: 0)
    let path = folder + "/" + current.name
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let h = FileHandle(forWritingAtPath: path)
    else {
      throw OpenSearchExport.ExportError(description: "cannot create \(path)")
    }
    handle = h
  }

  private mutating func drain() throws {
    guard let handle, !buffer.isEmpty else { return }
    current.crc32 = buffer.withUnsafeBytes { FileFormat.checksum($0, continuing: current.crc32) }
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private mutating func close() throws {
    try drain()
    try handle?.close()
    handle = nil
    files.append(current)
  }

  mutating func finish() throws {
    if handle != nil { try close() }
  }
}

extension Array where Element == UInt8 {
  fileprivate func write(to path: String) throws {
    try Data(self).write(to: URL(fileURLWithPath: path))
  }
}
