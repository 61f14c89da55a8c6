import Indexing

/// Step 2 of a run: the scanned files against the file table of the last commit. A file whose
/// size and timestamp match needs no reading at all; the others are candidates (new, or changed
/// by size or time: their content decides later); files of the table the walk did not find are
/// gone.
struct ChangePlan {
  /// Files to read, in corpus order.
  var candidates: [CorpusFile] = []
  /// Files with the size and timestamp the table has.
  var unchanged = 0
  /// Paths of the table no longer in the corpus, in the table's order.
  var removed: [String] = []

  init(files: [CorpusFile], old: FileTable) {
    var present = Set<String>()
    present.reserveCapacity(files.count)
    for f in files {
      present.insert(f.path)
      if let e = old.entries[f.path], e.size == f.size, e.mtimeNanos == f.mtimeNanos {
        unchanged += 1
      } else {
        candidates.append(f)
      }
    }
    for path in old.entries.keys where !present.contains(path) { removed.append(path) }
  }

  /// Bytes of the candidates (the progress total).
  var candidateBytes: UInt64 { candidates.reduce(0) { $0 + $1.size } }
}
