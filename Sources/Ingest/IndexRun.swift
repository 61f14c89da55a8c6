import DequeModule
import Extraction
import Indexing

/// One run of ``CorpusIndexer``, in steps that can be read (and tested) one by one:
///
/// 1. **scan** — `CorpusScanner` walks the corpus;
/// 2. **plan changes** — `ChangePlan` compares the files with the last commit's file table;
/// 3. **templates** — `SiteTemplate.build` finds the blocks each site repeats;
/// 4. **plan jobs** — `JobPlanner` cuts the files to read into jobs, in corpus order, opening
///    each big JSON Lines file as it comes (`openStream`);
/// 5. **extract** — `JobExtractor` runs up to `pipelineDepth` jobs ahead on every core;
/// 6. **write** — `apply` adds a finished job's documents through the one writer, in order, and
///    updates the file table;
/// 7. **commit** — `removeDeleted` drops the documents of files gone, `commit` commits once
///    (only when something changed, or for a new or rebuilt index).
///
/// It lives on the writer thread: only `JobExtractor`'s workers run elsewhere.
final class IndexRun {
  let options: CorpusIndexer
  let writer: IndexWriter
  /// The file table of the last commit.
  let old: FileTable
  /// The file table this run commits.
  private(set) var table: FileTable
  private(set) var summary = CorpusIndexer.Summary()
  private(set) var status = CorpusIndexer.Progress()
  /// Whether the file table or the documents changed (else nothing is committed).
  private(set) var changed = false
  /// Candidate files done, for the progress.
  private var done = 0
  /// Streamed files (by candidate index) while their line jobs run.
  private var streams: [Int: StreamState] = [:]
  private let started = ContinuousClock.now

  /// Files left as the last commit has them this run (`CorpusWatcher`: files still growing):
  /// a new one is not added yet, a known one is neither re-read nor dropped.
  private let hold: Set<String>

  /// Opens (or creates) the index for writing: takes its lock.
  convenience init(_ options: CorpusIndexer) throws {
    try self.init(
      options,
      writer: IndexWriter(
        path: options.indexPath, memoryBudget: options.memoryBudget, rebuild: options.rebuild,
        wait: options.wait))
  }

  /// A run through `writer`, an open writer of `options.indexPath` with nothing added yet.
  init(_ options: CorpusIndexer, writer: IndexWriter, hold: Set<String> = []) {
    self.options = options
    self.writer = writer
    self.hold = hold
    old = writer.fileTable
    table = old
    // A new or rebuilt index groups stories; one written without them (by hand, through
    // `IndexWriter`, or with `stories` off) keeps none rather than an incomplete set.
    if !options.stories {
      writer.stories = nil
    } else if writer.stories == nil && writer.base.documents == 0 {
      writer.stories = StoryBook()
    }
  }

  /// A document as the story book keeps it.
  static func member(_ d: IndexDocument) -> StoryBook.Member? {
    d.sketch.map { StoryBook.Member(id: d.stored.id, source: d.stored.source, day: d.day, sketch: $0) }
  }

  func run() throws -> CorpusIndexer.Summary {
    // 1. Scan.
    var scan = try CorpusScanner.scan(root: options.corpus, index: options.indexPath)
    if !hold.isEmpty { scan.files = Self.holding(scan.files, hold, old: old) }
    summary.ignored = scan.ignored
    for (p, r) in scan.problems { summary.skipped.append((p, r)) }
    // 2. Plan changes.
    let plan = ChangePlan(files: scan.files, old: old)
    summary.unchanged = plan.unchanged
    status = CorpusIndexer.Progress(
      totalFiles: plan.candidates.count, totalBytes: plan.candidateBytes)
    let fullPath = Self.fullPath(
      corpus: options.corpus,
      isSingleFile: scan.files.count == 1 && !CorpusIndexer.isDirectory(options.corpus))
    // 3. Templates.
    let workers = max(1, options.threads)
    let limit = options.maxFileSize
    let templates =
      options.templates
      ? SiteTemplate.build(
        candidates: plan.candidates, table: old, fullPath: fullPath,
        extractor: DocumentExtractor(maxInflatedBytes: Int(clamping: limit)),
        workers: workers, limit: limit)
      : [:]
    // 4–6. Plan jobs, extract, write.
    let extractor = JobExtractor(
      workers: workers, limit: limit, old: old, templates: templates, fullPath: fullPath,
      stories: options.stories)
    var planner = JobPlanner(candidates: plan.candidates, memoryBudget: options.memoryBudget)
    try runJobs(&planner, extractor)
    // 7. Commit.
    removeDeleted(plan.removed)
    try commit()
    let d = ContinuousClock.now - started
    summary.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return summary
  }

