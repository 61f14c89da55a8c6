/// A police rank or role as found in text.
struct Rank: Sendable {
  /// Normalised abbreviation: "PC", "DC", "PS", "DS", "Insp", "DI", "CI", "DCI", "Supt", "DSU",
  /// "ChSupt", "DCS", "ACC", "DCC", "CC", "Cmdr", "PCC", "PFCC", "PCSO", "SC", "Det".
  var abbreviation: String
  /// Full title: "Detective Superintendent".
  var full: String
  /// As written, without a T/ or A/ prefix: "Det Supt".
  var written: String
}

/// Finds named police officers and role holders, and other people's names (which are not
/// emitted but keep their tokens from becoming places).
///
/// An officer is a rank or role ("DCI", "Det Supt", "Chief Constable", "Police and Crime
/// Commissioner"), optionally prefixed "T/", "A/", "Temporary" or "Acting", followed by one to
/// three capitalised name words. Later mentions by rank and surname, by "Mr/Ms/Mrs/Dr" and
/// surname, by first name and surname, or by the surname alone resolve to the same person.
enum OfficerRecognizer {
  static let ranks: [(abbr: String, full: String, forms: [String])] = [
    ("PC", "Police Constable", ["PC", "Police Constable", "Pc"]),
    ("DC", "Detective Constable", ["DC", "Det Con", "Det Const", "Detective Constable", "D/C"]),
    ("PS", "Police Sergeant", ["PS", "Sgt", "Sergeant", "Police Sergeant"]),
    ("DS", "Detective Sergeant", ["DS", "Det Sgt", "Detective Sergeant", "D/Sgt"]),
    ("Insp", "Inspector", ["Insp", "Inspector", "Police Inspector"]),
    ("DI", "Detective Inspector", ["DI", "Det Insp", "Detective Inspector", "D/Insp"]),
    ("CI", "Chief Inspector", ["Ch Insp", "Chief Insp", "Chief Inspector", "C/Insp"]),
    (
      "DCI", "Detective Chief Inspector",
      ["DCI", "Det Ch Insp", "Det Chief Insp", "Detective Chief Inspector"]
    ),
    ("Supt", "Superintendent", ["Supt", "Superintendent", "Supt"]),
    (
      "DSU", "Detective Superintendent",
      ["DSU", "Det Supt", "Detective Superintendent", "D/Supt", "Det Sup"]
    ),
    (
      "ChSupt", "Chief Superintendent", ["Ch Supt", "Chief Supt", "Chief Superintendent", "C/Supt"]
    ),
    (
      "DCS", "Detective Chief Superintendent",
      ["DCS", "Det Ch Supt", "Det Chief Supt", "Detective Chief Superintendent"]
    ),
    ("ACC", "Assistant Chief Constable", ["ACC", "Assistant Chief Constable"]),
    ("DCC", "Deputy Chief Constable", ["DCC", "Deputy Chief Constable"]),
    ("CC", "Chief Constable", ["Chief Constable"]),
    ("Cmdr", "Commander", ["Cmdr", "Commander", "Cdr", "Branch Commander"]),
    ("Commissioner", "Commissioner", ["Commissioner", "Met Commissioner"]),
    ("AC", "Assistant Commissioner", ["Assistant Commissioner"]),
    ("DAC", "Deputy Assistant Commissioner", ["Deputy Assistant Commissioner"]),
    (
      "PCC", "Police and Crime Commissioner",
      ["PCC", "Police and Crime Commissioner", "Police & Crime Commissioner"]
    ),
    (
      "PFCC", "Police, Fire and Crime Commissioner",
      ["PFCC", "Police, Fire and Crime Commissioner"]
    ),
    ("PCSO", "Police Community Support Officer", ["PCSO", "Police Community Support Officer"]),
    ("SC", "Special Constable", ["Special Constable", "Special Sergeant"]),
    ("Det", "Detective", ["Detective", "Det"]),
  ]

  struct RankForm: Sendable {
    var abbr: String
    var full: String
    /// Written in capitals ("DC"): the text must be too, so "Di" stays a name.
    var caps: Bool = false
    /// A commissioner's title (PCC, PFCC): an area written before it belongs to it.
    var isCommissioner: Bool { abbr == "PCC" || abbr == "PFCC" }
  }

