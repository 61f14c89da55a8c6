#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only memory mapping of one whole index file, unmapped when the last reference goes.
///
/// Segment files are immutable once committed, so the bytes never change under a reader, and an
/// unlinked file stays readable for as long as it is mapped.
package final class MappedFile: @unchecked Sendable {
  // @unchecked: the region is read-only and immutable for the mapping's life.
  package let name: String
  package let base: UnsafeRawPointer
  package let count: Int
  private let mapped: Bool

  init(path: String, name: String) throws(IndexError) {
    self.name = name
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { throw .corrupt(file: name, offset: 0, reason: "file is missing") }
      throw .io(path: path, operation: "open", errno: errno)
    }
    defer { close(fd) }
    var st = stat()
    if fstat(fd, &st) != 0 { throw .io(path: path, operation: "stat", errno: errno) }
    let size = Int(st.st_size)
    count = size
    if size == 0 {
      base = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 8))
      mapped = false
      return
    }
    let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
    if p == MAP_FAILED || p == nil { throw .io(path: path, operation: "mmap", errno: errno) }
    base = UnsafeRawPointer(p!)
    mapped = true
  }

  deinit {
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    } else {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
  }

  /// Lets go of the pages this process has touched, so a long sequential pass (a merge) does not
  /// grow resident memory by the size of its inputs. The file is read-only and unmodified, so
  /// later reads fault the same bytes back in from the page cache.
  package func dropResidentPages() {
    if mapped { _ = madvise(UnsafeMutableRawPointer(mutating: base), count, MADV_DONTNEED) }
  }

  /// A reader over `range` of the file.
  package func reader(_ range: Range<Int>) -> ByteReader {
    ByteReader(base: base + range.lowerBound, count: range.count, file: name)
  }

  /// The bytes of `range`, for checksums.
  package func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
  }
}
