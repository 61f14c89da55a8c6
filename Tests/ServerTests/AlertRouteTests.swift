import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Indexing
import Searching
import Testing

@testable import Server

/// Saved searches in the web app: saving the page's query (`POST /alerts`), the list of each
/// alert's new matches (`GET /alerts`, which records nothing) and "Mark as seen"
/// (`POST /alerts/seen`); cross-origin posts are refused and every text is escaped.
@Suite struct AlertRouteTests {
  struct Answer {
    var status: Int
    var body: String
    var location: String?
  }

  typealias Send = @Sendable (
    _ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields, _ body: String?
  ) async throws -> Answer

  static let host = "127.0.0.1:8080"

  /// Headers of the app's own form post.
  static func formHeaders(origin: String? = "http://127.0.0.1:8080", referer: String? = nil)
    -> HTTPFields
  {
    var h = HTTPFields()
    h[HTTPField.Name("Host")!] = host
    h[.contentType] = "application/x-www-form-urlencoded"
    if let origin { h[.origin] = origin }
    if let referer { h[.referer] = referer }
    return h
  }

  static func withServer(_ body: @Sendable (_ send: Send, _ path: String) async throws -> Void)
    async throws
  {
    let path = try ServerFixture.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let app = try await BlotterServer.application(index: try IndexHandle(path: path))
    try await app.test(.router) { client in
      try await body(
        { method, uri, headers, text in
          try await client.execute(
            uri: uri, method: method, headers: headers,
            body: text.map { ByteBuffer(string: $0) }
          ) { r in
            Answer(
              status: Int(r.status.code),
              body: String(decoding: r.body.readableBytesView, as: UTF8.self),
              location: r.headers[.location])
          }
        }, path)
    }
  }

  static func post(_ send: Send, _ uri: String, _ form: String, headers: HTTPFields? = nil)
    async throws -> Answer
  {
    try await send(.post, uri, headers ?? formHeaders(), form)
  }

  static func get(_ send: Send, _ uri: String) async throws -> Answer {
    try await send(.get, uri, HTTPFields(), nil)
  }

  @Test func saveTheQueryListItsNewMatchesAndMarkThemSeen() async throws {
    try await Self.withServer { send, path in
      let page = try await Self.get(send, "/?q=ROCU")
      #expect(page.body.contains("action=\"/alerts\" method=\"post\""))
      #expect(page.body.contains("name=\"q\" value=\"ROCU\""))
      let manifest = try Data(contentsOf: URL(fileURLWithPath: path + "/manifest"))

      var a = try await Self.post(send, "/alerts", "name=rocu+raids&q=ROCU")
      #expect(a.status == 303, "\(a.body)")
      #expect(a.location == "/alerts?saved=rocu%20raids")
      var book = try AlertBook.load(path: path)
      #expect(book.alerts.map(\.name) == ["rocu raids"])
      #expect(book.alerts.first?.query == "ROCU")
      #expect(book.alerts.first?.checked == nil)

      a = try await Self.get(send, "/alerts?saved=rocu%20raids")
      #expect(a.status == 200)
      #expect(a.body.contains("rocu raids"))
      #expect(a.body.contains("Not checked yet"))
      #expect(a.body.contains("2 matches now"))

      a = try await Self.post(send, "/alerts/seen", "name=rocu+raids")
      #expect(a.status == 303, "\(a.body)")
      book = try AlertBook.load(path: path)
      let checked = try #require(book.alerts.first?.checked)
      #expect(book.alerts.first?.seen.count == 2)
      // The server writes the alerts file only, never a commit.
      #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/manifest")) == manifest)

      // A new matching article is listed as new; looking records nothing.
      try ServerFixture.add(
        [
          ServerFixture.Article(
            id: "echo/new-rocu.html", title: "ROCU seizure in Tiptree",
            body: "ROCU officers seized drugs in Tiptree.", date: "2024-08-01", source: "Echo",
            entities: [(.unit, "ROCU", "ROCU")])
        ], to: path)
      for _ in 0..<2 {
        a = try await Self.get(send, "/alerts")
        #expect(a.body.contains("1 new since"))
        #expect(a.body.contains("ROCU seizure in Tiptree"))
        #expect(a.body.contains("/doc?id=echo%2Fnew-rocu.html"))
        #expect(!a.body.contains("Halstead raid"))
      }
      #expect(try AlertBook.load(path: path).alerts.first?.checked == checked)
      #expect(try AlertBook.load(path: path).alerts.first?.seen.count == 2)
      a = try await Self.post(send, "/alerts/seen", "name=rocu+raids")
      #expect(a.status == 303)
      #expect(try AlertBook.load(path: path).alerts.first?.seen.count == 3)
      a = try await Self.get(send, "/alerts")
      #expect(a.body.contains("0 new since"))
      a = try await Self.post(send, "/alerts/remove", "name=rocu+raids")
      #expect(a.status == 303)
      #expect(try AlertBook.load(path: path).alerts.isEmpty)
      a = try await Self.post(send, "/alerts/remove", "name=rocu+raids")
      #expect(a.status == 404)
    }
  }

