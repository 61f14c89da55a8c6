#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One corpus file found on disk.
struct CorpusFile {
  /// Path relative to the corpus root, '/'-separated.
  var path: String
  var size: UInt64
  var mtimeNanos: Int64
}

/// Walks a corpus folder: regular files with a document extension, in sorted order. Symbolic
/// links to files are followed; links to folders are not (no loops), hidden entries are skipped.
enum CorpusScanner {
  /// Extensions blotter reads (each may also end in `.gz`); files without an extension are sniffed.
  static let extensions: Set<String> = ["html", "htm", "xhtml", "shtml", "xml", "rss", "atom", "txt", "text", "jsonl", "ndjson"]

  struct Result {
    var files: [CorpusFile] = []
    /// Files that could not be read while walking (path, reason).
    var problems: [(String, String)] = []
    /// Files with other extensions, not corpus documents.
    var ignored = 0
  }

  static func isDocument(_ name: String) -> Bool {
    var n = Substring(name.lowercased())
    if n.hasSuffix(".gz") { n = n.dropLast(3) }
    guard let dot = n.lastIndex(of: ".") else { return true }
    if dot == n.startIndex { return false }
    return extensions.contains(String(n[n.index(after: dot)...]))
  }

  static func scan(root: String) throws -> Result {
    var result = Result()
    var st = stat()
    guard stat(root, &st) == 0 else {
      throw CLIError("cannot read corpus folder \(root): \(String(cString: strerror(errno)))")
    }
    if (st.st_mode & S_IFMT) == S_IFREG {
      // A single file as the corpus.
      let name = String(root.split(separator: "/").last ?? Substring(root))
      result.files.append(CorpusFile(path: name, size: UInt64(st.st_size), mtimeNanos: nanos(st)))
      return result
    }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { throw CLIError("\(root) is not a folder") }
    walk(root, relative: "", into: &result, depth: 0)
    result.files.sort { $0.path < $1.path }
    return result
  }

  private static func nanos(_ st: stat) -> Int64 {
    Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
  }

  private static func walk(_ dir: String, relative: String, into result: inout Result, depth: Int) {
    guard depth < 64 else {
      result.problems.append((relative, "folders nested too deep"))
      return
    }
    guard let d = opendir(dir) else {
      result.problems.append((relative.isEmpty ? "." : relative, "cannot open folder: \(String(cString: strerror(errno)))"))
      return
    }
    var names: [String] = []
    while let e = readdir(d) {
      let name = withUnsafePointer(to: e.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name.hasPrefix(".") { continue }
      names.append(name)
    }
    closedir(d)
    for name in names.sorted() {
      let full = dir + "/" + name
      let rel = relative.isEmpty ? name : relative + "/" + name
      var lst = stat()
      guard lstat(full, &lst) == 0 else { continue }
      var st = lst
      if (lst.st_mode & S_IFMT) == S_IFLNK {
        if stat(full, &st) != 0 {
          let e = errno
          result.problems.append((rel, e == ELOOP ? "symbolic link loop" : "broken symbolic link"))
          continue
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
          result.problems.append((rel, "symbolic link to a folder (not followed)"))
          continue
        }
      }
      switch st.st_mode & S_IFMT {
      case S_IFDIR:
        walk(full, relative: rel, into: &result, depth: depth + 1)
      case S_IFREG:
        if isDocument(name) {
          result.files.append(CorpusFile(path: rel, size: UInt64(st.st_size), mtimeNanos: nanos(st)))
        } else {
          result.ignored += 1
        }
      default:
        break
      }
    }
  }

  /// Reads a whole file.
  static func read(_ path: String, limit: UInt64) -> Swift.Result<[UInt8], CLIError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .failure(CLIError("cannot read: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    if UInt64(st.st_size) > limit {
      return .failure(CLIError("file is \(st.st_size) bytes, over the --max-file-size limit of \(limit)"))
    }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + off, $0.count - off) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(CLIError("read failed: \(String(cString: strerror(errno)))"))
      }
      if n == 0 { break }
      off += n
    }
    if off < bytes.count { bytes.removeLast(bytes.count - off) }
    return .success(bytes)
  }
}

/// A user-facing error with a one-line message.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}
