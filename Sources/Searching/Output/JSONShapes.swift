import Analysis
import Indexing

/// The JSON the CLI's `--json` prints and the server's `/api/*` answers: one writer per shape,
/// so that both always agree (FORMAT.md and the server's OpenAPI document describe them).
public enum JSONShapes {
  /// `search --json`, `/api/search`: `{query, total, hits: [{doc, path, title, date, source,
  /// score, snippet, entities?, story: {id, copies, docs, sources}}], micros?, rank_micros?}`.
  public static func search(_ r: SearchResult, micros: Int? = nil, rankMicros: Int? = nil)
    -> String
  {
    var j = JSONWriter()
    j.open()
    j.field("query", r.query)
    j.field("total", r.total)
    j.openArray("hits")
    for h in r.hits { hit(h, into: &j) }
    j.closeArray()
    if let micros { j.field("micros", micros) }
    if let rankMicros { j.field("rank_micros", rankMicros) }
    j.close()
    return j.text
  }

  /// One hit as `search --json` prints it: `{doc, path, title, date, source, score, snippet,
  /// entities?, story}`.
  static func hit(_ h: Hit, into j: inout JSONWriter) {
    j.open()
    j.field("doc", h.id)
    j.field("path", h.path)
    j.field("title", h.title)
    j.field("date", h.date)
    j.field("source", h.source)
    j.field("score", (Double(h.score) * 10000).rounded() / 10000)
    j.field("snippet", h.snippet)
    if !h.entities.isEmpty {
      j.openArray("entities")
      for m in h.entities {
        j.open()
        j.field("kind", m.kind.rawValue)
        j.field("name", m.canonical)
        j.field("text", m.surface)
        j.field("field", m.inTitle ? "title" : "body")
        j.field("offset", m.start)
        j.close()
      }
      j.closeArray()
    }
    j.key("story")
    story(h.story, into: &j)
    j.close()
  }

  /// A story as a hit carries it: `{id, copies, docs, sources}` (the origin first in `docs`).
  static func story(_ s: StoryTable.Summary, into j: inout JSONWriter) {
    j.open()
    j.field("id", s.id)
    j.field("copies", s.copies)
    j.openArray("docs")
    for d in s.docs { j.element(d) }
    j.closeArray()
    j.openArray("sources")
    for x in s.sources { j.element(x) }
    j.closeArray()
    j.close()
  }

  /// `stories --json`: `{query, total, stories: [{id, copies, first, last, docs: [{doc, date,
  /// source}], sources}]}`, the largest first.
  public static func stories(_ list: [StoryTable.Summary], query: String?, total: Int) -> String {
    var j = JSONWriter()
    j.open()
    j.field("query", query)
    j.field("total", total)
    j.openArray("stories")
    for s in list {
      j.open()
      j.field("id", s.id)
      j.field("copies", s.copies)
      let days = s.days.compactMap { $0 }
      j.field("first", days.min().map(Day.format))
      j.field("last", days.max().map(Day.format))
      j.openArray("docs")
      for (d, day) in zip(s.docs, s.days) {
        j.open()
        j.field("doc", d)
        j.field("date", day.map(Day.format))
        j.close()
      }
      j.closeArray()
      j.openArray("sources")
      for x in s.sources { j.element(x) }
      j.closeArray()
      j.close()
    }
    j.closeArray()
    j.close()
    return j.text
  }

  /// `alert check --json`: `{alert, query, new: [hits as in search --json]}`, one per alert.
  public static func alert(_ r: AlertReport) -> String {
    var j = JSONWriter()
    j.open()
    j.field("alert", r.alert)
    j.field("query", r.query)
    j.openArray("new")
    for h in r.new { hit(h, into: &j) }
    j.closeArray()
    j.close()
    return j.text
  }

  /// A query that does not parse: `{query, error, column}` (`search --batch`, a 400 answer).
  public static func queryError(query: String, _ e: QueryError) -> String {
    var j = JSONWriter()
    j.open()
    j.field("query", query)
    j.field("error", e.message)
    j.field("column", e.column)
    j.close()
    return j.text
  }

  /// `entities --json`, `/api/entities`: `{query, documents, by?, entities: {KIND: [{name,
  /// documents, mentions}]}}`, one list per kind counted, `top` entries at most; `by` is
  /// `"story"` when documents count stories (`entities --by story`).
  public static func entities(_ f: FacetCollector, query: String?, top: Int) -> String {
    var j = JSONWriter()
    j.open()
    j.field("query", query)
    j.field("documents", f.documents)
    if f.stories != nil { j.field("by", "story") }
    j.key("entities")
    j.open()
    for k in f.kinds {
      j.openArray(k.rawValue)
      for c in f.top(k, limit: top) {
        j.open()
        j.field("name", c.name)
        j.field("documents", c.documents)
        j.field("mentions", c.mentions)
        j.close()
      }
      j.closeArray()
    }
    j.close()
    j.close()
    return j.text
  }

