import Extraction

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

/// Walks a corpus folder: regular files with an extension `InputKinds` walks (or none), in
/// sorted order.
///
/// What it does not read, it reports (`Result.problems`, listed as skipped) rather than dropping
/// silently:
/// - symbolic links to files are followed only when their target lies inside the corpus (the
///   real path of the target under the real path of the root); links that leave the corpus, links
///   to folders (no loops), broken links and link loops are reported;
/// - the index folder, and any other folder holding a blotter index (a `manifest` that starts
///   with `blotter-manifest`), is not walked;
/// - entries whose names are not valid UTF-8 are reported with the name's bytes escaped (`\xE9`),
///   because document ids are UTF-8 text;
/// - hidden entries (a leading `.`) are skipped without a report.
enum CorpusScanner {
  struct Result {
    var files: [CorpusFile] = []
    /// Files that could not be read while walking (path, reason).
    var problems: [(String, String)] = []
    /// Files with other extensions, not corpus documents.
    var ignored = 0
  }

  /// Whether the walk reads a file called `name` (``InputKinds/isCorpusFile(name:)``).
  static func isDocument(_ name: String) -> Bool { InputKinds.isCorpusFile(name: name) }

  /// What the walk needs to know about the folders and files it must leave alone.
  private struct Walk {
    /// The corpus root's real path (no symbolic links), without a trailing slash.
    var realRoot: String
    /// Device and inode of the index folder, when it exists.
    var index: (dev: UInt, ino: UInt)?
  }

  /// Scans `root`. With `index`, that folder is never walked, wherever it sits in the corpus.
  static func scan(root: String, index: String? = nil) throws -> Result {
    var result = Result()
    var st = stat()
    guard stat(root, &st) == 0 else {
      throw IngestError("cannot read corpus folder \(root): \(String(cString: strerror(errno)))")
    }
    if (st.st_mode & S_IFMT) == S_IFREG {
      // A single file as the corpus.
      let name = String(root.split(separator: "/").last ?? Substring(root))
      result.files.append(CorpusFile(path: name, size: UInt64(st.st_size), mtimeNanos: nanos(st)))
      return result
    }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { throw IngestError("\(root) is not a folder") }
    guard let realRoot = realPath(root) else {
      throw IngestError("cannot resolve corpus folder \(root): \(String(cString: strerror(errno)))")
    }
    var walk = Walk(realRoot: realRoot == "/" ? "" : realRoot)
    var ist = stat()
    if let index, stat(index, &ist) == 0 {
      walk.index = (UInt(ist.st_dev), UInt(ist.st_ino))
    }
    self.walk(root, relative: "", walk: walk, into: &result, depth: 0)
    result.files.sort { $0.path < $1.path }
    return result
  }

  private static func nanos(_ st: stat) -> Int64 {
    Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
  }

  /// The canonical absolute path of `path` (symbolic links resolved), or nil with `errno` set.
  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// A file name as text: valid UTF-8 as is, otherwise every byte outside printable ASCII as
  /// `\xNN` (for messages only: such a name is not indexed).
  static func escapedName(_ bytes: [UInt8]) -> String {
    var out = ""
    for b in bytes {
      if b >= 0x20 && b < 0x7F {
        out.unicodeScalars.append(Unicode.Scalar(b))
      } else {
        let hex = String(b, radix: 16, uppercase: true)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }

  /// True when `dir` holds a blotter index (its `manifest` starts with `blotter-manifest`).
  private static func holdsIndex(_ dir: String) -> Bool {
    let fd = open(dir + "/manifest", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let magic = Array("blotter-manifest".utf8)
    var head = [UInt8](repeating: 0, count: magic.count)
    let n = head.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
    return n == magic.count && head == magic
  }

  private static func walk(
    _ dir: String, relative: String, walk: Walk, into result: inout Result, depth: Int
  ) {
    let here = relative.isEmpty ? "." : relative
    guard depth < 64 else {
      result.problems.append((relative, "folders nested too deep"))
      return
    }
    var dst = stat()
    if let index = walk.index, stat(dir, &dst) == 0, UInt(dst.st_dev) == index.dev,
      UInt(dst.st_ino) == index.ino
    {
      result.problems.append((here, "the index folder (not indexed)"))
      return
    }
    if holdsIndex(dir) {
      result.problems.append((here, "holds a blotter index (not indexed)"))
      return
    }
    guard let d = opendir(dir) else {
      result.problems.append((here, "cannot open folder: \(String(cString: strerror(errno)))"))
      return
    }
    var names: [String] = []
    while let e = readdir(d) {
      let bytes = withUnsafeBytes(of: e.pointee.d_name) { raw in
        Array(raw.prefix(while: { $0 != 0 }))
      }
      if bytes.first == UInt8(ascii: ".") { continue }
      guard let name = String(validating: bytes, as: UTF8.self) else {
        let shown = relative.isEmpty ? escapedName(bytes) : relative + "/" + escapedName(bytes)
        result.problems.append((shown, "name is not valid UTF-8 (not indexed)"))
        continue
      }
      names.append(name)
    }
    closedir(d)
    for name in names.sorted() {
      let full = dir + "/" + name
      let rel = relative.isEmpty ? name : relative + "/" + name
      var lst = stat()
      guard lstat(full, &lst) == 0 else {
        result.problems.append((rel, "cannot read: \(String(cString: strerror(errno)))"))
        continue
      }
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
        guard let target = realPath(full), target.hasPrefix(walk.realRoot + "/") else {
          result.problems.append((rel, "symbolic link to a file outside the corpus (not followed)"))
          continue
        }
      }
      switch st.st_mode & S_IFMT {
      case S_IFDIR:
        self.walk(full, relative: rel, walk: walk, into: &result, depth: depth + 1)
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
  static func read(_ path: String, limit: UInt64) -> Swift.Result<[UInt8], IngestError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .failure(IngestError("cannot read: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    if UInt64(st.st_size) > limit {
      return .failure(IngestError("file is \(st.st_size) bytes, over the --max-file-size limit of \(limit)"))
    }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + off, $0.count - off) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(IngestError("read failed: \(String(cString: strerror(errno)))"))
      }
      if n == 0 { break }
      off += n
    }
    if off < bytes.count { bytes.removeLast(bytes.count - off) }
    return .success(bytes)
  }
}

/// A corpus that cannot be read (a missing or unreadable folder), or one file that cannot be:
/// a one-line message for a person.
public struct IngestError: Error, CustomStringConvertible, Sendable {
  public var description: String
  init(_ message: String) { description = message }
}
