import Dispatch
import Extraction
import Indexing

/// What a worker made of one small file.
enum FileOutcome {
  /// Content unchanged, only the timestamp moved.
  case touched(hash: UInt32)
  case changed(hash: UInt32, docs: [IndexDocument], warnings: [String], blocks: [UInt32])
  case failed(String)
}

/// What the workers made of a job, in the job's order.
enum JobResult {
  case files([FileOutcome])
  case lines([Result<IndexDocument, ExtractionError>])
}

/// A job handed to the workers; `result()` waits for them.
struct PendingJob {
  let job: Job
  fileprivate let group: DispatchGroup
  fileprivate let box: ResultBox<JobResult>

  /// The job's result, once every worker is done with it.
  func result() -> JobResult {
    group.wait()
    return box.value!
  }
}

/// Step 5 of a run: extraction and analysis of a job's documents on `workers` threads. Jobs run
/// one after another on one queue, each spread over the workers, while the writer applies
/// earlier ones.
///
/// @unchecked Sendable: every stored property is immutable, and worker `w` only ever touches
/// `contexts[w]`.
final class JobExtractor: @unchecked Sendable {
  let workers: Int
  /// Bounds a file, what a compressed file may expand to, and a streamed line.
  let limit: UInt64
  /// The file table of the last commit (a file whose content hash matches is only touched).
  let old: FileTable
  /// Cross-page templates by site (step 3).
  let templates: [String: SiteTemplate]
  let fullPath: @Sendable (CorpusFile) -> String
  private let extractor: DocumentExtractor
  private let contexts: [WorkerContext]
  private let queue = DispatchQueue(label: "blotter.extract")

  init(
    workers: Int, limit: UInt64, old: FileTable, templates: [String: SiteTemplate],
    fullPath: @escaping @Sendable (CorpusFile) -> String, stories: Bool = true
  ) {
    self.workers = max(1, workers)
    self.limit = limit
    self.old = old
    self.templates = templates
    self.fullPath = fullPath
    // --max-file-size bounds what a compressed file may expand to, as well as its own size.
    extractor = DocumentExtractor(maxInflatedBytes: Int(clamping: limit))
    contexts = (0..<self.workers).map { _ in WorkerContext(stories: stories) }
  }

  /// Queues `job` (whose lines, for a line job, come from `stream`).
  func launch(_ job: Job, stream: StreamState?) -> PendingJob {
    let box = ResultBox<JobResult>()
    let group = DispatchGroup()
    group.enter()
    switch job {
    case .files(let files):
      queue.async {
        box.value = .files(self.files(files))
        group.leave()
      }
    case .lines(_, let lines, _):
      let stream = UncheckedBox(stream!)
      queue.async {
        box.value = .lines(self.lines(lines, of: stream.value))
        group.leave()
      }
    }
    return PendingJob(job: job, group: group, box: box)
  }

  /// Every file of a job, worker `w` taking files `w`, `w + workers`, …
  func files(_ files: [CorpusFile]) -> [FileOutcome] {
    let out = SlotBox<FileOutcome>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: min(workers, files.count)) { w in
      for k in stride(from: w, to: files.count, by: workers) {
        let f = files[k]
        out.set(
          k,
          Self.process(
            f, fullPath: fullPath(f), old: old.entries[f.path], extractor: extractor,
            context: contexts[w], limit: limit,
            template: templates[SiteTemplate.site(of: f.path)]))
      }
    }
    return out.values()
  }

  /// Every line of a line job of `stream`.
  func lines(
    _ lines: ArraySlice<(Int, Range<Int>)>, of stream: StreamState
  ) -> [Result<IndexDocument, ExtractionError>] {
    let out = SlotBox<Result<IndexDocument, ExtractionError>>(count: lines.count)
    DispatchQueue.concurrentPerform(iterations: min(workers, lines.count)) { w in
      for k in stride(from: w, to: lines.count, by: workers) {
        let (number, range) = lines[lines.startIndex + k]
        if UInt64(range.count) > limit {
          let reason =
            "line is \(range.count) bytes, over the --max-file-size limit of \(limit)"
          out.set(k, .failure(.badJSONLine(path: stream.file.path, line: number, reason: reason)))
          continue
        }
        let bytes = stream.bytes(range)
        do throws(ExtractionError) {
          let a = try extractor.extractJSONLine(bytes, number: number, path: stream.file.path)
          out.set(k, .success(contexts[w].documents.make(a)))
        } catch {
          out.set(k, .failure(error))
        }
      }
    }
    return out.values()
  }

  /// One small file: read, hashed (same content as `old`: only touched), extracted with its
  /// site's template blocks dropped, and analysed.
  static func process(
    _ f: CorpusFile, fullPath: String, old: FileTable.Entry?, extractor: DocumentExtractor,
    context: WorkerContext, limit: UInt64, template: SiteTemplate?
  ) -> FileOutcome {
    let bytes: [UInt8]
    switch CorpusScanner.read(fullPath, limit: limit) {
    case .success(let b): bytes = b
    case .failure(let e): return .failed(e.description)
    }
    let hash = bytes.withUnsafeBytes { CorpusIndexer.crc($0) }
    if let old, old.size == UInt64(bytes.count), old.hash == hash {
      return .touched(hash: hash)
    }
    do {
      let result: ExtractionResult
      var blocks: [UInt32] = []
      if let template {
        let prints = template.pagePrints[f.path] ?? []
        blocks = SiteTemplate.stored(prints)
        result = try extractor.extract(
          bytes: bytes, path: f.path, boilerplate: template.boilerplate(prints))
      } else {
        result = try extractor.extractWithWarnings(bytes: bytes, path: f.path)
      }
      let docs = result.articles.map { context.documents.make($0) }
      return .changed(
        hash: hash, docs: docs, warnings: result.warnings.map(\.description), blocks: blocks)
    } catch {
      return .failed(error.description)
    }
  }
}