  /// `files` with those in `hold` as the table `old` has them: a held file the table lacks is
  /// left out (not added yet), one it has gets the table's size and time (neither re-read nor
  /// dropped).
  static func holding(_ files: [CorpusFile], _ hold: Set<String>, old: FileTable) -> [CorpusFile] {
    files.compactMap { f in
      guard hold.contains(f.path) else { return f }
      guard let e = old.entries[f.path] else { return nil }
      return CorpusFile(path: f.path, size: e.size, mtimeNanos: e.mtimeNanos)
    }
  }

  /// The path of a corpus file: `corpus/path`, or `corpus` itself when it is a single file.
  static func fullPath(corpus: String, isSingleFile: Bool) -> @Sendable (CorpusFile) -> String {
    { f in isSingleFile ? corpus : corpus + "/" + f.path }
  }

  /// Keeps up to `pipelineDepth` jobs with the workers while applying the oldest, in order.
  func runJobs(_ planner: inout JobPlanner, _ extractor: JobExtractor) throws {
    var inFlight = Deque<PendingJob>()
    func fill() {
      while inFlight.count < CorpusIndexer.pipelineDepth,
        let job = planner.nextJob(open: { openStream($0, $1, extractor.fullPath($1)) })
      {
        var stream: StreamState?
        if case .lines(let i, _, _) = job { stream = streams[i] }
        inFlight.append(extractor.launch(job, stream: stream))
      }
    }
    fill()
    while let pending = inFlight.popFirst() {
      let result = pending.result()
      fill()
      try apply(pending.job, result)
    }
  }

  /// Maps a big JSON Lines file (candidate `i`) and finds its lines, for `JobPlanner`. Nil when
  /// the file needs no job: it cannot be mapped (skipped), its content hash is the committed one
  /// (only its timestamp is updated), or it holds no line (skipped).
  func openStream(_ i: Int, _ f: CorpusFile, _ path: String) -> [(Int, Range<Int>)]? {
    switch StreamState.open(path, file: f, limit: options.maxFileSize) {
    case .failure(let e):
      summary.skipped.append((f.path, e.description))
      status.bytes += f.size
      return nil
    case .success(let s):
      if let e = old.entries[f.path], e.size == f.size, e.hash == s.hash {
        if var entry = table.entries[f.path] {
          entry.mtimeNanos = f.mtimeNanos
          table.entries[f.path] = entry
          changed = true
        }
        summary.unchanged += 1
        done += 1
        status.bytes += f.size
        return nil
      }
      let lines = s.lineRanges()
      if lines.isEmpty {
        summary.skipped.append((f.path, ExtractionError.emptyFile(path: f.path).description))
        status.bytes += f.size
        return nil
      }
      streams[i] = s
      return lines
    }
  }

  /// Adds a finished job's documents through the writer and records them in the file table.
  func apply(_ job: Job, _ result: JobResult) throws {
    switch (job, result) {
    case (.files(let files), .files(let outcomes)):
      for (f, outcome) in zip(files, outcomes) { try apply(f, outcome) }
    case (.lines(let i, let lines, let last), .lines(let docs)):
      try apply(lines, docs, of: streams[i]!)
      if last {
        finish(streams[i]!)
        streams[i] = nil
      }
    default:
      break
    }
    status.files = done
    options.progress?(status)
  }

