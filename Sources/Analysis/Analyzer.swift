import Foundation
#if canImport(Glibc)
  import Glibc
#endif

/// Turns text into the terms blotter indexes and searches: the same analyzer runs at index time
/// and at query time, so both sides agree on every term.
///
/// Rules, in order:
/// - Words follow Unicode letter/digit classes over UTF-8 bytes; ideographs and hiragana are one
///   token per character (as Lucene's standard tokenizer does), so Japanese and Chinese text does
///   not collapse into one token; Korean and Cyrillic split on spaces and punctuation.
/// - Apostrophes inside words are kept (`o'brien`, `kent's` → stem `kent`); curly ones become `'`.
/// - Numbers stay whole: `1,000` → `1000`, `5.8` stays `5.8`; a currency sign directly before a
///   number adds the alternative `£5.8` at the same position (index mode), so both "5.8" and
///   "£5.8" are searchable.
/// - Case and diacritics are folded (`Café` → `cafe`); Latin-script words are stemmed with
///   Snowball English.
///
/// An `Analyzer` owns a stemmer and a memo table, so it is per-task state: create one per worker.
public final class Analyzer {
  /// Index mode emits alternatives at the same position; query mode emits only the most specific
  /// form of each word.
  public enum Mode: Sendable { case index, query }

  /// Longest token kept, in UTF-8 bytes; longer runs (hashes, base64) only take up a position.
  public static let maxTokenBytes = 64

  private let stemmer: SnowballStemmer?
  private var foldCache: [String: String] = [:]
  private var stems = StemTable()
  private var word: [UInt8] = []

  /// - Parameter stemming: stem Latin-script words (true for body and title fields).
  public init(stemming: Bool = true) {
    stemmer = stemming ? SnowballStemmer() : nil
    word.reserveCapacity(Self.maxTokenBytes)
  }

  /// Analyzes `text` and returns its tokens in order.
  public func tokens(_ text: String, mode: Mode = .index) -> [Token] {
    var out: [Token] = []
    out.reserveCapacity(text.utf8.count / 5)
    analyze(text, mode: mode) { out.append($0) }
    return out
  }

  /// Folds and stems one word typed by a user, exactly as indexing would.
  public func term(for word: String) -> String? {
    tokens(word, mode: .query).first?.term
  }

  /// Folds case and diacritics without stemming (for prefix queries).
  public func fold(_ word: String) -> String {
    var result = ""
    var text = word
    text.withUTF8 { buf in
      scan(buf, mode: .query) { raw, _, _, kind in
        if kind == .word || kind == .number { result += self.foldedString(raw, stem: false) }
      }
    }
    return result
  }

  /// The byte span of every position of `text`, as `analyze` numbers them, without folding or
  /// stemming anything (for snippets, which learn the matching positions from the index).
  public func spans(_ text: String) -> [(start: Int32, end: Int32)] {
    var out: [(start: Int32, end: Int32)] = []
    out.reserveCapacity(text.utf8.count / 5)
    var text = text
    text.withUTF8 { buf in
      scan(buf, mode: .query) { _, start, end, _ in
        out.append((Int32(start), Int32(end)))
      }
    }
    return out
  }

  /// Calls `body` with every token of `text`.
  public func analyze(_ text: String, mode: Mode = .index, _ body: (Token) -> Void) {
    var text = text
    var position: Int32 = -1
    text.withUTF8 { buf in
      scan(buf, mode: mode) { raw, start, end, kind in
        switch kind {
        case .word, .number:
          position += 1
          let (term, hash) = foldedTerm(raw, stem: kind == .word)
          body(Token(term: term, hash: hash, position: position, start: Int32(start), end: Int32(end)))
        case .currencyNumber:
          // raw = currency sign bytes + number; the alternative shares the position.
          position += 1
          let sign = currencyPrefixLength(raw)
          let number = String(decoding: raw[sign...], as: UTF8.self)
          let whole = String(decoding: raw, as: UTF8.self)
          if mode == .index {
            body(Token(term: number, position: position, start: Int32(start), end: Int32(end)))
          }
          body(Token(term: whole, position: position, start: Int32(start), end: Int32(end)))
        case .skipped:
          position += 1
        }
      }
    }
  }

  // MARK: - Scanning

  enum Kind { case word, number, currencyNumber, skipped }

