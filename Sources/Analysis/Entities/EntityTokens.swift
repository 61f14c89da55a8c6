/// The word-level view of a text that the entity recognisers read.
///
/// Tokens are words, numbers and punctuation over the UTF-8 bytes, with byte offsets. Hyphens
/// inside words are not tokens: "Leigh-on-Sea" is three words, the last two marked `hyphenBefore`,
/// so "Leigh on Sea" folds to the same key. A possessive "'s" is its own token. Each word carries
/// a 64-bit hash of its folded form (ASCII lower-cased, apostrophes and dots dropped), so the
/// recognisers compare hashes, not strings.
struct EntityTokens {
  enum Kind: UInt8 { case word, number, punct }

  struct Token {
    var start: Int
    var end: Int
    /// Folded hash (words and numbers) or the punctuation's hash.
    var hash: UInt64
    /// The word lists holding `hash` (empty unless the tokens were classified).
    var lex: WordClass
    var kind: Kind
    /// First byte is an ASCII capital (or, for non-ASCII, treated as capitalised).
    var cap: Bool
    /// Every letter is a capital and there are at least two letters.
    var allCaps: Bool
    /// No whitespace between this token and the one before.
    var joined: Bool
    /// Joined to the previous word by a hyphen.
    var hyphenBefore: Bool
    /// First token of a sentence (or of the text, or after a line break).
    var sentenceStart: Bool
  }

  /// The text's UTF-8 bytes (a slice of `padded`, without its sentinel).
  let bytes: ArraySlice<UInt8>
  let tokens: [Token]
  /// Indices of capitalised words: where a unit, officer or place can start.
  let capitals: [Int]
  /// Indices of numbers and number words ("nine", "one", "thousand" after "a"): where a figure
  /// can start.
  let numbers: [Int]
  /// Indices of lower-case unit heads and "operation" ("the dog unit", "the operation under
  /// 'Velocity'"): where a lower-case unit name can end or start.
  let heads: [Int]

  /// Tokenises `text`; with `classes`, each token also gets its word classes (the recognisers'
  /// view). Tables are built from unclassified tokens, so building them never needs themselves.
  init(_ text: String, classes: WordClassTable? = nil) {
    // A 0 after the text ends every run of letters, so the tokenizer's letter loop needs no
    // bounds check.
    var padded: [UInt8] = []
    padded.reserveCapacity(text.utf8.count + 1)
    padded.append(contentsOf: text.utf8)
    padded.append(0)
    let bytes = padded[0..<padded.count - 1]
    let table = classes ?? WordClassTable.empty
    var capitals: [Int] = []
    var numbers: [Int] = []
    var heads: [Int] = []
    capitals.reserveCapacity(bytes.count / 32 + 8)
    numbers.reserveCapacity(bytes.count / 64 + 8)
    // Prose has a token per ~5.5 bytes; denser text is tokenised again with twice the room, up to
    // one token per byte (the most there can be), so the buffer stays within twice the need.
    var capacity = bytes.count / 4 + 16
    while true {
      var complete = false
      let tokens = [Token](unsafeUninitializedCapacity: capacity) { buffer, count in
        complete = padded.withUnsafeBufferPointer {
          Self.tokenize($0, table, into: buffer, count: &count, &capitals, &numbers, &heads)
        }
      }
      if complete {
        self.bytes = bytes
        self.tokens = tokens
        self.capitals = capitals
        self.numbers = numbers
        self.heads = heads
        return
      }
      capacity = Swift.min(capacity * 2, bytes.count + 1)
      capitals.removeAll()
      numbers.removeAll()
      heads.removeAll()
    }
  }

  // MARK: - Hashing

  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  /// Folded hash of a string as one word (used to build keyword tables).
  static func hash(_ s: String) -> UInt64 {
    var h = seed
    for b in s.utf8 { h = fold(h, b) }
    return h
  }

  @inline(__always)
  static func fold(_ h: UInt64, _ b: UInt8) -> UInt64 {
    if b == 0x27 || b == 0x2E { return h }  // ' and . are dropped
    let c = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    return (h ^ UInt64(c)) &* prime
  }

  /// Combines word hashes into a sequence hash.
  @inline(__always)
  static func combine(_ seq: UInt64, _ h: UInt64) -> UInt64 {
    (seq ^ h) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
  }

  /// Sequence hash of a phrase, tokenised exactly as text is.
  static func phraseHash(_ phrase: String) -> UInt64 {
    phraseTokens(phrase).reduce(0, combine)
  }

