import Analysis
import Indexing

/// The JSON the CLI's `--json` prints and the server's `/api/*` answers: one writer per shape,
/// so that both always agree (FORMAT.md and the server's OpenAPI document describe them).
public enum JSONShapes {
  /// `search --json`, `/api/search`: `{query, total, hits: [{doc, path, title, date, source,
  /// score, snippet, entities?}], micros?, rank_micros?}`.
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
  /// entities?}`.
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
    j.close()
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

  /// `entities --json`, `/api/entities`: `{query, documents, entities: {KIND: [{name,
  /// documents, mentions}]}}`, one list per kind counted, `top` entries at most.
  public static func entities(_ f: FacetCollector, query: String?, top: Int) -> String {
    var j = JSONWriter()
    j.open()
    j.field("query", query)
    j.field("documents", f.documents)
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
  /// name, aliases, mentions, documents}], documents, mentions: [{doc, path, field, offset,
  /// text, context, entity}]}`.
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

  /// `show --json`, `/api/doc`: `{doc, path, url, title, date, source, byline, text}`.
  public static func document(_ d: StoredDocument) -> String {
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
