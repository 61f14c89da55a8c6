/// Where the positions of an analysed text start: the byte offset of every `stride`-th position
/// (0, stride, 2·stride, …) and how many positions there are. The analyzer's scanner starts
/// every token from a clean state, so it can start again at any of these offsets and cut the same
/// tokens as a scan from the beginning (`Analyzer.spans(_:positions:from:count:)`): a snippet
/// finds the words around a few matched positions without scanning the whole text.
public struct TextPositions: Sendable, Equatable {
  /// Positions in the text (`Analyzer.spans(_:)` count), skipped over-long tokens included.
  public var count: Int
  /// Positions between two recorded starts (≥ 1).
  public var stride: Int
  /// UTF-8 offset of position `k · stride`, for every such position below `count`.
  public var starts: [UInt32]

  /// The default distance between recorded starts: a snippet scans at most this many positions
  /// before its window, and a text of n positions records n / 32 offsets.
  public static let defaultStride = 32

  public init(count: Int, stride: Int, starts: [UInt32]) {
    self.count = count
    self.stride = stride
    self.starts = starts
  }

  /// Whether `starts` has the one entry per `stride` positions that `count` calls for.
  public var isWellFormed: Bool {
    stride >= 1 && count >= 0 && starts.count == (count + stride - 1) / stride
  }

  /// The index in `starts` of the last recorded start at or before byte `offset` (0 when the
  /// offset is before all of them).
  public func checkpoint(atOrBefore offset: Int) -> Int {
    var lo = 0
    var hi = starts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(starts[mid]) <= offset { lo = mid + 1 } else { hi = mid }
    }
    return max(0, lo - 1)
  }

  /// The index in `starts` of the first recorded start at or after byte `offset`
  /// (`starts.count` when there is none).
  public func checkpoint(atOrAfter offset: Int) -> Int {
    var lo = 0
    var hi = starts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(starts[mid]) < offset { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
