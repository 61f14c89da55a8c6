import Analysis
import DequeModule
import CCodecs
import Dispatch
import Extraction
import Indexing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Brings an index up to date with a corpus folder: adds new files, re-indexes changed ones, drops
/// deleted ones and leaves the rest alone, then commits once.
///
/// Work is cut into jobs (a group of small files, or a batch of lines of a large JSON Lines
/// file). Extraction and analysis of a job's documents run on every core while the one writer adds
/// earlier jobs' documents, in corpus order, so document ids never depend on thread timing and
/// memory stays bounded by `pipelineDepth + 1` jobs plus the segment being built.
public struct CorpusIndexer {
  /// What a run did.
  public struct Summary: Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var documents = 0
    public var seconds = 0.0
    public var skipped: [(path: String, reason: String)] = []
    public var ignored = 0
    public var generation = 0
  }

  public var corpus: String
  public var indexPath: String
  public var rebuild = false
  public var memoryBudget = 256 << 20
  public var threads = 2
  public var maxFileSize: UInt64 = 64 << 20
  public var wait = false
  /// Drop blocks a site repeats on many of its pages (cross-page templates).
  public var templates = true
  /// Called on the writer thread after each job is applied.
  public var progress: ((Progress) -> Void)? = nil

  public init(
    corpus: String, indexPath: String, rebuild: Bool = false, memoryBudget: Int = 256 << 20,
    threads: Int = 2, maxFileSize: UInt64 = 64 << 20, wait: Bool = false
  ) {
    self.corpus = corpus
    self.indexPath = indexPath
    self.rebuild = rebuild
    self.memoryBudget = memoryBudget
    self.threads = threads
    self.maxFileSize = maxFileSize
    self.wait = wait
  }

  /// Where a run stands: files, documents and bytes of the files to read. Bytes move as lines
  /// of a big JSON Lines file are indexed, so one huge file still shows its progress.
  public struct Progress: Sendable {
    public var files = 0
    public var totalFiles = 0
    public var documents = 0
    public var bytes: UInt64 = 0
    public var totalBytes: UInt64 = 0

    public init(files: Int = 0, totalFiles: Int = 0, documents: Int = 0, bytes: UInt64 = 0, totalBytes: UInt64 = 0) {
      self.files = files
      self.totalFiles = totalFiles
      self.documents = documents
      self.bytes = bytes
      self.totalBytes = totalBytes
    }
  }

  /// What a worker made of one small file.
  enum FileOutcome {
    case touched(hash: UInt32)  // content unchanged, only the timestamp moved
    case changed(hash: UInt32, docs: [IndexDocument], warnings: [String], blocks: [UInt32])
    case failed(String)
  }

  /// A unit of parallel work.
  enum Job {
    /// Whole files, each read, hashed, extracted and analysed by one worker.
    case files([CorpusFile])
    /// Lines of one big JSON Lines file: (1-based number, byte range) each — a slice of the
    /// file's line table, so planning every job of a million-line file copies nothing.
    case lines(file: Int, lines: ArraySlice<(Int, Range<Int>)>, last: Bool)
  }

  enum JobResult {
    case files([FileOutcome])
    case lines([Result<IndexDocument, ExtractionError>])
  }

  /// Files at least this big are streamed line by line when they are JSON Lines.
  static let streamThreshold: UInt64 = 4 << 20
  static let linesPerJob = 512
  static let filesPerJob = 32
  /// Jobs queued for extraction ahead of the writer.
  static let pipelineDepth = 4

  public func run() throws -> Summary {
    let clock = ContinuousClock.now
    var summary = Summary()
    let writer = try IndexWriter(path: indexPath, memoryBudget: memoryBudget, rebuild: rebuild, wait: wait)
    let scan = try CorpusScanner.scan(root: corpus, index: indexPath)
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

    let isSingleFile = scan.files.count == 1 && !Self.isDirectory(corpus)
    let root = corpus
    let fullPath: @Sendable (CorpusFile) -> String = { f in isSingleFile ? root : root + "/" + f.path }
    let workers = max(1, threads)
    let contexts = ContextBox((0..<workers).map { _ in WorkerContext() })
    let oldEntries = UncheckedBox(old)
    let limit = maxFileSize
    var changedAny = false

    // Cross-page templates: fingerprint the changed HTML pages of every site with enough pages,
    // count each block over the site's pages (stored fingerprints for unchanged pages), and
    // hand the repeated ones to extraction as chrome.
    let siteTemplates = UncheckedBox(
      templates
        ? SiteTemplate.build(
          candidates: candidates, table: old, fullPath: fullPath,
          extractor: DocumentExtractor(maxInflatedBytes: Int(clamping: limit)),
          workers: workers, limit: limit)
        : [:])

    // Streamed files: their mapping and state while their line jobs run.
    var streams: [Int: StreamState] = [:]
    var done = 0
    var status = Progress(
      totalFiles: candidates.count, totalBytes: candidates.reduce(0) { $0 + $1.size })

    // MARK: Job planning (main thread, in corpus order)
    var next = 0
    var smallBatch: [CorpusFile] = []
    var pendingLineJobs: [Job] = []
    // A job's files are bounded in bytes as well as in number, so the jobs in flight (up to
    // pipelineDepth + 1, each holding its files' documents) stay a fraction of --memory.
    let jobBytes = UInt64(max(1 << 20, memoryBudget / 8))
    var smallBatchBytes: UInt64 = 0
    func takeBatch() -> Job {
      let b = smallBatch
      smallBatch = []
      smallBatchBytes = 0
      return .files(b)
    }
    func makeJob() -> Job? {
      if !pendingLineJobs.isEmpty { return pendingLineJobs.removeFirst() }
      while next < candidates.count {
        let i = next
        let f = candidates[i]
        if InputKinds.isJSONLines(path: f.path) && f.size >= Self.streamThreshold {
          if !smallBatch.isEmpty { return takeBatch() }
          next += 1
          // Plan this file's line jobs now.
          switch StreamState.open(fullPath(f), file: f, limit: limit) {
          case .failure(let e):
            summary.skipped.append((f.path, e.description))
            status.bytes += f.size
            continue
          case .success(let s):
            if let e = old.entries[f.path], e.size == f.size, e.hash == s.hash {
              if var entry = table.entries[f.path] {
                entry.mtimeNanos = f.mtimeNanos
                table.entries[f.path] = entry
                changedAny = true
              }
              summary.unchanged += 1
              done += 1
              status.bytes += f.size
              continue
            }
            streams[i] = s
            let lines = s.lineRanges()
            if lines.isEmpty {
              summary.skipped.append((f.path, ExtractionError.emptyFile(path: f.path).description))
              streams[i] = nil
              status.bytes += f.size
              continue
            }
            var k = 0
            while k < lines.count {
              let end = min(lines.count, k + Self.linesPerJob)
              pendingLineJobs.append(.lines(file: i, lines: lines[k..<end], last: end == lines.count))
              k = end
            }
            return pendingLineJobs.removeFirst()
          }
        }
        smallBatch.append(f)
        // What the file's documents can hold at most (one page or scrape reads its head only).
        smallBatchBytes += min(f.size, UInt64(ArticleLimits.maxPageBytes))
        next += 1
        if smallBatch.count >= Self.filesPerJob || smallBatchBytes >= jobBytes {
          return takeBatch()
        }
      }
      if !smallBatch.isEmpty { return takeBatch() }
      return nil
    }

    // MARK: Parallel execution
    // Jobs run one after another on this queue, each spread over `workers` threads, while the
    // writer (this thread) applies finished jobs in order. Up to `pipelineDepth` jobs are queued
    // ahead, so the workers keep going while the writer flushes a segment.
    let extractQueue = DispatchQueue(label: "blotter.extract")
    // --max-file-size bounds what a compressed file may expand to, as well as its own size.
    let extractor = DocumentExtractor(maxInflatedBytes: Int(clamping: limit))
    func launch(_ job: Job) -> (DispatchGroup, ResultBox<JobResult>) {
      let box = ResultBox<JobResult>()
      let group = DispatchGroup()
      group.enter()
      switch job {
      case .files(let files):
        let out = SlotBox<FileOutcome>(count: files.count)
        extractQueue.async {
          DispatchQueue.concurrentPerform(iterations: min(workers, files.count)) { w in
            for k in stride(from: w, to: files.count, by: workers) {
              let f = files[k]
              out.set(
                k,
                Self.process(
                  f, fullPath: fullPath(f), old: oldEntries.value.entries[f.path], extractor: extractor,
                  context: contexts.items[w], limit: limit,
                  template: siteTemplates.value[SiteTemplate.site(of: f.path)]))
            }
          }
          box.value = .files(out.values())
          group.leave()
        }
      case .lines(let fileIndex, let lines, _):
        let stream = UncheckedBox(streams[fileIndex]!)
        let out = SlotBox<Result<IndexDocument, ExtractionError>>(count: lines.count)
        extractQueue.async {
          DispatchQueue.concurrentPerform(iterations: min(workers, lines.count)) { w in
            for k in stride(from: w, to: lines.count, by: workers) {
              let (number, range) = lines[lines.startIndex + k]
              if UInt64(range.count) > limit {
                out.set(k, .failure(.badJSONLine(path: stream.value.file.path, line: number, reason: "line is \(range.count) bytes, over the --max-file-size limit of \(limit)")))
                continue
              }
              let bytes = stream.value.bytes(range)
              do throws(ExtractionError) {
                let a = try extractor.extractJSONLine(bytes, number: number, path: stream.value.file.path)
                out.set(k, .success(contexts.items[w].documents.make(a)))
              } catch {
                out.set(k, .failure(error))
              }
            }
          }
          box.value = .lines(out.values())
          group.leave()
        }
      }
      return (group, box)
    }

    // MARK: Applying results (main thread, in order)
    func apply(_ job: Job, _ result: JobResult) throws {
      switch (job, result) {
      case (.files(let files), .files(let outcomes)):
        for (f, outcome) in zip(files, outcomes) {
          switch outcome {
          case .touched(let hash):
            if var e = table.entries[f.path] {
              e.mtimeNanos = f.mtimeNanos
              e.hash = hash
              table.entries[f.path] = e
              changedAny = true
            }
            summary.unchanged += 1
          case .changed(let hash, let docs, let warnings, let blocks):
            let previous = table.entries[f.path]
            if let previous { for ref in previous.docs { writer.delete(ref) } }
            var refs: [FileTable.DocRef] = []
            for d in docs { refs.append(try writer.add(d)) }
            table.entries[f.path] = FileTable.Entry(
              size: f.size, mtimeNanos: f.mtimeNanos, hash: hash, docs: refs, blocks: blocks)
            if previous == nil { summary.added += 1 } else { summary.updated += 1 }
            for w in warnings { summary.skipped.append((f.path, w)) }
            changedAny = true
            status.documents += refs.count
          case .failed(let reason):
            // Whatever was indexed for this file before stays: nothing committed is lost.
            summary.skipped.append((f.path, reason))
          }
          done += 1
          status.bytes += f.size
        }
      case (.lines(let fileIndex, let lines, let last), .lines(let docs)):
        let s = streams[fileIndex]!
        if let first = lines.first, let final = lines.last {
          s.release(first.1.lowerBound..<final.1.upperBound)
          // Bytes up to the end of this batch's last line (and its newline).
          let through = UInt64(min(s.count, final.1.upperBound + 1))
          if through > s.counted {
            status.bytes += through - s.counted
            s.counted = through
          }
        }
        for (k, d) in docs.enumerated() {
          switch d {
          case .success(let doc):
            // Ids stay unique within the file: the first line with an id keeps it.
            let number = lines[lines.startIndex + k].0
            if let first = s.firstLine[doc.stored.id] {
              s.warnings.append(
                DocumentExtractor.duplicateIDWarning(
                  id: doc.stored.id, path: s.file.path, line: number, first: first))
              continue
            }
            s.firstLine[doc.stored.id] = number
            s.refs.append(try writer.add(doc))
            status.documents += 1
          case .failure(let e): s.warnings.append(e)
          }
        }
        if last {
          let f = s.file
          if s.refs.isEmpty {
            // No usable line: keep what was indexed before.
            summary.skipped.append((f.path, (s.warnings.first ?? .noDocuments(path: f.path)).description))
            for ref in s.refs { writer.delete(ref) }
          } else {
            let previous = table.entries[f.path]
            if let previous { for ref in previous.docs { writer.delete(ref) } }
            table.entries[f.path] = FileTable.Entry(size: f.size, mtimeNanos: f.mtimeNanos, hash: s.hash, docs: s.refs)
            if previous == nil { summary.added += 1 } else { summary.updated += 1 }
            for w in s.warnings { summary.skipped.append((f.path, w.description)) }
            changedAny = true
          }
          streams[fileIndex] = nil
          done += 1
          if f.size > s.counted { status.bytes += f.size - s.counted }
        }
      default:
        break
      }
      status.files = done
      progress?(status)
    }

    var inFlight = Deque<(Job, DispatchGroup, ResultBox<JobResult>)>()
    func fill() {
      while inFlight.count < Self.pipelineDepth, let j = makeJob() {
        let (g, b) = launch(j)
        inFlight.append((j, g, b))
      }
    }
    fill()
    while let (job, group, box) = inFlight.popFirst() {
      group.wait()
      fill()
      try apply(job, box.value!)
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
    context: WorkerContext, limit: UInt64, template: SiteTemplate?
  ) -> FileOutcome {
    let bytes: [UInt8]
    switch CorpusScanner.read(fullPath, limit: limit) {
    case .success(let b): bytes = b
    case .failure(let e): return .failed(e.description)
    }
    let hash = bytes.withUnsafeBytes { crc($0) }
    if let old, old.size == UInt64(bytes.count), old.hash == hash {
      return .touched(hash: hash)
    }
    do {
      let result: ExtractionResult
      var blocks: [UInt32] = []
      if let template {
        let prints = template.pagePrints[f.path] ?? []
        blocks = SiteTemplate.stored(prints)
        result = try extractor.extract(bytes: bytes, path: f.path, boilerplate: template.boilerplate(prints))
      } else {
        result = try extractor.extractWithWarnings(bytes: bytes, path: f.path)
      }
      let docs = result.articles.map { context.documents.make($0) }
      return .changed(hash: hash, docs: docs, warnings: result.warnings.map(\.description), blocks: blocks)
    } catch {
      return .failed(error.description)
    }
  }

  static func crc(_ raw: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = raw.baseAddress, raw.count > 0 else { return 0 }
    var c: UInt = 0
    var off = 0
    while off < raw.count {
      let n = min(raw.count - off, 1 << 30)
      c = crc32(c, (base + off).assumingMemoryBound(to: UInt8.self), UInt32(n))
      off += n
    }
    return UInt32(c)
  }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }
}

