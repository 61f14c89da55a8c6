/// Rice codes (Golomb codes whose divisor is a power of two), the integer code of postings and
/// positions blocks (FORMAT.md, "Data types").
///
/// With parameter `k`, a value `v` is a low part, its `k` low bits, and a high part, `v >> k`,
/// written in unary: that many 0 bits, then a 1. A block writes the low parts of all its values
/// first, packed at `k` bits each, then all the high parts. The low part of value `j` is then at
/// bit `j * k`, and its high part follows the `j`-th one bit of the high parts, so a reader skips
/// values by counting bits (`skip`) without decoding them.
///
/// Doc-id gaps of a term and position gaps in a document are close to geometric, for which the
/// best `k` costs within a few percent of the entropy, where a fixed bit width per block pays
/// for the block's largest value.
public enum RiceCoding {
  /// The parameter in `0...maxK` that makes `values` shortest.
  public static func parameter(_ values: UnsafeBufferPointer<UInt32>, maxK: Int) -> Int {
    guard !values.isEmpty else { return 0 }
    var sum: UInt64 = 0
    for v in values { sum &+= UInt64(v) }
    let mean = sum / UInt64(values.count)
    // The optimum is near log2(mean) - 1; cost(k) is convex, so try a window around it.
    let first = max(0, min(BitPacking.width(mean) - 3, maxK - 4))
    var high: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    for v in values {
      let x = UInt64(v) &>> UInt64(first)
      high.0 &+= x
      high.1 &+= x >> 1
      high.2 &+= x >> 2
      high.3 &+= x >> 3
      high.4 &+= x >> 4
    }
    let n = UInt64(values.count)
    var best = first
    var bestBits = UInt64.max
    func consider(_ j: Int, _ h: UInt64) {
      let bits = n &* UInt64(first + j) &+ h
      if first + j <= maxK && bits < bestBits {
        bestBits = bits
        best = first + j
      }
    }
    consider(0, high.0)
    consider(1, high.1)
    consider(2, high.2)
    consider(3, high.3)
    consider(4, high.4)
    return best
  }

  /// Appends the low parts of `values` (`k` bits each).
  @inline(__always)
  static func writeLow(
    _ values: UnsafeBufferPointer<UInt32>, k: Int, bits: inout BitWriter, to out: inout ByteWriter
  ) {
    guard k > 0 else { return }
    for v in values { bits.write(v, width: k, to: &out) }
  }

  /// Appends the high parts of `values` in unary.
  @inline(__always)
  static func writeHigh(
    _ values: UnsafeBufferPointer<UInt32>, k: Int, bits: inout BitWriter, to out: inout ByteWriter
  ) {
    for v in values { bits.unary(v &>> UInt32(k), to: &out) }
  }

  /// Room `ends` needs in its output beyond `count`.
  static let endsSlack = 72

  /// Finds the one bits that end the next `count` unary codes from bit `bit`: their positions
  /// relative to `bit` go to `out`, which must have room for `count + endsSlack` (a word's ones
  /// are written four at a time, and the extra ones ignored). Moves `bit` past the last code.
  /// The high part of code `i` is `out[i] - out[i - 1] - 1` (with `out[-1] = -1`).
  /// - Returns: false when the codes run past `limitBit` or span 2^31 bits (damage).
  @inline(__always)
  static func ends(
    _ base: UnsafeRawPointer, bit: inout Int, limitBit: Int, count: Int, into out: UnsafeMutablePointer<UInt32>
  ) -> Bool {
    guard count > 0 else { return true }
    let start = bit
    var pos = bit
    var i = 0
    while i < count {
      if pos >= limitBit { return false }
      var w = BitPacking.word(base, bit: pos)
      let rel = UInt32(truncatingIfNeeded: pos - start)
      let stop = i + w.nonzeroBitCount
      // Four ones per round, with one branch: past the last one, trailingZeroBitCount is 64 and
      // the slots written are overwritten later or ignored.
      while i < stop {
        out[i] = rel &+ UInt32(truncatingIfNeeded: w.trailingZeroBitCount)
        w &= w &- 1
        out[i + 1] = rel &+ UInt32(truncatingIfNeeded: w.trailingZeroBitCount)
        w &= w &- 1
        out[i + 2] = rel &+ UInt32(truncatingIfNeeded: w.trailingZeroBitCount)
        w &= w &- 1
        out[i + 3] = rel &+ UInt32(truncatingIfNeeded: w.trailingZeroBitCount)
        w &= w &- 1
        i += 4
      }
      i = stop
      pos += 64 - (pos & 7)
      if pos - start >= 1 << 31 { return false }
    }
    let end = start + Int(out[count - 1]) + 1
    if end > limitBit { return false }
    bit = end
    return true
  }

  /// Moves `bit` past `count` unary codes.
  /// - Returns: false when the codes run past `limitBit` (damage).
  @inline(__always)
  static func skip(_ base: UnsafeRawPointer, bit: inout Int, limitBit: Int, count: Int) -> Bool {
    var left = count
    var pos = bit
    while left > 0 {
      if pos >= limitBit { return false }
      var w = BitPacking.word(base, bit: pos)
      let avail = 64 - (pos & 7)
      let ones = w.nonzeroBitCount
      if ones < left {
        left -= ones
        pos += avail
        continue
      }
      for _ in 1..<left { w &= w &- 1 }
      pos += w.trailingZeroBitCount + 1
      left = 0
    }
    if pos > limitBit { return false }
    bit = pos
    return true
  }

  /// Reads one unary code at `bit` and moves past it; nil when it runs past `limitBit`.
  @inline(__always)
  static func unary(_ base: UnsafeRawPointer, bit: inout Int, limitBit: Int) -> UInt64? {
    var pos = bit
    var q: UInt64 = 0
    while pos < limitBit {
      let w = BitPacking.word(base, bit: pos)
      if w != 0 {
        let tz = w.trailingZeroBitCount
        pos += tz + 1
        if pos > limitBit { return nil }
        bit = pos
        return q &+ UInt64(tz)
      }
      let avail = 64 - (pos & 7)
      q &+= UInt64(avail)
      pos += avail
    }
    return nil
  }
}
