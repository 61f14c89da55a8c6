/// A bounds-checked cursor over bytes (usually a memory-mapped file). Every read that would run
/// past the end throws `IndexError.corrupt` naming the file and offset: damaged input is an
/// error, never a crash.
///
/// - warning: the pointer must outlive the reader; readers are created inside a scope that keeps
///   the mapping alive (`MappedFile` is held by the segment reader that makes them).
package struct ByteReader {
  package let base: UnsafeRawPointer
  package let count: Int
  package var offset: Int
  package let file: String

  package init(base: UnsafeRawPointer, count: Int, offset: Int = 0, file: String) {
    self.base = base
    self.count = count
    self.offset = offset
    self.file = file
  }

  @inline(__always) package var remaining: Int { count - offset }
  @inline(__always) package var atEnd: Bool { offset >= count }

  @inline(__always) func need(_ n: Int) throws(IndexError) {
    if n < 0 || offset > count - n {
      throw .corrupt(file: file, offset: offset, reason: "read of \(n) bytes runs past the end (\(count))")
    }
  }

  @inline(__always) package mutating func u8() throws(IndexError) -> UInt8 {
    try need(1)
    let v = base.load(fromByteOffset: offset, as: UInt8.self)
    offset += 1
    return v
  }

  @inline(__always) package mutating func u16() throws(IndexError) -> UInt16 {
    try need(2)
    let v = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    offset += 2
    return v
  }

  @inline(__always) package mutating func u32() throws(IndexError) -> UInt32 {
    try need(4)
    let v = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    offset += 4
    return v
  }

  @inline(__always) package mutating func u64() throws(IndexError) -> UInt64 {
    try need(8)
    let v = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    offset += 8
    return v
  }

  @inline(__always) package mutating func varint() throws(IndexError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      if offset >= count {
        throw .corrupt(file: file, offset: offset, reason: "varint runs past the end")
      }
      let b = base.load(fromByteOffset: offset, as: UInt8.self)
      offset += 1
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
      if shift > 63 { throw .corrupt(file: file, offset: offset, reason: "varint too long") }
    }
  }

  @inline(__always) package mutating func int() throws(IndexError) -> Int {
    let v = try varint()
    if v > UInt64(Int32.max) * 4096 {
      throw .corrupt(file: file, offset: offset, reason: "value \(v) out of range")
    }
    return Int(v)
  }

  package mutating func svarint() throws(IndexError) -> Int64 {
    let v = try varint()
    return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
  }

  package mutating func bytes(_ n: Int) throws(IndexError) -> UnsafeRawBufferPointer {
    try need(n)
    let p = UnsafeRawBufferPointer(start: base + offset, count: n)
    offset += n
    return p
  }

  package mutating func string() throws(IndexError) -> String {
    let n = try int()
    let raw = try bytes(n)
    return String(decoding: raw, as: UTF8.self)
  }

  package mutating func skip(_ n: Int) throws(IndexError) {
    try need(n)
    offset += n
  }

  package mutating func seek(_ to: Int) throws(IndexError) {
    if to < 0 || to > count {
      throw .corrupt(file: file, offset: offset, reason: "offset \(to) outside the file (\(count))")
    }
    offset = to
  }

  /// Throws a corruption error at the current offset.
  package func fail(_ reason: String) -> IndexError {
    .corrupt(file: file, offset: offset, reason: reason)
  }
}
