import Dispatch
import Synchronization

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
/// writer — only files with blotter's own names (`IndexFileNames`), never anything else in the
/// folder. A folder that holds other files and no manifest is refused, not made an index.
///
/// A run that fails (a write, an fsync, damage found) stops its background work, removes the
/// files it created and leaves the previous commit in force; the writer then refuses further use.
///
/// Background merges: while documents are added, every `MergePolicy.mergeFactor` consecutive
/// segments of this run at the same level (flushed = level 0) are merged into one of the next
/// level on a background thread, so a long run ends with a few big segments instead of one huge
/// merge at commit. Those segments are not committed yet, so no reader sees them; references to
/// their documents are renumbered at commit (`remaps`). A merge's sources stay on disk until the
/// merge has finished, or been cancelled and joined: nothing the writer does on failure or
/// `deinit` removes a file a running merge has mapped, and the lock is released last.
///
/// Damage: an incremental writer verifies the CRC-32 of every file of the commit it builds on, on
/// a background thread while the run works; `commit` waits for it and refuses to build on a
/// damaged file (`IndexError.corrupt` / `.checksumMismatch`, naming the file).
public final class IndexWriter {
  public let storage: Storage
  /// The commit this writer started from.
  public let base: Manifest
  /// The corpus files as they will be after the commit.
  public var fileTable: FileTable
  /// The stories as they will be after the commit (nil: the commit has no stories file). Loaded
  /// from the base commit; the caller keeps it in step with the file table (`StoryBook.files`
  /// lists each file's documents in the order of its entry's), and `commit` groups and writes it.
  public var stories: StoryBook?
  private let memoryBudget: Int
  private let generation: Int
  /// The change log this commit extends (`Manifest.changes`).
  private let changeLog: ChangeLog
  private var builder: SegmentBuilder?
  private var builderCount = 0
  private var flushed: [SegmentInfo] = []
  private var deletions: [String: Set<UInt32>] = [:]
  private var lockFD: Int32 = -1
  /// Files of the commit in force when the writer opened (kept by the next commit for readers
  /// still opening it; with `rebuild` they are not in `base`).
  private let currentFiles: [String]
  /// When segments are merged, in the background and at commit.
  public var mergePolicy = MergePolicy()
  /// Merge level of each segment this run wrote (0: flushed from memory).
  private var levels: [String: Int] = [:]
  /// Segments merged away during the run → the segment and the offset their documents now have.
  private var remaps: [String: (segment: String, offset: UInt32)] = [:]
  /// The background merge in progress, if any.
  private var running: RunningMerge?
  private var mergeCount = 0
  private var builders = 0
  private let mergeQueue = DispatchQueue(label: "blotter.merge")
  private let verifyQueue = DispatchQueue(label: "blotter.verify")
  /// The check of the base commit's files, running or done (nil: nothing to check).
  private var verification: Verification?
  private var state = State.open

  private enum State {
    case open
    case committed
    case failed(Error)
  }

  private final class RunningMerge: @unchecked Sendable {
    // @unchecked: `result` is written by the merge thread before `done.leave()` and read by the
    // writer thread only after `done` has been waited on; `cancel` is atomic.
    let sources: [String]
    let name: String
    let done = DispatchGroup()
    let cancel = CancelFlag()
    var result: Result<SegmentInfo, Error>?
    init(sources: [String], name: String) {
      self.sources = sources
      self.name = name
    }
  }

  /// The CRC-32 check of the base commit's files, run on a background thread.
  private final class Verification: @unchecked Sendable {
    // @unchecked: `result` is written before `done.leave()` and read after `done` is waited on.
    let done = DispatchGroup()
    let cancel = CancelFlag()
    var result: Result<Void, Error> = .success(())
  }

  /// Opens (or creates) the index for writing.
  /// - Parameters:
  ///   - memoryBudget: bytes of in-memory postings and stored text before a segment is flushed.
  ///   - rebuild: start from an empty index (the old commit stays until this one lands).
  ///   - wait: wait for another writer to finish instead of failing.
  /// - Throws: `IndexError.notAnIndex` when the folder holds files but no blotter index,
  ///   `.locked` when another writer holds it, `.corrupt` for a damaged manifest or file table.
  public convenience init(
    path: String, memoryBudget: Int = 256 << 20, rebuild: Bool = false, wait: Bool = false
  ) throws {
    let storage = Storage(path: path)
    try storage.create()
    try Self.refuseForeignFolder(storage)
    let fd = try Self.lock(storage, wait: wait)
    try self.init(
      storage: storage, lock: fd, memoryBudget: memoryBudget, rebuild: rebuild, verify: true)
  }