  /// The token hashes that `phraseHash` combines: every token but commas.
  static func phraseTokens(_ phrase: String) -> [UInt64] {
    EntityTokens(phrase).tokens.filter { $0.kind != .punct || $0.hash != commaHash }.map { $0.hash }
  }

  static let commaHash = hash(",")

  // MARK: - Access

  @inline(__always) func text(_ i: Int) -> String {
    String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self)
  }

  func text(from a: Int, to b: Int) -> String {
    String(decoding: bytes[a..<b], as: UTF8.self)
  }

  /// Whether token `i` is exactly the punctuation character `c`.
  @inline(__always) func isPunct(_ i: Int, _ c: UInt8) -> Bool {
    i >= 0 && i < tokens.count && tokens[i].kind == .punct && tokens[i].end - tokens[i].start == 1
      && bytes[tokens[i].start] == c
  }

  /// Calls `body` with a view of the tokens and bytes as buffer pointers (no reference counting
  /// or bounds checks in the scanners' loops); the view must not escape `body`.
  func withView<R>(_ body: (TokenView) -> R) -> R {
    tokens.withUnsafeBufferPointer { t in
      bytes.withUnsafeBufferPointer { b in
        capitals.withUnsafeBufferPointer { c in
          numbers.withUnsafeBufferPointer { n in
            heads.withUnsafeBufferPointer { h in
              body(TokenView(tokens: t, bytes: b, capitals: c, numbers: n, heads: h))
            }
          }
        }
      }
    }
  }

  // MARK: - Tokenizer

  @inline(__always) private static func isLetter(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
  }
  @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  /// Length of a multi-byte punctuation sequence at `i` (curly quotes, dashes, £, nbsp), or 0.
  @inline(__always)
  private static func multiPunct(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = bytes[i]
    if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA3 || bytes[i + 1] == 0xA0 { return 2 }
    if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 { return 3 }
    return 0
  }

  @inline(__always)
  private static func isApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    if bytes[i] == 0x27 { return 1 }
    if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
      return 3
    }
    return 0
  }

  /// Writes the tokens of the text in `padded` (its bytes, then a 0) into `tokens`; false when
  /// they did not all fit.
  private static func tokenize(
    _ padded: UnsafeBufferPointer<UInt8>, _ classes: WordClassTable,
    into tokens: UnsafeMutableBufferPointer<Token>, count: inout Int, _ capitals: inout [Int],
    _ numbers: inout [Int], _ heads: inout [Int]
  ) -> Bool {
    let abbreviations = Self.abbreviations
    let bytes = UnsafeBufferPointer(rebasing: padded.dropLast())
    let n = bytes.count
    var i = 0
    var space = true
    var hyphen = false
    var sentence = true
    while i < n {
      let b = bytes[i]
      if b == 0x20 || b == 0x09 || b == 0x0D {
        space = true
        i += 1
        continue
      }
      if b == 0x0A {
        space = true
        sentence = true
        i += 1
        continue
      }
      if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {  // no-break space
        space = true
        i += 2
        continue
      }
      let start = i
      var kind = Kind.punct
      var h = Self.seed
      var cap = false
      var letters = 0
      var lowerBits: UInt8 = 0  // 0x20 once a lower-case letter is seen
      if Self.isDigit(b) {
        kind = .number
        while i < n {
          let c = bytes[i]
          if Self.isDigit(c) {
            h = (h ^ UInt64(c)) &* Self.prime
            i += 1
          } else if c == 0x2C || c == 0x2E, i + 1 < n, Self.isDigit(bytes[i + 1]) {
            if c == 0x2E { h = (h ^ 0x2E) &* Self.prime }
            i += 1
          } else {
            break
          }
        }
      } else if Self.isLetter(b) || (b >= 0x80 && multiPunct(bytes, i) == 0) {
        kind = .word
        cap = (b >= 0x41 && b <= 0x5A) || b >= 0x80
        while i < n {
          // The run of ASCII letters (nearly every word is nothing else); the 0 after the text
          // ends it, so the loop needs no bounds check.
          let run = i
          while Self.isLetter(padded[i]) {
            lowerBits |= padded[i]
            h = (h ^ UInt64(padded[i] | 0x20)) &* Self.prime
            i &+= 1
          }
          letters &+= i &- run
          guard i < n else { break }
          let c = bytes[i]
          if c >= 0x80 && multiPunct(bytes, i) == 0 {
            h = (h ^ UInt64(c)) &* Self.prime
            i += 1
          } else {
            let a = isApostrophe(bytes, i)
            // An apostrophe inside a word ("O'Brien") stays; a possessive "'s" is split off.
            if a > 0, i + a < n, Self.isLetter(bytes[i + a]) {
              let after = i + a + 1
              let isPossessive =
                (bytes[i + a] == 0x73 || bytes[i + a] == 0x53)
                && (after >= n || !Self.isLetter(bytes[after]))
              if isPossessive { break }
              i += a
              continue
            }
            break
          }
        }
      } else {
        let a = isApostrophe(bytes, i)
        if a > 0, i + a < n, bytes[i + a] == 0x73,
          i + a + 1 >= n || !Self.isLetter(bytes[i + a + 1]),
          !space
        {
          i += a + 1
          h = Self.fold(Self.seed, 0x73)
          kind = .word
        } else if b == 0x2D, !space, i + 1 < n,
          Self.isLetter(bytes[i + 1]) || Self.isDigit(bytes[i + 1]),
          count > 0, tokens[count - 1].kind != .punct
        {
          hyphen = true
          i += 1
          continue
        } else {
          let mp = multiPunct(bytes, i)
          let len = mp > 0 ? mp : 1
          for k in 0..<len { h = (h ^ UInt64(bytes[i + k])) &* Self.prime }
          i += len
        }
      }
      if count == tokens.count { return false }
      let lex = classes[h]
      tokens.initializeElement(
        at: count,
        to: Token(
          start: start, end: i, hash: h, lex: lex, kind: kind, cap: cap,
          allCaps: letters >= 2 && lowerBits & 0x20 == 0, joined: !space, hyphenBefore: hyphen,
          sentenceStart: sentence))
      if kind == .word {
        if cap {
          capitals.append(count)
        } else if !lex.isDisjoint(with: Self.lowerHeadStart) {
          heads.append(count)
        }
        if !lex.isDisjoint(with: Self.figureStart) {
          numbers.append(count)
        } else if lex.contains(.multiplier), count > 0, tokens[count - 1].hash == Self.aHash {
          numbers.append(count)  // "a thousand years"
        }
      } else if kind == .number {
        numbers.append(count)
      }
      count += 1
      space = false
      hyphen = false
      if kind == .punct {
        let c = bytes[start]
        if (c == 0x2E || c == 0x21 || c == 0x3F) && i - start == 1 {
          // "St." or "Insp." followed by a capital is an abbreviation, not a sentence end.
          sentence = !(count >= 2 && abbreviations.contains(tokens[count - 2].hash))
        } else if !(c == 0x22 || c == 0x27 || (c == 0xE2 && i - start == 3)) {
          sentence = false
        }
      } else {
        sentence = false
      }
    }
    return true
  }

  /// "a", before a multiplier a number ("a thousand").
  static let aHash = hash("a")
  /// Words that can start a figure: number words and "one" (and a multiplier after "a").
  static let figureStart: WordClass = [.numberWord, .one]
  /// Lower-case words listed in `heads`.
  static let lowerHeadStart: WordClass = [.unitHead, .operation]

  static let abbreviationWords = [
    "st", "insp", "supt", "sgt", "det", "ch", "mr", "mrs", "ms", "dr", "no", "cllr", "con", "cmdr",
  ]
  static let abbreviations = Lexicon.set(abbreviationWords)
}

/// One tokenised text as the scanners read it: `EntityTokens`' arrays as buffer pointers, valid
/// only inside `EntityTokens.withView`.
struct TokenView {
  let tokens: UnsafeBufferPointer<EntityTokens.Token>
  let bytes: UnsafeBufferPointer<UInt8>
  /// Indices of capitalised words.
  let capitals: UnsafeBufferPointer<Int>
  /// Indices of numbers and number words.
  let numbers: UnsafeBufferPointer<Int>
  /// Indices of lower-case unit heads and "operation".
  let heads: UnsafeBufferPointer<Int>

  /// The text of token `i`.
  @inline(__always) func text(_ i: Int) -> String {
    text(from: tokens[i].start, to: tokens[i].end)
  }

  /// The text at bytes `a..<b`.
  func text(from a: Int, to b: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
  }

  /// Whether token `i` is exactly the punctuation character `c`.
  @inline(__always) func isPunct(_ i: Int, _ c: UInt8) -> Bool {
    i >= 0 && i < tokens.count && tokens[i].kind == .punct && tokens[i].end - tokens[i].start == 1
      && bytes[tokens[i].start] == c
  }
}
