#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cuts the bodies of `<script>`, `<style>` and `<svg>` elements and HTML comments out of the
/// page before libxml2 sees it.
///
/// On real news pages these are more than half of the bytes, and libxml2 reads script and style
/// text one character at a time; none of it is ever article text. The tags themselves stay (so
/// the tree keeps its shape), and JSON-LD scripts are kept whole for the metadata reader.
/// Element ends are found the way an HTML tokenizer finds them: the first `</script`, `</style`
/// or `</svg` (any case), or `-->` for a comment.
enum HTMLPrefilter {
  static func strip(_ html: [UInt8]) -> [UInt8] {
    html.withUnsafeBufferPointer { buf -> [UInt8] in
      guard let base = buf.baseAddress else { return [] }
      let count = buf.count
      var out = [UInt8]()
      out.reserveCapacity(count / 2)
      var copied = 0  // bytes before this index are already in `out` (or dropped)
      var i = 0
      while i < count {
        guard let hit = memchr(base + i, 0x3C, count - i) else { break }
        let lt = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        i = lt + 1
        if lt + 4 <= count && base[lt + 1] == 0x21 && base[lt + 2] == 0x2D && base[lt + 3] == 0x2D {
          // <!-- … -->
          guard let end = find(base, count, from: lt + 4, "-->") else { break }
          out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: lt - copied))
          copied = end + 3
          i = copied
          continue
        }
        let name: StaticString
        if matchFold(base, count, at: lt + 1, "script") {
          name = "</script"
        } else if matchFold(base, count, at: lt + 1, "style") {
          name = "</style"
        } else if matchFold(base, count, at: lt + 1, "svg") {
          name = "</svg"
        } else {
          continue
        }
        let nameLength = name.utf8CodeUnitCount - 2
        let after = lt + 1 + nameLength
        guard after < count, isTagNameEnd(base[after]) else { continue }
        guard let gt = memchr(base + after, 0x3E, count - after) else { break }
        let openEnd = UnsafePointer<UInt8>(gt.assumingMemoryBound(to: UInt8.self)) - base + 1
        guard let close = findFold(base, count, from: openEnd, name) else { break }
        if name.utf8Start[2] == 0x73 && name.utf8Start[3] == 0x63,  // script
          containsFold(UnsafeBufferPointer(start: base + lt, count: openEnd - lt), "ld+json")
        {
          i = close
          continue
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: openEnd - copied))
        copied = close
        i = close + 2
      }
      out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
      return out
    }
  }

  @inline(__always)
  private static func isTagNameEnd(_ b: UInt8) -> Bool {
    b == 0x3E || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F || b == 0x0C
  }

  @inline(__always)
  private static func matchFold(_ p: UnsafePointer<UInt8>, _ count: Int, at: Int, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    guard at + n <= count else { return false }
    let q = s.utf8Start
    for k in 0..<n where p[at + k] | 0x20 != q[k] { return false }
    return true
  }

  /// Exact search (for `-->`).
  private static func find(_ p: UnsafePointer<UInt8>, _ count: Int, from: Int, _ s: StaticString) -> Int? {
    let first = s.utf8Start[0]
    var i = from
    while i < count {
      guard let hit = memchr(p + i, Int32(first), count - i) else { return nil }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
      if matchFold(p, count, at: at, s) { return at }
      i = at + 1
    }
    return nil
  }

  /// Case-insensitive search for a `</name` literal (its first two bytes are `</`).
  private static func findFold(_ p: UnsafePointer<UInt8>, _ count: Int, from: Int, _ s: StaticString) -> Int? {
    var i = from
    let n = s.utf8CodeUnitCount
    while i < count {
      guard let hit = memchr(p + i, 0x3C, count - i) else { return nil }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
      if at + n <= count && p[at + 1] == 0x2F {
        var k = 2
        while k < n && p[at + k] | 0x20 == s.utf8Start[k] { k += 1 }
        if k == n { return at }
      }
      i = at + 1
    }
    return nil
  }
}