  /// Splits UTF-8 bytes into raw words. `emit` gets the raw (not yet folded) bytes with commas
  /// removed from numbers and curly apostrophes made straight.
  func scan(
    _ buf: UnsafeBufferPointer<UInt8>, mode: Mode,
    _ emit: (ArraySlice<UInt8>, Int, Int, Kind) -> Void
  ) {
    let n = buf.count
    var i = 0
    var start = -1
    var isNumber = false  // token so far is digits (and inner separators) only
    var currency = false
    word.removeAll(keepingCapacity: true)

    func flush(_ end: Int) {
      if start >= 0 {
        let kind: Kind
        if word.count > Self.maxTokenBytes {
          kind = .skipped
        } else if currency {
          kind = isNumber ? .currencyNumber : .word
        } else {
          kind = isNumber ? .number : .word
        }
        emit(word[...], start, end, kind)
      }
      start = -1
      isNumber = false
      currency = false
      word.removeAll(keepingCapacity: true)
    }

    while i < n {
      let b = buf[i]
      // Decode one scalar.
      var scalar: UInt32
      var len: Int
      if b < 0x80 {
        scalar = UInt32(b)
        len = 1
      } else if b & 0xE0 == 0xC0, i + 1 < n {
        scalar = (UInt32(b & 0x1F) << 6) | UInt32(buf[i + 1] & 0x3F)
        len = 2
      } else if b & 0xF0 == 0xE0, i + 2 < n {
        scalar =
          (UInt32(b & 0x0F) << 12) | (UInt32(buf[i + 1] & 0x3F) << 6) | UInt32(buf[i + 2] & 0x3F)
        len = 3
      } else if b & 0xF8 == 0xF0, i + 3 < n {
        scalar =
          (UInt32(b & 0x07) << 18) | (UInt32(buf[i + 1] & 0x3F) << 12)
          | (UInt32(buf[i + 2] & 0x3F) << 6) | UInt32(buf[i + 3] & 0x3F)
        len = 4
      } else {
        scalar = 0xFFFD
        len = 1
      }

      if scalar < 0x80 {
        let c = UInt8(scalar)
        if isDigit(c) {
          if start < 0 {
            start = i
            isNumber = true
          }
          word.append(c)
        } else if isLetter(c) {
          if start < 0 { start = i }
          if currency { flush(i); start = i }
          isNumber = false
          word.append(c)
        } else if start >= 0, isNumber, (c == 0x2C || c == 0x2E), i + 1 < n, isDigit(buf[i + 1]),
          !word.isEmpty
        {
          // 1,000 → 1000; 5.8 stays 5.8
          if c == 0x2E { word.append(c) }
        } else if start >= 0, !isNumber, c == 0x27, i + 1 < n, isLetter(buf[i + 1]) {
          word.append(0x27)
        } else {
          flush(i)
          if (c == 0x24), i + 1 < n, isDigit(buf[i + 1]) {
            start = i
            currency = true
            isNumber = true
            word.append(c)
          }
        }
        i += 1
        continue
      }

      // Non-ASCII scalar.
      let sc = Unicode.Scalar(scalar) ?? "\u{FFFD}"
      if scalar == 0x2019 || scalar == 0x2018 {  // curly apostrophe inside a word
        if start >= 0, !isNumber, i + len < n, isLetter(buf[i + len]) || buf[i + len] >= 0x80 {
          word.append(0x27)
          i += len
          continue
        }
        flush(i)
        i += len
        continue
      }
      if scalar == 0xA3 || scalar == 0x20AC {  // £ €
        flush(i)
        if i + len < n, isDigit(buf[i + len]) {
          start = i
          currency = true
          isNumber = true
          for k in 0..<len { word.append(buf[i + k]) }
        }
        i += len
        continue
      }
      let props = sc.properties
      if props.isIdeographic || (0x3040...0x309F).contains(scalar) {
        flush(i)
        start = i
        for k in 0..<len { word.append(buf[i + k]) }
        isNumber = false
        flush(i + len)
        i += len
        continue
      }
      let gc = props.generalCategory
      let wordChar: Bool
      switch gc {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber:
        wordChar = true
      default:
        wordChar = false
      }
      if wordChar {
        if start < 0 { start = i }
        if currency { flush(i); start = i }
        isNumber = false
        for k in 0..<len { word.append(buf[i + k]) }
      } else {
        flush(i)
      }
      i += len
    }
    flush(n)
  }

  // MARK: - Folding

