extension DocumentExtractor {
  /// Extracts one line of a JSON Lines file, for callers that stream large files line by line
  /// instead of holding all their articles at once.
  /// - Parameters:
  ///   - line: the line's bytes (UTF-8, without the newline).
  ///   - number: the 1-based line number (used for the `#<line>` id when the line has no `id`).
  ///   - path: the corpus-relative path of the file.
  /// - Throws: `ExtractionError.badJSONLine` naming the line.
  public func extractJSONLine(_ line: [UInt8], number: Int, path: String) throws(ExtractionError) -> Article {
    ArticleLimits.finish(try JSONLinesExtraction.article(line, number: number, path: path))
  }

  /// The warning for a streamed line whose document id line `first` of the same file already
  /// has (streaming callers keep the first, as ``extractWithWarnings(bytes:path:)`` does).
  public static func duplicateIDWarning(
    id: String, path: String, line: Int, first: Int
  ) -> ExtractionError {
    JSONLinesExtraction.duplicate(id, path: path, line: line, first: first)
  }

  /// Whether `path` names an uncompressed JSON Lines file (``InputKinds/isJSONLines(path:)``).
  public static func isJSONLines(path: String) -> Bool { InputKinds.isJSONLines(path: path) }
}