  /// Every written form of every rank.
  struct RankTable: Sendable {
    /// Sequence hash → index in `forms`.
    var names: PhraseTable
    var forms: [RankForm]
    /// The longest form, in tokens (commas left out).
    var maxTokens: Int
    /// The first token hash of every form.
    var starts: [UInt64]
    /// The hash of every one-token form.
    var singles: [UInt64]
  }

  /// A detective rank is its uniformed rank after "Detective" or "Det", however the two are
  /// abbreviated ("Detective Chief Insp", "Det Chief Inspector"): the uniformed rank's
  /// abbreviation → the detective rank's.
  static let detectiveOf: [String: String] = [
    "PS": "DS", "Insp": "DI", "CI": "DCI", "Supt": "DSU", "ChSupt": "DCS",
  ]

  /// `ranks` with every mixed detective form added ("Detective Sgt", "Det Inspector").
  static let allRanks: [(abbr: String, full: String, forms: [String])] = ranks.map { r in
    var forms = r.forms
    for base in ranks {
      guard detectiveOf[base.abbr] == r.abbr else { continue }
      // Written forms of the uniformed rank, less "Police …" and capital abbreviations ("PS").
      for f in base.forms where !f.hasPrefix("Police") && f.uppercased() != f && !f.contains("/") {
        for det in ["Detective", "Det"] where !forms.contains("\(det) \(f)") {
          forms.append("\(det) \(f)")
        }
      }
    }
    // "Det Con", "Detective Con": the constable forms are listed as written.
    return (r.abbr, r.full, forms)
  }

  static let rankTable: RankTable = {
    var names: [(tokens: [UInt64], payload: Int)] = []
    var forms: [RankForm] = []
    var maxTokens = 1
    for r in allRanks {
      for f in r.forms {
        let tokens = EntityTokens.phraseTokens(f)
        names.append((tokens, forms.count))
        forms.append(RankForm(abbr: r.abbr, full: r.full, caps: f.count > 1 && f.uppercased() == f))
        maxTokens = max(maxTokens, tokens.count)
      }
    }
    return RankTable(
      names: PhraseTable(names), forms: forms, maxTokens: maxTokens,
      starts: names.compactMap { $0.tokens.first },
      singles: names.filter { $0.tokens.count == 1 }.map { $0.tokens[0] })
  }()

  static let prefixLetters = ["t", "a"]
  static let prefixWords = ["temporary", "acting"]
  static let acting = EntityTokens.hash("acting")
  static let prefixes = Lexicon.set(prefixLetters)
  static let prefixWordSet = Lexicon.set(prefixWords)

  /// Longest rank starting at token `i`: (end, index in `rankTable.forms`), or nil. Skips "."
  /// after abbreviations.
  @inline(__always)
  static func rank(_ d: DocumentScan, _ i: Int) -> (end: Int, form: Int)? {
    let toks = d.t.tokens
    // No form starts with this word (the common case): the first probe would fail.
    if i < toks.count, toks[i].kind == .word, !toks[i].lex.contains(.rankStart) { return nil }
    return longestRank(d, i)
  }

  /// "Suffolk police and crime commissioner": a commissioner's title in lower case after an
  /// area; its end and form.
  static func lowerCommissioner(_ d: DocumentScan, _ i: Int) -> (end: Int, form: Int)? {
    let toks = d.t.tokens
    guard i < toks.count, toks[i].hash == d.tables.police, !toks[i].cap,
      let (e, f) = longestRank(d, i, lowerFirst: true), d.tables.ranks.forms[f].isCommissioner
    else { return nil }
    return (e, f)
  }

  /// Whether the rank at `r` (its mention starting at `start`) is no police officer's: "former
  /// DC …", "ex-PC …", or a one-word "Commissioner"/"Commander" after another capitalised word
  /// ("Information Commissioner", "Lieutenant Commander"; "Police Commissioner" stays).
  static func notPolice(_ d: DocumentScan, _ start: Int, _ r: Int, _ form: RankForm) -> Bool {
    let toks = d.t.tokens
    guard start > 0 else { return false }
    let before = toks[start - 1]
    if before.kind == .word, before.hash == former || before.hash == ex { return true }
    guard form.abbr == "Commissioner" || form.abbr == "Cmdr", r == start, before.kind == .word,
      before.cap, !d.claimed[start - 1], before.hash != d.tables.police
    else { return false }
    // "Yesterday Commissioner …", "Essex Commissioner …" stay.
    return before.lex.isDisjoint(with: plainWordClasses)
  }

