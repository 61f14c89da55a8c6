#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one writer of an index: holds the lock, collects added and deleted documents and the new
/// file table, and commits them as one new generation.
///
/// Commit protocol: segment files are written and fsynced, then the deletion files and the file
/// table, then the folder is fsynced, then `manifest` is replaced atomically. A crash before the
/// rename leaves the previous commit in force; files nothing refers to are collected by the next
/// writer.
public final class IndexWriter {
  public let storage: Storage
  /// The commit this writer started from.
  public let base: Manifest
  /// The corpus files as they will be after the commit.
  public var fileTable: FileTable
  private let memoryBudget: Int
  private let generation: Int
  private var builder: SegmentBuilder?
  private var builderCount = 0
  private var flushed: [SegmentInfo] = []
  private var deletions: [String: Set<UInt32>] = [:]
  private var lockFD: Int32 = -1
  /// Files of the commit in force when the writer opened (kept by the next commit for readers
  /// still opening it; with `rebuild` they are not in `base`).
  private let currentFiles: [String]
  /// When segments are merged at commit.
  public var mergePolicy = MergePolicy()

  /// Opens (or creates) the index for writing.
  /// - Parameters:
  ///   - memoryBudget: bytes of in-memory postings and stored text before a segment is flushed.
  ///   - rebuild: start from an empty index (the old commit stays until this one lands).
  ///   - wait: wait for another writer to finish instead of failing.
  public init(path: String, memoryBudget: Int = 256 << 20, rebuild: Bool = false, wait: Bool = false) throws {
    storage = Storage(path: path)
    try storage.create()
    self.memoryBudget = max(memoryBudget, 4 << 20)
    lockFD = try Self.lock(storage, wait: wait)
    do {
      var manifest = Manifest()
      var table = FileTable()
      var inForce: [String] = []
      if storage.exists(Manifest.fileName) {
        // A rebuild starts over, so it also replaces an index of an older format.
        let current = try Manifest.decode(try storage.read(Manifest.fileName), acceptingOlder: rebuild)
        inForce = current.files
        if !rebuild {
          manifest = current
          if let name = current.fileTable {
            table = try FileTable.decode(try storage.map(name), verify: true)
          }
        } else {
          manifest.generation = current.generation
          manifest.previousFiles = current.files
        }
      }
      base = manifest
      fileTable = table
      currentFiles = inForce
      generation = manifest.generation + 1
    } catch {
      close(lockFD)
      throw error
    }
  }

  deinit {
    if lockFD >= 0 { close(lockFD) }
  }

  private static func lock(_ storage: Storage, wait: Bool) throws -> Int32 {
    let p = storage.url("LOCK")
    let fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 { throw IndexError.io(path: p, operation: "open", errno: errno) }
    while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      let e = errno
      if e == EINTR { continue }  // a signal interrupted --wait: keep waiting
      if e != EWOULDBLOCK {
        close(fd)
        throw IndexError.io(path: p, operation: "flock", errno: e)
      }
      let holder = Self.holder(fd)
      close(fd)
      throw IndexError.locked(path: storage.path, holder: holder)
    }
    let note = Array("pid \(getpid()) writing since \(time(nil)) (unix time)\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, note, note.count, 0)
    return fd
  }

  /// The lock holder's note ("pid N writing since T"). A new holder writes its note just after
  /// taking the lock, so a note naming a process that no longer exists is the previous holder's:
  /// read again briefly, then say the holder is unknown rather than name the wrong process.
  private static func holder(_ fd: Int32) -> String {
    for _ in 0..<40 {
      var buf = [UInt8](repeating: 0, count: 256)
      let n = pread(fd, &buf, 255, 0)
      let note = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingSpaces() : ""
      let words = note.split(separator: " ")
      if words.count >= 2, words[0] == "pid", let pid = Int32(words[1]), kill(pid, 0) == 0 || errno == EPERM {
        return note
      }
      usleep(5_000)
    }
    return "a process that has not written its pid to LOCK"
  }

  /// Live documents of the base commit plus those added, minus those deleted so far.
  public var pendingDocuments: Int {
    base.documents + builderCount + flushed.reduce(0) { $0 + $1.maxDoc }
      - deletions.values.reduce(0) { $0 + $1.count }
  }

  /// Adds a document; flushes a segment when the memory budget is full.
  public func add(_ doc: IndexDocument) throws -> FileTable.DocRef {
    if builder == nil {
      builder = SegmentBuilder(name: "g\(generation)-\(flushed.count)")
      builderCount = 0
    }
    let b = builder!
    let id = b.add(doc)
    builderCount += 1
    let ref = FileTable.DocRef(segment: b.name, doc: id)
    if b.estimatedBytes >= memoryBudget { try flush() }
    return ref
  }

