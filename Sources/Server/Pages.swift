import Analysis
import Foundation
import Hummingbird
import Indexing
import Mustache
import Searching

/// The HTML pages: the search page with its facets, an article, the mentions of an entity.
/// Each builds a plain dictionary for its mustache template (in the target's resources);
/// `{{…}}` escapes every value, and the few fragments inserted raw come from `HTML`.
struct Pages: Sendable {
  let queries: Queries
  let library: MustacheLibrary
  let css: String
  let openAPI: String

  /// Entities each facet lists.
  static let facetSize = 8

  init(queries: Queries) async throws {
    self.queries = queries
    guard let root = Bundle.module.resourcePath else {
      throw ResourceError(message: "the server's resources are missing")
    }
    library = try await MustacheLibrary(directory: root + "/Templates")
    css = try String(contentsOfFile: root + "/Static/style.css", encoding: .utf8)
    openAPI = try String(contentsOfFile: root + "/Static/openapi.json", encoding: .utf8)
  }

  struct ResourceError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  // MARK: Search

  static let examples: [(String, String)] = [
    ("place:Essex \"county lines\"", "a phrase in articles about Essex or anywhere in it"),
    ("unit:ROCU", "a police unit, by name or acronym"),
    ("officer:Alcock", "an officer, any rank form"),
    ("figure:arrests>10 date:2024", "more than ten arrests reported, in 2024"),
    ("knife OR machete -football", "either word, without football"),
  ]

  func search(_ p: QueryString) -> Response {
    var c = base(p)
    let q = p["q"].flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
    var status = 200
    if q == nil {
      c["examples"] = Self.examples.map {
        ["query": $0.0, "meaning": $0.1, "link": Links.search($0.0)]
      }
    }
    do {
      if let q {
        let r = try Queries.searchRequest(p)
        let result = try queries.search(r, highlight: HTML.highlight)
        c["hasResult"] = true
        c["total"] = result.total
        c["matchWord"] = result.total == 1 ? "match" : "matches"
        if !result.hits.isEmpty {
          c["shown"] = true
          c["from"] = r.offset + 1
          c["to"] = r.offset + result.hits.count
        }
        c["hits"] = result.hits.map { h -> [String: Any] in
          var d: [String: Any] = [
            "title": h.title.isEmpty ? h.id : h.title, "id": h.id,
            "link": Links.document(h.id),
          ]
          if let x = h.date { d["date"] = x }
          if let x = h.source { d["source"] = x }
          if !h.snippet.isEmpty { d["snippet"] = HTML.snippet(h.snippet) }
          var seen = Set<String>()
          let ents = h.entities.filter {
            seen.insert("\($0.kind.rawValue)\t\($0.canonical)").inserted
          }
          if !ents.isEmpty {
            d["hasEntities"] = true
            d["entities"] = ents.map {
              [
                "kind": $0.kind.rawValue, "name": $0.canonical, "text": $0.surface,
                "link": Links.mentions(Links.entityQuery($0)),
              ]
            }
          }
          return d
        }
        addChart(q, sort: r.order, to: &c)
        if r.offset > 0 {
          c["prev"] = Links.search(q, sort: r.order, offset: max(0, r.offset - r.limit))
        }
        if r.offset + result.hits.count < result.total && r.offset + r.limit <= Queries.maxOffset {
          c["next"] = Links.search(q, sort: r.order, offset: r.offset + r.limit)
        }
      }
      let f = try queries.facets(q, kinds: EntityKind.allCases, sourcesAndMonths: true)
      addFacets(f, query: q, sort: p["sort"] == "date" ? .date : .relevance, to: &c)
    } catch {
      status = error.status
      c["error"] = errorContext(error, query: q)
    }
    if let q { c["pageTitle"] = "\(q) — blotter" }
    return render("search", c, status: status)
  }

  func addFacets(_ f: FacetCollector, query: String?, sort: HitOrder, to c: inout [String: Any]) {
    c["facetsFor"] = f.documents
    let labels: [(EntityKind, String)] = [
      (.place, "Places"), (.unit, "Units"), (.officer, "Officers"), (.force, "Forces"),
    ]
    var facets: [[String: Any]] = []
    for (kind, label) in labels {
      let top = f.top(kind, limit: Self.facetSize)
      if top.isEmpty { continue }
      facets.append([
        "kind": kind.rawValue, "label": label,
        "items": top.map {
          [
            "name": $0.name, "count": $0.documents,
            "link": Links.search(
              Links.narrow(query, Links.entityQuery(kind: kind, name: $0.name)), sort: sort),
          ]
        },
      ])
    }
    let sources = f.topSources(limit: Self.facetSize)
    if !sources.isEmpty {
      facets.append([
        "kind": "source", "label": "Sources",
        "items": sources.map {
          [
            "name": $0.name, "count": $0.documents,
            "link": Links.search(
              Links.narrow(query, "source:" + Links.quoted($0.name)), sort: sort),
          ]
        },
      ])
    }
    c["facets"] = facets
    let months = f.months
    if !months.isEmpty {
      let most = months.map(\.documents).max() ?? 1
      c["hasMonths"] = true
      c["months"] = months.map {
        [
          "name": $0.name, "count": $0.documents,
          // A bar in tenths of the busiest month (a class: the page allows no inline style).
          "width": max(1, ($0.documents * 10 + most - 1) / most),
          "link": Links.search(Links.narrow(query, "date:" + $0.name), sort: sort),
        ]
      }
    }
  }

