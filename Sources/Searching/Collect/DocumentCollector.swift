import Indexing

/// Gathers something from every live document a query matches, in index order, as tantivy's
/// collectors do: `FacetCollector` counts entities, sources and months, `MentionCollector`
/// gathers the sentence around each mention. `Searcher.collect` runs the query once, unscored
/// and without a limit, and hands the collector each matching document with its stored fields.
public protocol DocumentCollector {
  /// Called once per matching live document, segment by segment, in document order.
  mutating func collect(_ stored: StoredDocument, segment: Int, doc: UInt32) throws
}

extension Searcher {
  /// Runs `node` over every segment and feeds each matching live document to `collector`.
  /// - Throws: `IndexError` for a damaged index, or what the collector throws.
  public func collect<C: DocumentCollector>(_ node: QueryNode, into collector: inout C) throws {
    for (si, ids) in try matchingDocuments(node).enumerated() {
      try reader.segments[si].documents(ids) { doc, stored in
        try collector.collect(stored, segment: si, doc: doc)
      }
    }
  }
}
