import CCodecs
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Failures to inject into storage operations, for crash-safety tests: the Nth write, fsync or
/// rename fails with `errno` (EIO, ENOSPC …). Counts are shared by every file of one storage.
public final class FaultPlan: @unchecked Sendable {
  // @unchecked: the counters are guarded by `lock` (the writer and a background merge both tick).
  public enum Operation: Sendable { case write, sync, rename }
  public var failAt: [Operation: Int]
  public var errnoValue: Int32
  /// When set, only operations on paths containing this string count (and fail).
  public var only: String?
  public private(set) var counts: [Operation: Int] = [:]
  private let lock = NSLock()

  public init(failAt: [Operation: Int], errno: Int32 = EIO, only: String? = nil) {
    self.failAt = failAt
    self.errnoValue = errno
    self.only = only
  }

  func tick(_ op: Operation, path: String) throws {
    if let only, !path.contains(only) { return }
    lock.lock()
    let n = (counts[op] ?? 0) + 1
    counts[op] = n
    let fail = failAt[op] == n
    lock.unlock()
    if fail {
      throw IndexError.io(path: path, operation: "\(op) (injected)", errno: errnoValue)
    }
  }
}

/// The folder an index lives in: every byte blotter writes goes through here, so the commit
/// protocol (write temp → fsync → rename → fsync dir) lives in one place.
public final class Storage: @unchecked Sendable {
  // @unchecked: immutable except for the fault plan, which only tests set, and the journal of
  // created files, which is guarded by `journalLock` (a background merge creates files too).
  public let path: String
  public var faults: FaultPlan?
  private let journalLock = NSLock()
  private var journal: Set<String> = []

  public init(path: String) {
    self.path = path
  }

  public func url(_ name: String) -> String { path + "/" + name }

  /// Creates the folder if needed.
  public func create() throws {
    var st = stat()
    if stat(path, &st) == 0 { return }
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
      throw IndexError.io(path: path, operation: "mkdir", errno: errno)
    }
  }

  public func exists(_ name: String) -> Bool {
    access(url(name), F_OK) == 0
  }

  /// Maps a whole file read-only.
  package func map(_ name: String) throws -> MappedFile {
    try MappedFile(path: url(name), name: name)
  }

  /// Reads a small file whole.
  public func read(_ name: String) throws -> [UInt8] {
    let m = try map(name)
    return Array(m.bytes(0..<m.count))
  }

  /// Starts a new file; it is visible under `name` once written, but nothing refers to it until
  /// a manifest names it.
  package func create(_ name: String, kind: FileKind) throws -> FileSink {
    let fd = try openNew(name)
    let sink = FileSink(fd: fd, path: url(name), name: name, faults: faults)
    try sink.header(kind)
    return sink
  }

  /// Creates `name` as a new, empty file and records it in the journal. An existing file is
  /// never truncated or written through: a leftover of ours (a crashed run's) is unlinked first —
  /// a reader or a merge that still maps it keeps its bytes — and anything else (a link, a file
  /// blotter did not name) makes this fail.
  private func openNew(_ name: String) throws -> Int32 {
    let p = url(name)
    for attempt in 0..<2 {
      let fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if fd >= 0 {
        journalLock.lock()
        journal.insert(name)
        journalLock.unlock()
        return fd
      }
      let e = errno
      guard e == EEXIST, attempt == 0, entry(name) == .file, IndexFileNames.isOwn(name) else {
        throw IndexError.io(path: p, operation: "create", errno: e)
      }
      remove(name)
    }
    throw IndexError.io(path: p, operation: "create", errno: EEXIST)
  }

  /// Names of the files created through this storage (by `create` and `atomicWrite`'s temp
  /// file) since the last call, which empties the journal.
  public func takeCreated() -> Set<String> {
    journalLock.lock()
    defer { journalLock.unlock() }
    let names = journal
    journal = []
    return names
  }

  /// Writes a small file atomically: temp file, fsync, rename over `name`, fsync the folder.
  public func atomicWrite(_ name: String, bytes: [UInt8]) throws {
    let tmp = name + ".tmp"
    let p = url(tmp)
    let fd = try openNew(tmp)
    do {
      try faults?.tick(.write, path: p)
      try writeAll(fd, bytes, path: p)
      try faults?.tick(.sync, path: p)
      if fsync(fd) != 0 { throw IndexError.io(path: p, operation: "fsync", errno: errno) }
    } catch {
      close(fd)
      unlink(p)
      throw error
    }
    close(fd)
    try rename(tmp, to: name)
    try syncDirectory()
  }

  public func rename(_ from: String, to: String) throws {
    try faults?.tick(.rename, path: url(to))
    if Glibc.rename(url(from), url(to)) != 0 {
      throw IndexError.io(path: url(to), operation: "rename", errno: errno)
    }
  }

  public func syncDirectory() throws {
    try faults?.tick(.sync, path: path)
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { throw IndexError.io(path: path, operation: "open", errno: errno) }
    defer { close(fd) }
    if fsync(fd) != 0 { throw IndexError.io(path: path, operation: "fsync", errno: errno) }
  }

  /// What a folder entry is, by `lstat` (a link is never followed).
  public enum Entry: Sendable, Equatable { case missing, file, link, other }

  public func entry(_ name: String) -> Entry {
    var st = stat()
    if lstat(url(name), &st) != 0 { return .missing }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFLNK: return .link
    default: return .other
    }
  }

  /// Deletes `name` if it is a regular file with one of blotter's names (`IndexFileNames`);
  /// anything else — a user's file, a link, a folder — is left alone.
  public func remove(_ name: String) {
    guard IndexFileNames.isOwn(name), entry(name) == .file else { return }
    unlink(url(name))
  }

  /// Entries of the folder that blotter did not name (dot-files aside): a folder holding any is
  /// not an index, and blotter will not create one in it.
  public func foreignEntries() throws -> [String] {
    try list().filter { !$0.hasPrefix(".") && !IndexFileNames.isOwn($0) }
  }

  /// File names in the folder (not recursive), sorted.
  public func list() throws -> [String] {
    guard let d = opendir(path) else { throw IndexError.io(path: path, operation: "opendir", errno: errno) }
    defer { closedir(d) }
    var names: [String] = []
    while let e = readdir(d) {
      let name = withUnsafePointer(to: e.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }
}

func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
  var off = 0
  while off < bytes.count {
    let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
    if n < 0 {
      if errno == EINTR { continue }
      throw IndexError.io(path: path, operation: "write", errno: errno)
    }
    off += n
  }
}

