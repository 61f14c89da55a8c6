/// Finds units, forces, places, officers and figures in police news.
///
/// Recognition is rule-based and linear in the text: the text is tokenised once
/// (`EntityTokens`), keyword tables and the gazetteer are probed by folded hashes, and each token
/// is claimed by at most one mention. Units are found first, then officers (and other people,
/// whose names block places), then figures, then places. A document is read twice: a first pass
/// learns what the document defines (acronyms such as "(ROCU)", officers' full names and the
/// places it mentions), a second pass emits mentions using that memory, so a later "Det Supt
/// Alcock" or an earlier "ROCU" resolves to the same entity.
///
/// Pure: no I/O, no throwing, safe to share across threads.
public struct EntityRecognizer: Sendable {
  /// Creates a recogniser. The gazetteer is parsed once per process on first use.
  public init() {}

  /// All mentions in a document, in text order.
  ///
  /// Back-references ("Det Supt Alcock", "Mr Biddle") resolve to the person named earlier (or
  /// later) in the same document; acronyms defined in the text ("… Unit (ROCU)") are learned for
  /// that document. Offsets are UTF-8 byte offsets into `title` and `text` respectively.
  /// - Parameters:
  ///   - title: The headline.
  ///   - text: The body text.
  /// - Returns: Mentions in the title and in the body, each in text order.
  public func recognize(title: String, text: String) -> (
    titleMentions: [EntityMention], bodyMentions: [EntityMention]
  ) {
    let tables = EntityTables.shared
    return EntityTokens(title, classes: tables.classes).withView { t in
      EntityTokens(text, classes: tables.classes).withView { b in
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: t.tokens.count) { tClaims in
          withUnsafeTemporaryAllocation(of: Bool.self, capacity: b.tokens.count) { bClaims in
            Self.scan(title: t, tClaims, body: b, bClaims, tables)
          }
        }
      }
    }
  }

  /// The two passes over a document (body, then title; title, then body), each text with its
  /// own buffer of claimed tokens.
  private static func scan(
    title t: TokenView, _ tClaims: UnsafeMutableBufferPointer<Bool>, body b: TokenView,
    _ bClaims: UnsafeMutableBufferPointer<Bool>, _ tables: EntityTables
  ) -> (titleMentions: [EntityMention], bodyMentions: [EntityMention]) {
    var memory = DocumentMemory()
    var scanB = DocumentScan(b, bClaims, tables: tables, isTitle: false, emit: false)
    scanB.run(memory: &memory)
    var scanT = DocumentScan(t, tClaims, tables: tables, isTitle: true, emit: false)
    scanT.run(memory: &memory)
    scanT = DocumentScan(t, tClaims, tables: tables, isTitle: true, emit: true)
    scanT.run(memory: &memory)
    scanB = DocumentScan(b, bClaims, tables: tables, isTitle: false, emit: true)
    scanB.run(memory: &memory)
    return (scanT.sortedMentions(), scanB.sortedMentions())
  }

  /// Mentions in a single text with no title.
  public func recognize(_ text: String) -> [EntityMention] {
    recognize(title: "", text: text).bodyMentions
  }

  /// Resolves what a user typed after `unit:` to a canonical unit name.
  ///
  /// "ROCU", "Regional Organised Crime Unit" and "regional organised crime unit" all give
  /// "Regional Organised Crime Unit"; "Op Raptor" and "operation raptor" give "Operation Raptor".
  /// Unknown unit names come back title-cased; `nil` for an empty query.
  public func canonicalUnit(_ query: String) -> String? {
    UnitRecognizer.canonical(query: query)
  }

  /// Resolves what a user typed after `force:` to a force's canonical name.
  ///
  /// "NCA", "the Met", "Essex Constabulary", "Herts Police" and "essex" give "National Crime
  /// Agency", "Metropolitan Police", "Essex Police", "Hertfordshire Constabulary", "Essex
  /// Police"; `nil` when no force has that name.
  public func canonicalForce(_ query: String) -> String? {
    UnitRecognizer.canonicalForce(query: query)
  }

  /// Resolves what a user typed after `place:` to a gazetteer place and the places within it.
  ///
  /// "Essex" gives ("Essex", [every town, borough and unitary authority in Essex, including
  /// Southend-on-Sea and Thurrock]); "Leigh-on-Sea" gives ("Leigh-on-Sea", []).
  /// - Returns: `nil` when the name is not in the gazetteer.
  public func place(_ query: String) -> (canonical: String, containedPlaces: [String])? {
    PlaceRecognizer.resolve(query: query)
  }

  /// The areas a region queried with `place:` is made of, each of which every place inside it
  /// names as a parent: "East of England" gives its six counties, "Thames Valley" its police
  /// force ("Thames Valley Police"); a place that is not a region gives [].
  public func regionAreas(_ query: String) -> [String] {
    PlaceRecognizer.regionAreas(query: query)
  }

  /// Splits what a user typed after `officer:` into a normalised rank and lower-cased names.
  ///
  /// "DCI Miller" gives ("DCI", ["miller"]); "Det Supt Lisa Alcock" gives ("DSU",
  /// ["lisa", "alcock"]); "T/DCI Neal Miller" gives ("DCI", ["neal", "miller"]).
  public static func officerQuery(_ query: String) -> (rank: String?, names: [String]) {
    OfficerRecognizer.parseQuery(query)
  }

  /// Splits an officer query or an officer's canonical name into the normalised rank at its
  /// start ("T/DCI", "Det Supt" → "DCI", "DSU") and the rest as written (the name; "" when the
  /// text is a rank alone): ("DSU", "Alcock") for "Det Supt Alcock".
  public static func officerRankAndName(_ text: String) -> (rank: String?, name: String) {
    let q = OfficerRecognizer.splitQuery(text)
    return (q.rank, q.name)
  }
}

