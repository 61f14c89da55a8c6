// search-folder FOLDER QUERY…: indexes FOLDER into ./search-folder-index (new and changed files
// only, one commit), then prints the five best hits of QUERY with a snippet each.
import Foundation
import Indexing
import Ingest
import Searching

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
  print("usage: search-folder FOLDER QUERY…")
  exit(2)
}
let index = "search-folder-index"
let summary = try CorpusIndexer(corpus: arguments[0], indexPath: index).run()
print("\(summary.added) added, \(summary.updated) updated: \(summary.documents) documents")

let searcher = Searcher(reader: try IndexReader.open(path: index))
let result = try searcher.search(arguments.dropFirst().joined(separator: " "), limit: 5)
print("\(result.total) matching")
for hit in result.hits {
  print("\(hit.title) (\(hit.date ?? "no date"), \(hit.id))\n  \(hit.snippet)")
}
