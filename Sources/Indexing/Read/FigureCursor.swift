/// Walks the figure list of one counted noun in one segment, in doc-id order (FORMAT.md,
/// "columns"). A `figure:arrests>400` filter asks it about the documents of the noun's postings,
/// which ascend and are the documents of the list, so each question decodes the next entry.
///
/// Reads straight from the mapped columns file; damage ends the walk (`contains` answers false,
/// `next` throws naming the offset).
public struct FigureCursor {
  private let base: UnsafeRawPointer
  private let file: String
  private var p: Int
  private let end: Int
  private var last: Int64 = -1  // the document of the entry before `p`

  init(base: UnsafeRawPointer, file: String, range: Range<Int>) {
    self.base = base
    self.file = file
    self.p = range.lowerBound
    self.end = range.upperBound
  }

  @inline(__always) private mutating func varint() -> UInt64? {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while p < end && shift < 64 {
      let b = base.load(fromByteOffset: p, as: UInt8.self)
      p += 1
      v |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return v }
      shift += 7
    }
    return nil
  }

  /// The document and value count of the entry at `p`, moving past them.
  @inline(__always) private mutating func head() -> (doc: Int64, count: UInt64)? {
    guard let h = varint() else { return nil }
    let doc = last &+ 1 &+ Int64(truncatingIfNeeded: h >> 1)
    if h & 1 == 1 { return (doc, 1) }
    guard let n = varint() else { return nil }
    return (doc, n)
  }

  /// The next value of the current entry.
  @inline(__always) private mutating func value() -> Double? {
    guard let code = varint() else { return nil }
    if code & 1 == 0 {
      let z = code >> 1
      return Double(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
    }
    if code != 1 || p + 8 > end { return nil }
    let bits = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
    p += 8
    return Double(bitPattern: bits)
  }

  /// Whether document `doc` has a figure of this noun in the interval (bounds included when
  /// the flags say so). Documents asked must ascend.
  @inline(__always)
  public mutating func contains(
    _ doc: UInt32, above low: Double, includingLow: Bool, below high: Double, includingHigh: Bool
  ) -> Bool {
    let want = Int64(doc)
    while p < end {
      let entry = p
      guard let (d, n) = head() else { break }
      if d > want {
        p = entry  // this entry is a later document's
        return false
      }
      last = d
      var found = false
      for _ in 0..<n {
        guard let v = value() else {
          p = end
          return false
        }
        if d == want && (includingLow ? v >= low : v > low) && (includingHigh ? v <= high : v < high) {
          found = true
        }
      }
      if d == want { return found }
    }
    p = end
    return false
  }

  /// The next entry's document, its values in `values` (cleared first); nil at the end.
  /// - Throws: `IndexError.corrupt` when the list is damaged.
  public mutating func next(values: inout [Double]) throws(IndexError) -> UInt32? {
    values.removeAll(keepingCapacity: true)
    if p >= end { return nil }
    let entry = p
    guard let (d, n) = head(), d > last, d < Int64(UInt32.max), n > 0, n <= UInt64(end - p) else {
      throw .corrupt(file: file, offset: entry, reason: "damaged figure list entry")
    }
    last = d
    for _ in 0..<n {
      guard let v = value() else { throw .corrupt(file: file, offset: p, reason: "damaged figure value") }
      values.append(v)
    }
    return UInt32(d)
  }
}
