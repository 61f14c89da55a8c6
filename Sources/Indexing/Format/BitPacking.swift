/// Fixed-width bit packing of 128-value blocks, the core of the postings format: doc-id gaps and
/// term frequencies are stored with just as many bits as the block's largest value needs.
public enum BitPacking {
  public static let blockSize = 128

  /// Bits needed for the largest value.
  @inline(__always) public static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
    var m: UInt32 = 0
    for v in values { m |= v }
    return m == 0 ? 0 : 32 - m.leadingZeroBitCount
  }

  /// Appends `values` packed at `width` bits each (little-endian bit order).
  public static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into w: inout ByteWriter) {
    guard width > 0 else { return }
    var acc: UInt64 = 0
    var bits = 0
    for v in values {
      acc |= UInt64(v) << UInt64(bits)
      bits += width
      while bits >= 8 {
        w.u8(UInt8(truncatingIfNeeded: acc))
        acc >>= 8
        bits -= 8
      }
    }
    if bits > 0 { w.u8(UInt8(truncatingIfNeeded: acc)) }
  }

  /// Bytes a packed block of `count` values takes.
  @inline(__always) public static func packedBytes(count: Int, width: Int) -> Int {
    (count * width + 7) / 8
  }

  /// Unpacks `count` values of `width` bits from `src` into `out`.
  /// - warning: `src` must hold `packedBytes(count:width:)` bytes (callers bounds-check first).
  @inline(__always)
  public static func unpack(
    _ src: UnsafeRawPointer, count: Int, width: Int, into out: UnsafeMutablePointer<UInt32>
  ) {
    if width == 0 {
      out.update(repeating: 0, count: count)
      return
    }
    let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
    let nbytes = packedBytes(count: count, width: width)
    var acc: UInt64 = 0
    var bits = 0
    var pos = 0
    for i in 0..<count {
      while bits < width {
        let b: UInt64 = pos < nbytes ? UInt64(src.load(fromByteOffset: pos, as: UInt8.self)) : 0
        acc |= b << UInt64(bits)
        pos += 1
        bits += 8
      }
      out[i] = UInt32(truncatingIfNeeded: acc & mask)
      acc >>= UInt64(width)
      bits -= width
    }
  }
}
