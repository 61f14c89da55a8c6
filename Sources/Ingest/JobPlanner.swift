import DequeModule
import Extraction

/// A unit of parallel work.
enum Job {
  /// Whole files, each read, hashed, extracted and analysed by one worker.
  case files([CorpusFile])
  /// Lines of one big JSON Lines file: (1-based number, byte range) each — a slice of the
  /// file's line table, so planning every job of a million-line file copies nothing. `file` is
  /// the file's index among the candidates.
  case lines(file: Int, lines: ArraySlice<(Int, Range<Int>)>, last: Bool)
}

/// Step 4 of a run: cuts the candidate files into jobs, in corpus order. Small files go in
/// batches bounded in number (`filesPerJob`) and in bytes (`jobBytes`), so the jobs in flight
/// (up to `pipelineDepth + 1`, each holding its files' documents) stay a fraction of the memory
/// budget; an uncompressed JSON Lines file of `streamThreshold` bytes or more is streamed: a
/// batch in progress is closed before it, and its lines become jobs of `linesPerJob`.
struct JobPlanner {
  let candidates: [CorpusFile]
  let jobBytes: UInt64
  var streamThreshold = CorpusIndexer.streamThreshold
  var filesPerJob = CorpusIndexer.filesPerJob
  var linesPerJob = CorpusIndexer.linesPerJob

  private var next = 0
  private var batch: [CorpusFile] = []
  private var batchBytes: UInt64 = 0
  private var lineJobs = Deque<Job>()

  /// A planner over `candidates`; a batch of small files holds at most `jobBytes` (at least
  /// 1 MB) of what their documents can hold.
  init(candidates: [CorpusFile], memoryBudget: Int) {
    self.candidates = candidates
    jobBytes = UInt64(max(1 << 20, memoryBudget / 8))
  }

  /// Whether a candidate is streamed line by line rather than read whole.
  func streams(_ f: CorpusFile) -> Bool {
    InputKinds.isJSONLines(path: f.path) && f.size >= streamThreshold
  }

  /// The next job, or nil when every candidate is planned. `open(i, file)` is called for a file
  /// to stream (candidate `i`), in order, and returns its non-blank lines (1-based number, byte
  /// range), or nil when the file needs no job (unchanged, unreadable, empty).
  mutating func nextJob(open: (Int, CorpusFile) -> [(Int, Range<Int>)]?) -> Job? {
    if let job = lineJobs.popFirst() { return job }
    while next < candidates.count {
      let i = next
      let f = candidates[i]
      if streams(f) {
        if !batch.isEmpty { return takeBatch() }
        next += 1
        guard let lines = open(i, f) else { continue }
        var k = 0
        while k < lines.count {
          let end = min(lines.count, k + linesPerJob)
          lineJobs.append(.lines(file: i, lines: lines[k..<end], last: end == lines.count))
          k = end
        }
        if let job = lineJobs.popFirst() { return job }
        continue
      }
      batch.append(f)
      // What the file's documents can hold at most (one page or scrape reads its head only).
      batchBytes += min(f.size, UInt64(ArticleLimits.maxPageBytes))
      next += 1
      if batch.count >= filesPerJob || batchBytes >= jobBytes { return takeBatch() }
    }
    if !batch.isEmpty { return takeBatch() }
    return nil
  }

  private mutating func takeBatch() -> Job {
    let b = batch
    batch = []
    batchBytes = 0
    return .files(b)
  }
}