  static let plainWordClasses: WordClass = [.placeStart, .functionWord, .speechVerb, .honorific]

  /// Titles between a rank and a name, inside the officer's span but not the canonical name.
  static let titles = Lexicon.set(["sir", "dame", "dr"])

  static let former = EntityTokens.hash("former")
  static let ex = EntityTokens.hash("ex")

  /// A rank written in lower case that ends right before token `i` ("chief inspector" before
  /// "Lynda Coates"): its first token and form. Tries each start up to the longest form back.
  static func lowerRankBefore(_ d: DocumentScan, _ i: Int) -> (start: Int, form: Int)? {
    let toks = d.t.tokens
    var k = min(d.tables.ranks.maxTokens, i)
    while k >= 1 {
      let s = i - k
      k -= 1
      guard toks[s].kind == .word, !toks[s].cap, toks[s].lex.contains(.rankStart), !d.claimed[s]
      else { continue }
      if let (e, f) = longestRank(d, s, lowerFirst: true), e == i,
        !lowerOnlyForms.contains(d.tables.ranks.forms[f].abbr), plainBefore(d, s)
      {
        return (s, f)
      }
    }
    return nil
  }

  /// Ranks that in lower case are mostly someone else's job ("private detective", "fire
  /// commander", "the commissioner").
  static let lowerOnlyForms: Set<String> = ["Det", "Commissioner", "Cmdr", "AC", "DAC", "PCC"]

  /// Nothing before a lower-case rank at `s` that makes it another job ("Ofsted inspector",
  /// "health inspector"): the start, punctuation, a function word or speech verb ("said
  /// chief inspector …"), a claimed name, or a capitalised place ("St Albans chief inspector").
  static func plainBefore(_ d: DocumentScan, _ s: Int) -> Bool {
    let toks = d.t.tokens
    guard s > 0, toks[s - 1].kind == .word, !d.claimed[s - 1] else { return true }
    let b = toks[s - 1]
    if b.lex.contains(.functionWord) || b.lex.contains(.speechVerb) { return true }
    guard b.cap else { return false }
    return b.lex.contains(.placeStart) || (s > 1 && toks[s - 2].lex.contains(.placeStart))
  }

  /// `rank(_:_:)` past its first-word test.
  /// Words after the first may be in lower case ("Chief inspector"); the first only with
  /// `lowerFirst`.
  static func longestRank(
    _ d: DocumentScan, _ i: Int, lowerFirst: Bool = false
  ) -> (end: Int, form: Int)? {
    let toks = d.t.tokens
    let x = d.tables
    var seq: UInt64 = 0
    var j = i
    var used = 0
    var best: (Int, Int)?
    while j < toks.count, used < x.ranks.maxTokens {
      let tj = toks[j]
      if tj.kind == .punct {
        if (d.t.isPunct(j, 0x2C) || d.t.isPunct(j, 0x2E)) && used > 0 {
          j += 1
          continue
        }
        if d.t.isPunct(j, 0x2F) || tj.hash == x.amp {  // D/Sgt, Police & Crime
          seq = EntityTokens.combine(seq, tj.hash)
          j += 1
          continue
        }
        break
      }
      if tj.kind != .word || !(tj.cap || used > 0 || lowerFirst) { break }
      seq = EntityTokens.combine(seq, tj.hash)
      used += 1
      j += 1
      guard let p = x.ranks.names.probe(seq) else { break }
      if p.payload >= 0 {
        // Abbreviations must be written as such: "DC" yes, "Dc" no; "Pc" is allowed.
        if !x.ranks.forms[p.payload].caps || UnitRecognizer.allCaps(toks, i, j) {
          best = (j, p.payload)
        }
      }
      if !p.continues { break }
    }
    guard let (e, f) = best else { return nil }
    // "." right after the rank ("Insp.") belongs to it.
    var end = e
    if d.t.isPunct(end, 0x2E), end < toks.count, toks[end].joined { end += 1 }
    return (end, f)
  }

