import CStemmer

/// Snowball's English stemmer. The C stemmer reuses its result buffer on every call, so an
/// instance is mutable per-task state: one per worker, never shared.
public final class SnowballStemmer {
  private let stemmer: OpaquePointer
  private var cache: [String: String] = [:]

  /// - Parameter language: a Snowball algorithm name ("english").
  public init?(language: String = "english") {
    guard let s = sb_stemmer_new(language, "UTF_8") else { return nil }
    stemmer = s
  }

  deinit { sb_stemmer_delete(stemmer) }

  /// Stems one lower-case word. Results are memoised: news vocabulary is Zipf-distributed.
  public func stem(_ word: String) -> String {
    if let hit = cache[word] { return hit }
    var w = word
    let result: String = w.withUTF8 { buf in
      guard let base = buf.baseAddress,
        let out = sb_stemmer_stem(stemmer, base, Int32(buf.count))
      else { return word }
      let n = Int(sb_stemmer_length(stemmer))
      return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
    }
    if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
    cache[word] = result
    return result
  }
}
