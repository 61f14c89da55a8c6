#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Slims a page down before libxml2 sees it, in one pass over the bytes.
///
/// - The bodies of `<script>`, `<style>` and `<svg>` and HTML comments are cut: on real news pages
///   they are more than half of the bytes, libxml2 reads them one character at a time, and none
///   of it is ever article text. JSON-LD scripts are kept whole for the metadata reader.
/// - Start tags keep only the attributes extraction reads (class, id, role, itemprop, rel,
///   datetime, type, name, lang, property, content, hidden; `href` without its value; an inline
///   `display:none` style becomes `hidden`). libxml2 makes two or three allocations per
///   attribute, and `data-*`, `src`, `srcset`, `style`, `onclick`… are most of them.
/// - `class`, `id` and `role` are read here, once per distinct value (`ClassHints`), and
///   replaced by what they say: `h="-3"` (the weight) and `au` (names an author or byline).
///   Class lists are about a third of what is left of a page after the cuts above.
/// - Runs of whitespace in text become one space (indentation is a fifth of the rest).
/// - Void elements that never hold text (`img`, `source`, `link`, …) are dropped (`input` stays:
///   form controls are evidence of a sign-up or search box).
///
/// Ends are found the way an HTML tokenizer finds them: the first `</script`, `</style` or
/// `</svg` (any case), `-->` for a comment, and quoted attribute values may contain `>`.
enum HTMLPrefilter {
  static func strip(_ html: [UInt8]) -> [UInt8] {
    html.withUnsafeBufferPointer { buf -> [UInt8] in
      guard let base = buf.baseAddress else { return [] }
      var out = [UInt8]()
      out.reserveCapacity(buf.count / 2)
      var f = Filter(p: base, count: buf.count)
      f.run(into: &out)
      return out
    }
  }

  private struct Filter {
    let p: UnsafePointer<UInt8>
    let count: Int
    var copied = 0  // bytes before this index are already in `out` (or dropped)
    /// Class/id/role evidence per distinct value, in a direct-mapped cache keyed by the
    /// FNV-1a hash of the value (a miss just recomputes).
    var cacheKeys = [UInt64](repeating: 0, count: 4096)
    var cacheValues = [(weight: Int16, author: Bool)](repeating: (0, false), count: 4096)

    init(p: UnsafePointer<UInt8>, count: Int) {
      self.p = p
      self.count = count
    }

    mutating func run(into out: inout [UInt8]) {
      var i = 0
      while i < count {
        guard let hit = memchr(p + i, 0x3C, count - i) else { break }
        let lt = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
        i = lt + 1
        guard lt + 1 < count else { break }
        let c = p[lt + 1]
        if c == 0x21 {
          // <!-- … --> (other <! constructs are left alone).
          if lt + 4 <= count && p[lt + 2] == 0x2D && p[lt + 3] == 0x2D {
            guard let end = find(from: lt + 4, "-->") else { break }
            flush(upTo: lt, into: &out)
            copied = end + 3
            i = copied
          }
          continue
        }
        guard isLetter(c) else { continue }
        // A start tag: read its name.
        var j = lt + 1
        while j < count && !isNameEnd(p[j]) { j += 1 }
        let nameStart = lt + 1
        let nameLength = j - nameStart
        let kind = classify(nameStart, nameLength)
        // Rewrite the tag with only the attributes we read.
        flush(upTo: lt, into: &out)
        let tagStartInOut = out.count
        out.append(0x3C)
        if kind != .drop {
          out.append(contentsOf: UnsafeBufferPointer(start: p + nameStart, count: nameLength))
        }
        var isJSONLD = false
        var closed = false
        var weight: Int16 = 0
        var hinted = false
        var author = false
        while j < count {
          let b = p[j]
          if b == 0x3E {
            closed = true
            j += 1
            break
          }
          if isSpace(b) || b == 0x2F {
            j += 1
            continue
          }
          // Attribute name.
          let an = j
          while j < count && !isSpace(p[j]) && p[j] != 0x3D && p[j] != 0x3E
            && !(p[j] == 0x2F && j + 1 < count && p[j + 1] == 0x3E)
          {
            j += 1
          }
          let anLength = j - an
          while j < count && isSpace(p[j]) { j += 1 }
          var valueStart = -1
          var valueEnd = -1
          if j < count && p[j] == 0x3D {
            j += 1
            while j < count && isSpace(p[j]) { j += 1 }
            guard j < count else { break }
            let q = p[j]
            if q == 0x22 || q == 0x27 {
              valueStart = j + 1
              guard let e = memchr(p + j + 1, Int32(q), count - j - 1) else {
                j = count
                break
              }
              valueEnd = UnsafePointer<UInt8>(e.assumingMemoryBound(to: UInt8.self)) - p
              j = valueEnd + 1
            } else {
              valueStart = j
              while j < count && !isSpace(p[j]) && p[j] != 0x3E { j += 1 }
              valueEnd = j
            }
          }
          guard kind != .drop else { continue }
          switch keep(an, anLength) {
          case .no: break
          case .whole:
            out.append(0x20)
            out.append(contentsOf: UnsafeBufferPointer(start: p + an, count: j - an))
            if kind == .script && valueStart >= 0
              && containsFold(
                UnsafeBufferPointer(start: p + valueStart, count: valueEnd - valueStart), "ld+json")
            {
              isJSONLD = true
            }
          case .nameOnly:
            // A `javascript:` pseudo-link runs a script; it is no link to another page.
            if valueStart >= 0 && valueEnd - valueStart >= 11
              && matchFold(valueStart, "javascript:")
            {
              break
            }
            out.append(0x20)
            out.append(contentsOf: UnsafeBufferPointer(start: p + an, count: anLength))
          case .hint:
            if valueStart >= 0 {
              let v = UnsafeBufferPointer(start: p + valueStart, count: valueEnd - valueStart)
              let h = hints(v)
              weight += h.weight
              author = author || h.author
              hinted = true
              if anLength == 4 {  // role
                if equalsFold(v, "main") || equalsFold(v, "article") { weight += 3 }
                if equalsFold(v, "navigation") || equalsFold(v, "banner") { weight -= 3 }
              }
            }
          case .style:
            if valueStart >= 0 {
              let v = UnsafeBufferPointer(start: p + valueStart, count: valueEnd - valueStart)
              if containsFold(v, "none")
                && (containsFold(v, "display:none") || containsFold(v, "display: none"))
              {
                out.append(contentsOf: [0x20, 0x68, 0x69, 0x64, 0x64, 0x65, 0x6E])  // " hidden"
              }
            }
          }
        }
        guard closed else {
          // Unterminated tag at the end of the file: keep the original bytes.
          out.removeSubrange(tagStartInOut...)
          copied = lt
          break
        }
        if kind == .drop {
          out.removeSubrange(tagStartInOut...)
        } else {
          if hinted && weight != 0 {
            out.append(contentsOf: [0x20, 0x68, 0x3D])  // " h="
            out.append(contentsOf: String(max(-60, min(60, weight))).utf8)
          }
          if author { out.append(contentsOf: [0x20, 0x61, 0x75]) }  // " au"
          out.append(0x3E)
        }
        copied = j
        i = j
        // Raw-text elements: skip to the end tag.
        let endName: StaticString?
        switch kind {
        case .script: endName = isJSONLD ? nil : "</script"
        case .style: endName = "</style"
        case .svg: endName = "</svg"
        default: endName = nil
        }
        if let endName {
          guard let close = findEndTag(from: j, endName) else {
            copied = count
            break
          }
          copied = close
          i = close + 2
        } else if kind == .script {
          // JSON-LD: copy as is, up to its end tag.
          guard let close = findEndTag(from: j, "</script") else { break }
          i = close + 2
        }
      }
      flush(upTo: count, into: &out)
    }