  /// A writer on `storage` that owns the lock `lock` (closed if opening fails).
  /// - Parameter verify: check the base commit's files in the background (`startVerification`).
  private init(storage: Storage, lock: Int32, memoryBudget: Int, rebuild: Bool, verify: Bool)
    throws
  {
    self.storage = storage
    self.memoryBudget = max(memoryBudget, 4 << 20)
    lockFD = lock
    do {
      var manifest = Manifest()
      var table = FileTable()
      var book: StoryBook? = nil
      var inForce: [String] = []
      if storage.exists(Manifest.fileName) {
        // A rebuild starts over, so it also replaces an index of an older format, or one whose
        // manifest is damaged (its generation is then read from the names of the files).
        let current: Manifest
        do {
          current = try Manifest.decode(
            try storage.read(Manifest.fileName), acceptingOlder: rebuild)
        } catch IndexError.corrupt where rebuild {
          let names = (try? storage.list()) ?? []
          let newest = names.compactMap(IndexFileNames.generation(of:)).max()
          current = Manifest(generation: newest ?? 0)
        }
        inForce = current.files
        if !rebuild {
          manifest = current
          if let name = current.fileTable {
            table = try FileTable.decode(try storage.map(name), verify: true)
          }
          if let name = current.stories {
            book = try StoryBook.decode(try storage.map(name), table: table, verify: true)
          }
        } else {
          manifest.generation = current.generation
          manifest.previousFiles = current.files
        }
      }
      base = manifest
      fileTable = table
      stories = book
      currentFiles = inForce
      generation = manifest.generation + 1
      // A rebuild forgets what the old commits held: no cursor before it can be answered.
      changeLog = rebuild ? ChangeLog(since: generation) : manifest.changeLog
    } catch {
      close(lock)
      throw error
    }
    if verify { startVerification() }
  }

  /// After a commit, the writer of the next commit: it takes this writer's lock over without
  /// letting it go, so no other writer can slip in between (a long-running writer such as
  /// `blotter watch` holds the lock from its first commit to its last). This writer can do
  /// nothing more. The files of the commit it builds on are not verified again: they were
  /// verified by this writer (or the one it took over from) or written by it.
  /// - Throws: `IndexError.io` (EINVAL) unless this writer has committed; the errors of opening
  ///   the new commit (the lock is then released).
  public func reopen() throws -> IndexWriter {
    guard case .committed = state else {
      throw IndexError.io(path: storage.path, operation: "reopen before commit of", errno: EINVAL)
    }
    stopBackground()
    let fd = lockFD
    lockFD = -1
    let next = try IndexWriter(
      storage: storage, lock: fd, memoryBudget: memoryBudget, rebuild: false, verify: false)
    next.mergePolicy = mergePolicy
    return next
  }

  deinit {
    // Background work first: a merge must not lose its inputs, and no other writer may start
    // (the lock) while it still writes into the folder.
    stopBackground()
    if case .open = state { removeUncommitted() }
    if lockFD >= 0 { close(lockFD) }
  }

  /// Refuses to make an index in a folder that holds anything but blotter's own files and
  /// dot-files (`.gitkeep`), unless it already is an index (its `manifest` starts like one).
  private static func refuseForeignFolder(_ storage: Storage) throws {
    var found = try storage.foreignEntries()
    switch storage.entry(Manifest.fileName) {
    case .missing:
      break
    case .file:
      let m = try? storage.map(Manifest.fileName)
      let head = Array("blotter-manifest ".utf8)
      if let m, m.count >= head.count, m.bytes(0..<head.count).elementsEqual(head) { return }
      found.insert(Manifest.fileName, at: 0)
    case .link, .other:
      found.insert(Manifest.fileName, at: 0)
    }
    if !found.isEmpty { throw IndexError.notAnIndex(path: storage.path, found: found) }
  }

