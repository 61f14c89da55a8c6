import Analysis

/// The stories of one commit, as readers see them (`stories.<generation>`, see `StoryBook` and
/// FORMAT.md): every live document's story, each story's copies in order (the origin, the
/// earliest, first), their sources and dates, without reading the store.
///
/// Documents are numbered in grouping order (day, undated last, then id); a story's id is its
/// origin's document id.
public struct StoryTable: Sendable {
  /// One document of the table.
  public struct Document: Sendable, Equatable {
    public var id: String
    public var source: String?
    public var day: Int32?
    /// Segment number in `segmentNames` (the commit's segment order when read by a reader).
    public var segment: Int
    public var doc: UInt32
    /// Its story's number.
    public var story: Int
  }

  /// One story: its copies, by document number, the origin first.
  public struct Story: Sendable, Equatable {
    public var origin: Int
    public var docs: [Int]
    public var copies: Int { docs.count }
  }

  /// A story as clients use it: its id (the origin's document id), its copies' ids, sources and
  /// dates, the origin first.
  public struct Summary: Sendable, Equatable {
    public var id: String
    public var origin: String
    public var docs: [String]
    /// The copies' distinct sources in copy order (copies without a source are left out).
    public var sources: [String]
    /// The copies' dates (nil: undated), parallel to `docs`.
    public var days: [Int32?]
    public var copies: Int { docs.count }
    public init(id: String, origin: String, docs: [String], sources: [String], days: [Int32?]) {
      self.id = id
      self.origin = origin
      self.docs = docs
      self.sources = sources
      self.days = days
    }
  }

  public internal(set) var segmentNames: [String] = []
  public internal(set) var documents: [Document] = []
  public internal(set) var stories: [Story] = []
  /// Sketches, parallel to `documents` (only when decoded with `sketches: true`).
  public internal(set) var sketches: [StorySketch] = []
  /// Per segment number, document → document number (-1: none).
  private var bySegment: [[Int32]] = []
  private var byID: [String: Int] = [:]

  /// An empty table.
  public init() {}

  /// The story of document `doc` of segment number `segment`, if the table knows it.
  public func story(segment: Int, doc: UInt32) -> Int? {
    documentNumber(segment: segment, doc: doc).map { documents[$0].story }
  }

  /// The table's number for document `doc` of segment number `segment`, if it has one.
  public func documentNumber(segment: Int, doc: UInt32) -> Int? {
    guard segment < bySegment.count, Int(doc) < bySegment[segment].count else { return nil }
    let n = bySegment[segment][Int(doc)]
    return n < 0 ? nil : Int(n)
  }

  /// The story of the document with id `id`.
  public func story(id: String) -> Int? {
    byID[id].map { documents[$0].story }
  }

  /// Story `n` as clients use it.
  public func summary(_ n: Int) -> Summary {
    let s = stories[n]
    var sources: [String] = []
    var seen: Set<String> = []
    for d in s.docs {
      if let src = documents[d].source, seen.insert(src).inserted { sources.append(src) }
    }
    let origin = documents[s.origin].id
    return Summary(
      id: origin, origin: origin, docs: s.docs.map { documents[$0].id }, sources: sources,
      days: s.docs.map { documents[$0].day })
  }

  /// The story of a document, or a story of its own (one copy) when the table does not know it
  /// (an index written without stories).
  public func summary(segment: Int, doc: UInt32, id: String, source: String?, day: Int32?) -> Summary {
    if let n = story(segment: segment, doc: doc) { return summary(n) }
    return Summary(id: id, origin: id, docs: [id], sources: source.map { [$0] } ?? [], days: [day])
  }

