import Foundation
import Testing
import TestSupport

/// `search --stories`, the `story` of every JSON hit, `show`'s other copies, `stories`, and
/// `entities`/`mentions --by story`, on a corpus of one release, two copies of it and two
/// other stories.
@Suite struct StoriesCLITests {
  static func corpus() throws -> (corpus: URL, index: URL) {
    let corpus = CLI.tempDir("stories-corpus")
    let idx = CLI.tempDir("stories-index")
    let files: [(String, StoryTexts.Article)] = [
      ("release", StoryTexts.release), ("grown", StoryTexts.grown),
      ("rewritten", StoryTexts.rewritten), ("town", StoryTexts.sameTown),
      ("w0", StoryTexts.roundUp(week: 0)),
    ]
    for (name, a) in files {
      try Data((a.jsonLine(id: "a") + "\n").utf8).write(to: corpus.appendingPathComponent("\(name).jsonl"))
    }
    let r = try CLI.run(["index", corpus.path, "--index", idx.path])
    #expect(r.status == 0, "\(r.stderr)")
    return (corpus, idx)
  }

  @Test func searchByStoryCountsStoriesAndListsCopies() throws {
    let (corpus, idx) = try Self.corpus()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    let plain = try CLI.run(["search", "Witham", "--index", idx.path, "--json"]).json()
    #expect(plain["total"] as? Int == 4)
    let hits = try #require(plain["hits"] as? [[String: Any]])
    for h in hits {
      let story = try #require(h["story"] as? [String: Any])
      let docs = try #require(story["docs"] as? [String])
      #expect(story["copies"] as? Int == docs.count)
      #expect(docs.contains(h["doc"] as? String ?? ""))
      #expect(story["sources"] is [String])
      if h["doc"] as? String == "town.jsonl#a" {
        #expect(story["copies"] as? Int == 1 && story["id"] as? String == "town.jsonl#a")
      }
    }

    let grouped = try CLI.run(["search", "Witham", "--stories", "--index", idx.path, "--json"]).json()
    #expect(grouped["total"] as? Int == 2)
    let ghits = try #require(grouped["hits"] as? [[String: Any]])
    #expect(ghits.count == 2)
    let big = try #require(ghits.compactMap { $0["story"] as? [String: Any] }.first { $0["copies"] as? Int == 3 })
    #expect(big["id"] as? String == "release.jsonl#a")
    #expect(big["docs"] as? [String] == ["release.jsonl#a", "grown.jsonl#a", "rewritten.jsonl#a"])
    #expect(big["sources"] as? [String] == ["Essex Police", "Braintree & Witham Times", "Essex News Hub"])

    let text = try CLI.run(["search", "Witham", "--stories", "--index", idx.path])
    #expect(text.stdout.hasPrefix("2 stories for Witham"), "\(text.stdout)")
    #expect(text.stdout.contains("3 copies: Essex Police, Braintree & Witham Times, Essex News Hub"))
  }

  @Test func timelineAndExportCountStories() throws {
    let (corpus, idx) = try Self.corpus()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    func matches(_ extra: [String]) throws -> (dated: Int, undated: Int, total: Int) {
      let t = try CLI.run(["timeline", "Witham", "--index", idx.path, "--json"] + extra).json()
      let periods = try #require(t["periods"] as? [[String: Any]])
      return (
        periods.reduce(0) { $0 + ($1["matches"] as? Int ?? 0) }, t["undated"] as? Int ?? -1,
        periods.reduce(0) { $0 + ($1["total"] as? Int ?? 0) }
      )
    }
    // Four articles match, in two stories; the index holds five articles in three stories.
    let articles = try matches([])
    #expect(articles.dated + articles.undated == 4)
    #expect(articles.total + articles.undated <= 5)
    let stories = try matches(["--stories"])
    #expect(stories.dated + stories.undated == 2)
    #expect(stories.total <= 3)

    // Every row names its story; --stories keeps one row per story, the earliest copy.
    let all = try CLI.run(["export", "Witham", "--format", "jsonl", "--index", idx.path])
    #expect(all.status == 0, "\(all.stderr)")
    let rows = try all.stdout.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(rows.count == 4)
    let grown = try #require(rows.first { $0["id"] as? String == "grown.jsonl#a" })
    #expect(grown["story"] as? String == "release.jsonl#a" && grown["copies"] as? Int == 3)
    let one = try CLI.run(["export", "Witham", "--format", "csv", "--stories", "--index", idx.path])
    #expect(one.status == 0, "\(one.stderr)")
    let lines = one.stdout.split(separator: "\r\n")
    #expect(lines.count == 3, "\(one.stdout)")
    #expect(lines.contains { $0.hasPrefix("release.jsonl#a,") && $0.contains(",release.jsonl#a,3,") })
    #expect(!lines.contains { $0.hasPrefix("grown.jsonl#a,") || $0.hasPrefix("rewritten.jsonl#a,") })
  }

  @Test func showStoriesEntitiesAndMentionsKnowTheCopies() throws {
    let (corpus, idx) = try Self.corpus()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    let show = try CLI.run(["show", "grown.jsonl#a", "--index", idx.path])
    #expect(show.stdout.contains("Other copies of this story (3 copies in all):"), "\(show.stdout)")
    #expect(show.stdout.contains("2024-03-13  release.jsonl#a  (the earliest)"))
    #expect(show.stdout.contains("2024-03-15  rewritten.jsonl#a"))
    let showJSON = try CLI.run(["show", "grown.jsonl#a", "--index", idx.path, "--json"]).json()
    #expect((showJSON["story"] as? [String: Any])?["copies"] as? Int == 3)

    let stories = try CLI.run(["stories", "--index", idx.path, "--json"]).json()
    #expect(stories["total"] as? Int == 3)
    let list = try #require(stories["stories"] as? [[String: Any]])
    #expect(list.first?["id"] as? String == "release.jsonl#a")
    #expect(list.first?["copies"] as? Int == 3)
    #expect(list.first?["first"] as? String == "2024-03-13")
    #expect(list.first?["last"] as? String == "2024-03-15")
    let text = try CLI.run(["stories", "burglary", "--index", idx.path])
    #expect(text.stdout.hasPrefix("1 story matching burglary"), "\(text.stdout)")
    #expect(text.stdout.contains("3 copies  2024-03-13 – 2024-03-15  Appeal after jewellery taken in Witham burglary"))

    let byDoc = try CLI.run(["entities", "--kind", "place", "--index", idx.path, "--json"]).json()
    let byStory = try CLI.run(["entities", "--kind", "place", "--by", "story", "--index", idx.path, "--json"]).json()
    #expect(byDoc["documents"] as? Int == 5)
    #expect(byStory["documents"] as? Int == 3)
    #expect(byStory["by"] as? String == "story")
    func witham(_ j: [String: Any]) -> Int? {
      ((j["entities"] as? [String: Any])?["place"] as? [[String: Any]])?
        .first { $0["name"] as? String == "Witham" }?["documents"] as? Int
    }
    #expect(witham(byDoc) == 4)
    #expect(witham(byStory) == 2)

    let mentions = try CLI.run(["mentions", "place:Witham", "--by", "story", "--index", idx.path, "--json"]).json()
    #expect(mentions["documents"] as? Int == 2)
    let plainMentions = try CLI.run(["mentions", "place:Witham", "--index", idx.path, "--json"]).json()
    #expect(plainMentions["documents"] as? Int == 4)
  }
}
