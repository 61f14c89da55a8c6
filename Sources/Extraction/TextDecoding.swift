#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the bytes of a file into UTF-8, whatever they were written in.
///
/// Order of evidence: a byte-order mark; then bytes that are valid UTF-8 are taken as UTF-8
/// (a page labelled `iso-8859-1` that holds valid multi-byte UTF-8 is mislabelled far more often
/// than not); then the charset the document declares (`<meta charset>`, `http-equiv`
/// content-type, the XML declaration), converted with iconv; and windows-1252 as the fallback,
/// which also covers latin-1 (so a lone `0xA3` becomes "£").
enum TextDecoding {
  /// Returns UTF-8 bytes for `bytes` (without a BOM).
  static func utf8(_ bytes: [UInt8]) -> [UInt8] {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      let rest = Array(bytes[3...])
      return isValidUTF8(rest) ? rest : windows1252(rest)
    }
    if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
      return iconvConvert(Array(bytes[2...]), from: "UTF-16LE") ?? []
    }
    if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
      return iconvConvert(Array(bytes[2...]), from: "UTF-16BE") ?? []
    }
    if isValidUTF8(bytes) { return bytes }
    if let declared = declaredCharset(bytes), !isWindows1252Family(declared),
      let converted = iconvConvert(bytes, from: declared)
    {
      return converted
    }
    return windows1252(bytes)
  }

  /// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { isValidUTF8($0) }
  }

  /// True when `buffer` is well-formed UTF-8.
  static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = buffer.count
    var i = 0
    while i < count {
      // Skip ASCII eight bytes at a time where possible.
      if i + 8 <= count {
        let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      let b = buffer[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        upper = 0x9F
      case 0xF0:
        need = 3
        lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        upper = 0x8F
      default: return false
      }
      if i + need >= count { return false }
      let second = buffer[i + 1]
      if second < lower || second > upper { return false }
      var k = 2
      while k <= need {
        let c = buffer[i + k]
        if c & 0xC0 != 0x80 { return false }
        k += 1
      }
      i += need + 1
    }
    return true
  }

  /// The charset a document declares in its first 4 KB, lowercased, if any.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    for key in [Array("charset".utf8), Array("encoding".utf8)] {
      var from = 0
      while let at = find(key, in: head, from: from) {
        var i = at + key.count
        while i < head.count && (head[i] == 0x20 || head[i] == 0x09) { i += 1 }
        guard i < head.count, head[i] == UInt8(ascii: "=") else {
          from = at + 1
          continue
        }
        i += 1
        while i < head.count && (head[i] == 0x20 || head[i] == 0x22 || head[i] == 0x27) { i += 1 }
        var name = [UInt8]()
        while i < head.count, name.count < 40 {
          let c = head[i]
          let ok =
            (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
            || c == 0x2E || c == 0x3A
          if !ok { break }
          name.append(c)
          i += 1
        }
        if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        from = at + 1
      }
    }
    return nil
  }

  static func isWindows1252Family(_ name: String) -> Bool {
    switch name {
    case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii",
      "ascii", "utf-8", "utf8", "x-cp1252", "iso_8859-1":
      true
    default: false
    }
  }

  /// The windows-1252 mapping of 0x80–0x9F (0 where the code page leaves the byte undefined).
  private static let cp1252High: [UInt16] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// Decodes windows-1252 (a superset of latin-1 for printable text) into UTF-8.
  static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for b in bytes {
      if b < 0x80 {
        out.append(b)
        continue
      }
      var scalar = UInt32(b)
      if b < 0xA0 {
        let mapped = cp1252High[Int(b - 0x80)]
        scalar = mapped == 0 ? UInt32(b) : UInt32(mapped)
      }
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80: out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (scalar >> 18)))
      out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// Converts with the C library's iconv; nil when the charset is unknown or the bytes invalid.
  static func iconvConvert(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
    let cd = iconv_open("UTF-8", charset)
    if cd == iconv_t(bitPattern: -1) { return nil }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    let outCapacity = output.count
    let result: Int? = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var outLeft = outCapacity
        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return nil }
        return outCapacity - outLeft
      }
    }
    guard let written = result else { return nil }
    output.removeSubrange(written...)
    return output
  }

  /// Encodes a string in another charset with iconv (for tests and tools).
  static func iconvConvertTo(_ text: String, charset: String) -> [UInt8] {
    let cd = iconv_open(charset, "UTF-8")
    if cd == iconv_t(bitPattern: -1) { return [] }
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let capacity = output.count
    let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var outLeft = capacity
        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return 0 }
        return capacity - outLeft
      }
    }
    return Array(output[0..<written])
  }

  /// First index of `needle` in `haystack` at or after `from`.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    let first = needle[0]
    var i = from
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == first {
        var k = 1
        while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }
}
