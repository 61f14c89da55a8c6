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

  public var alive: Int { maxDoc - deleted }

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
