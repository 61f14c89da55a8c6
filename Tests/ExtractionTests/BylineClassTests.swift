import Testing

@testable import Extraction

/// Byline shapes seen on real pages outside the tuned sample (issue 10): a label inside the
/// line ("This entry was written by …", "7 Hours Ago By …"), names cut by a date word that is
/// part of them ("Omaha Sun", "White on Rice Couple"), a slash or symbol after the names, an
/// agency or job title printed after them, and values that are no names at all (a time zone,
/// a bare label, a menu link, a headline with "by" in it).
@Suite struct BylineClassTests {
  private static let body = TestPages.appealBody

  private func article(_ html: String) throws -> Article { try TestPages.article(html) }

  @Test(arguments: [
    ("by Fen Sun on Aug 8, 2012 9:00 AM", "Fen Sun"),
    ("By Theresa May", "Theresa May"),
    ("by Black on White Studio on November 12, 2012", "Black on White Studio"),
    ("Posted on 07/28/2012 by Ann Lee", "Ann Lee"),
    ("Watch This || By: Ann Lee", "Ann Lee"),
    ("By Ann Lee Topics: Courts, Soham", "Ann Lee"),
    ("By Ann Lee, filed under Crime", "Ann Lee"),
    ("Ann Lee / 8 hrs ago by Ann Lee", "Ann Lee"),
    ("By Ann Lee/The Fen Gazette", "Ann Lee"),
    ("by Ann Lee. Posted on 3:30 pm Tuesday Nov 13, 2012", "Ann Lee"),
  ])
  func lines(line: String, expected: String) {
    #expect(BylineReading.fromLine(line) == expected)
  }

  @Test(arguments: [
    ("Analysis by Ann Lee", "Ann Lee"),
    ("This entry was written by ann", "ann"),
    ("CRIME | 7 Hours Ago By Ann Lee", "Ann Lee"),
    ("Comments/in Crime /by annlee", "annlee"),
    ("Article by Ann, filed under Courts in the Crime category.", "Ann"),
    ("ANN LEE Associated Press", "ANN LEE"),
    ("Ann LeeEmail Author", "Ann Lee"),
    ("FenlandNews staff", "FenlandNews staff"),
    ("Ann Lee Discuss", "Ann Lee"),
    ("Ann Lee.", "Ann Lee"),
    ("Ann B.", "Ann B."),
    ("Ann Lee //", "Ann Lee"),
    ("Ann Lee →", "Ann Lee"),
    ("Ann Lee [link]", "Ann Lee"),
    ("Ann Lee / 8 hrs ago", "Ann Lee"),
    ("Ann Lee, Software Engineer", "Ann Lee"),
    ("Ann Lee & Tom Reeve, Search support team", "Ann Lee & Tom Reeve"),
    ("the Fenland Desktop Team", "the Fenland Desktop Team"),
  ])
  func elementValues(raw: String, expected: String) {
    #expect(BylineReading.refine(raw, site: nil) == expected)
  }

  @Test(arguments: [
    "20 Nov 2019 08:00 GMT", "Posted on", "Posted", "About",
    "Save 30% by Choosing Better Cloud Storage Instances",
    "Ann Lee Tom Reeve Bo Yu Cai Wen",
  ])
  func notNames(raw: String) {
    #expect(BylineReading.refine(raw, site: nil) == nil)
  }

  @Test func inlineAuthorLinkGivesOnlyItsOwnWords() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>
      <p class="meta">Filed 4 May 2024 in Crime · <a rel="author" href="/a/ann">Ann Lee</a></p>
      \(Self.body)</article></body></html>
      """)
    #expect(a.byline == "Ann Lee")
  }

  @Test func commentAuthorIsNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>\(Self.body)</article>
      <ol class="comments"><li><span class="comment-author">Dan Gale</span>
      <p>Second time this year for that yard.</p></li></ol></body></html>
      """)
    #expect(a.byline == nil)
  }

  @Test func authorBioBoxIsNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body><article>
      <h1>Vans taken from Soham yard</h1>\(Self.body)
      <div class="author-bio"><h4>About Ann Lee</h4><p>Ann writes on the courts.</p></div>
      </article></body></html>
      """)
    #expect(a.byline == nil)
  }

  /// A tagline is a sentence, not a name: six or more words in one "name".
  @Test func taglineInABylineBoxBeforeTheHeadlineIsNoByline() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard</title></head><body>
      <div class="byline">Local news from across the Fens since 1998</div><article>
      <h1>Vans taken from Soham yard</h1><span class="author">Ann Lee</span>
      \(Self.body)</article></body></html>
      """)
    #expect(a.byline == "Ann Lee")
  }

  @Test func headlineWithACountBeatsTheTitleRepeatedOverTheComments() throws {
    let a = try article(
      """
      <html><head><title>Vans taken from Soham yard - Fen Forum</title></head><body>
      <article><h2>Vans taken from Soham yard <span>12</span></h2>
      <div class="details">Posted by Ann Lee on Monday July 23, @08:24PM</div>
      \(Self.body)</article>
      <section class="comments"><h2>Vans taken from Soham yard</h2>
      <div class="comment"><p>Posted by fenboy on Tuesday: terrible news.</p></div></section>
      </body></html>
      """)
    #expect(a.title == "Vans taken from Soham yard")
    #expect(a.byline == "Ann Lee")
  }

  @Test func blogNameInAChromeHeaderLosesToTheLongerPostTitle() throws {
    let a = try article(
      """
      <html><head><title>Fenland Crime Diary: Vans stolen</title></head><body>
      <div id="masthead" class="masthead"><h1>Fenland Crime Diary</h1></div>
      <div class="post"><h3 class="post-title">Vans stolen</h3>\(Self.body)</div>
      </body></html>
      """)
    #expect(a.title == "Vans stolen")
  }
}
