import Analysis
import Foundation
import IndexFixtures
import Indexing
import Testing

@testable import Searching

/// `Searcher.export` and its writers: RFC 4180 CSV (quoting, CRLF), JSON Lines and GeoJSON, each
/// parsed back.
@Suite struct ExportTests {
  typealias Article = LabelledArticle

  static let essex = ["Essex", "Essex Police"]
  static let articles: [Article] = [
    Article(
      id: "echo/basildon.html", title: "Raid, arrests and \"cuckooing\" in Basildon",
      body: "ROCU and Essex Police raided a flat in Basildon and Colchester.",
      date: "2024-03-20", source: "Echo",
      entities: [
        (.unit, "ROCU", "ROCU"), (.force, "Essex Police", "Essex Police"),
        (.place, "Basildon", "Basildon"), (.place, "Colchester", "Colchester"),
      ],
      aliases: ["Basildon": essex, "Colchester": essex]),
    Article(
      id: "feed.xml#2", title: "Two lines\nof title", body: "Nothing happened in Nowhereville.",
      entities: [(.place, "Nowhereville", "Nowhereville")]),
  ]

  static func withSearcher<T>(_ body: (Searcher) throws -> T) throws -> T {
    let path = try LabelledIndex.build([articles], prefix: "blotter-export")
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(Searcher(reader: try IndexReader.open(path: path)))
  }

  static func export(_ q: String, _ format: ExportFormat) throws -> (String, ExportWriter) {
    try withSearcher { s in
      var out = ""
      var chunks = 0
      let w = try s.export(try s.parse(q), format: format) {
        out += $0
        chunks += 1
      }
      // Streamed: the header, one chunk per row at least, the footer.
      #expect(chunks >= 2)
      return (out, w)
    }
  }

  /// An RFC 4180 reader (the test's own, to parse the export back).
  static func parseCSV(_ s: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(s.unicodeScalars)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.unicodeScalars.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field)
        field = ""
      } else if c == "\r" && chars.first == "\n" {
        chars.removeFirst()
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else {
        field.unicodeScalars.append(c)
      }
    }
    return records
  }

  @Test func csvQuotesOnlyWhatNeedsQuoting() {
    #expect(CSV.record(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""])
      == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\n")
    // Spaces and a leading `=` are data: kept as they are.
    #expect(CSV.record([" x ", "=1+1"]) == " x ,=1+1\r\n")
  }

  @Test func csvExportParsesBackToTheColumns() throws {
    let (text, w) = try Self.export("raid OR nothing", .csv)
    #expect(w.rows == 2)
    #expect(text.hasPrefix(
      "id,path,title,date,source,byline,story,copies,places,units,officers,forces,figures\r\n"))
    #expect(text.hasSuffix("\r\n"))
    let records = Self.parseCSV(text)
    #expect(records.count == 3)
    #expect(records[0] == ExportRow.columns)
    #expect(records[1] == [
      "echo/basildon.html", "echo/basildon.html", "Raid, arrests and \"cuckooing\" in Basildon",
      "2024-03-20", "Echo", "", "echo/basildon.html", "1", "Basildon; Colchester", "ROCU", "",
      "Essex Police", "",
    ])
    // A title with a line break stays one field.
    #expect(records[2][2] == "Two lines\nof title")
    #expect(records[2][1] == "feed.xml" && records[2][3] == "")
  }

  @Test func figuresAreNounEqualsValueAndEachValueOnce() {
    let mentions = [
      "figure\tt\t0\t9\tarrest\t5 arrests\t5.0", "figure\tb\t0\t9\tarrest\t5 people\t5.0",
      "figure\tb\t20\t30\t£\t£5.8m\t5800000.0", "figure\tb\t40\t50\tkilogram\t2.5kg\t2.5",
      "officer\tb\t60\t70\tAlcock\tDI Alcock\tDI",
    ].joined(separator: "\n")
    let d = StoredDocument(
      id: "x", path: "x", title: "t", byline: "Jo Bloggs", text: "",
      extra: [StoredMentions.key: mentions])
    let r = ExportRow(d, story: StoryColumns(id: "x", copies: 1))
    #expect(r.figures == ["arrest=5", "£=5800000", "kilogram=2.5"])
    #expect(r.cells[5] == "Jo Bloggs")
    #expect(r.cells[10] == "Alcock")
    #expect(r.cells[12] == "arrest=5; £=5800000; kilogram=2.5")
  }

  @Test func jsonLinesHaveTheColumnsInOrderAndParseBack() throws {
    let (text, _) = try Self.export("raid OR nothing", .jsonl)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix(#"{"id":"echo/basildon.html","path":"echo/basildon.html","title""#))
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["places"] as? [String] == ["Basildon", "Colchester"])
    #expect(first["copies"] as? Int == 1)
    #expect(first["story"] as? String == "echo/basildon.html")
    #expect(first["title"] as? String == "Raid, arrests and \"cuckooing\" in Basildon")
    let second = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(second["date"] is NSNull)
    #expect(second["title"] as? String == "Two lines\nof title")
    #expect(Set(first.keys) == Set(ExportRow.columns))
  }

  @Test func geoJSONHasAPointPerPlaceWithAGazetteerPoint() throws {
    let (text, w) = try Self.export("raid OR nothing", .geojson)
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(root["type"] as? String == "FeatureCollection")
    let features = try #require(root["features"] as? [[String: Any]])
    // Basildon and Colchester; Nowhereville is in no gazetteer.
    #expect(features.count == 2)
    #expect(w.placesWithoutPoint == 1)
    let props = features.map { $0["properties"] as? [String: Any] ?? [:] }
    #expect(props.map { $0["place"] as? String } == ["Basildon", "Colchester"])
    #expect(props[0]["id"] as? String == "echo/basildon.html")
    #expect(props[0]["date"] as? String == "2024-03-20")
    #expect(props[0]["title"] as? String == "Raid, arrests and \"cuckooing\" in Basildon")
    let geometry = try #require(features[0]["geometry"] as? [String: Any])
    #expect(geometry["type"] as? String == "Point")
    // GeoJSON order: longitude, then latitude (Basildon is at about 51.57 N, 0.46 E).
    let c = try #require(geometry["coordinates"] as? [Double])
    #expect(c.count == 2 && abs(c[0] - 0.46) < 0.05 && abs(c[1] - 51.57) < 0.05)
  }

  @Test func anEmptyExportIsStillValid() throws {
    let (geo, _) = try Self.export("burglary", .geojson)
    let root = try JSONSerialization.jsonObject(with: Data(geo.utf8)) as? [String: Any]
    #expect((root?["features"] as? [Any])?.isEmpty == true)
    let (csv, _) = try Self.export("burglary", .csv)
    #expect(Self.parseCSV(csv) == [ExportRow.columns])
    let (jsonl, _) = try Self.export("burglary", .jsonl)
    #expect(jsonl.isEmpty)
  }

  @Test func placePointsTellApartPlacesOfOneName() throws {
    let inEssex = try #require(PlacePoints.point(name: "Basildon", areas: Self.essex))
    #expect(abs(inEssex.latitude - 51.57) < 0.05)
    #expect(PlacePoints.point(name: "Basildon", areas: ["Kent"]) == nil)
    // An area's point is its towns' centre.
    let county = try #require(PlacePoints.point(name: "Essex", areas: ["Essex Police"]))
    #expect(county.latitude > 51.4 && county.latitude < 52.1)
  }
}