/// A large JSON Lines file being indexed line batch by line batch, memory-mapped so only the
/// batches in flight are resident.
final class StreamState: @unchecked Sendable {
  // @unchecked: the mapping is read-only; `refs`/`warnings` are only touched by the writer thread.
  let file: CorpusFile
  let base: UnsafeRawPointer
  let count: Int
  let hash: UInt32
  var refs: [FileTable.DocRef] = []
  var warnings: [ExtractionError] = []
  /// The line each document id was first seen on.
  var firstLine: [String: Int] = [:]
  /// Bytes of the file already counted as indexed (for progress).
  var counted: UInt64 = 0

  private init(file: CorpusFile, base: UnsafeRawPointer, count: Int) {
    self.file = file
    self.base = base
    self.count = count
    // Hash and find the lines in one pass, chunk by chunk, letting each chunk's pages go.
    let p = base.assumingMemoryBound(to: UInt8.self)
    var crc: UInt = 0
    var lines: [(Int, Range<Int>)] = []
    var lineStart = 0
    var number = 0
    var blank = true
    let chunk = 8 << 20
    var off = 0
    while off < count {
      let end = min(count, off + chunk)
      crc = crc32(crc, p + off, UInt32(end - off))
      for k in off..<end {
        let c = p[k]
        if c == 0x0A {
          number += 1
          if !blank { lines.append((number, lineStart..<k)) }
          lineStart = k + 1
          blank = true
        } else if blank && c != 0x20 && c != 0x09 && c != 0x0D {
          blank = false
        }
      }
      off = end
      // Drop the pages before the line in progress.
      let keepFrom = lineStart / 4096 * 4096
      if keepFrom > 0 { Self.dropPages(base, 0..<keepFrom) }
    }
    if lineStart < count {
      number += 1
      if !blank { lines.append((number, lineStart..<count)) }
    }
    hash = UInt32(crc)
    lineList = lines
    release(0..<count)
  }

