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

  /// The story of document `doc` of segment number `segment` in the commit's story table: its
  /// id (the origin's document id) and its number of copies. An index written without stories
  /// (`index --no-stories`), or a document the table does not know, is a story of its own (its
  /// id, one copy).
  public static func of(
    _ stored: StoredDocument, table: StoryTable?, segment: Int, doc: UInt32
  ) -> StoryColumns {
    guard let table, let n = table.story(segment: segment, doc: doc) else {
      return StoryColumns(id: stored.id, copies: 1)
    }
    let s = table.stories[n]
    return StoryColumns(id: table.documents[s.origin].id, copies: s.copies)
  }
}
