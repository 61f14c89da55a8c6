/// Writes a segment's `.terms`, `.postings` and `.positions` files, one term at a time in key
/// order: each finished `PostingsWriter` is appended to the two data files and its entry added to
/// the dictionary. Shared by `SegmentBuilder` (new segments) and `SegmentMerger`, so both write the
/// same bytes.
struct TermFilesWriter {
  private let name: String
  private let storage: Storage
  private let postings: FileSink
  private let positions: FileSink
  private var dictionary = TermDictionaryWriter()
  private var postingsOffset: UInt64 = 0
  private var positionsOffset: UInt64 = 0

  init(name: String, storage: Storage) throws {
    self.name = name
    self.storage = storage
    postings = try storage.create("\(name).\(FileKind.postings.ext)", kind: .postings)
    positions = try storage.create("\(name).\(FileKind.positions.ext)", kind: .positions)
  }

  /// Appends the term `key` with the postings `writer` holds (finished), then resets `writer`.
  mutating func add(key: [UInt8], _ writer: PostingsWriter) throws {
    dictionary.add(
      key: key,
      info: TermInfo(
        docFreq: UInt32(writer.docFreq), postingsOffset: postingsOffset, positionsOffset: positionsOffset))
    try postings.write(writer.postings)
    try positions.write(writer.positions)
    postingsOffset += UInt64(writer.postings.count)
    positionsOffset += UInt64(writer.positions.count)
    writer.reset()
  }

  /// Appends terms `keys` whose postings were encoded elsewhere (`encoded`, one entry per key):
  /// the same bytes as adding them one by one.
  mutating func add(keys: some Sequence<[UInt8]>, encoded: EncodedTerms) throws {
    var k = 0
    var postingsStart = 0
    var positionsStart = 0
    for key in keys {
      let t = encoded.terms[k]
      dictionary.add(
        key: key,
        info: TermInfo(
          docFreq: t.docFreq, postingsOffset: postingsOffset + UInt64(postingsStart),
          positionsOffset: positionsOffset + UInt64(positionsStart)))
      postingsStart = t.postingsEnd
      positionsStart = t.positionsEnd
      k += 1
    }
    precondition(k == encoded.terms.count, "one key per encoded term")
    try postings.write(encoded.postings)
    try positions.write(encoded.positions)
    postingsOffset += UInt64(encoded.postings.count)
    positionsOffset += UInt64(encoded.positions.count)
  }

  /// Seals the postings and positions files, then writes the dictionary.
  mutating func finish() throws {
    try postings.finish()
    try positions.finish()
    let terms = try storage.create("\(name).\(FileKind.terms.ext)", kind: .terms)
    try terms.write(dictionary.finish())
    try terms.finish()
  }
}