  /// Marks a document deleted as of this commit.
  public func delete(_ ref: FileTable.DocRef) {
    deletions[ref.segment, default: []].insert(ref.doc)
  }

  /// Writes the in-memory segment to disk (it becomes visible at commit).
  public func flush() throws {
    guard let b = builder, b.docCount > 0 else { return }
    flushed.append(try b.write(to: storage))
    builder = nil
    builderCount = 0
  }

  /// Commits everything as generation `base.generation + 1`.
  /// - Returns: the new manifest.
  @discardableResult
  public func commit(corpus: String? = nil) throws -> Manifest {
    try flush()
    var segments: [SegmentInfo] = []
    for var info in base.segments + flushed {
      if let dels = deletions[info.name], !dels.isEmpty {
        // Merge with the deletions already committed.
        var bits = [UInt8](repeating: 0, count: (info.maxDoc + 7) / 8)
        if let old = info.deletes {
          let m = try storage.map(old)
          let body = try FileFormat.body(of: m, kind: .deletes, verifyChecksum: true)
          let src = m.bytes((body.lowerBound + 4)..<body.upperBound)
          for i in 0..<min(bits.count, src.count) { bits[i] = src[i] }
        }
        for d in dels where Int(d) < info.maxDoc { bits[Int(d >> 3)] |= 1 << (d & 7) }
        let deleted = bits.reduce(0) { $0 + $1.nonzeroBitCount }
        if deleted >= info.maxDoc { continue }  // nothing alive: drop the segment
        let name = "\(info.name).\(generation).\(FileKind.deletes.ext)"
        let sink = try storage.create(name, kind: .deletes)
        var w = ByteWriter(capacity: bits.count + 4)
        w.u32(UInt32(info.maxDoc))
        w.append(bits)
        try sink.write(w)
        try sink.finish()
        info.deletes = name
        info.deleted = deleted
      }
      segments.append(info)
    }
    // Merge, so the segment count stays bounded and deleted documents are expunged.
    let toMerge = mergePolicy.select(segments)
    if toMerge.count > 1 || (toMerge.count == 1 && (segments.first { $0.name == toMerge[0] }?.deleted ?? 0) > 0) {
      let chosen = Set(toMerge)
      let sources = try segments.filter { chosen.contains($0.name) }.map {
        try SegmentReader(storage: storage, info: $0)
      }
      let name = "g\(generation)-m"
      let (merged, maps) = try SegmentMerger.merge(sources, name: name, storage: storage)
      let index = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.info.name, $0) })
      for (path, var e) in fileTable.entries {
        var changed = false
        for k in e.docs.indices {
          if let si = index[e.docs[k].segment] {
            if let nd = maps[si][Int(e.docs[k].doc)] {
              e.docs[k] = FileTable.DocRef(segment: name, doc: nd)
            }
            changed = true
          }
        }
        if changed { fileTable.entries[path] = e }
      }
      let position = segments.firstIndex { chosen.contains($0.name) } ?? segments.count
      segments.removeAll { chosen.contains($0.name) }
      if merged.maxDoc > 0 { segments.insert(merged, at: min(position, segments.count)) }
    }
    // Drop references to segments that are gone.
    let live = Set(segments.map(\.name))
    for (path, var e) in fileTable.entries {
      let before = e.docs.count
      e.docs.removeAll { !live.contains($0.segment) }
      if e.docs.count != before { fileTable.entries[path] = e }
    }
    let tableName = "files.\(generation)"
    try fileTable.write(to: storage, name: tableName)
    try storage.syncDirectory()
    var manifest = Manifest(
      generation: generation, segments: segments, fileTable: tableName,
      previousFiles: currentFiles, corpus: corpus ?? base.corpus)
    manifest.formatVersion = Int(FileFormat.version)
    try storage.atomicWrite(Manifest.fileName, bytes: try manifest.encoded())
    collectGarbage(keep: Set(manifest.files + manifest.previousFiles))
    flushed = []
    deletions = [:]
    return manifest
  }

  /// Deletes files no commit we know of refers to (left by crashed or superseded runs).
  private func collectGarbage(keep: Set<String>) {
    guard let names = try? storage.list() else { return }
    for n in names where !keep.contains(n) && n != Manifest.fileName && n != "LOCK" && !n.hasPrefix(".") {
      storage.remove(n)
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