func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
  try bytes.withUnsafeBytes { raw in try writeAll(fd, raw, path: path) }
}

/// A file being written: buffered, checksummed as it goes, sealed by `finish()` with the footer
/// and an fsync.
package final class FileSink {
  let fd: Int32
  let path: String
  package let name: String
  let faults: FaultPlan?
  private var buffer = ByteWriter(capacity: 1 << 16)
  private var crc: UInt32 = 0
  /// Bytes written so far, header included.
  package private(set) var offset: Int = 0
  private var closed = false

  init(fd: Int32, path: String, name: String, faults: FaultPlan?) {
    self.fd = fd
    self.path = path
    self.name = name
    self.faults = faults
  }

  deinit {
    if !closed { close(fd) }
  }

  func header(_ kind: FileKind) throws {
    var w = ByteWriter(capacity: FileFormat.headerSize)
    FileFormat.writeHeader(&w, kind: kind)
    try write(w.bytes)
  }

  package func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { raw in try write(raw) }
  }

  package func write(_ w: ByteWriter) throws { try write(w.bytes) }

  package func write(_ raw: UnsafeRawBufferPointer) throws {
    guard raw.count > 0 else { return }
    crc = UInt32(
      crc32(UInt(crc), raw.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(raw.count)))
    offset += raw.count
    if buffer.count + raw.count > 1 << 16 || raw.count >= 1 << 15 { try flushBuffer() }
    if raw.count >= 1 << 15 {
      // Large writes bypass the buffer, which was just emptied so bytes stay in order.
      try faults?.tick(.write, path: path)
      try writeAll(fd, raw, path: path)
    } else {
      buffer.append(raw)
    }
  }

  private func flushBuffer() throws {
    guard buffer.count > 0 else { return }
    try faults?.tick(.write, path: path)
    try writeAll(fd, buffer.bytes, path: path)
    buffer.removeAll()
  }

  /// Writes the footer (length, CRC-32, magic), fsyncs and closes.
  package func finish() throws {
    var footer = ByteWriter(capacity: FileFormat.footerSize)
    footer.u64(UInt64(offset))
    footer.u32(crc)
    footer.append(FileFormat.footerMagic)
    buffer.append(footer.bytes)
    try flushBuffer()
    try faults?.tick(.sync, path: path)
    if fsync(fd) != 0 { throw IndexError.io(path: path, operation: "fsync", errno: errno) }
    close(fd)
    closed = true
  }
}