  /// Up to three name parts (each a hyphen-joined run of tokens), kept inline.
  struct NameParts {
    private var r0 = 0..<0
    private var r1 = 0..<0
    private var r2 = 0..<0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(_ k: Int) -> Range<Int> { k == 0 ? r0 : k == 1 ? r1 : r2 }

    var last: Range<Int>? { count == 0 ? nil : self[count - 1] }

    mutating func append(_ r: Range<Int>) {
      switch count {
      case 0: r0 = r
      case 1: r1 = r
      default: r2 = r
      }
      count += 1
    }
  }

  /// Name words starting at `i`, at most three parts (hyphen-joined runs).
  @inline(__always)
  static func nameParts(_ d: DocumentScan, _ i: Int) -> NameParts {
    let toks = d.t.tokens
    // Most capitalised words cannot start a name ("The", "Police", "March"): no parts.
    guard i < toks.count, toks[i].kind == .word, toks[i].lex.isDisjoint(with: nonNameClasses)
    else { return NameParts() }
    return namePartsFrom(d, i)
  }

  /// A month as the last part of a name ("Insp Martin May"): after a first part, when no number
  /// or other capitalised word follows (so "John Smith May 20" stays a date).
  @inline(__always)
  static func monthSurname(_ d: DocumentScan, _ j: Int, _ partsBefore: Int) -> Bool {
    let toks = d.t.tokens
    guard partsBefore >= 1, toks[j].lex.contains(.month),
      toks[j].lex.isDisjoint(with: notMonthNameClasses)
    else { return false }
    let k = j + 1
    return k >= toks.count || toks[k].kind == .punct && !d.t.isPunct(k, 0x2F)
      || (toks[k].kind == .word && !toks[k].cap)
  }

  static let notMonthNameClasses: WordClass = [.nonName, .singleRank, .speechVerb, .honorific]

  /// `nameParts(_:_:)` past its first-word test.
  static func namePartsFrom(_ d: DocumentScan, _ i: Int) -> NameParts {
    let toks = d.t.tokens
    var parts = NameParts()
    var j = i
    while j < toks.count, parts.count < 3 {
      let tj = toks[j]
      guard tj.kind == .word, tj.cap, !d.claimed[j],
        tj.lex.isDisjoint(with: nonNameClasses) || monthSurname(d, j, parts.count)
      else { break }
      if tj.allCaps && tj.end - tj.start > 1 && !(d.isTitle) { break }
      var e = j + 1
      while e < toks.count, toks[e].hyphenBefore, toks[e].kind == .word { e += 1 }
      parts.append(j..<e)
      j = e
      // A middle initial "J." is skipped over.
      if d.t.isPunct(j, 0x2E), tj.end - tj.start == 1 { j += 1 }
    }
    return parts
  }

  /// After a rank at `re`: "for|of|at|with" + the unit, force or place the role is in, then the
  /// officer's name after a comma ("… for ERSOU, Simon Parkes") or right after the area
  /// ("Chief Constable of Essex Police Ben-Julian Harrington"). The name's tokens and parts.
  static func nameAfterRole(_ d: DocumentScan, _ re: Int) -> (Int, Int, NameParts)? {
    let toks = d.t.tokens
    let n = toks.count
    // "Bedfordshire's Police and Crime Commissioner, Kathryn Holloway, has …".
    if d.t.isPunct(re, 0x2C) {
      let parts = nameParts(d, re + 1)
      guard parts.count >= 2, let last = parts.last, endsName(d, last.upperBound) else {
        return nil
      }
      return (re + 1, last.upperBound, parts)
    }
    guard re + 1 < n, toks[re].kind == .word, !toks[re].cap, roleLinks.contains(toks[re].hash)
    else { return nil }
    var j = re + 1
    var sawArea = false
    while j < n, j - re < 10 {
      let tj = toks[j]
      if d.claimed[j] || (tj.kind == .word && tj.cap) {
        sawArea = true
      } else if tj.kind != .word {
        break
      }
      j += 1
    }
    // "… and head of operational policing, Mark Hopkins, said".
    if d.t.isPunct(j, 0x2C) {
      let parts = nameParts(d, j + 1)
      guard parts.count >= 2, let last = parts.last, endsName(d, last.upperBound) else {
        return nil
      }
      return (j + 1, last.upperBound, parts)
    }
    guard sawArea else { return nil }
    // No comma: the name is the unclaimed capitalised words after the last claimed one.
    var k = re + 1
    for q in (re + 1)..<j where d.claimed[q] { k = q + 1 }
    guard k > re + 1, k < j else { return nil }
    let parts = nameParts(d, k)
    guard parts.count >= 2, let last = parts.last,
      last.upperBound >= n || !toks[last.upperBound].cap
    else { return nil }
    return (k, last.upperBound, parts)
  }