  /// Non-blank lines with their 1-based numbers (found while hashing).
  private(set) var lineList: [(Int, Range<Int>)] = []

  private static func dropPages(_ base: UnsafeRawPointer, _ range: Range<Int>) {
    madvise(UnsafeMutableRawPointer(mutating: base + range.lowerBound), range.count, Int32(MADV_DONTNEED))
  }

  /// Drops the pages of `range` from this process (they are re-read from the file if touched
  /// again), so a streamed file never counts whole towards the resident memory.
  func release(_ range: Range<Int>) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = range.lowerBound / page * page
    let end = min(count, range.upperBound)
    guard end > start else { return }
    madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED))
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }

  static func open(_ path: String, file: CorpusFile, limit: UInt64) -> Result<StreamState, IngestError> {
    // No whole-file size limit here: the file is streamed, and --max-file-size applies to each
    // line instead.
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .failure(IngestError("cannot read: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    let size = Int(st.st_size)
    guard size > 0, let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
      return .failure(IngestError("cannot map file: \(String(cString: strerror(errno)))"))
    }
    return .success(StreamState(file: file, base: UnsafeRawPointer(p), count: size))
  }

  /// Non-blank lines with their 1-based numbers.
  func lineRanges() -> [(Int, Range<Int>)] { lineList }

  func bytes(_ r: Range<Int>) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count))
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

