import Testing

@testable import Extraction

/// Page pieces the metadata suites share: an appeal's two body paragraphs (long enough to be the
/// article) and extraction of one page.
enum TestPages {
  static let appealBody = """
    <p>Officers were called to the yard off Station Road shortly after midnight and found the \
    gates forced and two vans missing, police said on Friday morning.</p>
    <p>Anyone who saw vehicles leaving the area, or who has been offered power tools for sale \
    since, is asked to call 101 quoting the incident number given in the appeal.</p>
    """

  /// The one article `html` (as `p.html`) gives.
  static func article(_ html: String) throws -> Article {
    try #require(DocumentExtractor().extract(bytes: Array(html.utf8), path: "p.html").first)
  }
}
