import Foundation
import Testing

/// `blotter timeline` and `blotter export` as a user runs them, over articles written here (a
/// JSON Lines export, one undated article, a title with a comma and quotes; extraction makes a
/// line break in a title a space, so titles with line breaks are tested in `ExportTests`).
@Suite(.serialized) struct TimelineExportCLITests {
  static let lines = [
    #"{"id": "t1", "title": "Raid in Basildon, \"cuckooing\" flat\nclosed", "date": "2024-01-10", "#
      + #""body": "Essex Police raided a flat in Basildon on Tuesday. Five people were arrested."}"#,
    #"{"id": "t2", "title": "Theft from a shop in Colchester", "date": "2024-03-02", "#
      + #""body": "A man stole a bike from a shop in Colchester. Essex Police are appealing."}"#,
    #"{"id": "t3", "title": "Fire in Harlow", "date": "2024-03-20", "#
      + #""body": "Firefighters put out a fire in Harlow. Nobody was hurt."}"#,
    #"{"id": "t4", "title": "Court hears Basildon case", "#
      + #""body": "A court heard a case about a flat in Basildon."}"#,
  ]

  static let index: URL = CLI.indexPages(
    [("news/export.jsonl", lines.joined(separator: "\n") + "\n")], name: "timeline-export")

  func run(_ args: [String]) throws -> CLI.Run {
    try CLI.run(args + ["--index", Self.index.path])
  }

  @Test func timelineJSONHasEveryMonthAndTheUndated() throws {
    let r = try run(["timeline", "basildon", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try r.json()
    #expect(j["query"] as? String == "basildon")
    #expect(j["by"] as? String == "month")
    #expect(j["undated"] as? Int == 1)
    let periods = try #require(j["periods"] as? [[String: Any]])
    #expect(periods.compactMap { $0["period"] as? String } == ["2024-01", "2024-02", "2024-03"])
    #expect(periods.compactMap { $0["matches"] as? Int } == [1, 0, 0])
    #expect(periods.compactMap { $0["total"] as? Int } == [1, 0, 2])
  }

  @Test func timelineByWeekAsCSVAndAsText() throws {
    let csv = try run(["timeline", "essex", "--by", "week", "--csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    let rows = csv.stdout.components(separatedBy: "\r\n")
    #expect(rows.first == "period,matches,total,share")
    // 2024-01-10 is in ISO week 2, 2024-03-20 in week 12.
    #expect(rows[1] == "2024-W02,1,1,1.0")
    #expect(rows.contains("2024-W09,1,1,1.0"))
    #expect(rows.contains("2024-W12,0,1,0.0"))
    #expect(rows.contains("undated,0,1,0.0"))
    let text = try run(["timeline", "essex", "--by", "year"])
    #expect(text.stdout.contains("2 articles matching essex, by year"))
    #expect(text.stdout.contains("2024"))
  }

  @Test func timelineRefusesABadPeriodAndABadQuery() throws {
    let by = try run(["timeline", "essex", "--by", "hour"])
    #expect(by.status != 0)
    #expect(by.stderr.contains("--by must be day, week, month or year"))
    let q = try run(["timeline", "\"unclosed"])
    #expect(q.status == 2)
    let both = try run(["timeline", "essex", "--json", "--csv"])
    #expect(both.status != 0)
  }

  @Test func exportCSVKeepsTheColumnsAndQuotesTheTitle() throws {
    let r = try run(["export", "basildon", "--format", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasPrefix(
        "id,path,title,date,source,byline,story,copies,places,units,officers,forces,figures\r\n"))
    // Quoted: the comma and the doubled quotes inside one field.
    #expect(r.stdout.contains(",\"Raid in Basildon, \"\"cuckooing\"\" flat closed\",2024-01-10,"))
    let records = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(records.count == 3)  // the header and the two Basildon articles
    #expect(records[1].contains("Basildon"))
    #expect(records[1].contains("Essex Police"))
  }

  @Test func exportJSONLinesAndGeoJSONParseBack() throws {
    let r = try run(["export", "basildon", "--format", "jsonl"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try r.jsonLines()
    #expect(rows.count == 2)
    #expect(rows.first?["title"] as? String == "Raid in Basildon, \"cuckooing\" flat closed")
    #expect((rows.first?["places"] as? [String])?.contains("Basildon") == true)
    #expect(rows.first?["copies"] as? Int == 1)
    let g = try run(["export", "basildon", "--format", "geojson"])
    #expect(g.status == 0, "\(g.stderr)")
    let root = try g.json()
    #expect(root["type"] as? String == "FeatureCollection")
    let features = try #require(root["features"] as? [[String: Any]])
    let basildon = features.filter {
      ($0["properties"] as? [String: Any])?["place"] as? String == "Basildon"
    }
    #expect(basildon.count == 2)
    let c = (basildon.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
    #expect(c.count == 2 && abs(c[0] - 0.46) < 0.05 && abs(c[1] - 51.57) < 0.05)
  }

  @Test func exportRefusesAnUnknownFormat() throws {
    let r = try run(["export", "basildon", "--format", "xml"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("--format must be csv, jsonl, geojson or opensearch"))
  }
}
