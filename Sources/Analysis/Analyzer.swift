import Foundation
import Synchronization

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
/// An `Analyzer` owns a stemmer, a vocabulary (raw word → indexed term, so each distinct word is
/// folded and stemmed once) and scratch buffers, so it is per-task state: create one per worker.
///
/// Indexing works with term ids: `fieldTerms(_:)` analyses a field's text straight into its
/// distinct terms and occurrences, and `termIDs(_:mode:)`, `termID(for:)` and
/// `fieldTerms(ids:positions:)` let a caller assemble a field from pieces (entity names). Ids stay
/// valid until `beginDocument()` starts the vocabulary over; nothing else does.
public final class Analyzer {
  /// Index mode emits alternatives at the same position; query mode emits only the most specific
  /// form of each word.
  public enum Mode: Sendable { case index, query }

  /// Longest token kept, in UTF-8 bytes; longer runs (hashes, base64) only take up a position.
  public static let maxTokenBytes = 64

  /// Raw words (and terms) the vocabulary may hold before `beginDocument()` starts it over; the
  /// token API stops adding to it at this size.
  public let vocabularyBudget: Int

  private let stemmer: SnowballStemmer?
  private let vocabulary = TermVocabulary()
  /// Incremented each time `beginDocument()` starts the vocabulary over: ids from an earlier
  /// generation mean nothing.
  public private(set) var vocabularyGeneration = 0
  /// Names this analyzer's vocabulary in its current generation, unique in the process (never 0):
  /// `FieldTerms.ids` are ids in it.
  public private(set) var vocabularyID = Analyzer.nextVocabularyID()
  private static let vocabularies = Atomic<UInt64>(0)

  private static func nextVocabularyID() -> UInt64 {
    vocabularies.wrappingAdd(1, ordering: .relaxed).newValue
  }
  /// What `scan` cut from the last text: `scanned[0..<scannedCount]`, and the raw bytes of those
  /// tokens that are not a plain copy of the text in `rewritten`.
  private var scanned = ScratchBuffer<ScannedToken>(capacity: 1024)
  private var scannedCount = 0
  private var rewritten = ScratchBuffer<UInt8>(capacity: 256)
  /// Term ids and positions of the text being analysed, and each occurrence's term number in the
  /// field being grouped.
  private var idBuffer = ScratchBuffer<Int32>(capacity: 2048)
  private var positionBuffer = ScratchBuffer<Int32>(capacity: 2048)
  private var termOfBuffer = ScratchBuffer<Int32>(capacity: 2048)
  /// Tokens of scratch space kept between documents; more is given back by `beginDocument()`.
  private static let retainedTokens = 1 << 16
  /// Marks the vocabulary terms already seen by the field being grouped.
  private var fieldStamp: UInt32 = 0
  /// Working space of `FieldTerms.invert`.
  private var invertScratch: [Int] = []
  /// For each byte value, whether it is an ASCII letter or digit (the bytes a word run takes).
  private let wordBytes: UnsafeMutablePointer<Bool>

  /// - Parameters:
  ///   - stemming: stem Latin-script words (true for body and title fields).
  ///   - vocabularyBudget: distinct words remembered before `beginDocument()` starts over
  ///     (about 100 bytes each).
  public init(stemming: Bool = true, vocabularyBudget: Int = 1 << 16) {
    stemmer = stemming ? SnowballStemmer() : nil
    self.vocabularyBudget = vocabularyBudget
    wordBytes = .allocate(capacity: 256)
    for b in 0..<256 { (wordBytes + b).initialize(to: isLetter(UInt8(b)) || isDigit(UInt8(b))) }
  }

  deinit {
    wordBytes.deallocate()
    scanned.free()
    rewritten.free()
    idBuffer.free()
    positionBuffer.free()
    termOfBuffer.free()
  }

  // MARK: - Tokens

