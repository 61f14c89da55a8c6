import Foundation
import Testing

/// Blocks a site repeats on many of its pages are chrome even when they sit inside the article
/// and read like prose; a page alone cannot tell, the site's other pages can.
@Suite struct SiteTemplateTests {
  static let stories = [
    ("raid", "Witham", "Officers executed a warrant at a terraced house in Witham and recovered a quantity of class A drugs from a bedroom cupboard."),
    ("fraud", "Harwich", "A retired teacher from Harwich was tricked out of her savings by fraudsters who claimed to be from her bank's security team."),
    ("arson", "Tiptree", "Firefighters were called to a barn fire near Tiptree in the early hours and police are treating the blaze as deliberate."),
    ("theft", "Maldon", "Tools worth several thousand pounds were taken from a van parked on a driveway in Maldon overnight on Sunday."),
  ]

  func page(_ slug: String, _ town: String, _ text: String) -> String {
    """
    <html><head><title>\(town) \(slug) | Estuary Bugle</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>\(town) \(slug) under investigation</h1>
    <p>\(text)</p>
    <p>Detectives have appealed for witnesses and anyone with dashcam footage to get in touch with them quoting the crime reference.</p>
    <p>Readers can now get the Digestline morning briefing with all the week's court results, sent free to their inbox every Friday at seven.</p>
    <p>A spokesperson said enquiries in \(town) were continuing and that officers would remain in the area for reassurance patrols this week.</p>
    </article><footer>Estuary Bugle</footer></body></html>
    """
  }

  func total(_ q: String, _ idx: URL) throws -> Int {
    try CLI.run(["search", q, "--index", idx.path, "--json"]).json()["total"] as? Int ?? -1
  }

  @Test func repeatedBlocksAreDroppedAndPageTextKept() throws {
    let corpus = CLI.tempDir("tpl-corpus")
    let idx = CLI.tempDir("tpl-index")
    let plain = CLI.tempDir("tpl-plain")
    defer {
      for u in [corpus, idx, plain] { try? FileManager.default.removeItem(at: u) }
    }
    for (slug, town, text) in Self.stories {
      let u = corpus.appendingPathComponent("bugle/\(slug).html")
      try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(page(slug, town, text).utf8).write(to: u)
    }
    #expect(try CLI.run(["index", corpus.path, "--index", idx.path]).status == 0)
    #expect(try CLI.run(["index", corpus.path, "--index", plain.path, "--no-templates"]).status == 0)
    // Without the site's evidence the promo reads like prose and is indexed.
    #expect(try total("digestline", plain) == 4)
    #expect(try total("digestline", idx) == 0)
    #expect(try total("dashcam", idx) == 0)
    for (_, town, _) in Self.stories { #expect(try total("\"\(town)\"", idx) == 1, "\(town)") }

    // A new page of the same site is judged with the stored evidence of the unchanged ones.
    let extra = corpus.appendingPathComponent("bugle/assault.html")
    try Data(page("assault", "Coggeshall", "A man was punched outside a pub in Coggeshall and taken to hospital with facial injuries.").utf8).write(to: extra)
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json"])
    #expect(try r.json()["added"] as? Int == 1)
    #expect(try total("digestline", idx) == 0)
    #expect(try total("coggeshall", idx) == 1)
  }
}
