/// Why a file (or one document inside it) could not be extracted.
///
/// Every case names the corpus-relative path of the file, so a message printed on its own still
/// says where the problem is.
public enum ExtractionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file has no bytes, or nothing but whitespace.
  case emptyFile(path: String)
  /// The bytes are not text (NUL bytes or mostly control characters).
  case binaryData(path: String)
  /// A `.gz` file that zlib could not inflate, or that inflates past the size limit.
  case badCompression(path: String, reason: String)
  /// An RSS/Atom file that libxml2 could not parse, or that is neither RSS nor Atom.
  case unparseableFeed(path: String, reason: String)
  /// One line of a JSON Lines file that is not a usable JSON object (line numbers start at 1).
  case badJSONLine(path: String, line: Int, reason: String)
  /// The file parsed, but held no document with any text.
  case noDocuments(path: String)

  /// The file the error is about.
  public var path: String {
    switch self {
    case .emptyFile(let path), .binaryData(let path), .noDocuments(let path): path
    case .badCompression(let path, _), .unparseableFeed(let path, _): path
    case .badJSONLine(let path, _, _): path
    }
  }

  /// A one-line, human-readable message naming the file and the reason.
  public var description: String {
    switch self {
    case .emptyFile(let path): "\(path): empty file"
    case .binaryData(let path): "\(path): binary data, not text"
    case .badCompression(let path, let reason): "\(path): cannot decompress: \(reason)"
    case .unparseableFeed(let path, let reason): "\(path): unparseable feed: \(reason)"
    case .badJSONLine(let path, let line, let reason): "\(path): JSON line \(line): \(reason)"
    case .noDocuments(let path): "\(path): no document with any text"
    }
  }
}