  /// The timeline chart of `q` by month (by year when the index spans too many months).
  func addChart(_ q: String, sort: HitOrder, to c: inout [String: Any]) {
    guard var t = try? queries.timeline(q, by: .month) else { return }
    if Chart.unit(forMonths: t.periods.count) == .year,
      let y = try? queries.timeline(q, by: .year)
    {
      t = y
    }
    guard let svg = Chart.svg(t, sort: sort) else { return }
    c["chart"] = svg
    c["chartCaption"] = "Matches per \(t.by.rawValue), of all articles"
  }

  // MARK: Article

  func document(_ p: QueryString) -> Response {
    var c = base(p)
    var status = 200
    do {
      guard let id = p["id"], !id.isEmpty else {
        throw Refusal.badRequest("give a document id: id=…")
      }
      let d = try queries.document(id)
      let mentions = d.extra[StoredMentions.key].map(StoredMentions.decode) ?? []
      var doc: [String: Any] = [
        "title": d.title.isEmpty ? d.id : d.title, "id": d.id,
        "body": HTML.body(d.text, mentions: mentions),
      ]
      if let x = d.date { doc["date"] = x }
      if let x = d.source { doc["source"] = x }
      if let x = d.byline { doc["byline"] = x }
      // Only web links: a scraped `javascript:` URL is not made a link.
      if let u = d.url,
        u.lowercased().hasPrefix("http://") || u.lowercased().hasPrefix("https://")
      {
        doc["url"] = u
      }
      var groups: [[String: Any]] = []
      let labels: [(EntityKind, String)] = [
        (.place, "Places"), (.unit, "Units"), (.officer, "Officers"), (.force, "Forces"),
        (.figure, "Figures"),
      ]
      for (kind, label) in labels {
        var counts: [String: Int] = [:]
        for m in mentions where m.kind == kind { counts[m.canonical, default: 0] += 1 }
        if counts.isEmpty { continue }
        groups.append([
          "kind": kind.rawValue, "label": label,
          "items": counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            [
              "name": $0.key, "count": $0.value, "kind": kind.rawValue,
              "link": Links.mentions(Links.entityQuery(kind: kind, name: $0.key)),
            ]
          },
        ])
      }
      doc["entities"] = groups
      c["doc"] = doc
      c["pageTitle"] = "\(d.title) — blotter"
    } catch let r as Refusal {
      status = r.status
      c["error"] = errorContext(r, query: nil)
    } catch {
      status = 500
      c["error"] = ["message": "internal error"]
    }
    return render("document", c, status: status)
  }

  // MARK: Mentions

  func mentions(_ p: QueryString) -> Response {
    var c = base(p)
    var status = 200
    let q = p["q"]
    do {
      let r = try queries.mentions(try Queries.requiredQuery(p))
      var groups: [[String: Any]] = []
      for m in r.mentions {
        let item: [String: Any] = [
          "field": m.field, "context": HTML.context(m.context, marking: m.text),
        ]
        if let last = groups.last, last["doc"] as? String == m.doc {
          groups[groups.count - 1]["items"] = (last["items"] as? [[String: Any]] ?? []) + [item]
        } else {
          groups.append([
            "doc": m.doc, "title": m.title.isEmpty ? m.doc : m.title,
            "link": Links.document(m.doc), "items": [item],
          ])
        }
      }
      c["report"] = [
        "entities": r.entities.map { e -> [String: Any] in
          var d: [String: Any] = [
            "kind": e.kind, "name": e.name, "mentions": e.mentions, "documents": e.documents,
            "mentionWord": e.mentions == 1 ? "mention" : "mentions",
            "documentWord": e.documents == 1 ? "article" : "articles",
          ]
          if !e.aliases.isEmpty {
            d["hasAliases"] = true
            d["aliases"] = e.aliases.joined(separator: ", ")
          }
          return d
        },
        "groups": groups,
      ]
      if let q { c["pageTitle"] = "Mentions of \(q) — blotter" }
    } catch {
      status = error.status
      c["error"] = errorContext(error, query: q)
    }
    return render("mentions", c, status: status)
  }

  // MARK: Shared

  /// What every page shows: the query in the box, the sort, the index's size.
  func base(_ p: QueryString) -> [String: Any] {
    var c: [String: Any] = ["pageTitle": "blotter"]
    if let q = p["q"], q.contains(where: { !$0.isWhitespace }) { c["q"] = q }
    if p["sort"] == "date" { c["sortDate"] = true }
    if let s = try? queries.stats() {
      c["stats"] = ["documents": s.documents, "generation": s.generation]
    }
    return c
  }

  func errorContext(_ r: Refusal, query: String?) -> [String: Any] {
    var e: [String: Any] = ["message": r.message]
    if let column = r.column, let query {
      e["query"] = query
      e["pointer"] = String(repeating: " ", count: max(0, column - 1)) + "^"
    }
    return e
  }

  func render(_ template: String, _ c: [String: Any], status: Int) -> Response {
    let html = library.render(c, withTemplate: template) ?? "template \(template) is missing"
    return Response.text(html, status: .init(code: status), type: "text/html; charset=utf-8")
  }
}
