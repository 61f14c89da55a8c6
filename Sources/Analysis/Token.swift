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

  public init(term: String, position: Int32, start: Int32, end: Int32) {
    self.term = term
    self.position = position
    self.start = start
    self.end = end
  }
}
