import Analysis
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif
import Indexing
import Testing

@testable import Searching

/// Saved searches: the alerts file, the check (new, changed, deleted documents) and the Atom
/// feed's escaping.
@Suite struct AlertTests {
  let analyzer = Analyzer()

  func doc(_ id: String, _ title: String, _ body: String, _ date: String) -> IndexDocument {
    IndexDocument(
      stored: StoredDocument(id: id, path: id, title: title, date: date, text: body),
      fields: [(.title, analyzer.tokens(title)), (.body, analyzer.tokens(body))],
      day: Day.parse(date), figures: [])
  }

  func tempIndex() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("blotter-alerts-\(UUID().uuidString)").path
  }

  /// Checks `alert` against the index at `path` and records the check; the new hits' ids.
  func check(_ alert: inout SavedAlert, _ path: String, all: Bool = false) throws -> [String] {
    let s = Searcher(reader: try IndexReader.open(path: path))
    let (report, updated) = try AlertCheck.check(alert, searcher: s, all: all, now: 1000)
    alert = updated
    return report.new.map(\.id)
  }

  @Test func newChangedAndDeletedDocuments() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try write(path) { w in
      _ = try w.add(doc("a", "Raid", "heroin found in Witham", "2024-01-01"))
      _ = try w.add(doc("b", "Fraud", "a fraud in Harwich", "2024-01-02"))
      _ = try w.add(doc("c", "Seizure", "heroin seized in Tiptree", "2024-01-03"))
    }
    var alert = SavedAlert(name: "h", query: "heroin", added: 0)
    #expect(try check(&alert, path) == [])
    #expect(alert.checked == 1000 && Set(alert.seen.keys) == ["a", "c"])
    #expect(try check(&alert, path) == [])

    // A new matching document, and `c` changed (deleted and added again with new text).
    let c = try ref(path, "c")
    try write(path) { w in
      _ = try w.add(doc("d", "Dealer", "heroin dealer jailed", "2024-01-04"))
      w.delete(c)
      _ = try w.add(doc("c", "Seizure", "heroin worth thousands seized in Tiptree", "2024-01-03"))
    }
    #expect(try check(&alert, path) == ["d", "c"])  // newest first

    // `a` deleted: nothing new, and it is no longer recorded.
    let a = try ref(path, "a")
    try write(path) { w in w.delete(a) }
    #expect(try check(&alert, path) == [])
    #expect(Set(alert.seen.keys) == ["c", "d"])
    // --all reports every current match.
    #expect(try check(&alert, path, all: true) == ["d", "c"])
  }

  /// One commit: the writer is released before the next one opens.
  func write(_ path: String, _ body: (IndexWriter) throws -> Void) throws {
    let w = try IndexWriter(path: path)
    try body(w)
    try w.commit()
  }

  /// Where the live document `id` is now.
  func ref(_ path: String, _ id: String) throws -> FileTable.DocRef {
    let r = try IndexReader.open(path: path)
    for s in r.segments {
      for d in 0..<UInt32(s.maxDoc) where !s.isDeleted(d) {
        if try s.document(d).id == id { return FileTable.DocRef(segment: s.info.name, doc: d) }
      }
    }
    Issue.record("no live document \(id)")
    return FileTable.DocRef(segment: "", doc: 0)
  }

  @Test func firstCheckWithAllReportsCurrentMatches() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let w = try IndexWriter(path: path)
    _ = try w.add(doc("a", "Raid", "heroin found", "2024-01-01"))
    _ = try w.add(doc("b", "Other", "nothing here", "2024-01-02"))
    try w.commit()
    var alert = SavedAlert(name: "h", query: "heroin", added: 0)
    #expect(try check(&alert, path, all: true) == ["a"])
    var bad = SavedAlert(name: "x", query: "heroin AND (", added: 0)
    #expect(throws: QueryError.self) { _ = try check(&bad, path) }
  }

  @Test func fingerprintFollowsContent() {
    let d = StoredDocument(id: "a", path: "a", title: "T", date: "2024-01-01", text: "body")
    var e = d
    e.text = "body."
    var f = d
    f.title = "Tb"
    f.text = "ody"  // the same bytes run together: still a different fingerprint
    #expect(AlertCheck.fingerprint(d) == AlertCheck.fingerprint(d))
    #expect(AlertCheck.fingerprint(d) != AlertCheck.fingerprint(e))
    #expect(AlertCheck.fingerprint(d) != AlertCheck.fingerprint(f))
    #expect(AlertCheck.fingerprint(d).count == 16)
  }

  @Test func bookRoundTripsAndRefusesOtherVersions() throws {
    var book = AlertBook()
    try book.add(name: "knife", query: "knife crime", now: 5)
    try book.add(name: "drugs \"quoted\"", query: "heroin OR cocaine", now: 6)
    #expect(throws: AlertBook.Problem.exists("knife")) { try book.add(name: "knife", query: "x", now: 7) }
    #expect(throws: AlertBook.Problem.badName("")) { try book.add(name: "", query: "x", now: 7) }
    #expect(throws: AlertBook.Problem.badName("a\nb")) { try book.add(name: "a\nb", query: "x", now: 7) }
    var a = try #require(book.alert(named: "knife"))
    a.seen = ["doc1": "0011223344556677"]
    a.checked = 9
    book.update(a)
    let bytes = try book.encoded()
    #expect(String(decoding: bytes.prefix(17), as: UTF8.self) == "blotter-alerts 1\n")
    #expect(try AlertBook.decode(bytes) == book)
    var other = Array("blotter-alerts 2\n".utf8) + bytes.dropFirst(17)
    #expect(throws: IndexError.self) { _ = try AlertBook.decode(other) }
    other = Array("blotter-alerts 1\n{\"alerts\": [".utf8)
    #expect(throws: IndexError.self) { _ = try AlertBook.decode(other) }
    try book.remove(name: "knife")
    #expect(book.alerts.map(\.name) == ["drugs \"quoted\""])
    #expect(throws: AlertBook.Problem.unknown("knife")) { try book.remove(name: "knife") }
  }

  @Test func savedAtomicallyInTheIndexFolder() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    #expect(try AlertBook.load(path: path) == AlertBook())
    var book = AlertBook()
    try book.add(name: "k", query: "knife", now: 1)
    try book.save(path: path)
    try book.save(path: path)
    #expect(try AlertBook.load(path: path) == book)
    #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["alerts"])
  }

  @Test func feedEscapesEveryTextAndParses() throws {
    let hostile = "<script>alert('x')</script> & \"q\" \u{1}\u{FFFE}"
    let alert = SavedAlert(name: "a&b<c>", query: "x \"y\" & <z>", added: 0)
    let entries = [
      AtomFeed.Entry(
        id: "d/1 & <2>", title: hostile, link: "https://e.example/?a=1&b=\"2\"",
        date: "2024-02-29", source: "Gazette & <Co>", summary: hostile),
      AtomFeed.Entry(
        id: "d/2", title: "plain", link: AtomFeed.fileURL("dir/a b&.html", corpus: "/c"),
        date: nil, source: nil, summary: ""),
    ]
    let xml = AtomFeed.xml(alert: alert, entries: entries, now: 86_400 * 365 + 3_661)
    #expect(!xml.contains("<script>") && !xml.contains("\u{1}") && !xml.contains("\u{FFFE}"))
    #expect(xml.contains("<updated>1971-01-01T01:01:01Z</updated>"))
    #expect(xml.contains("<published>2024-02-29T00:00:00Z</published>"))
    #expect(xml.contains("href=\"file:///c/dir/a%20b%26.html\""))
    final class Collect: NSObject, XMLParserDelegate {
      var texts: [String: [String]] = [:]
      var hrefs: [String] = []
      var current = ""
      func parser(
        _ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) {
        if let h = attributes["href"] { hrefs.append(h) }
        current = ""
      }
      func parser(_ p: XMLParser, foundCharacters s: String) { current += s }
      func parser(
        _ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?
      ) {
        texts[e, default: []].append(current)
        current = ""
      }
    }
    let c = Collect()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = c
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    let clean = "<script>alert('x')</script> & \"q\" "
    #expect(c.texts["title"] == ["blotter: a&b<c>", clean, "plain"])
    #expect(c.texts["summary"] == [clean, ""])
    #expect(c.texts["subtitle"] == ["x \"y\" & <z>"])
    #expect(c.hrefs.first == "https://e.example/?a=1&b=\"2\"")
    #expect(c.texts["id"]?.count == 3)
    #expect(c.texts["id"]?.allSatisfy { !$0.contains(" ") && !$0.contains("<") } == true)
  }
}
