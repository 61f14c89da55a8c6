import Indexing

/// What one check of one saved search found.
public struct AlertReport: Sendable {
  public var alert: String
  public var query: String
  /// The documents that match now and did not match (or matched with other content) at the
  /// alert's last check, newest first.
  public var new: [Hit]
  /// How many documents match now in all.
  public var matches: Int
  /// Whether this was the alert's first check.
  public var first: Bool
}

/// Checks saved searches against an index: the documents that match now and did not match at
/// the alert's last check — new articles, and old ones that now match because they changed (a
/// document counts again when its content fingerprint changed). The first check of an alert
/// reports nothing unless asked for all current matches.
public enum AlertCheck {
  /// The content fingerprint of a stored document: FNV-1a (64 bits) of its title, text, date,
  /// source, URL and byline, as 16 hex digits.
  public static func fingerprint(_ d: StoredDocument) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in [d.title, d.text, d.date ?? "", d.source ?? "", d.url ?? "", d.byline ?? ""] {
      for b in part.utf8 {
        h ^= UInt64(b)
        h &*= 0x0000_0100_0000_01B3
      }
      h ^= 0xFF  // a separator no UTF-8 byte sequence holds
      h &*= 0x0000_0100_0000_01B3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Every live document matching `query` now: id → fingerprint.
  public static func currentMatches(_ query: String, searcher: Searcher) throws
    -> [String: String]
  {
    let node = try searcher.parse(query)
    let perSegment = try searcher.matchingDocuments(node)
    var out: [String: String] = [:]
    for (si, ids) in perSegment.enumerated() where !ids.isEmpty {
      try searcher.reader.segments[si].documents(ids) { _, stored in
        out[stored.id] = fingerprint(stored)
      }
    }
    return out
  }

  /// Checks `alert` and returns the report and the alert as it is to be recorded (its `seen`
  /// set to what matches now, `checked` to `now`).
  /// - Parameter all: report every current match (on any check, the first included).
  /// - Throws: `QueryError` when the saved query no longer parses, `IndexError` for a damaged
  ///   index.
  public static func check(
    _ alert: SavedAlert, searcher: Searcher, all: Bool = false, now: Int64,
    highlight: Highlight = .markdown
  ) throws -> (report: AlertReport, updated: SavedAlert) {
    let current = try currentMatches(alert.query, searcher: searcher)
    let first = alert.checked == nil
    var newIDs: Set<String> = []
    if all {
      newIDs = Set(current.keys)
    } else if !first {
      for (id, fp) in current where alert.seen[id] != fp { newIDs.insert(id) }
    }
    var hits: [Hit] = []
    if !newIDs.isEmpty {
      let result = try searcher.search(
        alert.query, limit: current.count, order: .date, highlight: highlight)
      hits = result.hits.filter { newIDs.contains($0.id) }
    }
    var updated = alert
    updated.seen = current
    updated.checked = now
    return (
      AlertReport(
        alert: alert.name, query: alert.query, new: hits, matches: current.count, first: first),
      updated
    )
  }
}