  /// Words between a rank and the unit or area of the role: "for", "of", "at", "with", "and".
  static let roleLinks = Lexicon.set(["for", "of", "at", "with", "and"])

  /// A name set off by commas ends here: a comma, a full stop, or "said", "says", "added"…
  static func endsName(_ d: DocumentScan, _ k: Int) -> Bool {
    if k >= d.t.tokens.count || d.t.isPunct(k, 0x2C) || d.t.isPunct(k, 0x2E) { return true }
    return d.t.tokens[k].lex.contains(.speechVerb)
  }

  /// The rank or role written after a name at `k`: ", [the] [Area's] Rank", or ", [the] head
  /// of [the] Unit" where the unit or force is one the unit pass found ("Ruth Kemp, head of the
  /// Rural Crime Team, said").
  static func roleAfterName(_ d: DocumentScan, _ k: Int) -> Rank? {
    let toks = d.t.tokens
    let n = toks.count
    guard d.t.isPunct(k, 0x2C) else { return nil }
    var j = k + 1
    if j < n, toks[j].hash == d.tables.the { j += 1 }
    if j + 2 < n, toks[j].hash == d.tables.head, toks[j + 1].hash == d.tables.of {
      var e = j + 2
      if toks[e].hash == d.tables.the { e += 1 }
      var u = e
      while u < n, d.claimed[u] { u += 1 }
      guard u > e else { return nil }
      let role = d.t.text(from: toks[j].start, to: toks[u - 1].end)
      return Rank(abbreviation: role, full: role, written: role)
    }
    // "Suffolk's", "Essex Police's".
    var q = j
    while q < n, q - j < 3, toks[q].kind == .word, toks[q].cap, !toks[q].lex.contains(.rankStart)
    {
      q += 1
    }
    if q > j, q < n, toks[q].hash == d.tables.s { j = q + 1 }
    guard let (_, f) = rank(d, j), d.tables.ranks.forms[f].abbr != "Det" else { return nil }
    let form = d.tables.ranks.forms[f]
    return Rank(abbreviation: form.abbr, full: form.full, written: form.full)
  }

  static let nonNames = [
    "police", "constabulary", "unit", "team", "said", "the", "and", "of", "officers", "court",
    "crown", "magistrates", "he", "she", "they", "it", "we", "this", "that", "in", "at", "on",
    "from", "with", "detectives", "investigation", "operation", "op", "county", "council",
    "road", "street", "station", "service", "borough", "district", "mp", "ends", "after",
    "who", "when", "but", "today", "yesterday", "last", "head", "chief", "essex", "kent",
    // Photo captions: "Detective Superintendent Steve Mattin Picture: SIMON PARKER".
    "picture", "pictured", "photo", "photograph", "image", "credit", "pic",
  ]

  /// Words that are never part of a name: `nonNames`, one-word ranks, months, weekdays, speech
  /// verbs, honorifics.
  static let nonNameClasses: WordClass = [
    .nonName, .singleRank, .month, .weekday, .speechVerb, .honorific,
  ]

  static func surnameText(_ d: DocumentScan, _ r: Range<Int>) -> String {
    d.t.text(from: d.t.tokens[r.lowerBound].start, to: d.t.tokens[r.upperBound - 1].end)
  }

  /// Hash of a name part (hyphenated parts combined).
  static func partHash(_ d: DocumentScan, _ r: Range<Int>) -> UInt64 {
    var h: UInt64 = 0
    for k in r { h = EntityTokens.combine(h, d.t.tokens[k].hash) }
    return h
  }

