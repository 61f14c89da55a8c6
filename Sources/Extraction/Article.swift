/// One article as extracted from a scraped page, feed item, text dump or JSONL line.
///
/// Everything downstream (analysis, the index, search results) sees only this value: the chrome
/// of the page it came from is already gone.
public struct Article: Sendable, Codable, Equatable {
  /// The document id: the file's corpus-relative path ('/'-separated), plus `#<guid or line>` for
  /// files that hold several documents (feeds, JSONL).
  public var id: String
  /// The file's path relative to the corpus root, '/'-separated.
  public var path: String
  /// The article's canonical URL when the page, item or line names one.
  public var url: String?
  /// The headline, without a site-name suffix.
  public var title: String
  /// Publication date as `YYYY-MM-DD`, when one was found.
  public var date: String?
  /// Site or feed name.
  public var source: String?
  /// Author line ("By Jane Smith" → "Jane Smith").
  public var byline: String?
  /// Body text, one element per paragraph, whitespace-normalised.
  public var paragraphs: [String]

  public init(
    id: String, path: String, url: String? = nil, title: String, date: String? = nil,
    source: String? = nil, byline: String? = nil, paragraphs: [String]
  ) {
    self.id = id
    self.path = path
    self.url = url
    self.title = title
    self.date = date
    self.source = source
    self.byline = byline
    self.paragraphs = paragraphs
  }

  /// The body: paragraphs joined by newlines.
  public var text: String { paragraphs.joined(separator: "\n") }
}
