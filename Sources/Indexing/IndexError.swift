/// Everything that can go wrong reading or writing an index. Each case names the file (and, for
/// damage, the byte offset) so a user can tell which file is bad.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No index at that path (no manifest).
  case missing(path: String)
  /// A file is damaged: bad magic, checksum mismatch, out-of-range offset, truncation.
  case corrupt(file: String, offset: Int, reason: String)
  /// The index was written by a format this build does not read.
  case unsupportedVersion(file: String, found: Int, supported: Int)
  /// Another process holds the writer lock.
  case locked(path: String, holder: String)
  /// A system call failed.
  case io(path: String, operation: String, errno: Int32)

  public var description: String {
    switch self {
    case .missing(let path):
      return "no index at \(path) (run `blotter index` first)"
    case .corrupt(let file, let offset, let reason):
      return "index file \(file) is damaged at byte \(offset): \(reason)"
    case .unsupportedVersion(let file, let found, let supported) where found < supported:
      return
        "index file \(file) has format version \(found); this blotter reads version \(supported): run `blotter index --rebuild` to rebuild the index"
    case .unsupportedVersion(let file, let found, let supported):
      return
        "index file \(file) has format version \(found); this blotter reads version \(supported) (the index was written by a newer blotter)"
    case .locked(let path, let holder):
      return "index \(path) is locked by another writer (\(holder))"
    case .io(let path, let op, let e):
      return "\(op) \(path) failed: \(String(cString: strerror(e)))"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