/// What one document teaches the recogniser in the first pass.
struct DocumentMemory {
  struct Person {
    var first: String?
    var surname: String
    var surnameHash: UInt64
    var ranks: [String]
    var isOfficer: Bool
    /// The rank as written when no first name is known ("Det Supt").
    var rankAsWritten: String?

    var canonical: String {
      if let first { return "\(first) \(surname)" }
      if let rankAsWritten { return "\(rankAsWritten) \(surname)" }
      return surname
    }
  }

  /// Acronym hash → canonical unit name, learned from "(ROCU)" definitions.
  var acronyms: [UInt64: String] = [:]
  /// Canonical unit name → acronyms the document defined for it.
  var acronymsByUnit: [String: [String]] = [:]
  /// A unit name without its area → the area's name the document uses ("County Lines Team" →
  /// "Norfolk County Lines Team"); "" when two areas share it.
  var unitsByTail: [String: String] = [:]
  var persons: [Person] = []
  /// Surname hash → index in `persons`.
  var surnames = HashIndex64()
  /// Names of places mentioned unambiguously, and their parents (`Gazetteer` name ids).
  var placeContext = NameSet()

  /// The person of surname `surnameHash` and first name `first`, if noted.
  func person(_ surnameHash: UInt64, first: String) -> Int? {
    persons.firstIndex { $0.surnameHash == surnameHash && $0.first == first }
  }

  /// Notes a person; the surname then stands for them. Another first name with a known surname
  /// is another person: an officer is noted on their own ("DS Mark Hollis" … "Supt Kay Hollis")
  /// and the surname stands for the latest officer; anyone else is not noted (the surname keeps
  /// standing for the officer). A rank and surname alone stand for the officer of that rank.
  mutating func notePerson(first: String?, surname: String, surnameHash: UInt64, rank: Rank?) {
    if var i = surnames[surnameHash] {
      // "DS Hollis": the officer of that surname who holds that rank.
      if first == nil, let rank, !persons[i].ranks.contains(rank.abbreviation),
        let j = persons.firstIndex(where: {
          $0.surnameHash == surnameHash && $0.ranks.contains(rank.abbreviation)
        })
      {
        i = j
        surnames[surnameHash] = j
      }
      if let first, let known = persons[i].first, known != first {
        if let j = person(surnameHash, first: first) {
          i = j
        } else if rank == nil {
          return
        } else {
          i = persons.count
          persons.append(
            Person(
              first: first, surname: surname, surnameHash: surnameHash, ranks: [], isOfficer: true,
              rankAsWritten: nil))
        }
        if rank != nil { surnames[surnameHash] = i }
      }
      if persons[i].first == nil, let first { persons[i].first = first }
      if let rank {
        persons[i].isOfficer = true
        for r in [rank.abbreviation, rank.full] where !persons[i].ranks.contains(r) {
          persons[i].ranks.append(r)
        }
        if persons[i].rankAsWritten == nil { persons[i].rankAsWritten = rank.written }
      }
      return
    }
    surnames[surnameHash] = persons.count
    persons.append(
      Person(
        first: first, surname: surname, surnameHash: surnameHash,
        ranks: rank.map { $0.abbreviation == $0.full ? [$0.full] : [$0.abbreviation, $0.full] }
          ?? [],
        isOfficer: rank != nil, rankAsWritten: rank?.written))
  }
}