    /// Copies text up to `end`, each run of whitespace as one space.
    private mutating func flush(upTo end: Int, into out: inout [UInt8]) {
      var i = copied
      var runStart = copied
      while i < end {
        if isSpace(p[i]) {
          var j = i + 1
          while j < end && isSpace(p[j]) { j += 1 }
          if j - i > 1 || p[i] != 0x20 {
            out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
            out.append(0x20)
            runStart = j
          }
          i = j
        } else {
          i += 1
        }
      }
      if end > runStart {
        out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: end - runStart))
      }
      copied = max(copied, end)
    }

    enum Kind { case normal, script, style, svg, drop }

    private func classify(_ at: Int, _ n: Int) -> Kind {
      switch n {
      case 3:
        if matchFold(at, "svg") { return .svg }
        if matchFold(at, "img") { return .drop }
      case 4:
        if matchFold(at, "link") { return .drop }
      case 5:
        if matchFold(at, "style") { return .style }
        if matchFold(at, "track") || matchFold(at, "param") {
          return .drop
        }
      case 6:
        if matchFold(at, "script") { return .script }
        if matchFold(at, "source") { return .drop }
      default: break
      }
      return .normal
    }

    enum Keep { case no, whole, nameOnly, style, hint }

    private mutating func hints(_ value: UnsafeBufferPointer<UInt8>) -> (
      weight: Int16, author: Bool
    ) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in value {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
      }
      let slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & 4095
      if cacheKeys[slot] == h { return cacheValues[slot] }
      let result = ClassHints.evidence(value)
      cacheKeys[slot] = h
      cacheValues[slot] = result
      return result
    }

    private func keep(_ at: Int, _ n: Int) -> Keep {
      switch n {
      case 2: return matchFold(at, "id") ? .hint : .no
      case 3: return matchFold(at, "rel") ? .whole : .no
      case 4:
        if matchFold(at, "href") { return .nameOnly }
        if matchFold(at, "role") { return .hint }
        if matchFold(at, "type") || matchFold(at, "name") || matchFold(at, "lang") {
          return .whole
        }
        return .no
      case 5:
        if matchFold(at, "class") { return .hint }
        if matchFold(at, "style") { return .style }
        return .no
      case 6: return matchFold(at, "hidden") ? .whole : .no
      case 7: return matchFold(at, "content") ? .whole : .no
      case 8:
        return matchFold(at, "itemprop") || matchFold(at, "datetime") || matchFold(at, "property")
          ? .whole : .no
      default: return .no
      }
    }

    @inline(__always) private func isLetter(_ b: UInt8) -> Bool {
      (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }
    @inline(__always) private func isSpace(_ b: UInt8) -> Bool {
      b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
    }
    @inline(__always) private func isNameEnd(_ b: UInt8) -> Bool {
      isSpace(b) || b == 0x3E || b == 0x2F
    }

    @inline(__always)
    private func matchFold(_ at: Int, _ s: StaticString) -> Bool {
      let n = s.utf8CodeUnitCount
      guard at + n <= count else { return false }
      let q = s.utf8Start
      for k in 0..<n where p[at + k] | 0x20 != q[k] { return false }
      return true
    }

    /// Search for `-->`.
    private func find(from: Int, _ s: StaticString) -> Int? {
      var i = from
      while i < count {
        guard let hit = memchr(p + i, Int32(s.utf8Start[0]), count - i) else { return nil }
        let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
        if matchFold(at, s) { return at }
        i = at + 1
      }
      return nil
    }

    /// Case-insensitive search for a `</name` literal.
    private func findEndTag(from: Int, _ s: StaticString) -> Int? {
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
}
