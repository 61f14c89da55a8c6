import Testing

@testable import Extraction

@Suite struct ErrorAndDecodingTests {
  let extractor = DocumentExtractor()

  @Test func emptyFileIsAnError() throws {
    #expect(throws: ExtractionError.emptyFile(path: "empty.html")) {
      try extractor.extract(bytes: fixture("empty.html"), path: "empty.html")
    }
    #expect(throws: ExtractionError.emptyFile(path: "blank.txt")) {
      try extractor.extract(bytes: Array(" \n\t\n".utf8), path: "blank.txt")
    }
  }

  @Test func binaryDataIsAnError() throws {
    #expect(throws: ExtractionError.binaryData(path: "img/x.dat")) {
      try extractor.extract(bytes: fixture("binary.dat"), path: "img/x.dat")
    }
    #expect(
      ExtractionError.binaryData(path: "img/x.dat").description
        == "img/x.dat: binary data, not text")
  }

  @Test func corruptGzipIsAnError() {
    let bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]
    #expect(throws: ExtractionError.self) {
      try extractor.extract(bytes: bytes, path: "x.html.gz")
    }
  }

  @Test func byteOrderMarkIsStripped() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF]
      + Array(
        "Title line\nA paragraph long enough to count as the body of this little story, with a full stop.\n"
          .utf8)
    let a = try #require(extractor.extract(bytes: bytes, path: "b.txt").first)
    #expect(a.title == "Title line")
  }

  @Test(arguments: [
    ("2024-05-14T08:30:00+01:00", "2024-05-14"),
    ("Tue, 14 May 2024 09:30:00 +0100", "2024-05-14"),
    ("14/05/2024", "2024-05-14"),
    ("Published 3.6.2024 at 10:00", "2024-06-03"),
    ("14 May 2024", "2024-05-14"),
    ("14th May, 2024", "2024-05-14"),
    ("May 14, 2024", "2024-05-14"),
    ("Updated: September 2, 2023 4:05pm", "2023-09-02"),
  ])
  func datesNormalise(_ raw: String, _ expected: String) {
    #expect(DateParsing.normalize(raw) == expected)
  }

  @Test func notADate() {
    #expect(DateParsing.normalize("Route 2024 closed") == nil)
    #expect(DateParsing.normalize("32/13/2024") == nil)
  }

  @Test func titleSuffixIsStripped() {
    let reader = PageMetadataReader(page: PageModel())
    #expect(
      reader.stripSiteSuffix("Man charged | Suffolk News", site: "Suffolk News").0 == "Man charged")
    #expect(
      reader.stripSiteSuffix("Man charged after crash in Ipswich - EADT", site: nil).0
        == "Man charged after crash in Ipswich")
    #expect(reader.stripSiteSuffix("Cats - and dogs", site: nil).0 == "Cats - and dogs")
  }

  @Test func kindIsSniffed() throws {
    #expect(
      try extractor.inputKind(bytes: Array("{\"title\":\"x\"}".utf8), path: "a") == .jsonLines)
    #expect(try extractor.inputKind(bytes: Array("<!doctype html><p>x".utf8), path: "a") == .html)
    #expect(try extractor.inputKind(bytes: Array("Just words.".utf8), path: "a") == .text)
    #expect(
      try extractor.inputKind(bytes: Array("<?xml version=\"1.0\"?><feed></feed>".utf8), path: "a")
        == .feed)
  }
}