  private func foldedString(_ raw: ArraySlice<UInt8>, stem: Bool) -> String {
    foldedTerm(raw, stem: stem).term
  }

  /// The indexed form of a raw word and its `Token.hash`. ASCII words (nearly all of them) are
  /// lower-cased and hashed in one pass, and their stems come from a table probed by that hash.
  private func foldedTerm(_ raw: ArraySlice<UInt8>, stem: Bool) -> (term: String, hash: UInt64) {
    var ascii = true
    for b in raw where b >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { buf in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var latin = true
        var k = 0
        for b in raw {
          let c = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
          buf[k] = c
          k += 1
          h ^= UInt64(c)
          h = h &* 0x100_0000_01b3
          if !((c >= 0x61 && c <= 0x7A) || c == 0x27) { latin = false }
        }
        let bytes = UnsafeBufferPointer(rebasing: buf[0..<k])
        let hash = Token.mix(h)
        if stem, latin, k > 2, let stemmer {
          if let hit = stems.lookup(hash, bytes) { return hit }
          let folded = String(decoding: bytes, as: UTF8.self)
          let stemmed = stemmer.stem(folded)
          let result = (stemmed, Token.hash(of: stemmed))
          stems.insert(hash, folded, result)
          return result
        }
        return (String(decoding: bytes, as: UTF8.self), hash)
      }
    }
    let s = String(decoding: raw, as: UTF8.self)
    var folded: String
    if let hit = foldCache[s] {
      folded = hit
    } else {
      folded = Self.foldUnicode(s)
      if foldCache.count > 100_000 { foldCache.removeAll(keepingCapacity: true) }
      foldCache[s] = folded
    }
    if stem, let stemmer, folded.utf8.count > 2, isLatinWord(folded) { folded = stemmer.stem(folded) }
    return (folded, Token.hash(of: folded))
  }

  /// Lower-cases and removes diacritics from any script; ligatures and a few letters that have
  /// no decomposition are spelt out in ASCII.
  static func foldUnicode(_ s: String) -> String {
    var f = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .lowercased()
    if f.unicodeScalars.contains(where: { $0.value > 0x7F && $0.value < 0x250 }) {
      var out = ""
      for ch in f.unicodeScalars {
        switch ch {
        case "ß": out += "ss"
        case "æ": out += "ae"
        case "œ": out += "oe"
        case "ø": out += "o"
        case "ł": out += "l"
        case "đ": out += "d"
        case "ð": out += "d"
        case "þ": out += "th"
        case "ı": out += "i"
        default: out.unicodeScalars.append(ch)
        }
      }
      f = out
    }
    return f
  }
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) private func isLetter(_ c: UInt8) -> Bool {
  (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
}

/// True when every byte is an ASCII letter or apostrophe: the words the English stemmer is for.
private func isLatinWord(_ s: String) -> Bool {
  for b in s.utf8 where !((b >= 0x61 && b <= 0x7A) || b == 0x27) { return false }
  return true
}

private func currencyPrefixLength(_ raw: ArraySlice<UInt8>) -> Int {
  var k = raw.startIndex
  while k < raw.endIndex, !isDigit(raw[k]) { k += 1 }
  return k
}

/// Folded word → (stem, stem hash), probed by the folded word's hash; cleared when full.
struct StemTable {
  private var hashes: [UInt64]
  private var words: [String?]
  private var results: [(String, UInt64)]
  private var used = 0
  private let mask: Int

  init(capacity: Int = 1 << 16) {
    hashes = Array(repeating: 0, count: capacity)
    words = Array(repeating: nil, count: capacity)
    results = Array(repeating: ("", 0), count: capacity)
    mask = capacity - 1
  }

  func lookup(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> (String, UInt64)? {
    var i = Int(truncatingIfNeeded: hash) & mask
    while let w = words[i] {
      if hashes[i] == hash && w.utf8.count == bytes.count
        && (w.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
          ?? w.utf8.elementsEqual(bytes))
      {
        return results[i]
      }
      i = (i + 1) & mask
    }
    return nil
  }

  mutating func insert(_ hash: UInt64, _ word: String, _ result: (String, UInt64)) {
    if used * 2 > mask {
      for i in words.indices { words[i] = nil }
      used = 0
    }
    var i = Int(truncatingIfNeeded: hash) & mask
    while words[i] != nil { i = (i + 1) & mask }
    hashes[i] = hash
    words[i] = word
    results[i] = result
    used += 1
  }
}