  /// Notes an officer (`first` name, surname tokens `last`, `rank`) and, in pass 2, adds the
  /// mention of tokens `a..<b` under the person's canonical name with this rank first, then every
  /// other rank the document gave them; pass 1 only claims the tokens.
  static func addOfficer(
    _ d: inout DocumentScan, _ memory: inout DocumentMemory, _ a: Int, _ b: Int,
    first: String?, last: Range<Int>, rank: Rank
  ) {
    let sh = partHash(d, last)
    memory.notePerson(first: first, surname: surnameText(d, last), surnameHash: sh, rank: rank)
    guard d.emit else {
      d.claim(a, b)
      return
    }
    let p = memory.persons[memory.surnames[sh]!]
    var aliases: [String] = []
    for x in [rank.abbreviation, rank.full] + p.ranks where !aliases.contains(x) {
      aliases.append(x)
    }
    d.add(.officer, a, b, canonical: p.canonical, aliases: aliases)
  }

  /// The noted officer a name (parts `parts`, surname hash `sh`) stands for: the one of its
  /// first name when it has one ("Mark Hollis" beside Supt Kay Hollis), else the latest of that
  /// surname; nil for another first name that is no officer's ("Tom Reed", a witness, beside
  /// DCI Sam Reed) or a surname no officer has.
  static func knownOfficer(
    _ d: DocumentScan, _ memory: DocumentMemory, _ parts: NameParts, _ sh: UInt64
  ) -> Int? {
    guard let pi = memory.surnames[sh] else { return nil }
    if parts.count >= 2 {
      let pr = parts[parts.count - 2]
      let first = surnameText(d, pr)
      if d.t.tokens[pr.lowerBound].lex.contains(.firstName), let known = memory.persons[pi].first,
        first != known
      {
        guard let pj = memory.person(sh, first: first), memory.persons[pj].isOfficer else {
          return nil
        }
        return pj
      }
    }
    return memory.persons[pi].isOfficer ? pi : nil
  }

