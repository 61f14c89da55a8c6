import Extraction
import Indexing
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps an index up to date with a corpus folder as files land in it: indexes once, then
/// watches the folder tree and commits once each burst of changes has settled.
///
/// ```swift
/// let watcher = try CorpusWatcher(indexer: CorpusIndexer(corpus: "corpus", indexPath: "index"))
/// watcher.onCommit = { print($0.summary.added) }
/// try watcher.run()  // until watcher.stopper.stop()
/// ```
///
/// - **Changes**: on Linux, inotify watches every folder of the tree (new folders as they appear,
///   moved-away ones dropped); elsewhere, or when inotify cannot start, or when the watch limit
///   (`fs.inotify.max_user_watches`) is reached, the tree is polled instead (`poll`,
///   `pollInterval`). Hidden entries, files blotter does not read and the index folder are
///   ignored, as the walk ignores them.
/// - **Settling**: a run starts once no change was seen for `debounce` seconds. A changed file
///   whose size or time still moved between its last change and that moment is still being
///   written: it is left as the last commit has it (`Commit.growing`) and retried one debounce
///   later, while everything else is committed.
/// - **Runs**: each run is an incremental ``CorpusIndexer`` run (`IndexRun`) over the whole
///   corpus, so whatever an event missed (a full event queue, a race with a new folder) is still
///   found by the walk. It commits only when something changed.
/// - **Lock**: the watcher opens the index writer once and hands its lock from each commit to
///   the next (`IndexWriter.reopen`), so it holds the lock from start to stop.
/// - **Stopping**: ``Stopper/stop()`` (from a signal handler's queue, say) ends `run` at the next
///   wait; a run in progress finishes its commit first, so the last commit is always whole.
///   Changes seen but not yet committed are picked up by the next `index` or `watch`.
public final class CorpusWatcher {
  /// How changes are noticed.
  public enum Mode: String, Sendable {
    case inotify
    case polling
  }

  /// One run that committed (or the first run, which is reported even when nothing changed).
  public struct Commit: Sendable {
    /// What the run did (`generation` is the commit in force after it).
    public var summary: CorpusIndexer.Summary
    /// The first run, at start.
    public var initial: Bool
    /// How changes were noticed when the run started.
    public var mode: Mode
    /// Corpus paths still being written when the burst settled: left as they were, retried
    /// after the next debounce.
    public var growing: [String]
    /// Whether the run made a new commit.
    public var committed: Bool
  }

  /// Ends ``CorpusWatcher/run()`` from any thread.
  public final class Stopper: Sendable {
    private let flag = Atomic<Bool>(false)
    let readFD: Int32
    let writeFD: Int32

    init() throws {
      var fds: [Int32] = [-1, -1]
      guard pipe(&fds) == 0 else { throw IngestError.errno("cannot create a pipe") }
      readFD = fds[0]
      writeFD = fds[1]
      for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
    }

    deinit {
      close(readFD)
      close(writeFD)
    }

    /// Asks the watcher to stop: it returns from `run` at its next wait, after the run in
    /// progress (if any) has committed.
    public func stop() {
      flag.store(true, ordering: .sequentiallyConsistent)
      var b: UInt8 = 1
      _ = write(writeFD, &b, 1)
    }

    /// Whether `stop` was called.
    public var isStopped: Bool { flag.load(ordering: .sequentiallyConsistent) }
  }

  /// The indexer whose options every run uses (`rebuild` for the first run only).
  public var indexer: CorpusIndexer
  /// Seconds without a change before a run starts.
  public var debounce: Double
  /// Poll the tree instead of using inotify.
  public var poll: Bool
  /// Seconds between two walks when polling (default: half the debounce, from 0.05 to 1).
  public var pollInterval: Double
  /// At most this many inotify watches, then polling, as when the system's limit is reached
  /// (for tests of the fallback; nil: the system's limit).
  public var maxWatches: Int?
  /// Called after the first run and after each run that committed, on the thread of `run`.
  public var onCommit: ((Commit) -> Void)?
  /// Called with a sentence for people: the mode chosen, a fall-back to polling.
  public var onNote: ((String) -> Void)?
  /// Stops `run`.
  public let stopper: Stopper
  /// How changes are noticed now.
  public private(set) var mode: Mode = .inotify