/// One pass over one text.
///
/// Pass 1 (`emit` false) claims tokens and fills the `DocumentMemory`; only pass 2 builds the
/// mentions, so the first pass spends nothing on their strings.
struct DocumentScan {
  let t: TokenView
  let tables: EntityTables
  let isTitle: Bool
  /// A title in Title Case ("Police Seize 64 Firearms"), where a capital is no evidence of a
  /// name. A title written as a sentence ("police raid three Ipswich homes": two lower-case
  /// words or more that are no function or number words) is read with the body's rules.
  let titleCase: Bool
  /// Build mentions (pass 2); otherwise `add` only claims tokens.
  let emit: Bool
  /// One flag per token (a buffer the caller owns, so setting one never checks uniqueness).
  let claimed: UnsafeMutableBufferPointer<Bool>
  var mentions: [EntityMention] = []

  /// A pass over `tokens`; `claims` (one per token) is cleared.
  init(
    _ tokens: TokenView, _ claims: UnsafeMutableBufferPointer<Bool>, tables: EntityTables,
    isTitle: Bool, emit: Bool
  ) {
    t = tokens
    self.tables = tables
    self.isTitle = isTitle
    self.titleCase = isTitle && !Self.sentenceCase(tokens)
    self.emit = emit
    claims.initialize(repeating: false)
    claimed = claims
    // Police news has a mention per ~25 tokens.
    if emit { mentions.reserveCapacity(tokens.tokens.count / 16 + 4) }
  }

  /// Two lower-case words or more that are neither function words nor number words (the
  /// second part of a hyphenated word does not count: "Half-million").
  static func sentenceCase(_ t: TokenView) -> Bool {
    let skip: WordClass = [.functionWord, .numberWord]
    var lower = 0
    for tok in t.tokens
    where tok.kind == .word && !tok.cap && !tok.hyphenBefore && tok.lex.isDisjoint(with: skip) {
      lower += 1
      if lower >= 2 { return true }
    }
    return false
  }

  mutating func run(memory: inout DocumentMemory) {
    UnitRecognizer.scan(&self, memory: &memory)
    OfficerRecognizer.scan(&self, memory: &memory)
    FigureRecognizer.scan(&self)
    PlaceRecognizer.scan(&self, memory: &memory)
  }

  @inline(__always) func free(_ a: Int, _ b: Int) -> Bool {
    if a < 0 || b > claimed.count { return false }
    for k in a..<b where claimed[k] { return false }
    return true
  }

  mutating func claim(_ a: Int, _ b: Int) {
    for k in a..<b { claimed[k] = true }
  }

  /// Claims tokens `a..<b` and, in pass 2, adds a mention over them.
  mutating func add(
    _ kind: EntityKind, _ a: Int, _ b: Int, canonical: String, aliases: [String] = [],
    figure: Figure? = nil
  ) {
    claim(a, b)
    guard emit else { return }
    let s = t.tokens[a].start
    let e = t.tokens[b - 1].end
    mentions.append(
      EntityMention(
        kind: kind, canonical: canonical, surface: t.text(from: s, to: e), start: s, end: e,
        aliases: aliases, figure: figure))
  }

  /// The mentions in text order (sorted in place: no mention is copied). Starts are distinct,
  /// since every mention claims its own tokens.
  mutating func sortedMentions() -> [EntityMention] {
    mentions.sort { $0.start < $1.start }
    return mentions
  }
}
