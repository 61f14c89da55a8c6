import CStemmer

/// Snowball's English stemmer. The C stemmer reuses its result buffer on every call, so an
/// instance is mutable per-task state: one per worker, never shared.
///
/// Nothing is memoised here: the `Analyzer` that owns the stemmer keeps every word's indexed form
/// in its vocabulary, so each distinct word reaches the stemmer once.
public final class SnowballStemmer {
  private let stemmer: OpaquePointer

  /// - Parameter language: a Snowball algorithm name ("english").
  public init?(language: String = "english") {
    guard let s = sb_stemmer_new(language, "UTF_8") else { return nil }
    stemmer = s
  }

  deinit { sb_stemmer_delete(stemmer) }

  /// Stems one lower-case word.
  public func stem(_ word: String) -> String {
    var w = word
    return w.withUTF8 { stem($0) }
  }

  /// Stems one lower-case word given as UTF-8 bytes.
  public func stem(_ word: UnsafeBufferPointer<UInt8>) -> String {
    guard let base = word.baseAddress, let out = sb_stemmer_stem(stemmer, base, Int32(word.count))
    else { return String(decoding: word, as: UTF8.self) }
    let n = Int(sb_stemmer_length(stemmer))
    return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
  }
}
