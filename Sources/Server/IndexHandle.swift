import Foundation
import Indexing
import Searching

/// The index as the server sees it: the current commit, opened read-only, and a pool of
/// searchers over it (a `Searcher` serves one request at a time).
///
/// Each request first compares the manifest file's identity (inode, size, modification time —
/// one `stat`) with the one the open commit was read from; when `blotter index` has committed
/// since (it replaces the manifest atomically), the new commit is opened and later requests use
/// it. Requests already running keep their old snapshot, whose files stay mapped while it lives,
/// so answering never waits for or breaks on a commit.
public final class IndexHandle: @unchecked Sendable {
  // @unchecked: every mutable field is guarded by `lock`.
  public let path: String
  private let lock = NSLock()
  private var snapshot: Snapshot
  private var pool: [Searcher] = []
  /// Searchers kept for reuse; more concurrent requests make (and then drop) their own.
  static let poolLimit = 16
  /// Facet counts of recent queries on the current commit (the page's facets for a broad query
  /// read every matching document).
  private var facetCache: [String: FacetCollector] = [:]
  static let facetCacheLimit = 64

  /// One commit: its reader and the manifest identity it was opened from.
  struct Snapshot {
    var reader: IndexReader
    var stamp: Stamp
  }

  /// What identifies one manifest file: replacing it changes the inode.
  struct Stamp: Equatable {
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
  }

  /// Opens the current commit of the index at `path`.
  /// - Throws: `IndexError.missing` when there is no index there, `.corrupt` for a damaged one.
  public init(path: String) throws {
    self.path = path
    let stamp = Self.stamp(path) ?? Stamp(inode: 0, size: 0, seconds: 0, nanoseconds: 0)
    snapshot = Snapshot(reader: try IndexReader.open(path: path), stamp: stamp)
  }

  static func stamp(_ path: String) -> Stamp? {
    var st = stat()
    guard stat(path + "/" + Manifest.fileName, &st) == 0 else { return nil }
    return Stamp(
      inode: UInt64(st.st_ino), size: Int64(st.st_size), seconds: Int(st.st_mtim.tv_sec),
      nanoseconds: Int(st.st_mtim.tv_nsec))
  }

  /// The reader of the newest commit, reopening when the manifest changed. A commit that cannot
  /// be opened (the index being replaced, a damaged file) leaves the last good one in use.
  public var reader: IndexReader {
    lock.lock()
    defer { lock.unlock() }
    refreshLocked()
    return snapshot.reader
  }

  private func refreshLocked() {
    guard let now = Self.stamp(path), now != snapshot.stamp else { return }
    guard let reader = try? IndexReader.open(path: path) else { return }
    snapshot = Snapshot(reader: reader, stamp: now)
    pool.removeAll()
    facetCache.removeAll()
  }

  /// Runs `body` with a searcher over the newest commit.
  public func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
    lock.lock()
    refreshLocked()
    let reader = snapshot.reader
    let searcher = pool.popLast() ?? Searcher(reader: reader)
    lock.unlock()
    defer {
      lock.lock()
      // A searcher of an older commit is dropped.
      if searcher.reader === snapshot.reader && pool.count < Self.poolLimit {
        pool.append(searcher)
      }
      lock.unlock()
    }
    return try body(searcher)
  }

  /// The facets of `query` (`nil`: every document), from the cache when the same commit
  /// answered it before.
  func facets(_ query: String?, _ make: (Searcher) throws -> FacetCollector) throws
    -> FacetCollector
  {
    let key = query ?? ""
    lock.lock()
    refreshLocked()
    let reader = snapshot.reader
    let cached = facetCache[key]
    lock.unlock()
    if let cached { return cached }
    let f = try withSearcher(make)
    lock.lock()
    if snapshot.reader === reader {
      if facetCache.count >= Self.facetCacheLimit { facetCache.removeAll() }
      facetCache[key] = f
    }
    lock.unlock()
    return f
  }
}