  /// `mentions --json`, `/api/mentions`: `{entity: {kind, name, aliases}, entities: [{kind,
  /// name, aliases, mentions, documents}], documents, by?, mentions: [{doc, path, field, offset,
  /// text, context, entity}]}`; `by` is `"story"` when documents count stories.
  public static func mentions(_ r: MentionReport) -> String {
    func put(_ e: MentionReport.Entity, into j: inout JSONWriter) {
      j.field("kind", e.kind)
      j.field("name", e.name)
      j.openArray("aliases")
      for a in e.aliases { j.element(a) }
      j.closeArray()
    }
    var j = JSONWriter()
    j.open()
    j.key("entity")
    j.open()
    if let first = r.entities.first { put(first, into: &j) }
    j.close()
    j.openArray("entities")
    for e in r.entities {
      j.open()
      put(e, into: &j)
      j.field("mentions", e.mentions)
      j.field("documents", e.documents)
      j.close()
    }
    j.closeArray()
    j.field("documents", r.documents)
    if r.byStory { j.field("by", "story") }
    j.openArray("mentions")
    for m in r.mentions {
      j.open()
      j.field("doc", m.doc)
      j.field("path", m.path)
      j.field("field", m.field)
      j.field("offset", m.offset)
      j.field("text", m.text)
      j.field("context", m.context)
      j.field("entity", m.entity)
      j.close()
    }
    j.closeArray()
    j.close()
    return j.text
  }

  /// `timeline --json`, `/api/timeline`: `{query, by, periods: [{period, matches, total,
  /// share}], undated}`; `share` is `matches / total` rounded to 6 decimals (0 for a period
  /// without articles), `undated` the matching articles without a date.
  public static func timeline(_ t: Timeline) -> String {
    var j = JSONWriter()
    j.open()
    j.field("query", t.query)
    j.field("by", t.by.rawValue)
    j.openArray("periods")
    for p in t.periods {
      j.open()
      j.field("period", p.period)
      j.field("matches", p.matches)
      j.field("total", p.total)
      j.field("share", (p.share * 1_000_000).rounded() / 1_000_000)
      j.close()
    }
    j.closeArray()
    j.field("undated", t.undated)
    j.close()
    return j.text
  }

  /// `timeline --csv`: a header `period,matches,total,share`, a record per period, then one for
  /// the articles without a date (period `undated`; its total is the index's undated articles).
  public static func timelineCSV(_ t: Timeline) -> String {
    func share(_ m: Int, _ n: Int) -> String {
      String(n == 0 ? 0 : (Double(m) / Double(n) * 1_000_000).rounded() / 1_000_000)
    }
    var out = CSV.record(["period", "matches", "total", "share"])
    for p in t.periods {
      out += CSV.record([p.period, String(p.matches), String(p.total), share(p.matches, p.total)])
    }
    out += CSV.record(
      ["undated", String(t.undated), String(t.undatedTotal), share(t.undated, t.undatedTotal)])
    return out
  }

  /// `show --json`, `/api/doc`: `{doc, path, url, title, date, source, byline, text, story?}`
  /// (`story` as in a search hit, when the index has stories).
  public static func document(_ d: StoredDocument, story: StoryTable.Summary? = nil) -> String {
    var j = JSONWriter()
    j.open()
    j.field("doc", d.id)
    j.field("path", d.path)
    j.field("url", d.url)
    j.field("title", d.title)
    j.field("date", d.date)
    j.field("source", d.source)
    j.field("byline", d.byline)
    j.field("text", d.text)
    if let story {
      j.key("story")
      Self.story(story, into: &j)
    }
    j.close()
    return j.text
  }

  /// `stats --json`, `/api/stats`: `{documents, deleted, files, segments, terms, generation,
  /// bytes, bytes_without_store, bytes_by_kind: {KIND: n}, corpus}`.
  public static func stats(_ s: IndexStats) -> String {
    var j = JSONWriter()
    j.open()
    j.field("documents", s.documents)
    j.field("deleted", s.deleted)
    j.field("files", s.files)
    j.field("segments", s.segments)
    j.field("terms", s.terms)
    j.field("generation", s.generation)
    j.field("bytes", s.bytes)
    j.field("bytes_without_store", s.bytesWithoutStore)
    j.key("bytes_by_kind")
    j.open()
    for (k, v) in s.bytesByKind.sorted(by: { $0.key < $1.key }) { j.field(k, v) }
    j.close()
    j.field("corpus", s.corpus)
    j.close()
    return j.text
  }
}
