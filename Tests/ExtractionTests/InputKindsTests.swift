import Testing

@testable import Extraction

/// The one table of input kinds: extensions, what a walk reads, HTML and streamable JSON Lines.
@Suite struct InputKindsTests {
  @Test func extensionsNameKinds() {
    #expect(InputKinds.kind(forPath: "a/b/Feed.RDF") == .feed)
    #expect(InputKinds.kind(forPath: "a/page.php") == .html)
    #expect(InputKinds.kind(forPath: "dump.ndjson.gz") == .jsonLines)
    #expect(InputKinds.kind(forPath: "notes.md") == nil)
    #expect(InputKinds.kind(forPath: "README") == nil)
    #expect(InputKinds.kind(forPath: "site.v2/README") == nil)
  }

  @Test func aWalkReadsEveryWalkedRowAndNamesWithoutExtension() {
    for row in InputKinds.rows {
      #expect(InputKinds.isCorpusFile(name: "x." + row.ext) == row.walked, "\(row.ext)")
      #expect(InputKinds.isCorpusFile(name: "x." + row.ext.uppercased() + ".gz") == row.walked)
    }
    #expect(InputKinds.isCorpusFile(name: "story"))
    #expect(InputKinds.isCorpusFile(name: "story.gz"))
    #expect(!InputKinds.isCorpusFile(name: "style.css"))
    #expect(!InputKinds.isCorpusFile(name: "x."))
    #expect(!InputKinds.isCorpusFile(name: ".html"))
    #expect(!InputKinds.isCorpusFile(name: "site.json"))
  }

  @Test func htmlAndStreamableJSONLines() {
    #expect(InputKinds.isHTML(path: "s/a.SHTML.gz"))
    #expect(InputKinds.isHTML(path: "s/a.aspx"))
    #expect(!InputKinds.isHTML(path: "s/a.xml"))
    #expect(InputKinds.isJSONLines(path: "big.jsonl"))
    #expect(!InputKinds.isJSONLines(path: "big.jsonl.gz"))
    #expect(DocumentExtractor.isJSONLines(path: "x/dump.NDJSON"))
  }

  /// The extractor decides by the same table: an `.rdf` file is a feed, whatever its root says
  /// short of `<html>`.
  @Test func extractorUsesTheTable() throws {
    let rdf = """
      <?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title></channel></rdf:RDF>
      """
    let e = DocumentExtractor()
    #expect(try e.inputKind(bytes: Array(rdf.utf8), path: "f.rdf") == .feed)
    #expect(try e.inputKind(bytes: Array("<p>words</p>".utf8), path: "f.php") == .html)
    #expect(try e.inputKind(bytes: Array("words".utf8), path: "f.text") == .text)
  }
}
