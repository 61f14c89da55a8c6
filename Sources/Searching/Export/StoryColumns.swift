import Indexing

/// The `story` and `copies` columns of an exported article.
public struct StoryColumns: Sendable, Equatable {
  /// The story's id.
  public var id: String
  /// How many articles of the index are copies of the story.
  public var copies: Int

  public init(id: String, copies: Int) {
    self.id = id
    self.copies = copies
  }

  /// The story of document `doc` of `segment`: the one place export asks for it. The index
  /// holds no story grouping yet, so each article is its own story (its id, one copy); story
  /// grouping (issue 13) answers here from its story table.
  public static func of(_ stored: StoredDocument, segment: SegmentReader, doc: UInt32)
    -> StoryColumns
  {
    StoryColumns(id: stored.id, copies: 1)
  }
}