  /// Folders watched: watch descriptor → absolute path, and back.
  private var folders: [Int32: String] = [:]
  private var watchOf: [String: Int32] = [:]
  private var inotifyFD: Int32 = -1
  /// The corpus folder without a trailing slash.
  private var root = ""
  /// The index folder's device and inode, never watched.
  private var indexID: (dev: UInt, ino: UInt)?
  /// Files changed since the last run: corpus path → size and time when last seen changing
  /// (nil: gone).
  private var changed: [String: FileState?] = [:]
  /// Whether anything changed since the last run (also folders, a full event queue).
  private var dirty = false
  private var lastChange = ContinuousClock.now
  /// The last walk's files (polling).
  private var snapshot: [String: FileState] = [:]

  struct FileState: Equatable {
    var size: UInt64
    var mtimeNanos: Int64
  }

  /// A watcher of `indexer.corpus` into `indexer.indexPath`; nothing happens until ``run()``.
  public init(indexer: CorpusIndexer, debounce: Double = 2, poll: Bool = false) throws {
    self.indexer = indexer
    self.debounce = max(0, debounce)
    self.poll = poll
    pollInterval = min(1, max(0.05, debounce / 2))
    stopper = try Stopper()
  }

  deinit {
    if inotifyFD >= 0 { close(inotifyFD) }
  }

  /// Indexes once, then watches and commits until ``Stopper/stop()``.
  /// - Throws: what ``CorpusIndexer/run()`` throws, at start or in any later run (the commit
  ///   before stays in force); `IngestError` when the corpus folder cannot be read.
  public func run() throws {
    var options = indexer
    root = indexer.corpus
    while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
    var st = stat()
    if stat(options.indexPath, &st) == 0 { indexID = (UInt(st.st_dev), UInt(st.st_ino)) }
    // Takes the lock before watching, so a second watcher fails at once.
    var writer = try IndexWriter(
      path: options.indexPath, memoryBudget: options.memoryBudget, rebuild: options.rebuild,
      wait: options.wait)
    if indexID == nil, stat(options.indexPath, &st) == 0 {
      indexID = (UInt(st.st_dev), UInt(st.st_ino))
    }
    // Watch before the first run, so nothing written during it is missed.
    startWatching()
    try runOnce(&writer, options: options, initial: true, hold: [])
    options.rebuild = false
    while !stopper.isStopped {
      wait()
      if stopper.isStopped { break }
      guard dirty, ContinuousClock.now - lastChange >= .seconds(debounce) else { continue }
      let growing = stillGrowing()
      dirty = !growing.isEmpty
      lastChange = ContinuousClock.now
      try runOnce(&writer, options: options, initial: false, hold: Set(growing))
    }
  }

  /// One incremental run through `writer`; after a commit, `writer` becomes the next commit's.
  private func runOnce(
    _ writer: inout IndexWriter, options: CorpusIndexer, initial: Bool, hold: Set<String>
  ) throws {
    let before = writer.base.generation
    let summary = try IndexRun(options, writer: writer, hold: hold).run()
    let committed = summary.generation != before
    if committed { writer = try writer.reopen() }
    if committed || initial {
      onCommit?(
        Commit(
          summary: summary, initial: initial, mode: mode, growing: hold.sorted(),
          committed: committed))
    }
  }

  // MARK: - Settling

  /// The changed files whose size or time moved since they were last seen changing; they stay
  /// in `changed` (with their new state) for the next run, the others are cleared.
  private func stillGrowing() -> [String] {
    var growing: [String] = []
    var keep: [String: FileState?] = [:]
    for (path, seen) in changed {
      let now = state(of: root + "/" + path)
      if let now, now != seen {
        growing.append(path)
        keep[path] = now
      }
    }
    changed = keep
    return growing.sorted()
  }