  @Test func crossOriginPostsAreRefused() async throws {
    try await Self.withServer { send, path in
      let evil = Self.formHeaders(origin: "http://evil.example")
      var a = try await Self.post(send, "/alerts", "name=x&q=ROCU", headers: evil)
      #expect(a.status == 403)
      a = try await Self.post(
        send, "/alerts", "name=x&q=ROCU", headers: Self.formHeaders(origin: nil))
      #expect(a.status == 403)
      a = try await Self.post(
        send, "/alerts", "name=x&q=ROCU",
        headers: Self.formHeaders(origin: nil, referer: "http://evil.example/?q=1"))
      #expect(a.status == 403)
      a = try await Self.post(
        send, "/alerts", "name=x&q=ROCU", headers: Self.formHeaders(origin: "null"))
      #expect(a.status == 403)
      a = try await Self.post(send, "/alerts/seen", "name=x", headers: evil)
      #expect(a.status == 403)
      a = try await Self.post(send, "/alerts/remove", "name=x", headers: evil)
      #expect(a.status == 403)
      #expect(try AlertBook.load(path: path).alerts.isEmpty)
      // The app's own page, named by Referer alone, may post.
      a = try await Self.post(
        send, "/alerts", "name=x&q=ROCU",
        headers: Self.formHeaders(origin: nil, referer: "http://127.0.0.1:8080/?q=ROCU"))
      #expect(a.status == 303)
      // GET cannot save.
      a = try await Self.get(send, "/alerts?name=y&q=ROCU")
      #expect(try AlertBook.load(path: path).alerts.map(\.name) == ["x"])
    }
  }

  @Test func badFormsAreRefusedWithReasons() async throws {
    try await Self.withServer { send, path in
      var a = try await Self.post(send, "/alerts", "name=bad&q=%28ROCU")
      #expect(a.status == 400)
      #expect(a.body.contains("bad query"))
      a = try await Self.post(send, "/alerts", "name=&q=ROCU")
      #expect(a.status == 400)
      a = try await Self.post(send, "/alerts", "name=n&q=+")
      #expect(a.status == 400)
      a = try await Self.post(send, "/alerts", "name=dup&q=ROCU")
      #expect(a.status == 303)
      a = try await Self.post(send, "/alerts", "name=dup&q=fire")
      #expect(a.status == 409)
      var json = Self.formHeaders()
      json[.contentType] = "application/json"
      a = try await Self.post(send, "/alerts", "{\"name\":\"j\"}", headers: json)
      #expect(a.status == 415)
      a = try await Self.post(send, "/alerts/seen", "name=missing")
      #expect(a.status == 404)
      #expect(try AlertBook.load(path: path).alerts.map(\.name) == ["dup"])
    }
  }

  @Test func hostileNamesQueriesAndTitlesAreEscaped() async throws {
    try await Self.withServer { send, path in
      let name = "<script>alert(1)</script>\"'&"
      let form = "name=" + QueryString.encode(name) + "&q=" + QueryString.encode("Colchester")
      var a = try await Self.post(send, "/alerts", form)
      #expect(a.status == 303)
      a = try await Self.post(send, "/alerts/seen", "name=" + QueryString.encode(name))
      #expect(a.status == 303)
      // The scraped article's hostile title is new once the alert was checked without it.
      var book = try AlertBook.load(path: path)
      var alert = try #require(book.alerts.first)
      alert.seen = [:]
      book.update(alert)
      try book.save(path: path)
      a = try await Self.get(send, "/alerts")
      #expect(a.status == 200)
      #expect(!a.body.contains("<script>"))
      #expect(a.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(a.body.contains("Colchester fire"))
      #expect(a.body.contains("1 new since"))
    }
  }
}
