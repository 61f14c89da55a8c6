import CCodecs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Brings an index up to date with a corpus folder: adds new files, re-indexes changed ones, drops
/// deleted ones and leaves the rest alone, then commits once.
///
/// ```swift
/// let summary = try CorpusIndexer(corpus: "corpus", indexPath: "index").run()
/// print(summary.added, summary.documents)
/// ```
///
/// Work is cut into jobs (a group of small files, or a batch of lines of a large JSON Lines
/// file). Extraction and analysis of a job's documents run on every core while the one writer adds
/// earlier jobs' documents, in corpus order, so document ids never depend on thread timing and
/// memory stays bounded by `pipelineDepth + 1` jobs plus the segment being built. The steps of a
/// run are those of `IndexRun`.
public struct CorpusIndexer {
  /// What a run did.
  public struct Summary: Sendable {
    /// Files indexed for the first time.
    public var added = 0
    /// Files whose content changed, re-indexed.
    public var updated = 0
    /// Files gone from the corpus, their documents deleted.
    public var removed = 0
    /// Files left as they were (same size and time, or same content).
    public var unchanged = 0
    /// Documents in the index after the run.
    public var documents = 0
    /// Wall-clock time of the run.
    public var seconds = 0.0
    /// Files, folders and documents not indexed, with the reason (in corpus order, the walk's
    /// problems first). What was indexed for such a file before stays.
    public var skipped: [(path: String, reason: String)] = []
    /// Files the walk left alone: extensions blotter does not read (`InputKinds`).
    public var ignored = 0
    /// The index generation after the run.
    public var generation = 0
  }

  /// The corpus folder (or a single file).
  public var corpus: String
  /// The index folder; created when missing.
  public var indexPath: String
  /// Start from an empty index (the old one stays readable until the new commit).
  public var rebuild = false
  /// Bytes of in-memory segment before it is flushed; jobs in flight hold at most an eighth each.
  public var memoryBudget = 256 << 20
  /// Extraction and analysis threads.
  public var threads = 2
  /// Files larger than this (a `.gz` file also once inflated; a streamed line) are skipped.
  public var maxFileSize: UInt64 = 64 << 20
  /// Wait for another writer to finish instead of failing.
  public var wait = false
  /// Drop blocks a site repeats on many of its pages (cross-page templates).
  public var templates = true
  /// Group syndicated copies into stories (`stories.<generation>`); off, the commit has no
  /// stories file and every document is a story of its own (`index --no-stories`, to measure
  /// what grouping costs).
  public var stories = true
  /// Called on the writer thread after each job is applied.
  public var progress: ((Progress) -> Void)? = nil

  /// An indexer of `corpus` into `indexPath`; nothing is read until ``run()``.
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
    /// Files to read that are done.
    public var files = 0
    /// Files to read (new or changed by size or time).
    public var totalFiles = 0
    /// Documents added so far.
    public var documents = 0
    /// Bytes of the files to read that are done.
    public var bytes: UInt64 = 0
    /// Bytes of the files to read.
    public var totalBytes: UInt64 = 0

    /// A progress value.
    public init(
      files: Int = 0, totalFiles: Int = 0, documents: Int = 0, bytes: UInt64 = 0,
      totalBytes: UInt64 = 0
    ) {
      self.files = files
      self.totalFiles = totalFiles
      self.documents = documents
      self.bytes = bytes
      self.totalBytes = totalBytes
    }
  }

  /// Files at least this big are streamed line by line when they are JSON Lines.
  static let streamThreshold: UInt64 = 4 << 20
  static let linesPerJob = 512
  static let filesPerJob = 32
  /// Jobs queued for extraction ahead of the writer.
  static let pipelineDepth = 4

  /// Walks the corpus, indexes what changed and commits once.
  /// - Returns: what the run did.
  /// - Throws: ``IngestError`` when the corpus cannot be read; `IndexError` (Indexing) when the
  ///   index is locked by another writer, damaged, or cannot be written. Nothing is committed
  ///   then, and the previous commit stays.
  public func run() throws -> Summary {
    try IndexRun(self).run()
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
