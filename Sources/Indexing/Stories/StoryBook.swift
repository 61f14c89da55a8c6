import Analysis

/// The writer's side of the stories of a commit: each corpus file's documents (in the file
/// table's order) with their sketches. At commit the whole set is grouped again from the
/// sketches (`StoryGrouping`; no text is read), so a commit's stories depend only on the
/// documents it holds, however they arrived, and an update moves only the stories whose copies
/// it added, changed or deleted.
///
/// On disk (`stories.<generation>`, kind STRY; FORMAT.md):
/// ```
/// Body     = segmentCount:v segmentName:str* docCount:v Doc* storyCount:v Story*
///            Sketch[docCount] sketchStart:u64
/// Doc      = id:str source:str day:zv segment:v doc:v story:v
/// Story    = origin:v copies:v
/// Sketch   = shingles:v title:u64 lead:u64 minHash:u32[64] bottomCount:v bottom:u32*
///            factCount:v fact:u64*
/// ```
/// Documents are in grouping order (day, undated last, then id); `day` is days since
/// 1970-01-01 plus 1, or 0 for none; `story` numbers a Story, whose `origin` is a document
/// number (its earliest copy). Stories are in order of their origins.
public struct StoryBook: Sendable, Equatable {
  /// One document as the book keeps it.
  public struct Member: Sendable, Equatable {
    public var id: String
    public var source: String?
    public var day: Int32?
    public var sketch: StorySketch
    public init(id: String, source: String?, day: Int32?, sketch: StorySketch) {
      self.id = id
      self.source = source
      self.day = day
      self.sketch = sketch
    }
  }

  /// Corpus file → its documents, in the order of its file table entry's documents.
  public var files: [String: [Member]] = [:]
  public var grouping = StoryGrouping()

  public init() {}

  public var documentCount: Int { files.values.reduce(0) { $0 + $1.count } }

  /// One document of the commit, placed and grouped.
  struct Placed {
    var member: Member
    var ref: FileTable.DocRef
  }

  /// The documents in grouping order with where they live, from the final file table.
  /// - Throws: `IndexError.corrupt` when a file's document count differs from the table's.
  func placed(_ table: FileTable) throws(IndexError) -> [Placed] {
    var out: [Placed] = []
    out.reserveCapacity(documentCount)
    for (path, members) in files {
      guard let e = table.entries[path], e.docs.count == members.count else {
        throw .corrupt(
          file: "stories", offset: 0,
          reason: "\(path): \(members.count) story documents, file table has "
            + "\(table.entries[path]?.docs.count ?? 0)")
      }
      for (m, r) in zip(members, e.docs) { out.append(Placed(member: m, ref: r)) }
    }
    out.sort { StoryGrouping.precedes($0.item, $1.item) }
    return out
  }

  /// Groups the documents and encodes the file body.
  func encode(table: FileTable, segments: [String]) throws(IndexError) -> ByteWriter {
    let docs = try placed(table)
    let origins = grouping.group(docs.map(\.item))
    var storyOf: [Int: Int] = [:]
    var stories: [(origin: Int, copies: Int)] = []
    for (i, o) in origins.enumerated() {
      if o == i {
        storyOf[i] = stories.count
        stories.append((i, 0))
      }
      stories[storyOf[o]!].copies += 1
    }
    let segIndex = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($1, $0) })
    var w = ByteWriter(capacity: docs.count * 360 + 64)
    w.varint(segments.count)
    for s in segments { w.string(s) }
    w.varint(docs.count)
    for (i, d) in docs.enumerated() {
      w.string(d.member.id)
      w.string(d.member.source ?? "")
      w.svarint(d.member.day.map { Int64($0) + 1 } ?? 0)
      guard let si = segIndex[d.ref.segment] else {
        throw .corrupt(file: "stories", offset: 0, reason: "\(d.member.id): segment \(d.ref.segment) is not in the commit")
      }
      w.varint(si)
      w.varint(Int(d.ref.doc))
      w.varint(storyOf[origins[i]]!)
    }
    w.varint(stories.count)
    for s in stories {
      w.varint(s.origin)
      w.varint(s.copies)
    }
    let sketchStart = UInt64(w.count)
    for d in docs {
      let s = d.member.sketch
      w.varint(s.shingles)
      w.u64(s.title)
      w.u64(s.lead)
      for v in s.minHashes { w.u32(v) }
      w.varint(s.bottom.count)
      for v in s.bottom { w.u32(v) }
      w.varint(s.facts.count)
      for f in s.facts { w.u64(f) }
    }
    w.u64(sketchStart)
    return w
  }

  /// Writes the book as `name`, grouped against the commit's file table and segments.
  package func write(to storage: Storage, name: String, table: FileTable, segments: [String]) throws {
    let w = try encode(table: table, segments: segments)
    let sink = try storage.create(name, kind: .stories)
    try sink.write(w)
    try sink.finish()
  }

  /// The book of a reader's commit, nil when it has none.
  package static func read(_ reader: IndexReader) throws -> StoryBook? {
    guard let name = reader.manifest.stories else { return nil }
    return try decode(try reader.storage.map(name), table: try reader.fileTable(), verify: true)
  }

  /// Reads a committed book back (for the next writer): the documents by file, in file table
  /// order, from the stored table and sketches.
  static func decode(_ file: MappedFile, table: FileTable, verify: Bool) throws(IndexError) -> StoryBook {
    let stored = try StoryTable.decode(file, verify: verify, sketches: true)
    var byRef: [FileTable.DocRef: Int] = [:]
    byRef.reserveCapacity(stored.documents.count)
    for (i, d) in stored.documents.enumerated() {
      byRef[FileTable.DocRef(segment: stored.segmentNames[d.segment], doc: d.doc)] = i
    }
    var book = StoryBook()
    for (path, e) in table.entries {
      var members: [Member] = []
      for r in e.docs {
        guard let i = byRef[r] else {
          throw .corrupt(file: file.name, offset: 0, reason: "no story document for \(path)")
        }
        let d = stored.documents[i]
        members.append(Member(id: d.id, source: d.source, day: d.day, sketch: stored.sketches[i]))
      }
      book.files[path] = members
    }
    return book
  }
}

extension StoryBook.Placed {
  var item: StoryGrouping.Item {
    StoryGrouping.Item(id: member.id, day: member.day, sketch: member.sketch)
  }
}
