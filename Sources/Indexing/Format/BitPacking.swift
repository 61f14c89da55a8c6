/// Bit-level writing and reading, least significant bit first: the packed fields of skip tables
/// and columns, and the Rice codes of postings and positions (`RiceCoding`).
///
/// Bit `i` of a stream is bit `i % 8` of byte `i / 8`. Readers load 8 bytes at a time with no
/// per-byte loop; the caller guarantees that any load starting before its limit stays inside the
/// mapping, which holds for every index file because a 16-byte footer follows each body.
public enum BitPacking {
  /// Bits needed for `v` (0 for 0).
  @inline(__always) public static func width(_ v: UInt64) -> Int { 64 - v.leadingZeroBitCount }

  /// Bytes that `bits` bits take, padded to a byte.
  @inline(__always) public static func bytes(bits: Int) -> Int { (bits + 7) >> 3 }

  /// The 57 to 64 bits starting at bit `bit` of `base` (higher bits are zero-filled).
  @inline(__always)
  static func word(_ base: UnsafeRawPointer, bit: Int) -> UInt64 {
    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self)) &>> UInt64(bit & 7)
  }

  /// The `width`-bit field (width ≤ 32) starting at bit `bit` of `base`.
  @inline(__always)
  public static func field(_ base: UnsafeRawPointer, bit: Int, width: Int) -> UInt32 {
    let mask: UInt64 = (1 &<< UInt64(width)) &- 1
    return UInt32(truncatingIfNeeded: word(base, bit: bit) & mask)
  }

  /// Reads `count` fields of `width` bits (≤ 32) from bit `bit` into `out`.
  @inline(__always)
  static func unpack(
    _ base: UnsafeRawPointer, bit: Int, count: Int, width: Int, into out: UnsafeMutablePointer<UInt32>
  ) {
    if width == 0 {
      out.update(repeating: 0, count: count)
      return
    }
    let mask: UInt64 = (1 &<< UInt64(width)) &- 1
    var b = bit
    for i in 0..<count {
      out[i] = UInt32(truncatingIfNeeded: word(base, bit: b) & mask)
      b += width
    }
  }
}

/// Appends bit fields to a `ByteWriter`, least significant bit first, 64 bits at a time;
/// `finish` writes the bits still held and pads the last byte with zeros. Fields are at most 32
/// bits wide.
struct BitWriter {
  private var acc: UInt64 = 0
  private var used = 0  // bits held in `acc`, 0..<64

  /// Appends the low `width` bits of `v`.
  @inline(__always)
  mutating func write(_ v: UInt32, width: Int, to out: inout ByteWriter) {
    let x = UInt64(v) & ((1 &<< UInt64(width)) &- 1)
    acc |= x &<< UInt64(used)
    used += width
    if used >= 64 {
      out.u64(acc)
      used -= 64
      // The bits of x that did not fit.
      acc = used == 0 ? 0 : x &>> UInt64(width - used)
    }
  }

  /// Appends `q` zero bits and a one bit (a unary code).
  @inline(__always)
  mutating func unary(_ q: UInt32, to out: inout ByteWriter) {
    var q = q
    while q >= 32 {
      write(0, width: 32, to: &out)
      q -= 32
    }
    write(1 &<< q, width: Int(q) + 1, to: &out)
  }

  /// Writes the bits still held, padding the last byte.
  mutating func finish(to out: inout ByteWriter) {
    while used > 0 {
      out.u8(UInt8(truncatingIfNeeded: acc))
      acc >>= 8
      used = max(0, used - 8)
    }
    acc = 0
    used = 0
  }
}
