import Foundation

/// One segment as the manifest lists it.
public struct SegmentInfo: Sendable, Codable, Equatable {
  /// File-name stem of the segment's files (`<name>.terms` …).
  public var name: String
  /// Documents written into the segment (ids 0..<maxDoc), deleted ones included.
  public var maxDoc: Int
  /// How many of them are deleted.
  public var deleted: Int
  /// The deletion bitset file of this commit, if any document is deleted.
  public var deletes: String?
  /// Per-field sum of token counts (BM25 average field lengths), indexed by `Field.rawValue`.
  public var fieldLengths: [UInt64]
  /// The commit generation each document was added in, as runs `[generation, count]` over doc
  /// ids 0..<maxDoc, for a segment merged at commit from older segments; nil when every document
  /// was added in the generation the segment's name carries (`g<generation>-…`). What `export
  /// --since` reads to send only the documents added after a cursor.
  public var origins: [[Int]]? = nil

  public var alive: Int { maxDoc - deleted }

  /// The generation in the segment's name (`g12-0` → 12).
  public var generation: Int {
    guard name.first == "g", let dash = name.firstIndex(of: "-") else { return 0 }
    return Int(name[name.index(after: name.startIndex)..<dash]) ?? 0
  }

  /// The generation each document was added in, as runs (`origins`, or one run of the name's).
  public var originRuns: [(generation: Int, count: Int)] {
    guard let origins else { return [(generation, maxDoc)] }
    return origins.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
  }

  /// Every file the segment uses in this commit.
  public var files: [String] {
    var f = FileKind.segmentKinds.map { "\(name).\($0.ext)" }
    if let deletes { f.append(deletes) }
    return f
  }
}

/// The commit point: which segments (and which deletion files) make up the index, and which file
/// table maps corpus files to documents. Replaced atomically; readers open whatever manifest is
/// current and see exactly one whole commit.
///
/// On disk (`manifest`): a first line `blotter-manifest <version> crc32=<8 hex>` whose CRC covers
/// the JSON text that follows it.
public struct Manifest: Sendable, Codable, Equatable {
  public var formatVersion: Int
  public var generation: Int
  public var segments: [SegmentInfo]
  /// The file table of this commit (`files.<generation>`), or nil for an empty index.
  public var fileTable: String?
  /// The stories of this commit (`stories.<generation>`), or nil (an index written without
  /// them: every document is a story of its own).
  public var stories: String?
  /// Files of the previous commit, kept until the next commit so readers that opened it finish.
  public var previousFiles: [String]
  /// The corpus folder the index was built from (as given to `blotter index`).
  public var corpus: String?
  /// The ids of documents removed by recent commits (`export --since`); nil in an index written
  /// before the log existed.
  public var changes: ChangeLog?

  public static let fileName = "manifest"

  public init(generation: Int = 0, segments: [SegmentInfo] = [], fileTable: String? = nil, previousFiles: [String] = [], corpus: String? = nil) {
    self.formatVersion = Int(FileFormat.version)
    self.generation = generation
    self.segments = segments
    self.fileTable = fileTable
    self.previousFiles = previousFiles
    self.corpus = corpus
  }

  /// Live documents.
  public var documents: Int { segments.reduce(0) { $0 + $1.alive } }

  /// The change log as a reader of this commit sees it: an index without one can answer only
  /// "what changed since this very commit".
  public var changeLog: ChangeLog { changes ?? ChangeLog(since: generation) }

  /// Every file this commit refers to.
  public var files: [String] {
    var f = segments.flatMap(\.files)
    if let fileTable { f.append(fileTable) }
    if let stories { f.append(stories) }
    return f
  }

  public func encoded() throws -> [UInt8] {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = Array(try enc.encode(self))
    let crc = FileFormat.checksum(json)
    return Array("blotter-manifest \(FileFormat.version) crc32=\(FileFormat.hex(crc))\n".utf8) + json
  }

  /// Parses a manifest and checks its CRC.
  /// - Parameter acceptingOlder: also read a manifest of an older format version (whose JSON has
  ///   the same fields), for a rebuild that only needs its generation and file list.
  /// - Throws: `IndexError.unsupportedVersion` for another format version, `.corrupt` for damage.
  public static func decode(
    _ bytes: [UInt8], file: String = fileName, acceptingOlder: Bool = false
  ) throws(IndexError) -> Manifest {
    guard let nl = bytes.firstIndex(of: 0x0A) else {
      throw .corrupt(file: file, offset: 0, reason: "no header line")
    }
    let head = String(decoding: bytes[..<nl], as: UTF8.self).split(separator: " ")
    guard head.count == 3, head[0] == "blotter-manifest", head[2].hasPrefix("crc32=") else {
      throw .corrupt(file: file, offset: 0, reason: "not a blotter manifest")
    }
    guard let version = Int(head[1]) else {
      throw .corrupt(file: file, offset: 17, reason: "bad version field")
    }
    if version != Int(FileFormat.version) && !(acceptingOlder && version >= 1 && version < Int(FileFormat.version)) {
      throw .unsupportedVersion(file: file, found: version, supported: Int(FileFormat.version))
    }
    let json = Array(bytes[(nl + 1)...])
    let stored = UInt32(head[2].dropFirst(6), radix: 16)
    let actual = FileFormat.checksum(json)
    if stored != actual {
      throw .corrupt(
        file: file, offset: nl + 1,
        reason: "checksum mismatch: stored \(head[2].dropFirst(6)), computed \(FileFormat.hex(actual))")
    }
    do {
      return try JSONDecoder().decode(Manifest.self, from: Data(json))
    } catch {
      throw .corrupt(file: file, offset: nl + 1, reason: "manifest JSON does not parse: \(error)")
    }
  }
}

/// The ids of documents each recent commit removed (deleted, or replaced by a new version of
/// their file), so an export can tell a search cluster what to delete since an earlier commit.
/// Complete for every cursor from `since` on: documents added after a cursor are found from the
/// segments' generations (`SegmentInfo.origins`), documents removed after it from this log.
/// Bounded: when it holds more than `maxIDs` ids, the oldest commits' entries are dropped and
/// `since` moves up to the oldest commit still listed.
public struct ChangeLog: Sendable, Codable, Equatable {
  /// The oldest cursor the log answers for.
  public var since: Int
  /// One entry per commit that removed documents, oldest first.
  public var removed: [Removal]

  /// The documents one commit removed.
  public struct Removal: Sendable, Codable, Equatable {
    public var generation: Int
    public var ids: [String]
    public init(generation: Int, ids: [String]) {
      self.generation = generation
      self.ids = ids
    }
  }

  /// Ids the log keeps at most (the manifest is read on every open, so it stays small).
  public static let maxIDs = 20_000

  public init(since: Int, removed: [Removal] = []) {
    self.since = since
    self.removed = removed
  }

  /// Adds commit `generation`'s removals and drops the oldest entries beyond `maxIDs`.
  public mutating func record(generation: Int, ids: [String]) {
    if !ids.isEmpty { removed.append(Removal(generation: generation, ids: ids)) }
    var total = removed.reduce(0) { $0 + $1.ids.count }
    while total > Self.maxIDs, let first = removed.first {
      removed.removeFirst()
      total -= first.ids.count
      // Cursors before the dropped commit can no longer learn what it removed.
      since = max(since, first.generation)
    }
  }

  /// Ids removed by commits after `cursor`, oldest first; nil when the log does not reach back
  /// that far.
  public func removed(after cursor: Int) -> [String]? {
    guard cursor >= since else { return nil }
    return removed.filter { $0.generation > cursor }.flatMap(\.ids)
  }
}
