/// The fuzz targets' expanded input form, as `Fuzz/Sources/FuzzShared` reads it (the fuzz package
/// is separate, so the regression tests that replay its crashers share this copy): `count, head,
/// 0, unit, 0, tail[, 0, closer]` → `head + unit × n + tail + closer × n`, `n = count × 256`, so
/// a short saved input stands for 20,000 nested brackets or a 4,000-character paragraph.
public enum FuzzInput {
  /// The expanded bytes, or nil when `bytes` is not of that form or would pass 1 MiB.
  public static func expanded(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 3 else { return nil }
    let parts = bytes.dropFirst().split(
      separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let n = Int(bytes[0]) * 256
    let closer = parts.count > 3 ? parts[3] : []
    guard parts[0].count + parts[2].count + n * (parts[1].count + closer.count) <= 1 << 20 else {
      return nil
    }
    var out = Array(parts[0])
    for _ in 0..<n { out += parts[1] }
    out += parts[2]
    for _ in 0..<n { out += closer }
    return out
  }
}