  /// Analyzes `text` and returns its tokens in order.
  public func tokens(_ text: String, mode: Mode = .index) -> [Token] {
    var out: [Token] = []
    var text = text
    text.withUTF8 { buf in
      scan(buf)
      out.reserveCapacity(scannedCount)
      var position: Int32 = -1
      for k in 0..<scannedCount {
        let t = scanned.base[k]
        position += 1
        switch t.kind {
        case .word, .number:
          let (term, hash) = termAndHash(ofRaw: raw(t, buf))
          out.append(Token(term: term, hash: hash, position: position, start: t.start, end: t.end))
        case .currencyNumber:
          // raw = currency sign bytes + number; the alternative shares the position.
          let r = raw(t, buf)
          let bytes = UnsafeBufferPointer(start: r.bytes, count: r.count)
          if mode == .index {
            let number = String(decoding: bytes[currencyPrefixLength(bytes)...], as: UTF8.self)
            out.append(Token(term: number, position: position, start: t.start, end: t.end))
          }
          let whole = String(decoding: bytes, as: UTF8.self)
          out.append(Token(term: whole, position: position, start: t.start, end: t.end))
        case .skipped:
          break
        }
      }
    }
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
      scan(buf)
      for k in 0..<scannedCount where scanned.base[k].kind == .word || scanned.base[k].kind == .number {
        let r = raw(scanned.base[k], buf)
        result += indexedForm(UnsafeBufferPointer(start: r.bytes, count: r.count), stem: false)
      }
    }
    return result
  }

  /// The byte span of every position of `text`, as `tokens` numbers them, without folding or
  /// stemming anything (for snippets, which learn the matching positions from the index).
  public func spans(_ text: String) -> [(start: Int32, end: Int32)] {
    var text = text
    return text.withUTF8 { buf in
      scan(buf)
      return (0..<scannedCount).map { (scanned.base[$0].start, scanned.base[$0].end) }
    }
  }

  /// The positions of `text` with every `stride`-th start recorded (see `TextPositions`).
  public func textPositions(_ text: String, stride: Int = TextPositions.defaultStride)
    -> TextPositions
  {
    var text = text
    return text.withUTF8 { buf in
      scan(buf)
      return lastScanPositions(stride: stride)
    }
  }

  /// The spans of positions `first..<first + count` of `text` (fewer at its end), scanning only
  /// from the recorded start at or before `first`: `positions` must be `text`'s.
  public func spans(_ text: String, positions: TextPositions, from first: Int, count: Int)
    -> [(start: Int32, end: Int32)]
  {
    precondition(positions.stride >= 1, "a stride of at least 1")
    let first = max(0, first)
    let last = min(positions.count, first + max(0, count))
    if first >= last { return [] }
    let c = first / positions.stride
    guard c < positions.starts.count else { return [] }
    let skip = first - c * positions.stride
    var text = text
    return text.withUTF8 { buf in
      let from = min(Int(positions.starts[c]), buf.count)
      scan(buf, from: from, limit: skip + (last - first))
      if scannedCount <= skip { return [] }
      return (skip..<scannedCount).map { (scanned.base[$0].start, scanned.base[$0].end) }
    }
  }

  /// `TextPositions` of what the last `scan` cut (a whole text, scanned from its start).
  private func lastScanPositions(stride: Int) -> TextPositions {
    precondition(stride >= 1, "a stride of at least 1")
    let n = scannedCount
    var starts: [UInt32] = []
    starts.reserveCapacity((n + stride - 1) / stride)
    var k = 0
    while k < n {
      starts.append(UInt32(truncatingIfNeeded: scanned.base[k].start))
      k += stride
    }
    return TextPositions(count: n, stride: stride, starts: starts)
  }

  /// Calls `body` with every token of `text`.
  public func analyze(_ text: String, mode: Mode = .index, _ body: (Token) -> Void) {
    for t in tokens(text, mode: mode) { body(t) }
  }

  // MARK: - Term ids

  /// Starts a document: term ids handed out before may be reused from here on, because the
  /// vocabulary is started over when it has outgrown `vocabularyBudget`.
  public func beginDocument() {
    if vocabulary.rawCount > vocabularyBudget || vocabulary.terms.count > vocabularyBudget {
      vocabulary.removeAll()
      vocabularyGeneration += 1
      vocabularyID = Self.nextVocabularyID()
    }
    scanned.shrink(above: Self.retainedTokens)
    rewritten.shrink(above: 4 * Self.retainedTokens)
    idBuffer.shrink(above: 2 * Self.retainedTokens)
    positionBuffer.shrink(above: 2 * Self.retainedTokens)
    termOfBuffer.shrink(above: 2 * Self.retainedTokens)
  }

  /// Index-mode analysis of one field's text, grouped by term: the same terms and positions as
  /// `tokens(text)`.
  public func fieldTerms(_ text: String) -> FieldTerms {
    var text = text
    return text.withUTF8 { buf in
      let n = collectTermIDs(buf, mode: .index)
      return group(
        UnsafeBufferPointer(start: idBuffer.base, count: n),
        UnsafeBufferPointer(start: positionBuffer.base, count: n))
    }
  }

  /// `fieldTerms(text)` and, from the same scan, the text's `TextPositions` (for a stored text
  /// that snippets are made from).
  public func fieldTerms(_ text: String, positionStride stride: Int)
    -> (FieldTerms, TextPositions)
  {
    var text = text
    return text.withUTF8 { buf in
      let n = collectTermIDs(buf, mode: .index)
      // `group` does not scan: the scanned tokens are still the text's.
      let positions = lastScanPositions(stride: stride)
      let field = group(
        UnsafeBufferPointer(start: idBuffer.base, count: n),
        UnsafeBufferPointer(start: positionBuffer.base, count: n))
      return (field, positions)
    }
  }

  /// The term id and position of every token of `text`, as `tokens(text, mode:)` numbers them.
  public func termIDs(_ text: String, mode: Mode) -> (ids: [Int32], positions: [Int32]) {
    var text = text
    return text.withUTF8 { buf in
      let n = collectTermIDs(buf, mode: mode)
      return (
        Array(UnsafeBufferPointer(start: idBuffer.base, count: n)),
        Array(UnsafeBufferPointer(start: positionBuffer.base, count: n))
      )
    }
  }

  /// The id of a term given in its indexed form (a whole entity name).
  public func termID(for term: String) -> Int32 {
    vocabulary.id(ofTerm: term, hash: Token.hash(of: term))
  }

  /// The indexed form of term `id`.
  public func indexedTerm(_ id: Int32) -> String {
    vocabulary.terms[Int(id)].text
  }

  /// Groups occurrences given as term ids (from this analyzer, since the last `beginDocument()`)
  /// into a field; `positions` is parallel to `ids`.
  public func fieldTerms(ids: [Int32], positions: [Int32]) -> FieldTerms {
    precondition(ids.count == positions.count, "one position per term id")
    return ids.withUnsafeBufferPointer { ids in
      positions.withUnsafeBufferPointer { group(ids, $0) }
    }
  }

  /// Numbers the distinct terms of `ids` in first-occurrence order (`Term.mark` and `Term.index`
  /// remember them for this call) and inverts the field.
  private func group(_ ids: UnsafeBufferPointer<Int32>, _ positions: UnsafeBufferPointer<Int32>)
    -> FieldTerms
  {
    fieldStamp &+= 1
    if fieldStamp == 0 {
      for i in vocabulary.terms.indices { vocabulary.terms[i].mark = 0 }
      fieldStamp = 1
    }
    let stamp = fieldStamp
    var field = FieldTerms()
    field.vocabulary = vocabularyID
    field.terms.reserveCapacity(ids.count)
    field.hashes.reserveCapacity(ids.count)
    field.ids.reserveCapacity(ids.count)
    termOfBuffer.reserve(ids.count)
    let termOf = termOfBuffer.base
    vocabulary.terms.withUnsafeMutableBufferPointer { vocabulary in
      for (k, id) in ids.enumerated() {
        let i = Int(id)
        precondition(i >= 0 && i < vocabulary.count, "term id from another vocabulary generation")
        if vocabulary[i].mark != stamp {
          vocabulary[i].mark = stamp
          vocabulary[i].index = Int32(field.terms.count)
          field.terms.append(vocabulary[i].text)
          field.hashes.append(vocabulary[i].hash)
          field.ids.append(Int32(i))
        }
        termOf[k] = vocabulary[i].index
      }
    }
    field.invert(
      termOf: UnsafeBufferPointer(start: termOf, count: ids.count), positions: positions,
      scratch: &invertScratch)
    return field
  }

  /// Scans `buf` and writes the term id and position of every token to `idBuffer` and
  /// `positionBuffer`; returns how many.
  private func collectTermIDs(_ buf: UnsafeBufferPointer<UInt8>, mode: Mode) -> Int {
    scan(buf)
    idBuffer.reserve(2 * scannedCount)  // a currency number has two terms
    positionBuffer.reserve(2 * scannedCount)
    let ids = idBuffer.base
    let positions = positionBuffer.base
    var n = 0
    var position: Int32 = -1
    for k in 0..<scannedCount {
      let t = scanned.base[k]
      position += 1
      switch t.kind {
      case .word, .number:
        ids[n] = id(ofRaw: raw(t, buf))
        positions[n] = position
        n += 1
      case .currencyNumber:
        let r = raw(t, buf)
        let bytes = UnsafeBufferPointer(start: r.bytes, count: r.count)
        if mode == .index {
          ids[n] = termID(for: String(decoding: bytes[currencyPrefixLength(bytes)...], as: UTF8.self))
          positions[n] = position
          n += 1
        }
        ids[n] = termID(for: String(decoding: bytes, as: UTF8.self))
        positions[n] = position
        n += 1
      case .skipped:
        break
      }
    }
    return n
  }

  /// The term id of a scanned word or number, folding and stemming it on first sight.
  @inline(__always)
  private func id(ofRaw raw: TermVocabulary.Raw) -> Int32 {
    let known = vocabulary.id(of: raw)
    if known >= 0 { return known }
    let id = termID(for: indexedForm(UnsafeBufferPointer(start: raw.bytes, count: raw.count), stem: true))
    vocabulary.insert(raw, id: id)
    return id
  }

  /// The indexed form and hash of a scanned word or number, remembered while the vocabulary has
  /// room (the token API never starts it over, so ids handed out stay valid).
  private func termAndHash(ofRaw raw: TermVocabulary.Raw) -> (String, UInt64) {
    let known = vocabulary.id(of: raw)
    if known >= 0 {
      let t = vocabulary.terms[Int(known)]
      return (t.text, t.hash)
    }
    let text = indexedForm(UnsafeBufferPointer(start: raw.bytes, count: raw.count), stem: true)
    let hash = Token.hash(of: text)
    if vocabulary.rawCount < vocabularyBudget && vocabulary.terms.count < vocabularyBudget {
      vocabulary.insert(raw, id: vocabulary.id(ofTerm: text, hash: hash))
    }
    return (text, hash)
  }

  // MARK: - Scanning

  enum Kind: UInt8 { case word, number, currencyNumber, skipped }

  /// One token cut by `scan`: its surface span and where its raw bytes are.
  struct ScannedToken {
    /// Surface span in the text (UTF-8 offsets).
    var start: Int32
    var end: Int32
    /// Offset of the raw bytes in `rewritten`, or -1 when they are the surface bytes.
    var rewritten: Int32
    var rawCount: Int32
    var kind: Kind
  }

  /// The raw (not yet folded) bytes of a scanned token: commas removed from numbers, curly
  /// apostrophes straight.
  @inline(__always)
  private func raw(_ t: ScannedToken, _ text: UnsafeBufferPointer<UInt8>) -> TermVocabulary.Raw {
    if t.rewritten < 0 {
      // A token is never empty, so the text has a base address.
      let base = text.baseAddress.unsafelyUnwrapped
      return TermVocabulary.Raw(base + Int(t.start), count: Int(t.rawCount), end: base + text.count)
    }
    return TermVocabulary.Raw(
      rewritten.base + Int(t.rewritten), count: Int(t.rawCount),
      end: rewritten.base + rewritten.capacity)
  }

  /// What `scan` cuts from `text`: each token's span, kind and raw bytes (tests hold the scanner
  /// to the rules with it).
  func scannedTokens(_ text: String) -> [(start: Int, end: Int, kind: Kind, raw: [UInt8])] {
    var text = text
    return text.withUTF8 { buf in
      scan(buf)
      return (0..<scannedCount).map { k in
        let t = scanned.base[k]
        let r = raw(t, buf)
        return (Int(t.start), Int(t.end), t.kind, Array(UnsafeBufferPointer(start: r.bytes, count: r.count)))
      }
    }
  }

  /// Splits UTF-8 bytes (valid, as a `String`'s are) into tokens, one per position:
  /// `scanned[0..<scannedCount]`. A token's raw bytes are its surface bytes unless a comma was
  /// dropped from a number or a curly apostrophe made straight; then they are copied to
  /// `rewritten`.
  ///
  /// Every token starts from a clean state (nothing before its first byte decides how it is
  /// cut), so a scan `from` the start of some token cuts the same tokens from there on as a scan
  /// of the whole text; it stops after `limit` tokens. Spans stay offsets into all of `buf`.
  func scan(_ buf: UnsafeBufferPointer<UInt8>, from: Int = 0, limit: Int = Int.max) {
    scannedCount = 0
    guard let p = buf.baseAddress, limit > 0 else { return }
    var out = scanned.base
    var outCapacity = scanned.capacity
    var rw = rewritten.base
    var rwCapacity = rewritten.capacity
    let wordBytes = wordBytes
    let n = buf.count
    var count = 0
    var rwCount = 0
    var i = from
    var start = -1
    var isNumber = false  // token so far is digits (and inner separators) only
    var currency = false
    var rwStart = -1  // where the token's raw bytes start in `rw`, once they differ from the text

    @inline(__always) func flush(_ end: Int) {
      if start >= 0 {
        let rawCount = rwStart >= 0 ? rwCount - rwStart : end - start
        let kind: Kind
        if rawCount > Self.maxTokenBytes {
          kind = .skipped
        } else if currency {
          kind = isNumber ? .currencyNumber : .word
        } else {
          kind = isNumber ? .number : .word
        }
        if count == outCapacity {
          scanned.reserve(count + 1, keeping: count)
          out = scanned.base
          outCapacity = scanned.capacity
        }
        // Texts are far below 2 GiB (files are capped), so offsets fit in 32 bits.
        out[count] = ScannedToken(
          start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
          rewritten: Int32(truncatingIfNeeded: rwStart), rawCount: Int32(truncatingIfNeeded: rawCount),
          kind: kind)
        count += 1
      }
      start = -1
      isNumber = false
      currency = false
      rwStart = -1
    }
    // Appends text bytes `from..<to` to the rewritten raw bytes.
    func rewrite(_ from: Int, _ to: Int) {
      if rwCount + (to - from) > rwCapacity {
        rewritten.reserve(rwCount + (to - from), keeping: rwCount)
        rw = rewritten.base
        rwCapacity = rewritten.capacity
      }
      (rw + rwCount).update(from: p + from, count: to - from)
      rwCount += to - from
    }
    // Appends a byte of its own to the rewritten raw bytes.
    func rewrite(_ byte: UInt8) {
      if rwCount == rwCapacity {
        rewritten.reserve(rwCount + 1, keeping: rwCount)
        rw = rewritten.base
        rwCapacity = rewritten.capacity
      }
      rw[rwCount] = byte
      rwCount += 1
    }
    // Bytes `from..<to` of the text belong to the token as they are.
    @inline(__always) func keep(_ from: Int, _ to: Int) {
      if rwStart >= 0 { rewrite(from, to) }
    }
    // The raw bytes stop being a copy of the text at `i`: copy what the token has so far.
    func diverge(_ i: Int) {
      if rwStart < 0 {
        rwStart = rwCount
        rewrite(start, i)
      }
    }

    while i < n && count < limit {
      let b = p[i]
      if b < 0x80 {
        if isLetter(b) {
          if start < 0 {
            start = i
          } else if currency {
            flush(i)
            start = i
          }
          isNumber = false
          // The rest of an ASCII word at once: letters and digits change nothing from here.
          var j = i + 1
          while j < n && wordBytes[Int(p[j])] { j += 1 }
          keep(i, j)
          if j < n && p[j] == 0x20 {  // a space ends the word and starts nothing
            flush(j)
            j += 1
          }
          i = j
          continue
        }
        if isDigit(b) {
          if start < 0 {
            start = i
            isNumber = true
          }
          var j = i + 1
          if isNumber {
            while j < n && isDigit(p[j]) { j += 1 }
          } else {
            while j < n && wordBytes[Int(p[j])] { j += 1 }
          }
          keep(i, j)
          i = j
          continue
        }
        if start >= 0, isNumber, b == 0x2C || b == 0x2E, i + 1 < n, isDigit(p[i + 1]) {
          // 1,000 → 1000; 5.8 stays 5.8
          if b == 0x2C {
            diverge(i)
          } else {
            keep(i, i + 1)
          }
        } else if start >= 0, !isNumber, b == 0x27, i + 1 < n, isLetter(p[i + 1]) {
          keep(i, i + 1)
        } else {
          flush(i)
          if b == 0x24, i + 1 < n, isDigit(p[i + 1]) {
            start = i
            currency = true
            isNumber = true
          }
        }
        i += 1
        continue
      }

      // Decode one non-ASCII scalar.
      let scalar: UInt32
      let len: Int
      if b & 0xE0 == 0xC0, i + 1 < n {
        scalar = (UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
        len = 2
      } else if b & 0xF0 == 0xE0, i + 2 < n {
        scalar =
          (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
        len = 3
      } else if b & 0xF8 == 0xF0, i + 3 < n {
        scalar =
          (UInt32(b & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12)
          | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F)
        len = 4
      } else {
        scalar = 0xFFFD
        len = 1
      }

      if scalar == 0x2019 || scalar == 0x2018 {  // curly apostrophe inside a word
        if start >= 0, !isNumber, i + len < n, isLetter(p[i + len]) || p[i + len] >= 0x80 {
          diverge(i)
          rewrite(0x27)
        } else {
          flush(i)
        }
        i += len
        continue
      }
      if scalar == 0xA3 || scalar == 0x20AC {  // £ €
        flush(i)
        if i + len < n, isDigit(p[i + len]) {
          start = i
          currency = true
          isNumber = true
        }
        i += len
        continue
      }
      let props = (Unicode.Scalar(scalar) ?? "\u{FFFD}").properties
      if props.isIdeographic || (0x3040...0x309F).contains(scalar) {
        flush(i)
        start = i
        flush(i + len)
        i += len
        continue
      }
      switch props.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber:
        if start < 0 {
          start = i
        } else if currency {
          flush(i)
          start = i
        }
        isNumber = false
        keep(i, i + len)
      default:
        flush(i)
      }
      i += len
    }
    if count < limit { flush(n) }
    // One step can cut two tokens (an ideograph after a word): keep `limit`.
    scannedCount = min(count, limit)
  }

  // MARK: - Folding

  /// The indexed form of a raw word: ASCII words are lower-cased byte by byte, others folded by
  /// `foldUnicode`; Latin-script words longer than two bytes are stemmed when `stem` is set.
  private func indexedForm(_ raw: UnsafeBufferPointer<UInt8>, stem: Bool) -> String {
    var ascii = true
    for b in raw where b >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { buf in
        var latin = true
        for k in 0..<raw.count {
          let b = raw[k]
          let c = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
          buf[k] = c
          if !((c >= 0x61 && c <= 0x7A) || c == 0x27) { latin = false }
        }
        let folded = UnsafeBufferPointer(rebasing: buf[0..<raw.count])
        if stem, latin, raw.count > 2, let stemmer { return stemmer.stem(folded) }
        return String(decoding: folded, as: UTF8.self)
      }
    }
    let folded = Self.foldUnicode(String(decoding: raw, as: UTF8.self))
    if stem, let stemmer, folded.utf8.count > 2, isLatinWord(folded) { return stemmer.stem(folded) }
    return folded
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
@inline(__always) private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

/// True when every byte is an ASCII letter or apostrophe: the words the English stemmer is for.
private func isLatinWord(_ s: String) -> Bool {
  for b in s.utf8 where !((b >= 0x61 && b <= 0x7A) || b == 0x27) { return false }
  return true
}

/// The length of the currency sign that starts a raw currency number.
private func currencyPrefixLength(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
  var k = 0
  while k < raw.count, !isDigit(raw[k]) { k += 1 }
  return k
}
