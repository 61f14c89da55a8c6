import Analysis

/// The stored form of an article: what `show` prints and search results are made from.
public struct StoredDocument: Sendable, Equatable, Codable {
  public var id: String
  public var path: String
  public var url: String?
  public var title: String
  public var date: String?
  public var source: String?
  public var byline: String?
  public var text: String
  /// Extra stored data by name (e.g. entity mentions as JSON), kept opaque by the index.
  public var extra: [String: String]

  public init(
    id: String, path: String, url: String? = nil, title: String, date: String? = nil,
    source: String? = nil, byline: String? = nil, text: String, extra: [String: String] = [:]
  ) {
    self.id = id
    self.path = path
    self.url = url
    self.title = title
    self.date = date
    self.source = source
    self.byline = byline
    self.text = text
    self.extra = extra
  }

  func encode(into w: inout ByteWriter) {
    w.string(id)
    w.string(path)
    w.string(url ?? "")
    w.string(title)
    w.string(date ?? "")
    w.string(source ?? "")
    w.string(byline ?? "")
    w.string(text)
    w.varint(extra.count)
    for (k, v) in extra.sorted(by: { $0.key < $1.key }) {
      w.string(k)
      w.string(v)
    }
  }

  static func decode(from r: inout ByteReader) throws(IndexError) -> StoredDocument {
    let id = try r.string()
    let path = try r.string()
    let url = try r.string()
    let title = try r.string()
    let date = try r.string()
    let source = try r.string()
    let byline = try r.string()
    let text = try r.string()
    let n = try r.int()
    var extra: [String: String] = [:]
    for _ in 0..<n {
      let k = try r.string()
      extra[k] = try r.string()
    }
    return StoredDocument(
      id: id, path: path, url: url.isEmpty ? nil : url, title: title,
      date: date.isEmpty ? nil : date, source: source.isEmpty ? nil : source,
      byline: byline.isEmpty ? nil : byline, text: text, extra: extra)
  }
}

extension TextPositions {
  /// `count:v stride:v startGap:v[(count + stride - 1) / stride]` (FORMAT.md, "store"): the
  /// recorded starts as gaps from the previous one (the first from 0).
  func encode(into w: inout ByteWriter) {
    w.varint(count)
    w.varint(stride)
    var last: UInt32 = 0
    for s in starts {
      w.varint(UInt64(s &- last))
      last = s
    }
  }

  /// Reads what `encode` wrote; `textBytes` bounds the starts (they are offsets into the text).
  static func decode(from r: inout ByteReader, textBytes: Int) throws(IndexError) -> TextPositions {
    let count = try r.int()
    let stride = try r.int()
    // A position takes at least one byte of text.
    guard stride >= 1, count <= textBytes else {
      throw r.fail("text positions claim \(count) positions every \(stride) in \(textBytes) bytes")
    }
    let n = (count + stride - 1) / stride
    var starts: [UInt32] = []
    starts.reserveCapacity(n)
    var last = 0
    for _ in 0..<n {
      let gap = try r.int()
      last += gap
      guard last < textBytes, gap > 0 || starts.isEmpty else {
        throw r.fail("text position start \(last) out of order or beyond the text's \(textBytes) bytes")
      }
      starts.append(UInt32(last))
    }
    return TextPositions(count: count, stride: stride, starts: starts)
  }
}

/// A numeric fact about a document, kept in a column so range filters never scan text:
/// `figure:arrests>400` reads (noun, value) pairs.
public struct FigureValue: Sendable, Equatable, Codable {
  /// Normalised counted noun ("arrest", "firearm", "kg", "£", "%", "year").
  public var noun: String
  public var value: Double

  public init(noun: String, value: Double) {
    self.noun = noun
    self.value = value
  }
}

/// One field of one document, inverted: each distinct term once with its positions. Built by the
/// worker that analysed the document, so the single index writer only looks each distinct term up.
public struct FieldPostings: Sendable {
  /// Distinct terms in first-occurrence order.
  public var terms: [String] = []
  /// Positions of all terms, concatenated: term k owns `positions[offsets[k]..<offsets[k+1]]`,
  /// ascending.
  public var positions: [UInt32] = []
  public var offsets: [Int] = [0]
  /// Field length (last position + 1).
  public var length: UInt32 = 0

  /// Distinct terms' hashes (`Token.hash`), parallel to `terms`.
  public var hashes: [UInt64] = []
  /// The analyzer vocabulary that numbered the terms (`FieldTerms.vocabulary`), 0 for none.
  public var vocabulary: UInt64 = 0
  /// Each term's id in `vocabulary`, parallel to `terms` (empty when `vocabulary` is 0).
  public var ids: [Int32] = []

  public init(tokens: [Token]) {
    self.init(FieldTerms(tokens: tokens))
  }

  /// The postings of an analysed field, as the analyzer inverted it.
  public init(_ field: FieldTerms) {
    terms = field.terms
    hashes = field.hashes
    positions = field.positions
    offsets = field.offsets
    length = field.length
    vocabulary = field.vocabulary
    ids = field.ids
  }

  public var isEmpty: Bool { terms.isEmpty }
}

/// One document ready for the index: analysed fields, stored fields and columns.
public struct IndexDocument: Sendable {
  public var stored: StoredDocument
  /// Inverted fields.
  public var fields: [(Field, FieldPostings)]
  /// Publication date as days since 1970-01-01.
  public var day: Int32?
  public var figures: [FigureValue]
  /// What story grouping knows of it (nil: not grouped, e.g. a document added by hand).
  public var sketch: StorySketch?
  /// Where the positions of `stored.text` start (`Analyzer.fieldTerms(_:positionStride:)` gives
  /// them with the body's terms); when nil, the segment builder scans the text for them.
  public var textPositions: TextPositions?

  public init(
    stored: StoredDocument, fields: [(Field, [Token])], day: Int32?, figures: [FigureValue] = []
  ) {
    self.init(stored: stored, inverted: fields.map { ($0.0, FieldPostings(tokens: $0.1)) }, day: day, figures: figures)
  }

  public init(
    stored: StoredDocument, inverted: [(Field, FieldPostings)], day: Int32?, figures: [FigureValue] = [],
    textPositions: TextPositions? = nil
  ) {
    self.stored = stored
    self.fields = inverted
    self.day = day
    self.figures = figures
    self.textPositions = textPositions
    // The figure field lists the counted nouns, so `figure:` queries can walk postings; derive
    // it from the figures when the caller did not give it.
    if !figures.isEmpty && !inverted.contains(where: { $0.0 == .figure }) {
      let tokens = figures.enumerated().map { Token(term: $1.noun, position: Int32($0), start: 0, end: 0) }
      fields.append((.figure, FieldPostings(tokens: tokens)))
    }
  }
}

/// Calendar helpers for the date column (proleptic Gregorian, no time zones: dates are days).
public enum Day {
  /// Days since 1970-01-01 for a valid date.
  public static func from(year: Int, month: Int, day: Int) -> Int32? {
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
      return nil
    }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146097 + doe - 719468)
  }

  /// Parses `YYYY-MM-DD`.
  public static func parse(_ s: String) -> Int32? {
    let parts = s.split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    return from(year: y, month: m, day: d)
  }

  /// `YYYY-MM-DD` for a day number.
  public static func format(_ days: Int32) -> String {
    let z = Int(days) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