  /// A later mention (tokens `a..<b`) of officer `p`, whom the document already named.
  static func addKnown(_ d: inout DocumentScan, _ p: DocumentMemory.Person, _ a: Int, _ b: Int) {
    if d.emit {
      d.add(.officer, a, b, canonical: p.canonical, aliases: p.ranks)
    } else {
      d.claim(a, b)
    }
  }

  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory) {
    let x = d.tables
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
    for i in d.t.capitals where i >= next {
      next = i + 1
      let tok = toks[i]
      guard !d.claimed[i] else { continue }
      // Prefix "T/" or "A/", or "Temporary"/"Acting".
      var r = i
      if tok.lex.contains(.rankPrefix), tok.end - tok.start == 1, d.t.isPunct(i + 1, 0x2F),
        i + 2 < n, toks[i + 2].joined
      {
        r = i + 2
      } else if tok.lex.contains(.rankPrefixWord) {
        r = i + 1
      }
      // "Norfolk Police and Crime Commissioner": an area before a commissioner's title.
      var lowerRank: (end: Int, form: Int)?
      var area = false
      if r == i, i + 1 < n, toks[i + 1].cap, let (_, f) = rank(d, i + 1),
        x.ranks.forms[f].isCommissioner
      {
        r = i + 1
        area = true
      } else if r == i, let lr = lowerCommissioner(d, i + 1) {
        r = i + 1
        lowerRank = lr
        area = true
      }
      if let (re, f) = lowerRank ?? rank(d, r) {
        let form = x.ranks.forms[f]
        var parts = nameParts(d, re)
        // "Commissioner Sir Mark Rowley", "Chief Constable Dame Ivy Stroud": a title between.
        if parts.isEmpty, re < n, titles.contains(toks[re].hash) {
          parts = nameParts(d, d.t.isPunct(re + 1, 0x2E) ? re + 2 : re + 1)
        }
        if !parts.isEmpty {
          let written = d.t.text(from: toks[r].start, to: toks[re - 1].end)
          let last = parts[parts.count - 1]
          let first = parts.count >= 2 ? surnameText(d, parts[0]) : nil
          let rk = Rank(abbreviation: form.abbr, full: form.full, written: written)
          // "Acting" is not part of the rank ("Acting Detective Superintendent Lewis Basford");
          // "Temporary" and "T/" are. The area before "Police and Crime Commissioner" is a place
          // of its own ("Norfolk"); before "Police, Fire and Crime Commissioner" it stays, as
          // "Essex Police" alone would be the force.
          let start = r == i + 1 && (tok.hash == acting || area && form.abbr == "PCC") ? r : i
          if notPolice(d, start, r, form) {
            memory.notePerson(
              first: first, surname: surnameText(d, last), surnameHash: partHash(d, last),
              rank: nil)
            d.claim(start, last.upperBound)
          } else {
            addOfficer(&d, &memory, start, last.upperBound, first: first, last: last, rank: rk)
          }
          next = last.upperBound
          continue
        }
        // "Temporary Assistant Chief Constable for ERSOU, Simon Parkes, said".
        if let (a, b, parts) = nameAfterRole(d, re), parts.count >= 2 {
          let written = d.t.text(from: toks[r].start, to: toks[re - 1].end)
          let rk = Rank(abbreviation: form.abbr, full: form.full, written: written)
          addOfficer(
            &d, &memory, a, b, first: surnameText(d, parts[0]), last: parts[parts.count - 1],
            rank: rk)
          next = b
          continue
        }
        if form.abbr != "Det" {
          next = re
          continue
        }
      }
      // "Head of the Serious Violence Unit, Lisa Alcock": a role, then the name.
      if tok.hash == x.head, i + 1 < n, toks[i + 1].hash == x.of {
        var j = i + 2
        var roleEnd = j
        while j < n, j - i < 12 {
          let tj = toks[j]
          if d.claimed[j]
            || (tj.kind == .word
              && (tj.cap || tj.lex.contains(.unitConnector) || tj.hash == x.the))
          {
            j += 1
            if d.claimed[j - 1] || tj.cap { roleEnd = j }
            continue
          }
          break
        }
        var k = roleEnd
        if d.t.isPunct(k, 0x2C) { k += 1 }
        if roleEnd > i + 2 {
          var rk = k
          var rankForm: RankForm?
          if let (re, f) = rank(d, k) {
            rk = re
            rankForm = x.ranks.forms[f]
          }
          let parts = nameParts(d, rk)
          if parts.count >= 2 || (parts.count == 1 && rankForm != nil) {
            let role = d.t.text(from: toks[i].start, to: toks[roleEnd - 1].end)
            let last = parts[parts.count - 1]
            let sh = partHash(d, last)
            let rkv = Rank(
              abbreviation: rankForm?.abbr ?? role, full: rankForm?.full ?? role,
              written: rankForm == nil ? role : d.t.text(from: toks[k].start, to: toks[rk - 1].end))
            memory.notePerson(
              first: parts.count >= 2 ? surnameText(d, parts[0]) : nil,
              surname: surnameText(d, last),
              surnameHash: sh, rank: rkv)
            if let pi = memory.surnames[sh], !memory.persons[pi].ranks.contains(role) {
              memory.persons[pi].ranks.append(role)
            }
            addKnown(&d, memory.persons[memory.surnames[sh]!], k, last.upperBound)
            next = last.upperBound
            continue
          }
        }
      }
      // Honorific + surname: "Mr Biddle".
      if tok.lex.contains(.honorific) {
        var j = i + 1
        if d.t.isPunct(j, 0x2E) { j += 1 }
        let parts = nameParts(d, j)
        if let last = parts.last {
          let sh = partHash(d, last)
          if let pi = knownOfficer(d, memory, parts, sh) {
            addKnown(&d, memory.persons[pi], i, last.upperBound)
          } else {
            let first = parts.count >= 2 ? surnameText(d, parts[0]) : nil
            memory.notePerson(
              first: first, surname: surnameText(d, last), surnameHash: sh, rank: nil)
            d.claim(i, last.upperBound)
          }
          next = last.upperBound
          continue
        }
      }
      // A rank in lower case before a name: "said chief inspector Lynda Coates".
      if i > 0, toks[i - 1].kind == .word, !toks[i - 1].cap,
        let (rs, f) = lowerRankBefore(d, i)
      {
        let parts = nameParts(d, i)
        if let last = parts.last {
          let sh = partHash(d, last)
          let known = memory.surnames[sh].map { memory.persons[$0].isOfficer } ?? false
          if parts.count >= 2 || known {
            let form = x.ranks.forms[f]
            let written = d.t.text(from: toks[rs].start, to: toks[i - 1].end)
            let rk = Rank(abbreviation: form.abbr, full: form.full, written: written)
            addOfficer(
              &d, &memory, rs, last.upperBound,
              first: parts.count >= 2 ? surnameText(d, parts[0]) : nil, last: last, rank: rk)
            next = last.upperBound
            continue
          }
        }
      }
      // First name + surname, or a known surname alone (neither is possible before any surname
      // is known unless this is a first name).
      guard !memory.surnames.isEmpty || tok.lex.contains(.firstName) else { continue }
      let parts = nameParts(d, i)
      if let last = parts.last {
        let sh = partHash(d, last)
        if let pi = knownOfficer(d, memory, parts, sh) {
          // Only the parts that end the name: "Lisa Alcock" or "Alcock".
          let prev = parts.count >= 2 ? parts[parts.count - 2] : nil
          let startTok =
            prev.map { pr in
              toks[pr.lowerBound].lex.contains(.firstName)
                || surnameText(d, pr) == memory.persons[pi].first ? pr.lowerBound : last.lowerBound
            } ?? last.lowerBound
          if startTok == last.lowerBound && parts.count >= 2 {
            next = last.lowerBound  // the surname alone is taken on the next round
            continue
          }
          // A full name makes its officer the one the surname stands for from here.
          if startTok != last.lowerBound { memory.surnames[sh] = pi }
          addKnown(&d, memory.persons[pi], startTok, last.upperBound)
          next = last.upperBound
          continue
        }
        if parts.count >= 2, toks[parts[0].lowerBound].lex.contains(.firstName) {
          // "Jonathan Ash-Edwards, Police and Crime Commissioner", "Steve Jupp, Suffolk's Chief
          // Constable", "Ruth Kemp, head of the Rural Crime Team": the role after the name.
          if let rk = roleAfterName(d, last.upperBound) {
            addOfficer(
              &d, &memory, i, last.upperBound, first: surnameText(d, parts[0]), last: last,
              rank: rk)
            next = last.upperBound
            continue
          }
          // Someone else: block these tokens from becoming places.
          memory.notePerson(
            first: surnameText(d, parts[0]), surname: surnameText(d, last), surnameHash: sh,
            rank: nil)
          d.claim(i, last.upperBound)
          next = last.upperBound
          continue
        }
        if parts.count == 1, let pi = memory.surnames[sh], !memory.persons[pi].isOfficer {
          d.claim(i, last.upperBound)
        }
      }
    }
  }

  // MARK: - Query time

  static func parseQuery(_ query: String) -> (rank: String?, names: [String]) {
    let q = splitQuery(query)
    return (q.rank, q.names)
  }

  /// `parseQuery(_:)`, with the text after the rank as written ("Ash-Edwards" stays one name).
  static func splitQuery(_ query: String) -> (rank: String?, name: String, names: [String]) {
    let t = EntityTokens(query)
    var i = 0
    let toks = t.tokens
    if i < toks.count, prefixes.contains(toks[i].hash), t.isPunct(i + 1, 0x2F) {
      i += 2
    } else if i < toks.count, prefixWordSet.contains(toks[i].hash) {
      i += 1
    }
    var rank: String?
    // Queries may be typed in any case: match ranks case-insensitively.
    var seq: UInt64 = 0
    var j = i
    var best: (Int, RankForm)?
    while j < toks.count, j - i < rankTable.maxTokens + 2 {
      if toks[j].kind == .punct && !t.isPunct(j, 0x2F) && toks[j].hash != EntityTokens.hash("&") {
        if t.isPunct(j, 0x2E) || t.isPunct(j, 0x2C) {
          j += 1
          continue
        }
        break
      }
      seq = EntityTokens.combine(seq, toks[j].hash)
      j += 1
      if let f = rankTable.names.payload(seq) { best = (j, rankTable.forms[f]) }
    }
    if let (e, f) = best {
      rank = f.abbr
      i = e
    }
    var names: [String] = []
    var first: Int?
    var end = 0
    while i < toks.count {
      if toks[i].kind == .word {
        names.append(t.text(i).lowercased())
        if first == nil { first = toks[i].start }
        end = toks[i].end
      }
      i += 1
    }
    let name = first.map { t.text(from: $0, to: end) } ?? ""
    return (rank, name, names)
  }
}
