import Analysis

/// Verifies a whole index: every file's header, footer and checksum, then every cross-reference
/// (postings ascending and below maxDoc, positions decodable, stored documents readable and
/// their text positions those of their text, figure lists ascending and below maxDoc, the file
/// table pointing at live documents, the stories covering exactly the live documents, by their
/// ids, and grouped as their sketches group). The first problem is thrown, naming file and
/// offset.
///
/// A file has one CRC-32, so a checksum mismatch alone only says the damage is somewhere before
/// the footer. The checker then walks the index without checksums, and when the walk stops at
/// bytes of that same file (a postings or positions block, a stored block, a dictionary entry)
/// it reports that offset with the mismatch; otherwise the byte range.
public enum IndexChecker {
  public struct Report: Sendable {
    public var documents = 0
    public var segments = 0
    public var terms = 0
    public var postings = 0
    /// Stories of the commit (nil: it has no stories file).
    public var stories: Int?
  }

  public static func check(path: String) throws -> Report {
    let reader: IndexReader
    do {
      reader = try IndexReader.open(path: path, verify: true)
    } catch IndexError.checksumMismatch(let file, let range, let stored, let computed) {
      let mismatch = IndexError.checksumMismatch(
        file: file, range: range, stored: stored, computed: computed)
      guard let (offset, reason) = locate(path: path, file: file) else { throw mismatch }
      throw IndexError.corrupt(
        file: file, offset: offset,
        reason: "checksum mismatch (stored \(FileFormat.hex(stored)), computed "
          + "\(FileFormat.hex(computed))); the first bytes that do not decode: \(reason)")
    }
    // Checksums read every byte; a check of a big index should not hold all of it resident.
    for s in reader.segments { s.dropResidentPages() }
    return try walk(reader)
  }

  /// Where the structural walk of the index, without checksums, first fails in `file`, if it
  /// does (damage that still decodes is only caught by the checksum).
  static func locate(path: String, file: String) -> (Int, String)? {
    do {
      _ = try walk(try IndexReader.open(path: path, verify: false))
    } catch IndexError.corrupt(let f, let offset, let reason) where f == file && offset > 0 {
      return (offset, reason)
    } catch {
      return nil
    }
    return nil
  }

  /// Every cross-reference of an opened index (see the type's comment).
  static func walk(_ reader: IndexReader) throws -> Report {
    var report = Report()
    report.documents = reader.documents
    report.segments = reader.segments.count
    var positions: [UInt32] = []
    let stories = try reader.storyTable(verify: true, sketches: true)
    let storiesFile = reader.manifest.stories ?? "stories"
    for (si, s) in reader.segments.enumerated() {
      // The generation runs (`export --since`) cover the segment's documents exactly, and no
      // document is newer than the commit.
      if let origins = s.info.origins {
        let runs = s.info.originRuns
        if runs.count != origins.count || runs.reduce(0, { $0 + $1.count }) != s.maxDoc
          || runs.contains(where: { $0.count <= 0 || $0.generation > reader.manifest.generation })
        {
          throw IndexError.corrupt(
            file: Manifest.fileName, offset: 0,
            reason: "segment \(s.info.name): origins \(origins) do not cover its \(s.maxDoc) documents")
        }
      }
    let scanner = Analyzer(stemming: false, vocabularyBudget: 0)
      var lastKey: [UInt8] = []
      var count = 0
      try s.forEachTerm { (field, term, info) throws(IndexError) in
        let key = [field.rawValue] + Array(term)
        if count > 0 && !lastKey.lexicographicallyPrecedes(key) {
          throw IndexError.corrupt(file: "\(s.info.name).terms", offset: 0, reason: "terms out of order at term \(count)")
        }
        lastKey = key
        count += 1
        let c = s.postings(info)
        var n = 0
        var prev: Int64 = -1
        while c.next() != PostingsCursor.end {
          if Int64(c.doc) <= prev || Int(c.doc) >= s.maxDoc {
            throw IndexError.corrupt(
              file: "\(s.info.name).postings", offset: Int(info.postingsOffset),
              reason: "doc \(c.doc) out of order or beyond maxDoc \(s.maxDoc)")
          }
          prev = Int64(c.doc)
          c.positions(into: &positions)
          if positions.count != Int(c.freq) {
            throw c.error ?? IndexError.corrupt(
              file: "\(s.info.name).positions", offset: Int(info.positionsOffset), reason: "positions do not match term frequency")
          }
          n += 1
        }
        if let e = c.error { throw e }
        if n != Int(info.docFreq) {
          throw IndexError.corrupt(
            file: "\(s.info.name).postings", offset: Int(info.postingsOffset),
            reason: "term has \(n) postings, dictionary says \(info.docFreq)")
        }
        report.postings += n
      }
      if count != s.termCount {
        throw IndexError.corrupt(file: "\(s.info.name).terms", offset: 0, reason: "\(count) terms, trailer says \(s.termCount)")
      }
      report.terms += count
      // Every stored document decodes, its text positions are the ones a scan of its text gives
      // (snippets start scanning at them), and the stories know exactly the live documents.
      try s.documentsWithPositions(Array(0..<UInt32(s.maxDoc))) { d, doc, positions in
        let scanned = scanner.textPositions(doc.text, stride: positions.stride)
        if scanned != positions {
          throw IndexError.corrupt(
            file: "\(s.info.name).store", offset: 0,
            reason: "text positions of document \(d) do not match its text (\(positions.count) "
              + "positions stored, \(scanned.count) in the text)")
        }
        guard let stories else { return }
        let n = stories.documentNumber(segment: si, doc: d)
        if s.isDeleted(d) {
          if let n {
            throw IndexError.corrupt(
              file: storiesFile, offset: 0,
              reason: "story document \(n) is \(s.info.name)#\(d), which is deleted")
          }
        } else if let n {
          if stories.documents[n].id != doc.id {
            throw IndexError.corrupt(
              file: storiesFile, offset: 0,
              reason: "story document \(n) says \(s.info.name)#\(d) is \(stories.documents[n].id), "
                + "it is \(doc.id)")
          }
        } else {
          throw IndexError.corrupt(
            file: storiesFile, offset: 0, reason: "\(doc.id) (\(s.info.name)#\(d)) has no story")
        }
      }
      var values: [Double] = []
      for id in s.figureNouns.indices {
        var figures = s.figures(noun: id)
        while let doc = try figures.next(values: &values) {
          if Int(doc) >= s.maxDoc {
            throw IndexError.corrupt(
              file: "\(s.info.name).columns", offset: 0, reason: "figure of document \(doc) beyond maxDoc \(s.maxDoc)")
          }
        }
      }
      s.dropResidentPages()
    }
    let table = try reader.fileTable(verify: true)
    let byName = Dictionary(uniqueKeysWithValues: reader.segments.map { ($0.info.name, $0) })
    for (path, e) in table.entries {
      for ref in e.docs {
        guard let s = byName[ref.segment], Int(ref.doc) < s.maxDoc else {
          throw IndexError.corrupt(
            file: reader.manifest.fileTable ?? "files", offset: 0,
            reason: "\(path) refers to \(ref.segment)#\(ref.doc), which does not exist")
        }
      }
    }
    if let stories {
      if stories.documents.count != reader.documents {
        throw IndexError.corrupt(
          file: storiesFile, offset: 0,
          reason: "\(stories.documents.count) story documents for \(reader.documents) live documents")
      }
      if let problem = stories.problem(grouping: StoryGrouping()) {
        throw IndexError.corrupt(file: storiesFile, offset: 0, reason: problem)
      }
      report.stories = stories.stories.count
    }
    return report
  }
}
