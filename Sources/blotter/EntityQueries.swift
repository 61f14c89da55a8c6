import Searching

/// Connects the query language's entity fields to the entity recognizer's canonical names.
enum EntityQueries {
  static func install(on searcher: Searcher) {}
}
