import ArgumentParser
import Extraction
import Indexing
import Ingest

/// The library's indexer under the name the CLI and its tests use.
typealias CorpusIndexer = Ingest.CorpusIndexer

struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Index a corpus folder, touching only what changed since the last commit.",
    discussion: """
      Walks CORPUS recursively (\(InputKinds.walkedExtensions), each optionally .gz; a file \
      without an extension is sniffed). \
      New files are added, changed files re-indexed, deleted files dropped, the rest left alone; \
      then one commit replaces the previous one atomically. A file that cannot be read or parsed \
      is listed under "skipped" and whatever was indexed for it before is kept.
      """)

  @Argument(help: "The corpus folder.")
  var corpus: String = "corpus"

  @OptionGroup var location: IndexLocation

  @Flag(help: "Start from an empty index (the old one stays readable until the new commit).")
  var rebuild = false

  @Flag(help: "Print a JSON summary on standard output.")
  var json = false

  @Option(
    parsing: .unconditional,
    help: "Memory for in-memory segments, in MB; a segment is flushed when it fills.")
  var memory: Int = 256

  @Option(parsing: .unconditional, help: "Extraction and analysis threads (default: all cores).")
  var threads: Int?

  @Option(
    parsing: .unconditional,
    help: "Skip files larger than this many bytes (a .gz file also once decompressed).")
  var maxFileSize: Int64 = 64 << 20

  @Flag(help: "Wait for another writer to finish instead of failing.")
  var wait = false

  @Flag(help: "Keep blocks a site repeats across its pages (by default they are dropped as chrome).")
  var noTemplates = false

  @Flag(
    help:
      "Do not group syndicated copies into stories (the index then has none until --rebuild; to measure what grouping costs)."
  )
  var noStories = false

  func validate() throws {
    if memory < 1 {
      throw ValidationError("--memory must be a positive number of MB (got \(memory))")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be a positive number (got \(threads))")
    }
    if maxFileSize < 1 {
      throw ValidationError(
        "--max-file-size must be a positive number of bytes (got \(maxFileSize))")
    }
  }

  func run() throws {
    if let folder = Self.sameFolder(corpus, location.index) {
      Output.error(
        "blotter index: the index folder \(location.index) is the corpus folder (\(folder)); "
          + "give --index a folder of its own (the default is `index`)")
      throw ExitCode(1)
    }
    let showProgress = Output.stderrIsTerminal
    var indexer = CorpusIndexer(
      corpus: corpus, indexPath: location.index, rebuild: rebuild, memoryBudget: memory << 20,
      threads: max(1, threads ?? System.coreCount), maxFileSize: UInt64(maxFileSize), wait: wait)
    indexer.templates = !noTemplates
    indexer.stories = !noStories
    let display = ProgressDisplay()
    if showProgress {
      indexer.progress = { display.show($0) }
    }
    let s: CorpusIndexer.Summary
    do {
      s = try indexer.run()
    } catch let e as IndexError {
      if display.drawn { Output.error("") }
      Output.error("blotter index: \(e)")
      switch e {
      case .corrupt, .checksumMismatch:
        Output.error(
          "blotter index: nothing was committed; run `blotter index --rebuild` to rebuild the "
            + "index from the corpus (`blotter check` verifies the whole index)")
      default:
        break
      }
      throw ExitCode(1)
    } catch let e as IngestError {
      if display.drawn { Output.error("") }
      Output.error("blotter index: \(e)")
      throw ExitCode(1)
    }
    if display.drawn { Output.error("") }
    if json {
      var j = JSONOut()
      j.open()
      j.field("added", s.added)
      j.field("updated", s.updated)
      j.field("removed", s.removed)
      j.field("unchanged", s.unchanged)
      j.field("documents", s.documents)
      j.field("seconds", (s.seconds * 1000).rounded() / 1000)
      j.openArray("skipped")
      for (p, r) in s.skipped {
        j.open()
        j.field("path", p)
        j.field("reason", r)
        j.close()
      }
      j.closeArray()
      j.field("ignored", s.ignored)
      j.field("generation", s.generation)
      j.close()
      Output.line(j.text)
    } else {
      Output.line(
        "\(s.added) added, \(s.updated) updated, \(s.removed) removed, \(s.unchanged) unchanged; "
          + "\(Plural.count(s.documents, "document")) in \(location.index) "
          + "(\(String(format1: s.seconds)) s)")
      for (p, r) in s.skipped { Output.line("skipped \(p): \(r)") }
    }
    Output.flush()
  }
}

extension IndexCommand {
  /// The resolved path when `corpus` and `index` name the same existing folder, else nil.
  static func sameFolder(_ corpus: String, _ index: String) -> String? {
    func resolved(_ p: String) -> String? {
      guard let r = realpath(p, nil) else { return nil }
      defer { free(r) }
      return String(cString: r)
    }
    guard let c = resolved(corpus), let i = resolved(index), c == i else { return nil }
    return c
  }
}

/// The progress line `index` keeps rewriting on a terminal: a bar and share by bytes of the files
/// to read, documents indexed, files done, the rate and the time left. Redrawn at most ten times
/// a second.
final class ProgressDisplay {
  private let start = ContinuousClock.now
  private var lastDraw: ContinuousClock.Instant?
  /// Whether a line was drawn (and so needs a line break before other output).
  var drawn: Bool { lastDraw != nil }

  func show(_ p: CorpusIndexer.Progress) {
    let now = ContinuousClock.now
    let finished = p.files == p.totalFiles
    if let last = lastDraw, now - last < .milliseconds(100), !finished { return }
    lastDraw = now
    Output.progress(Self.line(p, seconds: Self.seconds(now - start)))
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  /// One progress line, e.g. `indexing ███░░… 42% 25.1/60.0 MB · 1234 documents ·
  /// 3/10 files · 5.2 MB/s · 0:07 left`.
  static func line(_ p: CorpusIndexer.Progress, seconds: Double) -> String {
    let width = 24
    let share = p.totalBytes == 0 ? 1 : min(1, Double(p.bytes) / Double(p.totalBytes))
    let filled = Int(share * Double(width))
    let bar =
      String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    var parts = [
      "\(Int(share * 100))% \(megabytes(p.bytes))/\(megabytes(p.totalBytes)) MB",
      Plural.count(p.documents, "document"), "\(p.files)/\(p.totalFiles) files",
    ]
    if seconds >= 1 && p.bytes > 0 {
      let rate = Double(p.bytes) / seconds
      parts.append("\(megabytes(UInt64(rate))) MB/s")
      if p.bytes < p.totalBytes {
        parts.append("\(clock(Double(p.totalBytes - p.bytes) / rate)) left")
      }
    }
    return "indexing \(bar) " + parts.joined(separator: " · ")
  }

  /// Megabytes with one decimal.
  static func megabytes(_ bytes: UInt64) -> String {
    let tenths = (bytes * 10 + 500_000) / 1_000_000
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// `m:ss`, or `h:mm:ss` from an hour.
  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded(.up))
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
  }
}

extension String {
  init(format1 v: Double) {
    let r = (v * 100).rounded() / 100
    self = String(r)
  }
}

enum System {
  static var coreCount: Int {
    #if canImport(Glibc)
      return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 2
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#endif
