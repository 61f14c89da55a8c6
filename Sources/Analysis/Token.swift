/// One term occurrence: the normalised term, its position in the token stream and where it came
/// from in the input text.
///
/// Offsets are UTF-8 byte offsets into the analysed text and are never changed by filters, so a
/// snippet can always highlight the original words.
public struct Token: Sendable, Equatable {
  /// The indexed form: case- and diacritic-folded, stemmed where the analyzer stems.
  public var term: String
  /// Position in the token stream; tokens that share a position are alternatives ("£5.8" and
  /// "5.8").
  public var position: Int32
  /// Start of the surface form (UTF-8 byte offset).
  public var start: Int32
  /// End of the surface form (UTF-8 byte offset, exclusive).
  public var end: Int32
  /// A 64-bit hash of `term` (`Token.hash(of:)`), so term tables need not rehash the string.
  public var hash: UInt64

  public init(term: String, position: Int32, start: Int32, end: Int32) {
    self.term = term
    self.position = position
    self.start = start
    self.end = end
    self.hash = Token.hash(of: term)
  }

  /// A token whose hash the analyzer already computed.
  public init(term: String, hash: UInt64, position: Int32, start: Int32, end: Int32) {
    self.term = term
    self.position = position
    self.start = start
    self.end = end
    self.hash = hash
  }

  /// FNV-1a over the UTF-8 bytes, then a final mix so low bits are usable as a table index.
  @inline(__always) public static func hash(of term: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in term.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return mix(h)
  }

  /// The final mix of `hash(of:)`.
  @inline(__always) public static func mix(_ h: UInt64) -> UInt64 {
    var h = h
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}