/// Results written by workers at distinct indices under a lock, read after all of them finish.
final class SlotBox<T>: @unchecked Sendable {
  private var slots: [T?]
  private var m = pthread_mutex_t()
  init(count: Int) {
    slots = Array(repeating: nil, count: count)
    pthread_mutex_init(&m, nil)
  }
  deinit { pthread_mutex_destroy(&m) }
  func set(_ i: Int, _ v: T) {
    pthread_mutex_lock(&m)
    slots[i] = v
    pthread_mutex_unlock(&m)
  }
  func values() -> [T] {
    pthread_mutex_lock(&m)
    defer { pthread_mutex_unlock(&m) }
    return slots.map { $0! }
  }
}

/// One value handed from a worker to the writer thread (ordered by a DispatchGroup).
final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}

/// A read-only value shared with workers.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// Blocks one site repeats on many of its pages. A site is the first folder under the corpus
/// root (news scrapes are usually stored one folder per site).
struct SiteTemplate {
  /// A block counts as template when at least this many pages, and this share of the site's
  /// pages, contain it.
  static let minPages = 3
  static let minShare = 0.3
  /// Fingerprints kept per page: the first and last blocks, where templates live.
  static let keptPerEnd = 32

  /// Fingerprints of the changed pages of this site, by path.
  var pagePrints: [String: [UInt64]] = [:]
  /// Low 32 bits of every template fingerprint.
  var repeated: Set<UInt32> = []

