/// A growable little-endian byte buffer with LEB128 varints: the one way index bytes are written.
public struct ByteWriter: Sendable {
  public var bytes: [UInt8] { bytesStorage }
  var bytesStorage: [UInt8]

  public init(capacity: Int = 1024) {
    bytesStorage = []
    bytesStorage.reserveCapacity(capacity)
  }

  public var count: Int { bytesStorage.count }

  @inline(__always) public mutating func u8(_ v: UInt8) { bytesStorage.append(v) }

  @inline(__always) public mutating func u16(_ v: UInt16) {
    bytesStorage.append(UInt8(truncatingIfNeeded: v))
    bytesStorage.append(UInt8(truncatingIfNeeded: v >> 8))
  }

  @inline(__always) public mutating func u32(_ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { bytesStorage.append(contentsOf: $0) }
  }

  @inline(__always) public mutating func u64(_ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { bytesStorage.append(contentsOf: $0) }
  }

  @inline(__always) public mutating func varint(_ v: UInt64) {
    var v = v
    while v >= 0x80 {
      bytesStorage.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytesStorage.append(UInt8(v))
  }

  @inline(__always) public mutating func varint(_ v: Int) { varint(UInt64(v)) }

  /// Signed values, zig-zag encoded.
  public mutating func svarint(_ v: Int64) {
    varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
  }

  public mutating func append(_ other: some Collection<UInt8>) { bytesStorage.append(contentsOf: other) }

  /// A length-prefixed UTF-8 string.
  public mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { buf in
      varint(buf.count)
      bytesStorage.append(contentsOf: buf)
    }
  }

  /// Overwrites four bytes at `offset` (for back-patched lengths).
  public mutating func patchU32(_ v: UInt32, at offset: Int) {
    withUnsafeBytes(of: v.littleEndian) { raw in
      for k in 0..<4 { bytesStorage[offset + k] = raw[k] }
    }
  }

  public mutating func removeAll() { bytesStorage.removeAll(keepingCapacity: true) }
}
