import IndexFixtures

/// A small index for the server's tests, its entity mentions written by hand: a feed item whose
/// id holds slashes and `#`, and a scraped title holding a `<script>`.
enum ServerFixture {
  typealias Article = LabelledArticle

  static let articles: [Article] = [
    Article(
      id: "halstead-gazette/2024/raid.html", title: "Halstead raid",
      body: "Officers from ROCU raided a house in Halstead.\nDCI Miller said ROCU would return.",
      date: "2024-03-05", source: "Halstead Gazette", url: "https://example.org/raid",
      entities: [
        (.unit, "ROCU", "ROCU"), (.place, "Halstead", "Halstead"),
        (.officer, "Miller", "DCI Miller"),
      ]),
    Article(
      id: "feeds/echo.rss#https://echo.example/a/1", title: "Arrests in Basildon",
      body: "Essex Police and ROCU made arrests in Basildon. Nobody was hurt.",
      date: "2024-04-20", source: "Echo",
      entities: [
        (.unit, "ROCU", "ROCU"), (.force, "Essex Police", "Essex Police"),
        (.place, "Basildon", "Basildon"),
      ]),
    Article(
      id: "dumps/scraped.html", title: "<script>alert('x')</script> Colchester fire",
      body: "A fire in <b>Colchester</b> was put out. <img src=x onerror=alert(1)>",
      date: "2023-11-01", source: "Echo", url: "javascript:alert(1)",
      entities: [(.place, "Colchester", "Colchester")]),
  ]

  /// A new index folder holding `list`.
  static func build(_ list: [Article] = articles) throws -> String {
    try LabelledIndex.build([list], prefix: "blotter-serve")
  }

  /// Commits `list` to the index at `path`.
  static func add(_ list: [Article], to path: String) throws {
    try LabelledIndex.add(list, to: path)
  }
}
