import Foundation
import Hummingbird
import Indexing
import Searching

/// Saved searches in the web app: the search page saves its query as an alert (`POST /alerts`),
/// `/alerts` lists each alert with its new matches, `POST /alerts/seen` records a check and
/// `POST /alerts/remove` deletes an alert.
///
/// The alerts live in the index folder's `alerts` file (`AlertBook`, written atomically under its
/// own `flock`); writing it is not a commit, so the index itself stays read-only. Viewing
/// `/alerts` does not record a check — the page can be reloaded, and `blotter alert check` or
/// `watch --alerts` still see the same new matches — until the user presses "Mark as seen".
///
/// The POST routes are for the app's own forms only: a request whose `Origin` (or, without
/// one, `Referer`) is not this server's `Host` is refused (403), and so is one with neither, so
/// another site cannot make a visitor's browser save or check alerts.
struct AlertPages: Sendable {
  let pages: Pages
  var queries: Queries { pages.queries }
  var indexPath: String { queries.index.path }

  /// A form body at most this long.
  static let maxBody = 16 << 10
  /// New matches an alert lists at most.
  static let listLimit = 50

  // MARK: GET /alerts

  func list(_ p: QueryString) -> Response {
    var c = pages.base(QueryString(nil))
    c["pageTitle"] = "Alerts — blotter"
    var status = 200
    if let saved = p["saved"] { c["notice"] = "Saved alert ‘\(saved)’." }
    if let seen = p["seen"] { c["notice"] = "Marked the matches of ‘\(seen)’ as seen." }
    if let removed = p["removed"] { c["notice"] = "Removed alert ‘\(removed)’." }
    do {
      let book = try AlertBook.load(path: indexPath)
      let now = Int64(Date().timeIntervalSince1970)
      c["hasAlerts"] = !book.alerts.isEmpty
      c["alerts"] = try book.alerts.map { a -> [String: Any] in
        var d: [String: Any] = [
          "name": a.name, "query": a.query, "link": Links.search(a.query, sort: .date),
          "feed": "blotter alert feed " + Self.shellQuoted(a.name),
        ]
        do {
          let (report, _) = try queries.index.withSearcher { s in
            try AlertCheck.check(a, searcher: s, now: now, highlight: HTML.highlight)
          }
          d["matches"] = report.matches
          d["matchWord"] = report.matches == 1 ? "match" : "matches"
          if report.first {
            d["first"] = true
          } else {
            d["checked"] = a.checked.map(AtomFeed.timestamp) ?? ""
            d["newCount"] = report.new.count
            d["hasHits"] = !report.new.isEmpty
            d["hits"] = report.new.prefix(Self.listLimit).map { h -> [String: Any] in
              var x: [String: Any] = [
                "title": h.title.isEmpty ? h.id : h.title, "id": h.id,
                "link": Links.document(h.id),
              ]
              if let v = h.date { x["date"] = v }
              if let v = h.source { x["source"] = v }
              if !h.snippet.isEmpty { x["snippet"] = HTML.snippet(h.snippet) }
              return x
            }
            if report.new.count > Self.listLimit { d["more"] = report.new.count - Self.listLimit }
          }
        } catch let e as QueryError {
          d["problem"] = "the saved query no longer parses: \(e)"
        }
        return d
      }
    } catch {
      status = 500
      c["error"] = ["message": "the alerts could not be read: \(error)"]
    }
    return pages.render("alerts", c, status: status)
  }

  // MARK: POST /alerts

  /// Saves `q` as alert `name`, then sends the browser to `/alerts`.
  func save(_ request: Request) async -> Response {
    do {
      let form = try await Self.form(request)
      let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      let query = form["q"] ?? ""
      guard !name.isEmpty else { throw Refusal.badRequest("give the alert a name") }
      guard name.count <= 200, query.count <= 4000 else {
        throw Refusal.badRequest("the alert's name or query is too long")
      }
      guard query.contains(where: { !$0.isWhitespace }) else {
        throw Refusal.badRequest("give a query to save")
      }
      try queries.index.withSearcher { s in
        do {
          _ = try s.parse(query)
        } catch let e as QueryError {
          throw Refusal.badQuery(query, e)
        }
      }
      let now = Int64(Date().timeIntervalSince1970)
      do {
        try AlertBook.modify(path: indexPath) { book in
          try book.add(name: name, query: query, now: now)
        }
      } catch let e as AlertBook.Problem {
        throw Refusal(status: 409, message: "\(e)", json: Refusal.errorJSON("\(e)"))
      }
      return Self.seeOther("/alerts?saved=" + QueryString.encode(name))
    } catch let r as Refusal {
      return refused(r)
    } catch {
      return refused(
        Refusal(status: 500, message: "\(error)", json: Refusal.errorJSON("\(error)")))
    }
  }

