import CCodecs
import Extraction
import Indexing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A large JSON Lines file being indexed line batch by line batch, memory-mapped so only the
/// batches in flight are resident.
final class StreamState: @unchecked Sendable {
  // @unchecked: the mapping is read-only; `refs`/`warnings` are only touched by the writer thread.
  let file: CorpusFile
  let base: UnsafeRawPointer
  let count: Int
  let hash: UInt32
  var refs: [FileTable.DocRef] = []
  /// The story book's members of those documents, in the same order.
  var members: [StoryBook.Member] = []
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
      // memchr finds the newlines; a line is blank when only spaces, tabs and CRs come before
      // its newline (almost always decided by its first byte).
      var k = off
      while k < end {
        guard let nl = memchr(p + k, 0x0A, end - k) else { break }
        let at = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - p
        if blank { blank = Self.isBlank(p, k..<at) }
        number += 1
        if !blank { lines.append((number, lineStart..<at)) }
        lineStart = at + 1
        blank = true
        k = at + 1
      }
      if blank && k < end { blank = Self.isBlank(p, k..<end) }
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

  /// Whether `p[range]` holds only spaces, tabs and carriage returns.
  @inline(__always)
  private static func isBlank(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
    for k in range {
      let c = p[k]
      if c != 0x20 && c != 0x09 && c != 0x0D { return false }
    }
    return true
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
