import Foundation
import Indexing

/// One saved search: its name, its query, and what it matched at its last check.
public struct SavedAlert: Sendable, Equatable, Codable {
  public var name: String
  public var query: String
  /// When it was added (seconds since 1970, UTC).
  public var added: Int64
  /// When it was last checked (seconds since 1970), nil before its first check.
  public var checked: Int64?
  /// The documents that matched at the last check: document id → content fingerprint
  /// (`AlertCheck.fingerprint`), so a document that changed counts as new again.
  public var seen: [String: String]

  public init(name: String, query: String, added: Int64) {
    self.name = name
    self.query = query
    self.added = added
    checked = nil
    seen = [:]
  }
}

/// The saved searches of one index, kept in the index folder in the file `alerts`
/// (`IndexFileNames.alerts`): a header line `blotter-alerts <version>` and then JSON, written
/// atomically (temp file, fsync, rename, fsync the folder) like the manifest. Garbage
/// collection and rebuilds keep it; a missing file is an empty book.
public struct AlertBook: Sendable, Equatable {
  /// The version this build writes and reads.
  public static let version = 1
  public private(set) var alerts: [SavedAlert] = []

  public init() {}

  /// Errors of the `alert` commands that are the user's to fix.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case unknown(String)
    case badName(String)

    public var description: String {
      switch self {
      case .exists(let n): "an alert named '\(n)' exists already"
      case .unknown(let n): "no alert named '\(n)'"
      case .badName(let n):
        "'\(n)' is not a usable alert name (1 to 100 characters, no control characters)"
      }
    }
  }

  public func alert(named name: String) -> SavedAlert? {
    alerts.first { $0.name == name }
  }

  /// Adds a saved search (the caller has checked that the query parses).
  public mutating func add(name: String, query: String, now: Int64) throws(Problem) {
    guard !name.isEmpty, name.count <= 100,
      !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { throw .badName(name) }
    if alert(named: name) != nil { throw .exists(name) }
    alerts.append(SavedAlert(name: name, query: query, added: now))
  }

  public mutating func remove(name: String) throws(Problem) {
    guard let i = alerts.firstIndex(where: { $0.name == name }) else { throw .unknown(name) }
    alerts.remove(at: i)
  }

  /// Replaces the alert of the same name (after a check).
  public mutating func update(_ alert: SavedAlert) {
    if let i = alerts.firstIndex(where: { $0.name == alert.name }) { alerts[i] = alert }
  }

  private struct Body: Codable {
    var alerts: [SavedAlert]
  }

  public func encoded() throws -> [UInt8] {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    let json = try enc.encode(Body(alerts: alerts))
    return Array("blotter-alerts \(Self.version)\n".utf8) + Array(json)
  }

  public static func decode(_ bytes: [UInt8]) throws(IndexError) -> AlertBook {
    let file = IndexFileNames.alerts
    guard let nl = bytes.firstIndex(of: 0x0A) else {
      throw .corrupt(file: file, offset: 0, reason: "no header line")
    }
    let head = String(decoding: bytes[..<nl], as: UTF8.self).split(separator: " ")
    guard head.count == 2, head[0] == "blotter-alerts", let v = Int(head[1]) else {
      throw .corrupt(file: file, offset: 0, reason: "not a blotter alerts file")
    }
    guard v == version else {
      throw .corrupt(
        file: file, offset: 0, reason: "alerts file version \(v); this build reads \(version)")
    }
    do {
      let body = try JSONDecoder().decode(Body.self, from: Data(bytes[(nl + 1)...]))
      var book = AlertBook()
      book.alerts = body.alerts
      return book
    } catch {
      throw .corrupt(file: file, offset: nl + 1, reason: "unreadable alerts: \(error)")
    }
  }

  /// The book of the index at `path` (empty when it has no alerts file yet).
  public static func load(path: String) throws -> AlertBook {
    let storage = Storage(path: path)
    guard storage.exists(IndexFileNames.alerts) else { return AlertBook() }
    return try decode(try storage.read(IndexFileNames.alerts))
  }

  /// Reads the book of the index at `path`, lets `body` change it and writes it back, holding
  /// an exclusive lock (`flock` on the index folder itself) throughout, so that two `alert`
  /// commands at once neither lose each other's changes nor write the temp file together.
  /// Nothing is written when `body` throws or changes nothing.
  public static func modify<R>(path: String, _ body: (inout AlertBook) throws -> R) throws -> R {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { throw IndexError.io(path: path, operation: "open", errno: errno) }
    defer { close(fd) }  // releases the lock
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR { throw IndexError.io(path: path, operation: "flock", errno: errno) }
    }
    let before = try load(path: path)
    var book = before
    let result = try body(&book)
    if book != before { try book.save(path: path) }
    return result
  }

  /// Writes the book into the index at `path` atomically.
  public func save(path: String) throws {
    try Storage(path: path).atomicWrite(IndexFileNames.alerts, bytes: try encoded())
  }
}
