import CCodecs

/// The kinds of index file; the four-letter tag is written in each file's header so a file can
/// never be read as another kind.
public enum FileKind: String, Sendable, CaseIterable {
  case terms = "TERM"
  case postings = "POST"
  case positions = "POSI"
  case norms = "NORM"
  case store = "STOR"
  case columns = "COLS"
  case deletes = "DELS"
  case fileTable = "FTBL"

  /// The files every segment has (deletions come per commit, on top).
  public static let segmentKinds: [FileKind] = [.terms, .postings, .positions, .norms, .store, .columns]

  /// The file name extension for segment components.
  public var ext: String {
    switch self {
    case .terms: "terms"
    case .postings: "postings"
    case .positions: "positions"
    case .norms: "norms"
    case .store: "store"
    case .columns: "columns"
    case .deletes: "deletes"
    case .fileTable: "files"
    }
  }
}

/// Header and footer shared by every binary index file (see FORMAT.md):
/// `Header = "BLTR" kind[4] version:u32 reserved:u32`, `Footer = length:u64 crc32:u32 "BEND"`,
/// where `length` counts the bytes before the footer and the CRC-32 covers them.
public enum FileFormat {
  /// Bump on any change to any file's layout; readers refuse other versions by name.
  public static let version: UInt32 = 5
  public static let headerSize = 16
  public static let footerSize = 16
  static let magic: [UInt8] = Array("BLTR".utf8)
  static let footerMagic: [UInt8] = Array("BEND".utf8)

  static func writeHeader(_ w: inout ByteWriter, kind: FileKind) {
    w.append(magic)
    w.append(Array(kind.rawValue.utf8))
    w.u32(version)
    w.u32(0)
  }

  /// Checks a mapped file's header and footer and returns the range of its body.
  /// - Parameter verifyChecksum: also recompute the CRC-32 (`blotter check`, small files).
  package static func body(
    of file: MappedFile, kind: FileKind, verifyChecksum: Bool
  ) throws(IndexError) -> Range<Int> {
    let n = file.count
    if n < headerSize + footerSize {
      throw .corrupt(file: file.name, offset: 0, reason: "file is \(n) bytes, shorter than header and footer")
    }
    let head = file.bytes(0..<headerSize)
    if !head.prefix(4).elementsEqual(magic) {
      throw .corrupt(file: file.name, offset: 0, reason: "not a blotter index file (bad magic)")
    }
    if !head[4..<8].elementsEqual(kind.rawValue.utf8) {
      let found = String(decoding: head[4..<8], as: UTF8.self)
      throw .corrupt(file: file.name, offset: 4, reason: "expected a \(kind.rawValue) file, found \(found)")
    }
    var r = file.reader(0..<n)
    r.offset = 8
    let version = try r.u32()
    if version != Self.version {
      throw .unsupportedVersion(file: file.name, found: Int(version), supported: Int(Self.version))
    }
    r.offset = n - footerSize
    let length = try r.u64()
    let crc = try r.u32()
    let tail = file.bytes((n - 4)..<n)
    if !tail.elementsEqual(footerMagic) {
      throw .corrupt(file: file.name, offset: n - 4, reason: "footer magic missing (truncated file?)")
    }
    if length != UInt64(n - footerSize) {
      throw .corrupt(
        file: file.name, offset: n - footerSize,
        reason: "footer says \(length) bytes before it, file has \(n - footerSize) (truncated?)")
    }
    if verifyChecksum {
      let actual = checksum(file.bytes(0..<(n - footerSize)))
      if actual != crc {
        throw .checksumMismatch(
          file: file.name, range: 0..<(n - footerSize), stored: crc, computed: actual)
      }
    }
    return headerSize..<(n - footerSize)
  }

  /// Checks a file's header and footer, then its CRC-32 in 64 MB steps, letting go of the pages
  /// read after each; returns early, without error, once `cancel` is set (a writer's background
  /// check of the commit it builds on).
  static func verify(_ file: MappedFile, kind: FileKind, cancel: CancelFlag) throws(IndexError) {
    let body = try body(of: file, kind: kind, verifyChecksum: false)
    var r = file.reader(0..<file.count)
    r.offset = body.upperBound + 8
    let stored = try r.u32()
    var crc: UInt = 0
    var off = 0
    while off < body.upperBound {
      if cancel.isCancelled { return }
      let n = min(body.upperBound - off, 64 << 20)
      crc = crc32(crc, (file.base + off).assumingMemoryBound(to: UInt8.self), UInt32(n))
      off += n
      file.dropResidentPages()
    }
    if UInt32(crc) != stored {
      throw .checksumMismatch(
        file: file.name, range: 0..<body.upperBound, stored: stored, computed: UInt32(crc))
    }
  }

  /// CRC-32 (zlib's polynomial).
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    var crc: UInt = 0
    var off = 0
    while off < bytes.count {
      let chunk = min(bytes.count - off, 1 << 30)
      crc = crc32(crc, (base + off).assumingMemoryBound(to: UInt8.self), UInt32(chunk))
      off += chunk
    }
    return UInt32(crc)
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  static func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }
}
