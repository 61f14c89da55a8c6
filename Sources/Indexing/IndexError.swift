/// Everything that can go wrong reading or writing an index. Each case names the file (and, for
/// damage, the byte offset) so a user can tell which file is bad.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No index at that path (no manifest).
  case missing(path: String)
  /// A file is damaged: bad magic, out-of-range offset, truncation, undecodable bytes.
  case corrupt(file: String, offset: Int, reason: String)
  /// A file's bytes in `range` do not match the CRC-32 its footer stores. The file has one
  /// checksum, so the damage is somewhere in that range (the header and footer read fine).
  case checksumMismatch(file: String, range: Range<Int>, stored: UInt32, computed: UInt32)
  /// The index folder holds files but no blotter index: blotter will not write into it.
  case notAnIndex(path: String, found: [String])
  /// Background work (a merge) was stopped because its run failed or ended.
  case cancelled(operation: String)
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
    case .checksumMismatch(let file, let range, let stored, let computed):
      return
        "index file \(file) is damaged somewhere in bytes "
        + "\(range.lowerBound)..<\(range.upperBound) (its header and footer are intact): "
        + "checksum mismatch, stored \(FileFormat.hex(stored)), "
        + "computed \(FileFormat.hex(computed))"
    case .notAnIndex(let path, let found):
      let shown = found.prefix(3).joined(separator: ", ") + (found.count > 3 ? ", …" : "")
      return
        "\(path) is not empty and is not a blotter index (it holds \(shown)); blotter only creates "
        + "an index in an empty or new folder, and never deletes files it did not write"
    case .cancelled(let operation):
      return "\(operation) was cancelled"
    case .unsupportedVersion(let file, let found, let supported) where found < supported:
      return
        "index file \(file) has format version \(found); this blotter reads version \(supported): run `blotter index --rebuild` to rebuild the index"
    case .unsupportedVersion(let file, let found, let supported):
      return
        "index file \(file) has format version \(found); this blotter reads version \(supported) (the index was written by a newer blotter)"
    case .locked(let path, let holder):
      return "index \(path) is locked by another writer: \(holder)"
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