  /// One small file's outcome: documents replace the file's old ones; a failure keeps them.
  func apply(_ f: CorpusFile, _ outcome: FileOutcome) throws {
    switch outcome {
    case .touched(let hash):
      if var e = table.entries[f.path] {
        e.mtimeNanos = f.mtimeNanos
        e.hash = hash
        table.entries[f.path] = e
        changed = true
      }
      summary.unchanged += 1
    case .changed(let hash, let docs, let warnings, let blocks):
      let previous = table.entries[f.path]
      if let previous { for ref in previous.docs { writer.delete(ref) } }
      var refs: [FileTable.DocRef] = []
      for d in docs { refs.append(try writer.add(d)) }
      setStories(f.path, docs.compactMap(Self.member), count: refs.count)
      table.entries[f.path] = FileTable.Entry(
        size: f.size, mtimeNanos: f.mtimeNanos, hash: hash, docs: refs, blocks: blocks)
      if previous == nil { summary.added += 1 } else { summary.updated += 1 }
      for w in warnings { summary.skipped.append((f.path, w)) }
      changed = true
      status.documents += refs.count
    case .failed(let reason):
      // Whatever was indexed for this file before stays: nothing committed is lost.
      summary.skipped.append((f.path, reason))
    }
    done += 1
    status.bytes += f.size
  }

  /// One line job of a streamed file: its documents are added (the first line with an id keeps
  /// it), its pages let go.
  func apply(
    _ lines: ArraySlice<(Int, Range<Int>)>, _ docs: [Result<IndexDocument, ExtractionError>],
    of s: StreamState
  ) throws {
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
        if let m = Self.member(doc) { s.members.append(m) }
        status.documents += 1
      case .failure(let e): s.warnings.append(e)
      }
    }
  }

  /// After a streamed file's last line job: its documents replace the file's old ones, unless
  /// no line was usable (then what was indexed before stays).
  func finish(_ s: StreamState) {
    let f = s.file
    if s.refs.isEmpty {
      summary.skipped.append((f.path, (s.warnings.first ?? .noDocuments(path: f.path)).description))
    } else {
      let previous = table.entries[f.path]
      if let previous { for ref in previous.docs { writer.delete(ref) } }
      table.entries[f.path] = FileTable.Entry(
        size: f.size, mtimeNanos: f.mtimeNanos, hash: s.hash, docs: s.refs)
      setStories(f.path, s.members, count: s.refs.count)
      if previous == nil { summary.added += 1 } else { summary.updated += 1 }
      for w in s.warnings { summary.skipped.append((f.path, w.description)) }
      changed = true
    }
    done += 1
    if f.size > s.counted { status.bytes += f.size - s.counted }
  }

  /// A file's documents in the story book (every document has a sketch when Ingest made it; if
  /// one has not, the book cannot describe the commit and is dropped).
  func setStories(_ path: String, _ members: [StoryBook.Member], count: Int) {
    guard writer.stories != nil else { return }
    if members.count == count {
      writer.stories!.files[path] = members
    } else {
      writer.stories = nil
    }
  }

  /// Deletes the documents of files gone from the corpus.
  func removeDeleted(_ paths: [String]) {
    for path in paths {
      guard let e = table.entries[path] else { continue }
      for ref in e.docs { writer.delete(ref) }
      table.entries[path] = nil
      writer.stories?.files[path] = nil
      summary.removed += 1
      changed = true
    }
  }

  /// Commits the file table and the documents when anything changed (or the index is new, or
  /// rebuilt); otherwise leaves the last commit as it is.
  func commit() throws {
    if changed || writer.base.generation == 0 || options.rebuild {
      writer.fileTable = table
      let m = try writer.commit(corpus: options.corpus)
      summary.documents = m.documents
      summary.generation = m.generation
    } else {
      summary.documents = writer.base.documents
      summary.generation = writer.base.generation
    }
  }
}