  // MARK: POST /alerts/seen

  /// Records a check of alert `name` (its current matches become seen), as `alert check` does.
  func markSeen(_ request: Request) async -> Response {
    do {
      let form = try await Self.form(request)
      guard let name = form["name"], !name.isEmpty else {
        throw Refusal.badRequest("give the alert's name")
      }
      let now = Int64(Date().timeIntervalSince1970)
      try AlertBook.modify(path: indexPath) { book in
        guard let a = book.alert(named: name) else {
          throw Refusal.notFound("\(AlertBook.Problem.unknown(name))")
        }
        let (_, updated) = try queries.index.withSearcher { s in
          try AlertCheck.check(a, searcher: s, now: now)
        }
        book.update(updated)
      }
      return Self.seeOther("/alerts?seen=" + QueryString.encode(name))
    } catch let r as Refusal {
      return refused(r)
    } catch let e as QueryError {
      return refused(Refusal(status: 400, message: "bad query: \(e)", json: ""))
    } catch {
      return refused(
        Refusal(status: 500, message: "\(error)", json: Refusal.errorJSON("\(error)")))
    }
  }

  // MARK: POST /alerts/remove

  /// Deletes alert `name`, as `alert remove` does.
  func remove(_ request: Request) async -> Response {
    do {
      let form = try await Self.form(request)
      guard let name = form["name"], !name.isEmpty else {
        throw Refusal.badRequest("give the alert's name")
      }
      do {
        try AlertBook.modify(path: indexPath) { book in try book.remove(name: name) }
      } catch let e as AlertBook.Problem {
        throw Refusal.notFound("\(e)")
      }
      return Self.seeOther("/alerts?removed=" + QueryString.encode(name))
    } catch let r as Refusal {
      return refused(r)
    } catch {
      return refused(
        Refusal(status: 500, message: "\(error)", json: Refusal.errorJSON("\(error)")))
    }
  }

  // MARK: Shared

  func refused(_ r: Refusal) -> Response {
    var c = pages.base(QueryString(nil))
    c["pageTitle"] = "Alerts — blotter"
    c["error"] = ["message": r.message]
    return pages.render("alerts", c, status: r.status)
  }

  /// `303 See Other` to `location` (after a POST, so reloading does not post again).
  static func seeOther(_ location: String) -> Response {
    var r = Response.text("", status: .seeOther, type: "text/plain; charset=utf-8")
    r.headers[.location] = location
    return r
  }

  /// The form of a same-origin POST (`application/x-www-form-urlencoded`).
  static func form(_ request: Request) async throws -> QueryString {
    try sameOrigin(request.headers, authority: request.head.authority)
    let type = request.headers[.contentType] ?? ""
    guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
      throw Refusal(
        status: 415, message: "send the form as application/x-www-form-urlencoded",
        json: Refusal.errorJSON("unsupported media type"))
    }
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: maxBody)
    } catch {
      throw Refusal(
        status: 413, message: "the form is too long", json: Refusal.errorJSON("too long"))
    }
    return QueryString(String(buffer: body))
  }

  /// Refuses (403) a request whose `Origin`, or else `Referer`, is not this server (`Host`: the
  /// header, or the request's authority when the HTTP layer turned the header into it), or that
  /// has neither.
  static func sameOrigin(_ headers: HTTPFields, authority: String?) throws(Refusal) {
    let forbidden = Refusal(
      status: 403, message: "alerts are changed only from this app's own pages",
      json: Refusal.errorJSON("cross-origin request refused"))
    let hostHeader = headers.first { $0.name.canonicalName == "host" }?.value
    guard let host = (hostHeader ?? authority)?.lowercased(), !host.isEmpty else {
      throw forbidden
    }
    let origin = headers[.origin] ?? headers[.referer].map(Self.origin(ofURL:))
    guard let origin, origin != "null" else { throw forbidden }
    let lower = origin.lowercased()
    guard lower == "http://" + host || lower == "https://" + host else { throw forbidden }
  }

  /// `scheme://host[:port]` of a URL (the whole text when it has no path).
  static func origin(ofURL url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
    return String(url[..<end])
  }

  /// `s` quoted for a POSIX shell (the feed command shown on the page).
  static func shellQuoted(_ s: String) -> String {
    if !s.isEmpty && s.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
      return s
    }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
