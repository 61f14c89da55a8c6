import Analysis
import Foundation
import Hummingbird
import Indexing
import Logging
import Searching

/// `blotter serve`: the search page, the article and mentions views, and the JSON API over one
/// index, with Hummingbird. The pages and the API call the same `Queries`, and the API answers in
/// the shapes of the CLI's `--json` (`JSONShapes`).
public enum BlotterServer {
  /// The API's routes, as `/api/openapi.json` documents them.
  public static let apiRoutes = [
    "/api/search", "/api/doc", "/api/mentions", "/api/entities", "/api/timeline",
    "/api/stats", "/api/openapi.json",
  ]

  /// The HTML routes.
  public static let pageRoutes = ["/", "/doc", "/mentions", "/alerts", "/static/style.css"]

  /// The application serving `index` on `host:port`.
  /// - Throws: when the templates cannot be loaded.
  public static func application(
    index: IndexHandle, host: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil
  ) async throws -> some ApplicationProtocol {
    let pages = try await Pages(queries: Queries(index: index))
    let router = Router()
    router.add(middleware: ErrorMiddleware())
    let queries = Queries(index: index)

    // MARK: JSON API
    router.get("/api/search") { request, _ in
      try json {
        let p = QueryString(request.uri.query)
        let r = try Queries.searchRequest(p)
        return JSONShapes.search(try queries.search(r, highlight: .markdown))
      }
    }
    router.get("/api/doc") { request, _ in
      try json {
        let p = QueryString(request.uri.query)
        guard let id = p["id"], !id.isEmpty else {
          throw Refusal.badRequest("give a document id: id=…")
        }
        return JSONShapes.document(try queries.document(id), story: try queries.story(id))
      }
    }
    router.get("/api/mentions") { request, _ in
      try json {
        let p = QueryString(request.uri.query)
        return JSONShapes.mentions(try queries.mentions(try Queries.requiredQuery(p)))
      }
    }
    router.get("/api/entities") { request, _ in
      try json {
        let p = QueryString(request.uri.query)
        let q = p["q"].flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        let kinds = try Queries.kinds(p)
        let top = try Queries.integer(p, "top", default: Queries.defaultTop, in: 1...1000)
        let f = try queries.facets(q, kinds: kinds, sourcesAndMonths: false)
        return JSONShapes.entities(f, query: q, top: top)
      }
    }
    router.get("/api/timeline") { request, _ in
      try json {
        let p = QueryString(request.uri.query)
        let q = try Queries.requiredQuery(p)
        return JSONShapes.timeline(try queries.timeline(q, by: try Queries.timelineUnit(p)))
      }
    }
    router.get("/api/stats") { _, _ in
      try json { JSONShapes.stats(try queries.stats()) }
    }
    let openAPI = pages.openAPI
    router.get("/api/openapi.json") { _, _ in
      Response.text(openAPI, status: .ok, type: "application/json; charset=utf-8")
    }

    // MARK: Pages
    router.get("/") { request, _ in pages.search(QueryString(request.uri.query)) }
    router.get("/doc") { request, _ in pages.document(QueryString(request.uri.query)) }
    router.get("/mentions") { request, _ in pages.mentions(QueryString(request.uri.query)) }
    // Saved searches (`AlertPages`): the only routes that write, and only the alerts file.
    let alertPages = AlertPages(pages: pages)
    router.get("/alerts") { request, _ in alertPages.list(QueryString(request.uri.query)) }
    router.post("/alerts") { request, _ in await alertPages.save(request) }
    router.post("/alerts/seen") { request, _ in await alertPages.markSeen(request) }
    router.post("/alerts/remove") { request, _ in await alertPages.remove(request) }
    let css = pages.css
    router.get("/static/style.css") { _, _ in
      Response.text(css, status: .ok, type: "text/css; charset=utf-8")
    }

    // The home page's facets read every stored document (seconds on a 100,000-article index):
    // counted once in the background at start, so the first visit finds them cached.
    Task.detached(priority: .background) {
      _ = try? queries.facets(nil, kinds: EntityKind.allCases, sourcesAndMonths: true)
    }

    var log = logger ?? Logger(label: "blotter.serve")
    if logger == nil { log.logLevel = .warning }
    return Application(
      router: router,
      configuration: .init(address: .hostname(host, port: port), serverName: "blotter"),
      logger: log)
  }

  /// Serves until interrupted (SIGINT, SIGTERM).
  public static func run(index: IndexHandle, host: String, port: Int) async throws {
    let app = try await application(index: index, host: host, port: port)
    try await app.runService()
  }

  /// The JSON `body` makes, or the refusal's status and JSON.
  static func json(_ body: () throws -> String) throws -> Response {
    do {
      return Response.text(try body(), status: .ok, type: "application/json; charset=utf-8")
    } catch let r as Refusal {
      return Response.text(
        r.json, status: .init(code: r.status), type: "application/json; charset=utf-8")
    } catch {
      return Response.text(
        Refusal.indexError(error).json, status: .internalServerError,
        type: "application/json; charset=utf-8")
    }
  }
}

extension Response {
  /// A text response with the headers every answer carries: no script may run on a page
  /// (there is none: a scraped `<script>` that escaped escaping would still not run), and the
  /// content type is never sniffed.
  static func text(_ body: String, status: HTTPResponse.Status, type: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "base-uri 'none'; frame-ancestors 'none'"
    headers[.xContentTypeOptions] = "nosniff"
    headers[.cacheControl] = "no-store"
    return Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
  }
}

/// Turns whatever a route throws into an answer without a stack: a 404 for an unknown path,
/// otherwise the error's status with a one-line JSON message.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let e as HTTPError {
      let message = e.status == .notFound ? "no such page: \(request.uri.path)" : "\(e.status)"
      return Response.text(
        Refusal.errorJSON(message), status: e.status, type: "application/json; charset=utf-8")
    } catch {
      return Response.text(
        Refusal.errorJSON("internal error"), status: .internalServerError,
        type: "application/json; charset=utf-8")
    }
  }
}