  /// Reads a table; `sketches` also reads the sketches (the writer, `blotter check`).
  /// - Parameter segments: the reader's segment names in commit order, so `story(segment:doc:)`
  ///   takes the reader's segment numbers (nil: the file's own order).
  package static func decode(
    _ file: MappedFile, verify: Bool, sketches: Bool, segments: [(name: String, maxDoc: Int)]? = nil
  ) throws(IndexError) -> StoryTable {
    let body = try FileFormat.body(of: file, kind: .stories, verifyChecksum: verify)
    guard body.count >= 8 else { throw .corrupt(file: file.name, offset: 0, reason: "stories file too short") }
    var tail = file.reader((body.upperBound - 8)..<body.upperBound)
    let sketchStart = Int(try tail.u64())
    guard sketchStart <= body.count - 8 else {
      throw .corrupt(file: file.name, offset: body.upperBound - 8, reason: "sketch offset out of range")
    }
    var t = StoryTable()
    var r = file.reader(body.lowerBound..<(body.lowerBound + sketchStart))
    let nseg = try r.int()
    for _ in 0..<nseg { t.segmentNames.append(try r.string()) }
    var remap = Array(0..<nseg)
    if let segments {
      let order = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($1.name, $0) })
      for (i, name) in t.segmentNames.enumerated() {
        guard let o = order[name] else {
          throw .corrupt(file: file.name, offset: 0, reason: "segment \(name) is not in the commit")
        }
        remap[i] = o
      }
      t.segmentNames = segments.map(\.name)
      t.bySegment = segments.map { [Int32](repeating: -1, count: $0.maxDoc) }
    }
    let ndoc = try r.int()
    t.documents.reserveCapacity(ndoc)
    t.byID.reserveCapacity(ndoc)
    for n in 0..<ndoc {
      let id = try r.string()
      let source = try r.string()
      let day = try r.svarint()
      let seg = try r.int()
      guard seg < nseg else { throw r.fail("segment number \(seg) out of range") }
      let doc = UInt32(truncatingIfNeeded: try r.varint())
      let story = try r.int()
      let d = Document(
        id: id, source: source.isEmpty ? nil : source,
        day: day == 0 ? nil : Int32(truncatingIfNeeded: day - 1), segment: remap[seg], doc: doc,
        story: story)
      if segments != nil {
        guard Int(doc) < t.bySegment[d.segment].count else { throw r.fail("document \(doc) out of range") }
        t.bySegment[d.segment][Int(doc)] = Int32(n)
      }
      t.byID[id] = n
      t.documents.append(d)
    }
    let nstory = try r.int()
    t.stories.reserveCapacity(nstory)
    for _ in 0..<nstory {
      let origin = try r.int()
      let copies = try r.int()
      guard origin < ndoc else { throw r.fail("story origin \(origin) out of range") }
      t.stories.append(Story(origin: origin, docs: []))
      t.stories[t.stories.count - 1].docs.reserveCapacity(copies)
    }
    for (n, d) in t.documents.enumerated() {
      guard d.story < nstory else { throw r.fail("story number \(d.story) out of range") }
      t.stories[d.story].docs.append(n)
    }
    if sketches {
      var s = file.reader((body.lowerBound + sketchStart)..<(body.upperBound - 8))
      t.sketches.reserveCapacity(ndoc)
      for _ in 0..<ndoc {
        let shingles = try s.int()
        let title = try s.u64()
        let lead = try s.u64()
        var mins: [UInt32] = []
        mins.reserveCapacity(StorySketch.hashCount)
        for _ in 0..<StorySketch.hashCount { mins.append(try s.u32()) }
        let nb = try s.int()
        guard nb <= StorySketch.bottomCount else { throw s.fail("bottom-k sample of \(nb)") }
        var bottom: [UInt32] = []
        bottom.reserveCapacity(nb)
        for _ in 0..<nb { bottom.append(try s.u32()) }
        let nf = try s.int()
        var facts: [UInt64] = []
        facts.reserveCapacity(nf)
        for _ in 0..<nf { facts.append(try s.u64()) }
        t.sketches.append(
          StorySketch(
            minHashes: mins, shingles: shingles, bottom: bottom, title: title, lead: lead,
            facts: facts))
      }
    }
    return t
  }

  /// Damage a checksum cannot see: stories that do not match their documents, or a grouping
  /// that differs from the one the sketches give.
  /// - Returns: the first problem, or nil.
  public func problem(grouping: StoryGrouping) -> String? {
    for (n, s) in stories.enumerated() {
      guard let first = s.docs.first else { return "story \(n) has no copies" }
      if first != s.origin { return "story \(n): origin \(s.origin) is not its earliest copy \(first)" }
    }
    for k in documents.indices.dropFirst() {
      let (a, b) = (documents[k - 1], documents[k])
      if !StoryGrouping.precedes(day: a.day, id: a.id, day: b.day, id: b.id) {
        return "documents \(k - 1) and \(k) out of order"
      }
    }
    guard sketches.count == documents.count else { return nil }
    let items = documents.indices.map {
      StoryGrouping.Item(id: documents[$0].id, day: documents[$0].day, sketch: sketches[$0])
    }
    let origins = grouping.group(items)
    for (k, o) in origins.enumerated() where stories[documents[k].story].origin != o {
      let stored = documents[stories[documents[k].story].origin].id
      return "document \(documents[k].id) is in the story of \(stored); its sketches put it in "
        + "that of \(documents[o].id)"
    }
    return nil
  }
}

extension IndexReader {
  /// The commit's stories, with `story(segment:doc:)` taking this reader's segment numbers; nil
  /// when the commit has none (an index written without them).
  /// - Parameters:
  ///   - verify: check the file's CRC-32.
  ///   - sketches: read the sketches too (`blotter check`).
  public func storyTable(verify: Bool = false, sketches: Bool = false) throws -> StoryTable? {
    guard let file = storiesFile else { return nil }
    return try StoryTable.decode(
      file, verify: verify, sketches: sketches,
      segments: segments.map { ($0.info.name, $0.maxDoc) })
  }
}