  private static func lock(_ storage: Storage, wait: Bool) throws -> Int32 {
    let p = storage.url(IndexFileNames.lock)
    let fd = open(p, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
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
    let note = Array("pid \(getpid()) writing since \(LockNote.iso8601(Int(time(nil))))\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, note, note.count, 0)
    return fd
  }

  /// Who holds the lock, from its note ("pid N writing since T"), as "held by pid N since T (age
  /// ago)". A new holder writes its note just after taking the lock, so a note naming a process
  /// that no longer exists is the previous holder's: read again briefly, then say the holder is
  /// unknown rather than name the wrong process.
  private static func holder(_ fd: Int32) -> String {
    for _ in 0..<40 {
      var buf = [UInt8](repeating: 0, count: 256)
      let n = pread(fd, &buf, 255, 0)
      let note = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingSpaces() : ""
      if let held = LockNote.describe(note, now: Int(time(nil))) { return held }
      usleep(5_000)
    }
    return "held by a process that has not written its pid to LOCK"
  }

  // MARK: - Failure and background work

  /// Runs `body` on an open writer; if it throws, the run is abandoned (`abandon`).
  private func guarded<T>(_ body: () throws -> T) throws -> T {
    switch state {
    case .open: break
    case .committed:
      throw IndexError.io(path: storage.path, operation: "write after commit to", errno: EINVAL)
    case .failed(let error): throw error
    }
    do {
      return try body()
    } catch {
      abandon(error)
      throw error
    }
  }

  /// Gives the run up after `error`: cancels and joins the background merge and verification,
  /// then removes every file the run created that no commit refers to (best effort: what is
  /// left, the next commit collects).
  private func abandon(_ error: Error) {
    if case .failed = state { return }
    state = .failed(error)
    stopBackground()
    removeUncommitted()
  }

  /// Cancels the background merge and verification and waits for both to end.
  private func stopBackground() {
    if let job = running {
      job.cancel.cancel()
      job.done.wait()
      running = nil
    }
    if let v = verification {
      v.cancel.cancel()
      v.done.wait()
      verification = nil
    }
  }

  /// Removes the files this writer created that the manifest on disk does not refer to.
  private func removeUncommitted() {
    let created = storage.takeCreated()
    guard !created.isEmpty else { return }
    var keep = Set(currentFiles)
    if let bytes = try? storage.read(Manifest.fileName),
      let m = try? Manifest.decode(bytes, acceptingOlder: true)
    {
      keep.formUnion(m.files + m.previousFiles)
    }
    for name in created where !keep.contains(name) && name != Manifest.fileName {
      storage.remove(name)
    }
  }

  /// Starts checking the CRC-32 of every file of the base commit (not the file table, checked
  /// when opened) on a background thread.
  private func startVerification() {
    var files: [(String, FileKind)] = []
    for s in base.segments {
      for kind in FileKind.segmentKinds { files.append(("\(s.name).\(kind.ext)", kind)) }
      if let d = s.deletes { files.append((d, .deletes)) }
    }
    guard !files.isEmpty else { return }
    let job = Verification()
    verification = job
    let storage = self.storage
    let list = files
    job.done.enter()
    verifyQueue.async {
      job.result = Result {
        for (name, kind) in list where !job.cancel.isCancelled {
          try FileFormat.verify(try storage.map(name), kind: kind, cancel: job.cancel)
        }
      }
      job.done.leave()
    }
  }

  /// Throws the damage the base commit's check found, waiting for the check if `wait`.
  private func checkVerification(wait: Bool) throws {
    guard let v = verification else { return }
    if wait {
      v.done.wait()
    } else if v.done.wait(timeout: .now()) == .timedOut {
      return
    }
    verification = nil
    try v.result.get()
  }

  /// Live documents of the base commit plus those added, minus those deleted so far.
  public var pendingDocuments: Int {
    base.documents + builderCount + flushed.reduce(0) { $0 + $1.maxDoc }
      - deletions.values.reduce(0) { $0 + $1.count }
  }

  /// Adds a document; flushes a segment when the memory budget is full.
  public func add(_ doc: IndexDocument) throws -> FileTable.DocRef {
    try guarded { try addDocument(doc) }
  }

  private func addDocument(_ doc: IndexDocument) throws -> FileTable.DocRef {
    if builder == nil {
      // Named by a counter, not by `flushed.count`: background merges shrink that list.
      builder = SegmentBuilder(name: "g\(generation)-\(builders)")
      builders += 1
      builderCount = 0
    }
    let b = builder!
    let id = b.add(doc)
    try b.drainStore(to: storage)
    builderCount += 1
    let ref = FileTable.DocRef(segment: b.name, doc: id)
    if b.estimatedBytes >= memoryBudget { try flushSegment() }
    return ref
  }

  /// Marks a document deleted as of this commit.
  public func delete(_ ref: FileTable.DocRef) {
    let r = resolve(ref)
    deletions[r.segment, default: []].insert(r.doc)
  }

  /// Where a document of this run lives now that background merges may have moved it.
  private func resolve(_ ref: FileTable.DocRef) -> FileTable.DocRef {
    var r = ref
    while let m = remaps[r.segment] { r = FileTable.DocRef(segment: m.segment, doc: r.doc + m.offset) }
    return r
  }

  /// Writes the in-memory segment to disk (it becomes visible at commit).
  public func flush() throws {
    try guarded { try flushSegment() }
  }

  private func flushSegment() throws {
    // Damage found in the base commit fails the run now rather than at commit.
    try checkVerification(wait: false)
    guard let b = builder, b.docCount > 0 else { return }
    let info = try b.write(to: storage)
    flushed.append(info)
    levels[info.name] = 0
    builder = nil
    builderCount = 0
    try finishMerge(wait: false)
    startMerge()
  }

  /// Starts merging the first `mergeFactor` consecutive segments of this run at the lowest level
  /// that has that many (and no pending deletions) — as many of them as fit under
  /// `maxMergedDocs`, at least two — unless a merge is already running.
  private func startMerge() {
    guard running == nil else { return }
    let k = mergePolicy.mergeFactor
    guard k > 1, flushed.count >= k else { return }
    var best: Range<Int>? = nil
    var bestLevel = Int.max
    var i = 0
    while i + k <= flushed.count {
      let level = levels[flushed[i].name] ?? 0
      let window = i..<(i + k)
      let ok = window.allSatisfy {
        levels[flushed[$0].name] == level && (deletions[flushed[$0].name]?.isEmpty ?? true)
      }
      if ok && level < bestLevel {
        var end = i
        var docs = 0
        while end < i + k && docs + flushed[end].maxDoc <= mergePolicy.maxMergedDocs {
          docs += flushed[end].maxDoc
          end += 1
        }
        if end - i >= 2 {
          best = i..<end
          bestLevel = level
        }
      }
      i += 1
    }
    guard let window = best else { return }
    let infos = Array(flushed[window])
    mergeCount += 1
    let job = RunningMerge(sources: infos.map(\.name), name: "g\(generation)-b\(mergeCount)")
    levels[job.name] = bestLevel + 1
    running = job
    let storage = self.storage
    job.done.enter()
    mergeQueue.async {
      job.result = Result {
        let readers = try infos.map { try SegmentReader(storage: storage, info: $0) }
        return try SegmentMerger.merge(
          readers, name: job.name, storage: storage, cancel: job.cancel
        ).0
      }
      job.done.leave()
    }
  }

  /// Puts a finished background merge in place of its sources (waiting for it if `wait`):
  /// references and pending deletions move to the merged segment, the sources' files go.
  private func finishMerge(wait: Bool) throws {
    guard let job = running else { return }
    if wait {
      job.done.wait()
    } else if job.done.wait(timeout: .now()) == .timedOut {
      return
    }
    running = nil
    let merged = try job.result!.get()
    var offset: UInt32 = 0
    let position = flushed.firstIndex { $0.name == job.sources[0] } ?? flushed.count
    for name in job.sources {
      guard let info = flushed.first(where: { $0.name == name }) else { continue }
      remaps[name] = (merged.name, offset)
      if let dels = deletions.removeValue(forKey: name) {
        for d in dels { deletions[merged.name, default: []].insert(d + offset) }
      }
      offset += UInt32(info.maxDoc)
      levels[name] = nil
      for kind in FileKind.segmentKinds { storage.remove("\(name).\(kind.ext)") }
    }
    let gone = Set(job.sources)
    flushed.removeAll { gone.contains($0.name) }
    flushed.insert(merged, at: min(position, flushed.count))
  }

  /// Commits everything as generation `base.generation + 1`.
  /// - Returns: the new manifest.
  /// - Throws: the first failure (the previous commit stays in force and the run's files are
  ///   removed), or damage found in a file of the base commit.
  @discardableResult
  public func commit(corpus: String? = nil) throws -> Manifest {
    let manifest = try guarded { try publish(corpus: corpus) }
    state = .committed
    _ = storage.takeCreated()
    collectGarbage(keep: Set(manifest.files + manifest.previousFiles))
    flushed = []
    deletions = [:]
    remaps = [:]
    levels = [:]
    return manifest
  }

  /// Everything `commit` does up to and including the manifest's rename.
  private func publish(corpus: String?) throws -> Manifest {
    try flushSegment()
    try finishMerge(wait: true)
    // Nothing below may build on a damaged file of the base commit.
    try checkVerification(wait: true)
    if !remaps.isEmpty {
      for (path, var e) in fileTable.entries where e.docs.contains(where: { remaps[$0.segment] != nil }) {
        e.docs = e.docs.map(resolve)
        fileTable.entries[path] = e
      }
    }
    var segments: [SegmentInfo] = []
    let baseNames = Set(base.segments.map(\.name))
    var removedIDs: [String] = []
    for var info in base.segments + flushed {
      if let dels = deletions[info.name], !dels.isEmpty {
        if baseNames.contains(info.name) {
          // The ids of committed documents this commit removes, for the change log.
          let reader = try SegmentReader(storage: storage, info: info)
          for d in dels.sorted() where Int(d) < info.maxDoc && !reader.isDeleted(d) {
            removedIDs.append(try reader.document(d).id)
          }
        }
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
      let (result, maps) = try SegmentMerger.merge(sources, name: name, storage: storage)
      var merged = result
      merged.origins = Self.origins(sources.map(\.info), maps, generation: generation)
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
    var storiesName: String? = nil
    if let stories {
      storiesName = "stories.\(generation)"
      try stories.write(
        to: storage, name: storiesName!, table: fileTable, segments: segments.map(\.name))
    }
    try storage.syncDirectory()
    var manifest = Manifest(
      generation: generation, segments: segments, fileTable: tableName,
      previousFiles: currentFiles, corpus: corpus ?? base.corpus)
    manifest.stories = storiesName
    manifest.formatVersion = Int(FileFormat.version)
    var log = changeLog
    log.record(generation: generation, ids: removedIDs)
    manifest.changes = log
    try storage.atomicWrite(Manifest.fileName, bytes: try manifest.encoded())
    return manifest
  }

  /// The generation runs of a segment merged from `sources` (documents in source order, deleted
  /// ones dropped, as `SegmentMerger` numbers them); nil when all come from `generation`, the
  /// merged segment's own.
  static func origins(_ sources: [SegmentInfo], _ maps: [[UInt32?]], generation: Int) -> [[Int]]? {
    var runs: [[Int]] = []
    for (si, info) in sources.enumerated() {
      var d = 0
      for run in info.originRuns {
        var alive = 0
        for k in d..<min(d + run.count, maps[si].count) where maps[si][k] != nil { alive += 1 }
        d += run.count
        if alive == 0 { continue }
        if let last = runs.last, last[0] == run.generation {
          runs[runs.count - 1][1] += alive
        } else {
          runs.append([run.generation, alive])
        }
      }
    }
    return runs.count == 1 && runs[0][0] == generation ? nil : runs
  }

  /// Deletes blotter's files that no commit we know of refers to (left by crashed or superseded
  /// runs). `Storage.remove` only ever deletes regular files with blotter's names: a user's
  /// file, a link or a folder in the index folder stays.
  private func collectGarbage(keep: Set<String>) {
    guard let names = try? storage.list() else { return }
    for n in names where !keep.contains(n) && !IndexFileNames.outlivesCommits(n) {
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