  static func site(of path: String) -> String {
    guard let slash = path.firstIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The stored form of a page's fingerprints.
  static func stored(_ prints: [UInt64]) -> [UInt32] {
    let kept = prints.count <= 2 * keptPerEnd ? prints : Array(prints.prefix(keptPerEnd) + prints.suffix(keptPerEnd))
    return Array(Set(kept.map { UInt32(truncatingIfNeeded: $0) })).sorted()
  }

  /// The page's own fingerprints that are template blocks.
  func boilerplate(_ prints: [UInt64]) -> Set<UInt64> {
    Set(prints.filter { repeated.contains(UInt32(truncatingIfNeeded: $0)) })
  }

  static func build(
    candidates: [CorpusFile], table: FileTable, fullPath: @escaping @Sendable (CorpusFile) -> String,
    extractor: DocumentExtractor, workers: Int, limit: UInt64
  ) -> [String: SiteTemplate] {
    var pagesPerSite: [String: Int] = [:]
    let changed = Set(candidates.map(\.path))
    for (path, e) in table.entries where !changed.contains(path) && !e.blocks.isEmpty {
      pagesPerSite[site(of: path), default: 0] += 1
    }
    let html = candidates.filter { InputKinds.isHTML(path: $0.path) }
    for f in html { pagesPerSite[site(of: f.path), default: 0] += 1 }
    // Every changed page is fingerprinted (and its fingerprints stored), so a site that grows to
    // enough pages later can count its older pages too.
    let wanted = html
    if wanted.isEmpty { return [:] }

    let prints = SlotBox<[UInt64]>(count: wanted.count)
    DispatchQueue.concurrentPerform(iterations: min(workers, wanted.count)) { w in
      for k in stride(from: w, to: wanted.count, by: workers) {
        let f = wanted[k]
        guard case .success(let bytes) = CorpusScanner.read(fullPath(f), limit: limit),
          let p = try? extractor.blockFingerprints(bytes: bytes, path: f.path)
        else {
          prints.set(k, [])
          continue
        }
        prints.set(k, p)
      }
    }
    let all = prints.values()
    var sites: [String: SiteTemplate] = [:]
    var counts: [String: [UInt32: Int]] = [:]
    for (k, f) in wanted.enumerated() {
      let s = site(of: f.path)
      sites[s, default: SiteTemplate()].pagePrints[f.path] = all[k]
      for b in stored(all[k]) { counts[s, default: [:]][b, default: 0] += 1 }
    }
    for (path, e) in table.entries where !changed.contains(path) && !e.blocks.isEmpty {
      let s = site(of: path)
      guard sites[s] != nil else { continue }
      for b in e.blocks { counts[s, default: [:]][b, default: 0] += 1 }
    }
    for (s, c) in counts {
      let pages = pagesPerSite[s] ?? 0
      let need = max(minPages, Int((Double(pages) * minShare).rounded(.up)))
      sites[s]?.repeated = Set(c.filter { $0.value >= need }.map(\.key))
    }
    return sites
  }
}
