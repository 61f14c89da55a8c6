import Analysis
import CCodecs
import Dispatch
import Extraction
import Indexing

/// Brings an index up to date with a corpus folder: adds new files, re-indexes changed ones, drops
/// deleted ones and leaves the rest alone, then commits once.
///
/// Extraction and analysis run on `threads` workers; one writer adds the results in corpus order,
/// so document ids do not depend on thread timing.
struct CorpusIndexer {
  struct Summary {
    var added = 0
    var updated = 0
    var removed = 0
    var unchanged = 0
    var documents = 0
    var seconds = 0.0
    var skipped: [(path: String, reason: String)] = []
    var ignored = 0
    var generation = 0
  }

  var corpus: String
  var indexPath: String
  var rebuild = false
  var memoryBudget = 256 << 20
  var threads = 2
  var maxFileSize: UInt64 = 64 << 20
  var wait = false
  var progress: ((Int, Int) -> Void)? = nil

  /// What one worker made of one file.
  enum Outcome {
    case touched(hash: UInt32)  // content unchanged, only the timestamp moved
    case changed(hash: UInt32, docs: [IndexDocument], warnings: [String])
    case failed(String)
  }

  func run() throws -> Summary {
    let clock = ContinuousClock.now
    var summary = Summary()
    let writer = try IndexWriter(path: indexPath, memoryBudget: memoryBudget, rebuild: rebuild, wait: wait)
    let scan = try CorpusScanner.scan(root: corpus)
    summary.ignored = scan.ignored
    for (p, r) in scan.problems { summary.skipped.append((p, r)) }
    let old = writer.fileTable
    var table = old

    // Files whose size and timestamp match need no reading at all.
    var candidates: [CorpusFile] = []
    var present = Set<String>()
    present.reserveCapacity(scan.files.count)
    for f in scan.files {
      present.insert(f.path)
      if let e = old.entries[f.path], e.size == f.size, e.mtimeNanos == f.mtimeNanos {
        summary.unchanged += 1
      } else {
        candidates.append(f)
      }
    }

    let isSingleFile = scan.files.count == 1 && !isDirectory(corpus)
    let root = corpus
    let fullPath: @Sendable (CorpusFile) -> String = { f in isSingleFile ? root : root + "/" + f.path }

    let workers = max(1, threads)
    let contexts = (0..<workers).map { _ in WorkerContext() }
    let extractor = DocumentExtractor()
    var changedAny = false
    let chunk = 64 * workers
    var done = 0
    var start = 0
    while start < candidates.count {
      let slice = Array(candidates[start..<min(candidates.count, start + chunk)])
      let results = ResultBox(count: slice.count)
      let ctx = ContextBox(contexts)
      let limit = maxFileSize
      let oldEntries = UncheckedBox(old)
      DispatchQueue.concurrentPerform(iterations: min(workers, slice.count)) { w in
        for i in stride(from: w, to: slice.count, by: workers) {
          let f = slice[i]
          results.set(i, Self.process(f, fullPath: fullPath(f), old: oldEntries.value.entries[f.path], extractor: extractor, context: ctx.items[w], limit: limit))
        }
      }
      for (i, f) in slice.enumerated() {
        switch results.get(i) {
        case .touched(let hash):
          if var e = table.entries[f.path] {
            e.mtimeNanos = f.mtimeNanos
            e.hash = hash
            table.entries[f.path] = e
            changedAny = true
          }
          summary.unchanged += 1
        case .changed(let hash, let docs, let warnings):
          let previous = table.entries[f.path]
          if let previous {
            for ref in previous.docs { writer.delete(ref) }
          }
          var refs: [FileTable.DocRef] = []
          for d in docs { refs.append(try writer.add(d)) }
          table.entries[f.path] = FileTable.Entry(size: f.size, mtimeNanos: f.mtimeNanos, hash: hash, docs: refs)
          if previous == nil { summary.added += 1 } else { summary.updated += 1 }
          for w in warnings { summary.skipped.append((f.path, w)) }
          changedAny = true
        case .failed(let reason):
          // Whatever was indexed for this file before stays: nothing committed is lost.
          summary.skipped.append((f.path, reason))
        case nil:
          summary.skipped.append((f.path, "not processed"))
        }
      }
      done += slice.count
      progress?(done, candidates.count)
      start += chunk
    }

    for (path, e) in old.entries where !present.contains(path) {
      for ref in e.docs { writer.delete(ref) }
      table.entries[path] = nil
      summary.removed += 1
      changedAny = true
    }

    if changedAny || writer.base.generation == 0 || rebuild {
      writer.fileTable = table
      let m = try writer.commit(corpus: corpus)
      summary.documents = m.documents
      summary.generation = m.generation
    } else {
      summary.documents = writer.base.documents
      summary.generation = writer.base.generation
    }
    let d = ContinuousClock.now - clock
    summary.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return summary
  }

  private static func process(
    _ f: CorpusFile, fullPath: String, old: FileTable.Entry?, extractor: DocumentExtractor,
    context: WorkerContext, limit: UInt64
  ) -> Outcome {
    let bytes: [UInt8]
    switch CorpusScanner.read(fullPath, limit: limit) {
    case .success(let b): bytes = b
    case .failure(let e): return .failed(e.description)
    }
    let hash = bytes.withUnsafeBytes { raw -> UInt32 in
      guard let base = raw.baseAddress, raw.count > 0 else { return 0 }
      return UInt32(crc32(0, base.assumingMemoryBound(to: UInt8.self), UInt32(raw.count)))
    }
    if let old, old.size == UInt64(bytes.count), old.hash == hash {
      return .touched(hash: hash)
    }
    do {
      let result = try extractor.extractWithWarnings(bytes: bytes, path: f.path)
      let docs = result.articles.map { context.documents.make($0) }
      return .changed(hash: hash, docs: docs, warnings: result.warnings.map(\.description))
    } catch {
      return .failed(error.description)
    }
  }

  private func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }
}

/// Per-worker state: an analyzer owns a stemmer, which must not be shared.
final class WorkerContext {
  let documents = ArticleDocument()
}

/// Hands per-worker contexts to `concurrentPerform`; worker `w` only ever touches `items[w]`.
final class ContextBox: @unchecked Sendable {
  let items: [WorkerContext]
  init(_ items: [WorkerContext]) { self.items = items }
}

/// Results written by workers at distinct indices, read after all of them finish.
final class ResultBox: @unchecked Sendable {
  private var slots: [CorpusIndexer.Outcome?]
  private let lock = NSLockish()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ v: CorpusIndexer.Outcome) {
    lock.locked { slots[i] = v }
  }
  func get(_ i: Int) -> CorpusIndexer.Outcome? { slots[i] }
}

/// A read-only value shared with workers.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// A pthread mutex.
final class NSLockish: @unchecked Sendable {
  private var m = pthread_mutex_t()
  init() { pthread_mutex_init(&m, nil) }
  deinit { pthread_mutex_destroy(&m) }
  func locked<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(&m)
    defer { pthread_mutex_unlock(&m) }
    return body()
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
