/// A query that cannot be parsed: the message and the 1-based column (in characters) where the
/// problem is, so the CLI can point at it.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var column: Int

  public init(_ message: String, column: Int) {
    self.message = message
    self.column = column
  }

  public var description: String { "column \(column): \(message)" }

  /// The query with a caret under the problem, for terminals.
  public func pointer(in query: String) -> String {
    query + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^ " + message
  }
}
