import Testing
@testable import Extraction

@Test func smoke() throws {
  let html = Array("<html><head><title>Hello | Site</title></head><body><p>This is a long paragraph of text, with a comma, that should be kept by the extractor.</p></body></html>".utf8)
  let a = try DocumentExtractor().extract(bytes: html, path: "a.html")
  #expect(a.count == 1)
  #expect(a[0].title == "Hello")
}