  private func state(of path: String) -> FileState? {
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return FileState(
      size: UInt64(st.st_size),
      mtimeNanos: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
  }

  /// Records a change of `path` (relative to the corpus; nil: a folder or the whole tree).
  private func noteChange(_ path: String?) {
    dirty = true
    lastChange = ContinuousClock.now
    if let path { changed[path] = state(of: root + "/" + path) }
  }

  // MARK: - Waiting

  /// Waits for the next change, the end of the debounce, a poll or `stop`, and takes in what
  /// changed.
  private func wait() {
    let interval: Double
    if mode == .polling {
      interval = pollInterval
    } else if dirty {
      let left = Duration.seconds(debounce) - (ContinuousClock.now - lastChange)
      interval = max(
        0, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
    } else {
      interval = -1
    }
    var fds = [pollfd(fd: stopper.readFD, events: Int16(POLLIN), revents: 0)]
    if mode == .inotify { fds.append(pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0)) }
    let ms: Int32 = interval < 0 ? -1 : Int32(min(interval * 1000 + 1, 3_600_000))
    let n = Glibc.poll(&fds, nfds_t(fds.count), ms)
    if n < 0 { return }  // EINTR: the caller loops
    if mode == .inotify, fds.count > 1, fds[1].revents != 0 {
      readEvents()
    } else if mode == .polling {
      pollTree()
    }
  }

  // MARK: - Polling

  /// Walks the tree and notes every file added, changed or gone since the last walk.
  private func pollTree() {
    guard let scan = try? CorpusScanner.scan(root: indexer.corpus, index: indexer.indexPath)
    else {
      noteChange(nil)
      return
    }
    var now: [String: FileState] = [:]
    now.reserveCapacity(scan.files.count)
    for f in scan.files {
      let s = FileState(size: f.size, mtimeNanos: f.mtimeNanos)
      now[f.path] = s
      if snapshot[f.path] != s { noteChange(f.path) }
    }
    for path in snapshot.keys where now[path] == nil { noteChange(path) }
    snapshot = now
  }

  /// Switches to polling (the reason, if any, goes to `onNote`).
  private func fallBackToPolling(_ reason: String?) {
    if inotifyFD >= 0 { close(inotifyFD) }
    inotifyFD = -1
    folders = [:]
    watchOf = [:]
    mode = .polling
    let every = "polling the corpus every \(Self.seconds(pollInterval)) s"
    onNote?(reason.map { "\($0); \(every) instead" } ?? every)
    snapshot = [:]
    if let scan = try? CorpusScanner.scan(root: indexer.corpus, index: indexer.indexPath) {
      for f in scan.files { snapshot[f.path] = FileState(size: f.size, mtimeNanos: f.mtimeNanos) }
    }
    // What changed while the watches were being set up is found by the next run's walk.
    noteChange(nil)
  }

  static func seconds(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  // MARK: - inotify

  /// Starts inotify on the whole tree, or polling.
  private func startWatching() {
    if poll {
      fallBackToPolling(nil)
      dirty = false
      return
    }
    guard CorpusIndexer.isDirectory(indexer.corpus) else {
      fallBackToPolling("the corpus is a single file")
      dirty = false
      return
    }
    #if os(Linux)
      inotifyFD = inotify_init1(Inotify.nonBlock | Inotify.closeOnExec)
      if inotifyFD < 0 {
        fallBackToPolling("inotify is unavailable (\(String(cString: strerror(errno))))")
        dirty = false
        return
      }
      mode = .inotify
      if watchTree(root) {
        let n = folders.count
        onNote?("watching \(n) \(n == 1 ? "folder" : "folders") with inotify")
      } else {
        dirty = false
      }
    #else
      fallBackToPolling("inotify is Linux's")
      dirty = false
    #endif
  }

  #if os(Linux)
    /// What a folder's watch reports.
    private static let mask: UInt32 =
      Inotify.modify | Inotify.closeWrite | Inotify.movedFrom | Inotify.movedTo | Inotify.create
      | Inotify.delete | Inotify.deleteSelf | Inotify.moveSelf | Inotify.onlyDir

    /// Watches `dir` and every folder under it (not hidden ones, not the index folder, not
    /// symbolic links: the walk does not enter them). False when it fell back to polling.
    @discardableResult
    private func watchTree(_ dir: String) -> Bool {
      guard mode == .inotify else { return false }
      var st = stat()
      guard lstat(dir, &st) == 0 || stat(dir, &st) == 0 else { return true }
      if let indexID, UInt(st.st_dev) == indexID.dev, UInt(st.st_ino) == indexID.ino {
        return true
      }
      if let maxWatches, folders.count >= maxWatches {
        fallBackToPolling("the inotify watch limit (\(maxWatches) folders) is reached")
        return false
      }
      let wd = inotify_add_watch(inotifyFD, dir, Self.mask)
      if wd < 0 {
        let e = errno
        if e == ENOSPC {
          fallBackToPolling(
            "the inotify watch limit (fs.inotify.max_user_watches) is reached")
          return false
        }
        return true  // gone or unreadable: the walk reports it
      }
      folders[wd] = dir
      watchOf[dir] = wd
      guard let d = opendir(dir) else { return true }
      var subdirs: [String] = []
      while let e = readdir(d) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
          String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        if e.pointee.d_type == UInt8(DT_DIR) || e.pointee.d_type == UInt8(DT_UNKNOWN) {
          subdirs.append(dir + "/" + name)
        }
      }
      closedir(d)
      for sub in subdirs {
        var sst = stat()
        guard lstat(sub, &sst) == 0, (sst.st_mode & S_IFMT) == S_IFDIR else { continue }
        if !watchTree(sub) { return false }
      }
      return true
    }

    /// Drops the watches of `dir` and of every folder under it (moved away or deleted).
    private func unwatchTree(_ dir: String) {
      for (path, wd) in watchOf where path == dir || path.hasPrefix(dir + "/") {
        inotify_rm_watch(inotifyFD, wd)
        folders[wd] = nil
        watchOf[path] = nil
      }
    }

    /// Reads every queued event.
    private func readEvents() {
      var buffer = [UInt8](repeating: 0, count: 64 << 10)
      while mode == .inotify {
        let n = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
        if n <= 0 { return }  // EAGAIN: all read
        var off = 0
        while off + 16 <= n {
          let (wd, mask, length) = buffer.withUnsafeBytes { raw in
            (
              raw.loadUnaligned(fromByteOffset: off, as: Int32.self),
              raw.loadUnaligned(fromByteOffset: off + 4, as: UInt32.self),
              Int(raw.loadUnaligned(fromByteOffset: off + 12, as: UInt32.self))
            )
          }
          let nameBytes = buffer[(off + 16)..<min(n, off + 16 + length)]
          let name = String(decoding: nameBytes.prefix(while: { $0 != 0 }), as: UTF8.self)
          off += 16 + length
          handle(wd: wd, mask: mask, name: name)
          if mode != .inotify { return }
        }
      }
    }

    /// Takes in one event.
    private func handle(wd: Int32, mask: UInt32, name: String) {
      if mask & Inotify.queueOverflow != 0 {
        // Events were lost: the run's walk finds every change; folders may be new.
        noteChange(nil)
        watchTree(root)
        return
      }
      if mask & Inotify.ignored != 0 {
        if let dir = folders[wd] { watchOf[dir] = nil }
        folders[wd] = nil
        return
      }
      guard let dir = folders[wd] else { return }
      if mask & (Inotify.deleteSelf | Inotify.moveSelf) != 0 {
        if dir != root { unwatchTree(dir) }
        noteChange(nil)
        return
      }
      if name.isEmpty || name.hasPrefix(".") { return }
      let full = dir + "/" + name
      if mask & Inotify.isDir != 0 {
        if mask & (Inotify.movedFrom | Inotify.delete) != 0 { unwatchTree(full) }
        if mask & (Inotify.create | Inotify.movedTo) != 0 { watchTree(full) }
        noteChange(nil)
        return
      }
      guard CorpusScanner.isDocument(name) else { return }
      let relative = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
      noteChange(relative)
    }
  #else
    private func readEvents() {}
  #endif
}

#if os(Linux)
  /// inotify's event bits (`<sys/inotify.h>`).
  enum Inotify {
    static let modify: UInt32 = 0x2
    static let closeWrite: UInt32 = 0x8
    static let movedFrom: UInt32 = 0x40
    static let movedTo: UInt32 = 0x80
    static let create: UInt32 = 0x100
    static let delete: UInt32 = 0x200
    static let deleteSelf: UInt32 = 0x400
    static let moveSelf: UInt32 = 0x800
    static let queueOverflow: UInt32 = 0x4000
    static let ignored: UInt32 = 0x8000
    static let onlyDir: UInt32 = 0x0100_0000
    static let isDir: UInt32 = 0x4000_0000
    static let nonBlock: Int32 = 0o4000
    static let closeOnExec: Int32 = 0o2000000
  }
#endif

extension IngestError {
  /// `message: strerror(errno)`.
  static func errno(_ message: String) -> IngestError {
    IngestError("\(message): \(String(cString: strerror(Glibc.errno)))")
  }
}
