import Foundation
import HummingbirdTesting
import Testing

@testable import Server

/// `/api/openapi.json` documents every API route, and what each route answers fits the schema it
/// documents (types, required keys, and no key it does not list).
@Suite struct OpenAPITests {
  /// Checks `value` against `schema` (the subset of JSON Schema the document uses); returns the
  /// problems found, each with its JSON path.
  static func check(_ value: Any, _ schema: [String: Any], _ root: [String: Any], at path: String)
    -> [String]
  {
    if let ref = schema["$ref"] as? String {
      let name = String(ref.split(separator: "/").last ?? "")
      let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any]
      guard let target = schemas?[name] as? [String: Any] else { return ["\(path): no schema \(ref)"] }
      return check(value, target, root, at: path)
    }
    if let options = schema["oneOf"] as? [[String: Any]] {
      let fits = options.filter { check(value, $0, root, at: path).isEmpty }
      return fits.count == 1 ? [] : ["\(path): fits \(fits.count) of oneOf"]
    }
    var types: [String] = []
    if let t = schema["type"] as? String { types = [t] }
    if let t = schema["type"] as? [String] { types = t }
    func typeOf(_ v: Any) -> String {
      if v is NSNull { return "null" }
      if let n = v as? NSNumber {
        return n.doubleValue == n.doubleValue.rounded() && !"\(n)".contains(".") ? "integer" : "number"
      }
      if v is String { return "string" }
      if v is [Any] { return "array" }
      if v is [String: Any] { return "object" }
      return "unknown"
    }
    let actual = typeOf(value)
    if !types.isEmpty && !types.contains(actual) && !(actual == "integer" && types.contains("number")) {
      return ["\(path): \(actual), expected \(types)"]
    }
    var problems: [String] = []
    if let e = schema["enum"] as? [String], let s = value as? String, !e.contains(s) {
      problems.append("\(path): \(s) not in \(e)")
    }
    if let object = value as? [String: Any] {
      let properties = schema["properties"] as? [String: Any] ?? [:]
      for key in schema["required"] as? [String] ?? [] where object[key] == nil {
        problems.append("\(path).\(key): missing")
      }
      for (key, v) in object {
        if let p = properties[key] as? [String: Any] {
          problems += check(v, p, root, at: "\(path).\(key)")
        } else if let extra = schema["additionalProperties"] as? [String: Any] {
          problems += check(v, extra, root, at: "\(path).\(key)")
        } else if schema["additionalProperties"] as? Bool == false {
          problems.append("\(path).\(key): not in the schema")
        }
      }
    }
    if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
      for (i, v) in array.enumerated() { problems += check(v, items, root, at: "\(path)[\(i)]") }
    }
    return problems
  }

  /// The answers each route is checked with: (URI, status), covering every documented status.
  static let samples: [(String, Int)] = [
    ("/api/search?q=rocu", 200), ("/api/search?q=unit:ROCU+place:Halstead&limit=5", 200),
    ("/api/search?q=%22unclosed", 400), ("/api/search?q=x&sort=up", 400),
    ("/api/search?q=rocu&stories=true", 200), ("/api/search?q=rocu&stories=maybe", 400),
    ("/api/doc?id=feeds/echo.rss%23https://echo.example/a/1", 200),
    ("/api/doc?id=dumps/scraped.html", 200), ("/api/doc?id=x", 404), ("/api/doc", 400),
    ("/api/mentions?q=unit:ROCU", 200), ("/api/mentions?q=place:Halstead+unit:ROCU", 200),
    ("/api/mentions?q=raid", 400), ("/api/mentions?q=(", 400),
    ("/api/entities", 200), ("/api/entities?kind=officer&q=raid", 200),
    ("/api/entities?q=(", 400), ("/api/timeline?q=rocu", 200),
    ("/api/timeline?q=rocu&by=week", 200), ("/api/timeline?q=(", 400),
    ("/api/timeline?q=rocu&by=hour", 400), ("/api/stats", 200), ("/api/openapi.json", 200),
  ]

  @Test func everyRouteIsDocumentedAndAnswersItsSchema() async throws {
    let path = try ServerFixture.build()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let app = try await BlotterServer.application(index: try IndexHandle(path: path))
    try await app.test(.router) { client in
      let spec = try await client.execute(uri: "/api/openapi.json", method: .get) {
        try JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) as? [String: Any]
      }
      let root = try #require(spec)
      #expect(root["openapi"] as? String == "3.1.0")
      let paths = try #require(root["paths"] as? [String: Any])
      // Every route the server answers is in the document, and nothing else is.
      #expect(Set(paths.keys) == Set(BlotterServer.apiRoutes))
      // Every route is sampled.
      #expect(Set(Self.samples.map { String($0.0.split(separator: "?")[0]) }) == Set(BlotterServer.apiRoutes))
      for (uri, status) in Self.samples {
        let route = String(uri.split(separator: "?")[0])
        let op = (paths[route] as? [String: Any])?["get"] as? [String: Any]
        let responses = op?["responses"] as? [String: Any]
        let documented = responses?[String(status)] as? [String: Any]
        #expect(documented != nil, "\(uri): status \(status) is not documented")
        let schema =
          ((documented?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
            "schema"] as? [String: Any] ?? [:]
        try await client.execute(uri: uri, method: .get) { r in
          #expect(Int(r.status.code) == status, "\(uri)")
          let body = try JSONSerialization.jsonObject(
            with: Data(r.body.readableBytesView), options: [.fragmentsAllowed])
          let problems = Self.check(body, schema, root, at: uri)
          #expect(problems.isEmpty, "\(problems)")
        }
      }
      // Parameters: each one the server reads is documented.
      let documented: [String: Set<String>] = paths.mapValues { item in
        let params = ((item as? [String: Any])?["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
        return Set((params ?? []).compactMap { $0["name"] as? String })
      }
      #expect(documented["/api/search"] == ["q", "limit", "offset", "sort", "stories"])
      #expect(documented["/api/doc"] == ["id"])
      #expect(documented["/api/mentions"] == ["q"])
      #expect(documented["/api/entities"] == ["q", "kind", "top"])
      #expect(documented["/api/timeline"] == ["q", "by"])
    }
  }

  @Test func theCheckerFindsAWrongShape() {
    let root: [String: Any] = [:]
    let schema: [String: Any] = [
      "type": "object", "required": ["a"], "additionalProperties": false,
      "properties": ["a": ["type": "integer"]],
    ]
    #expect(Self.check(["a": 1], schema, root, at: "$").isEmpty)
    #expect(!Self.check(["a": "1"], schema, root, at: "$").isEmpty)
    #expect(!Self.check(["b": 1], schema, root, at: "$").isEmpty)
    #expect(!Self.check(["a": 1, "b": 2], schema, root, at: "$").isEmpty)
  }
}
