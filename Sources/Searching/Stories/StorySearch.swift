import Indexing

extension Searcher {
  /// The stories at least one of whose copies `node` matches, the largest first (then the
  /// earliest origin, then by id), `limit` at most, and how many there are in all. A document
  /// the commit's story table does not know (an index written without stories) is a story of
  /// its own.
  public func largestStories(
    _ node: QueryNode, limit: Int
  ) throws -> (stories: [StoryTable.Summary], total: Int) {
    let table = try stories()
    var known: Set<Int> = []
    var alone: [(segment: Int, doc: UInt32)] = []
    for (si, docs) in try matchingDocuments(node).enumerated() {
      for d in docs {
        if let n = table?.story(segment: si, doc: d) {
          known.insert(n)
        } else {
          alone.append((si, d))
        }
      }
    }
    let total = known.count + alone.count
    guard limit > 0 else { return ([], total) }
    var out: [StoryTable.Summary] = []
    if let table {
      // Story numbers follow their origins' (day, id) order.
      let ranked = known.sorted { a, b in
        let (x, y) = (table.stories[a].copies, table.stories[b].copies)
        return x != y ? x > y : a < b
      }
      out = ranked.prefix(limit).map(table.summary)
    }
    if out.count < limit || out.last.map({ $0.copies == 1 }) == true {
      for (si, d) in alone.prefix(limit) {
        let stored = try reader.segments[si].document(d)
        out.append(Self.story(nil, segment: si, doc: d, stored))
      }
      out.sort { a, b in
        if a.copies != b.copies { return a.copies > b.copies }
        let (x, y) = (a.days.first ?? nil, b.days.first ?? nil)
        return StoryGrouping.precedes(day: x, id: a.id, day: y, id: b.id)
      }
      out = Array(out.prefix(limit))
    }
    return (out, total)
  }
}
