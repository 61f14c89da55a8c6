/// The indexed fields. The raw value is the field's byte in term keys and its row in the norms
/// file, so the order is part of the format (FORMAT.md).
public enum Field: UInt8, CaseIterable, Sendable, Codable {
  /// Headline.
  case title = 0
  /// Article text.
  case body = 1
  /// Site or feed name.
  case source = 2
  /// Author line.
  case byline = 3
  /// Police units and operations (canonical names and acronyms).
  case unit = 4
  /// Towns, districts, counties (with their enclosing areas).
  case place = 5
  /// Officers (names and ranks).
  case officer = 6
  /// Counted nouns of figures ("arrest", "firearm", "£").
  case figure = 7
  /// Police forces and agencies (canonical names and acronyms).
  case force = 8

  /// The name users type before a colon.
  public var name: String {
    switch self {
    case .title: "title"
    case .body: "body"
    case .source: "source"
    case .byline: "byline"
    case .unit: "unit"
    case .place: "place"
    case .officer: "officer"
    case .figure: "figure"
    case .force: "force"
    }
  }

  public init?(name: String) {
    guard let f = Field.allCases.first(where: { $0.name == name }) else { return nil }
    self = f
  }

  public static let count = Field.allCases.count
}

/// Field lengths are stored as one byte per document and field: exact up to 40 tokens, then on a
/// geometric scale (7% steps), as Lucene and tantivy quantise their norms.
public enum FieldNorm {
  /// `lengths[id]` is the length a norm byte stands for.
  public static let lengths: [UInt32] = {
    var t: [UInt32] = Array(0..<40)
    var v = 40.0
    while t.count < 256 {
      v = max(v * 1.07, Double(t[t.count - 1] + 1))
      t.append(UInt32(min(v, Double(UInt32.max / 2))))
    }
    return t
  }()

  /// The largest id whose length does not exceed `length`.
  public static func encode(_ length: UInt32) -> UInt8 {
    var lo = 0
    var hi = 255
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lengths[mid] <= length { lo = mid } else { hi = mid - 1 }
    }
    return UInt8(lo)
  }

  @inline(__always) public static func decode(_ id: UInt8) -> UInt32 { lengths[Int(id)] }
}
