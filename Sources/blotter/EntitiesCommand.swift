import ArgumentParser
import Analysis
import Indexing
import Searching

struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Count the officers, places, units and figures in the articles matching a query.",
    discussion: "Without a QUERY, over the whole index. Each entity is counted by documents and by mentions.")

  @Argument(help: "Optional query narrowing the articles.")
  var query: String?

  @OptionGroup var location: IndexLocation

  @Option(help: "Only this kind: unit, place, officer or figure.")
  var kind: String?

  @Option(help: "How many entities of each kind.")
  var top: Int = 10

  @Flag(help: "Print JSON.")
  var json = false

  func validate() throws {
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("--kind must be unit, place, officer or figure")
    }
    if top < 1 { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: location.index)
    } catch {
      Output.error("blotter entities: \(error)")
      throw ExitCode(1)
    }
    let searcher = Searcher(reader: reader)
    let node: QueryNode
    do {
      node = try query.map { (q) throws(QueryError) in try searcher.parse(q) } ?? .all
    } catch {
      Output.error("blotter entities: bad query: \(error)")
      throw ExitCode(2)
    }
    let kinds = kind.flatMap(EntityKind.init(rawValue:)).map { [$0] } ?? EntityKind.allCases
    struct Count {
      var documents = 0
      var mentions = 0
    }
    var counts: [EntityKind: [String: Count]] = [:]
    var documents = 0
    do {
      for (si, ids) in try searcher.matchingDocuments(node).enumerated() {
        documents += ids.count
        try reader.segments[si].documents(ids) { _, stored in
          guard let raw = stored.extra[StoredMentions.key] else { return }
          var seen = Set<String>()
          for m in StoredMentions.decode(raw) where kinds.contains(m.kind) {
            let key = m.kind.rawValue + "\t" + m.canonical
            counts[m.kind, default: [:]][m.canonical, default: Count()].mentions += 1
            if seen.insert(key).inserted { counts[m.kind, default: [:]][m.canonical, default: Count()].documents += 1 }
          }
        }
      }
    } catch {
      Output.error("blotter entities: \(error)")
      throw ExitCode(1)
    }
    func ranked(_ k: EntityKind) -> [(String, Count)] {
      (counts[k] ?? [:]).sorted {
        ($0.value.documents, $0.value.mentions, $1.key) > ($1.value.documents, $1.value.mentions, $0.key)
      }.prefix(top).map { ($0.key, $0.value) }
    }
    if json {
      var j = JSONOut()
      j.open()
      j.field("query", query)
      j.field("documents", documents)
      j.key("entities")
      j.open()
      for k in kinds {
        j.openArray(k.rawValue)
        for (name, c) in ranked(k) {
          j.open()
          j.field("name", name)
          j.field("documents", c.documents)
          j.field("mentions", c.mentions)
          j.close()
        }
        j.closeArray()
      }
      j.close()
      j.close()
      Output.line(j.text)
    } else {
      Output.line(plural(documents, "document") + (query.map { " matching \($0)" } ?? ""))
      for k in kinds {
        let list = ranked(k)
        if list.isEmpty { continue }
        Output.line("")
        Output.line("\(k.rawValue)s".uppercased())
        for (name, c) in list {
          Output.line("  \(String(c.documents).leftPad(4)) docs  \(String(c.mentions).leftPad(4)) mentions  \(name)")
        }
      }
    }
    Output.flush()
  }
}

extension String {
  func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
