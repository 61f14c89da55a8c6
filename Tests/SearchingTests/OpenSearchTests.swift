import Analysis
import Foundation
import Indexing
import Testing

@testable import Searching

/// `blotter export --format opensearch` and `blotter translate --to opensearch`: the template,
/// the documents, the bulk files and manifest, `--since`, and the DSL of every query form.
@Suite struct OpenSearchTests {
  let analyzer = Analyzer()

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The compact DSL of `query`'s clause (inside `query`).
  func dsl(_ query: String) throws -> String {
    let full = try OpenSearchTranslator().translate(query)
    return try #require(full["query"]).compact
  }

  // MARK: - Template

  @Test func templateAnalysesTextAsBlotterDoes() throws {
    let t = try json(OpenSearchMapping.template(name: "police").compact)
    #expect(t["index_patterns"] as? [String] == ["police", "police-*"])
    let template = try #require(t["template"] as? [String: Any])
    let analysis = try #require(
      (template["settings"] as? [String: Any])?["analysis"] as? [String: Any])
    let analyzer = try #require(
      (analysis["analyzer"] as? [String: Any])?["blotter_english"] as? [String: Any])
    // Snowball English as blotter stems, folding, and no stop words (blotter keeps them).
    #expect(analyzer["tokenizer"] as? String == "standard")
    #expect(analyzer["filter"] as? [String] == ["lowercase", "asciifolding", "blotter_stemmer"])
    let stemmer = (analysis["filter"] as? [String: Any])?["blotter_stemmer"] as? [String: String]
    #expect(stemmer == ["type": "snowball", "language": "English"])
    let props = try #require(
      (template["mappings"] as? [String: Any])?["properties"] as? [String: Any])
    func field(_ name: String) -> [String: Any] { props[name] as? [String: Any] ?? [:] }
    #expect(field("title")["analyzer"] as? String == "blotter_english")
    #expect(field("body")["analyzer"] as? String == "blotter_english")
    #expect(field("source")["type"] as? String == "keyword")
    #expect(field("byline")["type"] as? String == "keyword")
    #expect(field("published")["type"] as? String == "date")
    for k in ["unit", "force", "officer", "place"] {
      #expect(field(k)["type"] as? String == "keyword", "\(k)")
      #expect(field(k)["normalizer"] as? String == "blotter_fold", "\(k)")
    }
    #expect(field("place_point")["type"] as? String == "geo_point")
    #expect(field("figures")["type"] as? String == "nested")
    let figure = field("figures")["properties"] as? [String: Any] ?? [:]
    #expect(Set(figure.keys) == ["noun", "value", "unit", "text"])
    #expect(field("story_id")["type"] as? String == "keyword")
  }

  // MARK: - Documents

  func mentionedDocument() -> StoredDocument {
    let body =
      "Det Supt Lisa Alcock of ERSOU said officers in Witham made 447 arrests and seized £5.8m."
    let mentions: [EntityMention] = [
      EntityMention(
        kind: .officer, canonical: "Lisa Alcock", surface: "Det Supt Lisa Alcock", start: 0,
        end: 20,
        aliases: ["DSU", "Detective Superintendent"]),
      EntityMention(
        kind: .unit, canonical: "Eastern Region Special Operations Unit", surface: "ERSOU",
        start: 24,
        end: 29, aliases: ["ERSOU"]),
      EntityMention(
        kind: .place, canonical: "Witham", surface: "Witham", start: 46, end: 52,
        aliases: ["Braintree", "Essex", "Essex Police"]),
      EntityMention(
        kind: .figure, canonical: "arrest", surface: "447 arrests", start: 58, end: 69,
        figure: Figure(value: 447, unit: "count", noun: "arrest")),
      EntityMention(
        kind: .figure, canonical: "£", surface: "£5.8m", start: 81, end: 87,
        figure: Figure(value: 5_800_000, unit: "gbp", noun: "£")),
    ]
    return StoredDocument(
      id: "a.html", path: "a.html", url: "https://example.org/a", title: "Raid in Witham",
      date: "2024-03-02", source: "Colne Valley Gazette", text: body,
      extra: [StoredMentions.key: StoredMentions.encode(title: [], body: mentions)])
  }

  @Test func documentHoldsEntitiesWithAliasesAndAncestors() throws {
    let doc = try json(
      OpenSearchDocument().source(mentionedDocument(), day: Day.parse("2024-03-02")))
    #expect(doc["title"] as? String == "Raid in Witham")
    #expect(doc["published"] as? String == "2024-03-02")
    #expect(doc["source"] as? String == "Colne Valley Gazette")
    #expect(doc["byline"] == nil)
    #expect(doc["place"] as? [String] == ["Witham", "Braintree", "Essex", "Essex Police"])
    #expect(doc["unit"] as? [String] == ["Eastern Region Special Operations Unit", "ERSOU"])
    #expect(
      doc["officer"] as? [String] == [
        "Lisa Alcock", "DSU Alcock", "DSU Lisa Alcock", "Detective Superintendent Alcock",
        "Detective Superintendent Lisa Alcock",
      ])
    #expect(doc["officer_rank"] as? [String] == ["DSU", "Detective Superintendent"])
    // Blotter's own officer terms: rank words marked, names plain.
    let terms = try #require(doc["officer_terms"] as? [String])
    #expect(terms.first == "lisa alcock")
    #expect(terms.contains("^dsu alcock"))
    #expect(terms.contains("^detect ^superintend lisa alcock"))
    let figures = try #require(doc["figures"] as? [[String: Any]])
    #expect(figures.count == 2)
    #expect(figures[0]["noun"] as? String == "arrest")
    #expect(figures[0]["value"] as? Double == 447)
    #expect(figures[0]["unit"] as? String == "count")
    #expect(figures[0]["text"] as? String == "447 arrests")
    #expect(figures[1]["noun"] as? String == "£")
    #expect(figures[1]["value"] as? Double == 5_800_000)
    #expect(figures[1]["unit"] as? String == "gbp")
    // Witham's point from the gazetteer (Essex, about 51.80 N, 0.64 E).
    let points = try #require(doc["place_point"] as? [[String: Double]])
    #expect(points.count == 1)
    #expect(abs((points.first?["lat"] ?? 0) - 51.80) < 0.05)
    #expect(abs((points.first?["lon"] ?? 0) - 0.64) < 0.05)
  }

  // MARK: - Translation, one test per form

  let both = { (clause: String) in
    "{\"bool\":{\"should\":[" + clause.replacingOccurrences(of: "FIELD", with: "title") + ","
      + clause.replacingOccurrences(of: "FIELD", with: "body") + "],\"minimum_should_match\":1}}"
  }

  @Test func wordsAndPhrasesSearchTitleAndBody() throws {
    #expect(try dsl("Cannabis") == both("{\"match_phrase\":{\"FIELD\":\"Cannabis\"}}"))
    #expect(try dsl("\"county lines\"") == both("{\"match_phrase\":{\"FIELD\":\"county lines\"}}"))
  }

  @Test func prefixIsFolded() throws {
    #expect(try dsl("Burglé*") == both("{\"prefix\":{\"FIELD\":\"burgle\"}}"))
  }

  @Test func fieldsSearchTheirOwnField() throws {
    #expect(try dsl("title:raid") == #"{"match_phrase":{"title":"raid"}}"#)
    #expect(try dsl("body:\"county lines\"") == #"{"match_phrase":{"body":"county lines"}}"#)
    #expect(
      try dsl("source:\"Bedford Clarion\"")
        == #"{"match_phrase":{"source.words":"Bedford Clarion"}}"#)
    #expect(try dsl("byline:Smith") == #"{"match_phrase":{"byline.words":"Smith"}}"#)
    #expect(
      try dsl("title:(knife OR gun)")
        == #"{"bool":{"should":[{"match_phrase":{"title":"knife"}},{"match_phrase":{"title":"gun"}}],"minimum_should_match":1}}"#
    )
  }

  @Test func booleanForms() throws {
    let a = #"{"match_phrase":{"title":"a1"}}"#
    let b = #"{"match_phrase":{"title":"b2"}}"#
    #expect(try dsl("title:a1 title:b2") == "{\"bool\":{\"must\":[\(a),\(b)]}}")
    #expect(try dsl("title:a1 AND title:b2") == "{\"bool\":{\"must\":[\(a),\(b)]}}")
    #expect(
      try dsl("title:a1 OR title:b2")
        == "{\"bool\":{\"should\":[\(a),\(b)],\"minimum_should_match\":1}}")
    #expect(try dsl("title:a1 -title:b2") == "{\"bool\":{\"must\":[\(a)],\"must_not\":[\(b)]}}")
    #expect(try dsl("title:a1 NOT title:b2") == "{\"bool\":{\"must\":[\(a)],\"must_not\":[\(b)]}}")
    #expect(try dsl("NOT title:b2") == "{\"bool\":{\"must_not\":[\(b)]}}")
    #expect(
      try dsl("title:a1 (title:a1 OR title:b2)")
        == "{\"bool\":{\"must\":[\(a),{\"bool\":{\"should\":[\(a),\(b)],\"minimum_should_match\":1}}]}}"
    )
  }

  @Test func datesAreRangesOfDays() throws {
    let r = { (lo: String?, hi: String?) in
      var s = "{\"range\":{\"published\":{"
      if let lo { s += "\"gte\":\"\(lo)\"," }
      if let hi { s += "\"lte\":\"\(hi)\"," }
      return s + "\"format\":\"yyyy-MM-dd\"}}}"
    }
    #expect(try dsl("date:2024") == r("2024-01-01", "2024-12-31"))
    #expect(try dsl("date:2024-02") == r("2024-02-01", "2024-02-29"))
    #expect(try dsl("date:2019..2022") == r("2019-01-01", "2022-12-31"))
    #expect(try dsl("date:2022-03-01..2022-03-31") == r("2022-03-01", "2022-03-31"))
    #expect(try dsl("date:2020..") == r("2020-01-01", nil))
    #expect(try dsl("date:..2020") == r(nil, "2020-12-31"))
    #expect(try dsl("date:>2020") == r("2021-01-01", nil))
    #expect(try dsl("date:<2020-06") == r(nil, "2020-05-31"))
  }

  @Test func placesAreTermsOfTheirResolvedNames() throws {
    #expect(try dsl("place:Essex") == #"{"terms":{"place":["Essex"]}}"#)
    // Names that differ only in case are one (the keyword folds case).
    #expect(try dsl("place:essex") == #"{"terms":{"place":["essex"]}}"#)
    #expect(try dsl("place:Canvey") == #"{"terms":{"place":["Canvey","Canvey Island"]}}"#)
    // A region: the counties every place inside it names.
    let region = try dsl("place:\"East of England\"")
    for county in [
      "Essex", "Suffolk", "Norfolk", "Cambridgeshire", "Hertfordshire", "Bedfordshire",
    ] {
      #expect(region.contains("\"\(county)\""), "\(county)")
    }
  }

  @Test func unitsAndForcesMatchWholeNamesOrWords() throws {
    let rocu = try dsl("unit:ROCU")
    #expect(rocu.contains(#"{"match_phrase":{"unit.words":"ROCU"}}"#))
    #expect(rocu.contains(#"{"term":{"unit":"#))
    #expect(try dsl("unit:raptor") == #"{"match_phrase":{"unit.words":"raptor"}}"#)
    let nca = try dsl("force:NCA")
    #expect(nca.contains(#"{"match_phrase":{"force.words":"NCA"}}"#))
    #expect(nca.contains(#"{"term":{"force":"National Crime Agency"}}"#))
    #expect(
      try dsl("force:\"Essex Police\"") == #"{"match_phrase":{"force.words":"Essex Police"}}"#)
  }

  @Test func officersMatchRankAndNameTerms() throws {
    #expect(try dsl("officer:Miller") == #"{"match_phrase":{"officer_terms":"miller"}}"#)
    let dci = try dsl("officer:\"DCI Miller\"")
    #expect(dci.contains(#"{"match_phrase":{"officer_terms":"^dci miller"}}"#))
    #expect(dci.contains(#"{"match_phrase":{"officer_terms":"dci miller"}}"#))
    #expect(dci.contains(#"{"match_phrase":{"officer_terms":"^dci ^miller"}}"#))
    #expect(try dsl("officer:DCI").contains(#""^dci""#))
  }

  @Test func figuresAreNestedQueries() throws {
    let f = { (noun: String, range: String) in
      "{\"nested\":{\"path\":\"figures\",\"query\":{\"bool\":{\"filter\":[{\"term\":{\"figures.noun\":\"\(noun)\"}},"
        + "{\"range\":{\"figures.value\":{\(range)}}}]}}}}"
    }
    #expect(try dsl("figure:arrests>400") == f("arrest", "\"gt\":400"))
    #expect(try dsl("figure:arrests>=400") == f("arrest", "\"gte\":400"))
    #expect(try dsl("figure:arrests<10") == f("arrest", "\"lt\":10"))
    #expect(try dsl("figure:arrests<=10") == f("arrest", "\"lte\":10"))
    #expect(try dsl("figure:£>5.8m") == f("£", "\"gt\":5800000"))
    #expect(try dsl("figure:%>70") == f("%", "\"gt\":70"))
    #expect(try dsl("figure:\"firearms\">2") == f("firearm", "\"gt\":2"))
    let eq = try dsl("figure:arrests=447")
    #expect(eq.hasPrefix(f("arrest", "").components(separatedBy: "{\"range\"")[0]))
    #expect(eq.contains("\"gte\":446.99999") && eq.contains("\"lte\":447.00000"))
    #expect(
      try dsl("figure:firearms")
        == "{\"nested\":{\"path\":\"figures\",\"query\":{\"term\":{\"figures.noun\":\"firearm\"}}}}"
    )
  }

  @Test func translationIsAQueryObject() throws {
    let t = try json(try OpenSearchTranslator().translate("knife place:Kent").pretty)
    #expect(Set(t.keys) == ["query"])
    #expect(throws: QueryError.self) { try OpenSearchTranslator().translate("palce:Essex") }
  }

  // MARK: - Export and --since

  func doc(_ id: String, _ title: String) -> IndexDocument {
    let body =
      "Police in Essex arrested people. " + String(repeating: "More words follow here. ", count: 20)
    return IndexDocument(
      stored: StoredDocument(id: id, path: id, title: title, date: "2024-01-05", text: body),
      fields: [(.title, analyzer.tokens(title)), (.body, analyzer.tokens(body))],
      day: Day.parse("2024-01-05"), figures: [])
  }

  func tempFolder(_ what: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "blotter-os-\(what)-\(UUID().uuidString)"
    ).path
  }

  /// The actions of every bulk file: (action, id).
  func actions(_ out: String, _ s: OpenSearchExport.Summary) throws -> [(String, String)] {
    var all: [(String, String)] = []
    for f in s.files {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f.name))
      #expect(data.count == f.bytes)
      #expect(data.withUnsafeBytes { FileFormat.checksum($0) } == f.crc32)
      let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
      var k = 0
      while k < lines.count {
        let a = try json(String(lines[k]))
        let (verb, meta) = try #require(a.first)
        let id = try #require((meta as? [String: String])?["_id"])
        all.append((verb, id))
        k += verb == "index" ? 2 : 1
      }
    }
    return all
  }

  @Test func exportWritesBoundedBulkFilesAndManifest() throws {
    let path = tempFolder("index")
    let out = tempFolder("out")
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: out)
    }
    let w = try IndexWriter(path: path)
    for k in 0..<30 { _ = try w.add(doc("d\(k).html", "Story \(k)")) }
    try w.commit()
    let s = try OpenSearchExport.run(
      try IndexReader.open(path: path), .init(name: "police", out: out, maxBulkBytes: 4000))
    #expect(s.indexed == 30 && s.deleted == 0 && s.cursor == 1)
    #expect(s.files.count > 1)
    #expect(s.files.allSatisfy { $0.bytes <= 4000 })
    #expect(s.files.map(\.name).first == "bulk-0000.ndjson")
    let acts = try actions(out, s)
    #expect(acts.map(\.1).sorted() == (0..<30).map { "d\($0).html" }.sorted())
    #expect(acts.allSatisfy { $0.0 == "index" })
    let manifest = try json(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
    #expect(manifest["cursor"] as? Int == 1)
    #expect(manifest["indexed"] as? Int == 30)
    #expect((manifest["files"] as? [[String: Any]])?.count == s.files.count)
    let template = try json(try String(contentsOfFile: out + "/template.json", encoding: .utf8))
    #expect(template["index_patterns"] as? [String] == ["police", "police-*"])
    // An export into the same folder replaces the old bulk files.
    let again = try OpenSearchExport.run(try IndexReader.open(path: path), .init(out: out))
    #expect(again.files.count == 1)
    #expect(!FileManager.default.fileExists(atPath: out + "/bulk-0001.ndjson"))
  }

  @Test func sinceSendsAddedAndDeletedDocumentsThroughMerges() throws {
    let path = tempFolder("index")
    let out = tempFolder("out")
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: out)
    }
    func ref(_ id: String) throws -> FileTable.DocRef? {
      let r = try IndexReader.open(path: path)
      guard let hit = try r.document(id: id) else { return nil }
      return FileTable.DocRef(segment: r.segments[hit.segment].info.name, doc: hit.doc)
    }
    /// One commit (the writer and its lock are gone when it returns).
    func commit(maxSegments: Int, _ body: (IndexWriter) throws -> Void) throws -> Manifest {
      let w = try IndexWriter(path: path)
      w.mergePolicy = MergePolicy(maxSegments: maxSegments)
      try body(w)
      return try w.commit()
    }
    func add(_ w: IndexWriter, _ id: String, _ title: String) throws {
      w.fileTable.entries[id] = .init(
        size: 1, mtimeNanos: 0, hash: 0, docs: [try w.add(doc(id, title))])
    }
    // Commit 1: a, b. Commit 2: c, d.
    _ = try commit(maxSegments: 100) { w in for id in ["a", "b"] { try add(w, id, id) } }
    _ = try commit(maxSegments: 100) { w in for id in ["c", "d"] { try add(w, id, id) } }
    // Commit 3: b deleted, c replaced, e added, and everything merged into one segment.
    let b = try #require(try ref("b"))
    let c = try #require(try ref("c"))
    let m = try commit(maxSegments: 1) { w in
      w.delete(b)
      w.delete(c)
      w.fileTable.entries["b"] = nil
      try add(w, "c", "c changed")
      try add(w, "e", "e")
    }
    #expect(m.segments.count == 1)
    #expect(m.segments[0].origins == [[1, 1], [2, 1], [3, 2]])
    #expect(m.changes?.removed == [ChangeLog.Removal(generation: 3, ids: ["b", "c"])])
    // `blotter check` accepts the origins (and would name a manifest whose runs do not cover
    // the segment).
    #expect(try IndexChecker.check(path: path).documents == 4)

    let reader = try IndexReader.open(path: path)
    let since2 = try OpenSearchExport.run(reader, .init(since: 2, out: out))
    let acts2 = try actions(out, since2)
    #expect(acts2.filter { $0.0 == "delete" }.map(\.1) == ["b", "c"])
    #expect(acts2.filter { $0.0 == "index" }.map(\.1).sorted() == ["c", "e"])
    // Deletions come first, so the replaced c ends up present.
    #expect(acts2.firstIndex { $0.0 == "index" }! > acts2.lastIndex { $0.0 == "delete" }!)
    let since1 = try OpenSearchExport.run(reader, .init(since: 1, out: out))
    #expect(
      try actions(out, since1).filter { $0.0 == "index" }.map(\.1).sorted() == ["c", "d", "e"])
    let since3 = try OpenSearchExport.run(reader, .init(since: 3, out: out))
    #expect(since3.indexed == 0 && since3.deleted == 0 && since3.files.isEmpty)
    let full = try OpenSearchExport.run(reader, .init(out: out))
    #expect(try actions(out, full).map(\.1).sorted() == ["a", "c", "d", "e"])
    #expect(throws: OpenSearchExport.ExportError.self) {
      try OpenSearchExport.run(reader, .init(since: 4, out: out))
    }

    // A rebuild forgets the old commits: their cursors are refused.
    do {
      let r = try IndexWriter(path: path, rebuild: true)
      _ = try r.add(doc("a", "a"))
      try r.commit()
    }
    let rebuilt = try IndexReader.open(path: path)
    #expect(throws: OpenSearchExport.ExportError.self) {
      try OpenSearchExport.run(rebuilt, .init(since: 3, out: out))
    }
    #expect(try OpenSearchExport.run(rebuilt, .init(since: 4, out: out)).indexed == 0)
  }

  @Test func changeLogDropsItsOldestCommitsBeyondItsBound() {
    var log = ChangeLog(since: 0)
    log.record(generation: 1, ids: ["x"])
    log.record(generation: 2, ids: Array(repeating: "y", count: ChangeLog.maxIDs))
    #expect(log.since == 1)
    #expect(log.removed(after: 0) == nil)
    #expect(log.removed(after: 1)?.count == ChangeLog.maxIDs)
    #expect(log.removed(after: 2) == [])
  }
}
