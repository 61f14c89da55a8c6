/// Finds police units, teams, squads, commands and named operations, and police forces.
///
/// Rules, longest match wins at each token:
/// 1. "Operation <Name>" / "Op <Name>" → "Operation <Name>"; also "the operation under
///    'Velocity'" (lower-case "operation", a naming word or quotes, a capitalised codename).
/// 2. The built-in `UnitTable` (full names, acronyms), the forces of `ForceTable` (emitted as
///    `.force`), and acronyms the document defined.
/// 3. Capitalised words (with "and", "of", "for", "&" between them) ending in a head noun:
///    Unit, Team, Squad, Command, Directorate, Task Force, Department, Branch, Division, Group,
///    Section, Bureau. Two names joined by "and" stay two ("… Crime Unit and … Recovery Team"),
///    and an "Operation" inside ends the name. A variant spelling of a built-in unit resolves
///    to it by its initials ("Eastern Regional Specialist Operations Unit" → ERSOU) or by the
///    first five letters of each word.
/// 4. A codename before a lower-case team, unit or squad: "Boson team", "the Scorpion and
///    Sentinel teams" → "Boson Team", "Scorpion Team", "Sentinel Team".
/// 5. Lower-case names after a force ("the Essex Police serious violence unit", "the force's
///    dog unit"), or a lower-case built-in name ("the economic crime unit").
/// 6. A codename in apposition to a lower-case team ("Boson is the force's … unit", "our …
///    unit, Costello,", "team (Kestrel)", "teams such as Scorpion") is "Operation X" wherever
///    the document names it; so is a known codename before a capitalised "Team(s)".
/// County short forms in a name are written out ("Beds" → "Bedfordshire"); a place right before
/// a built-in acronym is that area's unit ("Ipswich CID", aliases CID and its full name); a name
/// the document also writes after an area is that area's unit ("County Lines team" beside
/// "Norfolk County Lines team").
/// A unit followed by "(ABC)" teaches the document that ABC is that unit.
enum UnitRecognizer {
  struct Known: Sendable {
    var canonical: String
    var aliases: [String]
    /// Every token must be written in capitals (acronyms), so "jet" or "Met" office stay out.
    var caps: Bool
    /// `.unit` or `.force`.
    var kind: EntityKind = .unit
    /// The last word may be in lower case ("the Essex force", "Herts police").
    var lowerLast: Bool = false
    /// "<area> Constabularies": the area before "and" is a force too.
    var plural: Bool = false
  }

  /// The built-in names: `UnitTable`'s rows, their aliases and the forces.
  struct Table: Sendable {
    /// Sequence hash → index in `known`.
    var names: PhraseTable
    var known: [Known]
    /// The longest name, in tokens (commas included).
    var maxTokens: Int
    /// The first token hash of every name.
    var starts: [UInt64]
    /// `variantKey` of every `UnitTable` name → index in `known`.
    var variants: HashMap64<Int>
    /// Canonical names of the forces.
    var forces: Set<String>
  }

  static let table: Table = {
    var names: [(tokens: [UInt64], payload: Int)] = []
    var known: [Known] = []
    var maxTokens = 1
    var variants: [UInt64: Int] = [:]
    func add(_ phrase: String, _ k: Known) {
      maxTokens = max(maxTokens, EntityTokens(phrase).tokens.count)
      names.append((EntityTokens.phraseTokens(phrase), known.count))
      known.append(k)
    }
    for row in UnitTable.rows {
      let k = Known(canonical: row.canonical, aliases: row.aliases, caps: false)
      variants[variantKey(row.canonical)] = known.count
      add(row.canonical, k)
      for a in row.aliases {
        var ka = k
        ka.caps = a.uppercased() == a
        add(a, ka)
      }
    }
    for f in ForceTable.forms {
      let row = ForceTable.rows[f.row]
      add(
        f.text,
        Known(
          canonical: row.canonical, aliases: row.aliases,
          caps: f.text.count > 1 && f.text.uppercased() == f.text, kind: .force,
          lowerLast: f.lowerLast, plural: f.plural))
    }
    return Table(
      names: PhraseTable(names), known: known, maxTokens: maxTokens,
      starts: names.compactMap { $0.tokens.first }, variants: HashMap64(variants),
      forces: Set(ForceTable.rows.map(\.canonical)))
  }()

  /// A name's spelling-insensitive key: the first five letters of every word but "and", "of",
  /// "for", "the", "&" ("Eastern Regional Specialist Operations Unit" and "Eastern Region Special
  /// Operation Unit" share one).
  static func variantKey(_ name: String) -> UInt64 {
    var seq: UInt64 = 0
    for w in name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }) {
      let l = w.lowercased()
      if ["and", "of", "for", "the", "&"].contains(l) { continue }
      seq = EntityTokens.combine(seq, EntityTokens.hash(String(l.prefix(5))))
    }
    return seq
  }

  static let operationWords = ["operation", "op"]
  static let stopOrHead: WordClass = [.unitStop, .unitHead]
  static let operation = Lexicon.set(operationWords)

  /// Classes a codename ("Boson" of "Boson team") never has.
  static let codenameBlock: WordClass = [
    .unitStop, .unitHead, .placeStart, .firstName, .month, .weekday, .nonName, .rankStart,
    .honorific, .operation, .speechVerb, .functionWord, .notNoun, .numberWord, .unitStart,
  ]
  /// Classes a word of a lower-case unit name never has.
  static let lowerNameBlock: WordClass = [
    .functionWord, .notNoun, .unitHead, .numberWord, .operation, .speechVerb, .actVerb, .month,
    .weekday,
  ]
  static let headOrOperation: WordClass = [.unitHead, .operation]
  /// Heads a codename may stand before ("Boson team").
  static let codenameHeads = Lexicon.set(["unit", "units", "team", "teams", "squad", "squads"])
  /// Plural heads: the canonical name takes the singular.
  static let pluralHeads = Lexicon.set(["units", "teams", "squads"])
  /// Words that name an operation: "the operation under 'Velocity'", "an operation called X".
  static let namingWords = Lexicon.set(["under", "called", "named", "dubbed", "codenamed"])
  static let knownWord = EntityTokens.hash("known")
  static let crime = EntityTokens.hash("crime")
  /// Nouns after "team" or "unit" that make it part of another noun: "team lead".
  static let headNouns = Lexicon.set([
    "lead", "leads", "leader", "leaders", "manager", "managers", "member", "members",
    "commander", "head", "meeting", "meetings", "building", "base", "sergeant", "inspector",
  ])
  static let constabulary = EntityTokens.hash("constabulary")
  static let asWord = EntityTokens.hash("as")
  static let code = EntityTokens.hash("code")

  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory) {
    let x = d.tables
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
    // Ends (exclusive) of the forces found: a lower-case unit name may follow one (rule 5).
    var forceEnds: [Int] = []
    for i in d.t.capitals where i >= next {
      next = i + 1
      let tok = toks[i]
      guard !d.claimed[i] else { continue }
      // 1. Operations.
      if tok.lex.contains(.operation), i + 1 < n, toks[i + 1].kind == .word, toks[i + 1].cap,
        !d.claimed[i + 1], !toks[i + 1].lex.contains(.unitStop)
      {
        var e = i + 2
        while e < n, toks[e].hyphenBefore { e += 1 }
        if d.emit {
          let name = d.t.text(from: toks[i + 1].start, to: toks[e - 1].end)
          d.add(.unit, i, e, canonical: "Operation \(name)")
        } else {
          d.claim(i, e)
          if e == i + 2 { learnCodename(d, i + 1, &memory) }
        }
        next = e
        continue
      }
      // 2. Table and learned acronyms.
      var best = i
      var bestKnown: Known?
      if tok.lex.contains(.unitStart) {
        var bestIndex = -1
        var seq: UInt64 = 0
        var j = i
        var used = 0
        while j < n, used < x.units.maxTokens {
          let tj = toks[j]
          if tj.kind == .punct {
            if d.t.isPunct(j, 0x2C) || tj.hash == x.amp {
              if tj.hash == x.amp { seq = EntityTokens.combine(seq, tj.hash) }
              j += 1
              continue
            }
            break
          }
          seq = EntityTokens.combine(seq, tj.hash)
          used += 1
          j += 1
          guard let p = x.units.names.probe(seq) else { break }
          if p.payload >= 0 {
            let k = x.units.known[p.payload]
            let ok: Bool
            if k.caps {
              ok = allCaps(toks, i, j)
            } else if k.lowerLast {
              // "the Essex force", not "an Essex force-wide operation".
              ok = !(j < n && toks[j].hyphenBefore)
            } else {
              ok = toks[j - 1].cap
            }
            if ok {
              best = j
              bestIndex = p.payload
            }
          }
          if !p.continues { break }
        }
        if bestIndex >= 0 {
          bestKnown = x.units.known[bestIndex]
          // "Met" alone is the force, "Met Office" is not.
          if best == i + 1, bestKnown?.kind == .force, bestKnown?.caps == false, i + 1 < n,
            toks[i + 1].kind == .word, toks[i + 1].cap, !d.t.isPunct(i + 1, 0x27)
          {
            best = i
            bestKnown = nil
          }
        }
      }
      // (Bits first: the dictionary is probed only for words that can be an acronym or a
      // codename.)
      if !memory.acronyms.isEmpty, best <= i + 1,
        tok.allCaps || (best == i && tok.lex.isDisjoint(with: codenameBlock)),
        let c = memory.acronyms[tok.hash]
      {
        if tok.allCaps {
          best = i + 1
          bestKnown = Known(
            canonical: c, aliases: [d.t.text(i)], caps: true,
            kind: x.units.forces.contains(c) ? .force : .unit)
        } else if best == i, c.hasPrefix("Operation "), !(i + 1 < n && toks[i + 1].hyphenBefore) {
          // A codename the document named as an operation: "Boson" after "Operation Boson".
          best = i + 1
          bestKnown = Known(canonical: c, aliases: [], caps: false)
        }
      }
      // 3. Head-noun pattern.
      let pattern = headPattern(d, i)
      // "The Sentinel Teams" in a document that knows Operation Sentinel: that operation, over
      // the codename (as "the Sentinel teams").
      if d.emit, pattern == i + 2, best <= i + 1, codenameHeads.contains(toks[i + 1].hash),
        let c = memory.acronyms[tok.hash], c.hasPrefix("Operation ")
      {
        d.add(.unit, i, i + 1, canonical: c)
        d.claim(i + 1, i + 2)
        next = i + 2
        continue
      }
      if pattern > best {
        if let k = x.units.names.payload(phraseHash(d, i, pattern)) {
          bestKnown = x.units.known[k]
        } else if let k = variant(d, i, pattern) {
          bestKnown = x.units.known[k]
        } else {
          var c = canonicalText(d, i, pattern)
          if d.emit {
            // "the County Lines team" in a document about "the Norfolk County Lines team".
            if let full = memory.unitsByTail[c], !full.isEmpty { c = full }
          } else if let tail = areaTail(d, i, pattern) {
            memory.unitsByTail[tail] = memory.unitsByTail[tail].map { $0 == c ? c : "" } ?? c
          }
          bestKnown = Known(canonical: c, aliases: [], caps: false)
        }
        best = pattern
      }
      // 4. A codename before a lower-case team: "Boson team", "Scorpion and Sentinel teams".
      if best == i, i + 1 < n,
        toks[i + 1].lex.contains(.unitHead) || toks[i + 1].hash == x.and
          || toks[i + 1].hash == x.amp,
        let e = codenameTeams(&d, i, &memory)
      {
        next = e
        continue
      }
      guard best > i, var known = bestKnown else { continue }
      // "Essex Police, Fire and Crime Commissioner" is a role, not the force; "Bedfordshire
      // Police and Crime Panel" neither.
      if best - 1 > i, let (_, f) = OfficerRecognizer.rank(d, best - 1),
        x.ranks.forms[f].isCommissioner
      {
        next = best
        continue
      }
      if known.kind == .force, best + 1 < n, toks[best].hash == x.and,
        toks[best + 1].hash == crime
      {
        next = best
        continue
      }
      // "Norfolk and Suffolk Constabularies": the first area is a force too.
      if known.plural, i >= 2, toks[i - 1].hash == x.and, !d.claimed[i - 2],
        let k = x.units.names.payload(
          EntityTokens.combine(EntityTokens.combine(0, toks[i - 2].hash), constabulary)),
        x.units.known[k].kind == .force
      {
        let area = x.units.known[k]
        d.add(.force, i - 2, i - 1, canonical: area.canonical, aliases: area.aliases)
      }
      if known.kind == .force { forceEnds.append(best) }
      // Acronym definition: "… Unit (ROCU)".
      if d.t.isPunct(best, 0x28), best + 2 < n, toks[best + 1].allCaps, d.t.isPunct(best + 2, 0x29),
        !known.caps
      {
        let acr = d.t.text(best + 1)
        memory.acronyms[toks[best + 1].hash] = known.canonical
        if !memory.acronymsByUnit[known.canonical, default: []].contains(acr) {
          memory.acronymsByUnit[known.canonical, default: []].append(acr)
        }
        if !known.aliases.contains(acr) { known.aliases.append(acr) }
        d.add(known.kind, i, best, canonical: known.canonical, aliases: known.aliases)
        d.add(known.kind, best + 1, best + 2, canonical: known.canonical, aliases: known.aliases)
        next = best + 3
        continue
      }
      // Reverse definition: "ROCU (Regional Organised Crime Unit)".
      if i >= 2, d.t.isPunct(i - 1, 0x28), toks[i - 2].allCaps, d.t.isPunct(best, 0x29), !known.caps
      {
        let acr = d.t.text(i - 2)
        memory.acronyms[toks[i - 2].hash] = known.canonical
        if !memory.acronymsByUnit[known.canonical, default: []].contains(acr) {
          memory.acronymsByUnit[known.canonical, default: []].append(acr)
        }
      }
      // A place before a built-in acronym names the area's own unit: "Ipswich CID" (with the
      // built-in name as an alias, so unit:CID finds it).
      let start = known.kind == .unit && known.caps && best == i + 1 ? areaStart(d, i) : i
      if start < i {
        known.aliases = [known.canonical] + known.aliases
        known.canonical = d.t.text(from: toks[start].start, to: toks[i].end)
      }
      if d.emit {
        var aliases = known.aliases
        if !memory.acronymsByUnit.isEmpty, let learned = memory.acronymsByUnit[known.canonical] {
          for a in learned where !aliases.contains(a) { aliases.append(a) }
        }
        d.add(known.kind, start, best, canonical: known.canonical, aliases: aliases)
      } else {
        d.claim(start, best)
      }
      next = best
    }
    lowerCaseNames(&d, forceEnds: forceEnds, memory: &memory)
  }

  /// The name of the unit over tokens `a..<b` without the place it starts with ("County Lines
  /// Team" of "Norfolk County Lines team"), when two words or more remain; else nil.
  static func areaTail(_ d: DocumentScan, _ a: Int, _ b: Int) -> String? {
    let g = d.tables.gazetteer
    let toks = d.t.tokens
    var seq: UInt64 = 0
    var found: Int? = nil
    var k = a
    while k < b - 2, k - a < 3, toks[k].kind == .word, toks[k].cap {
      seq = EntityTokens.combine(seq, toks[k].hash)
      k += 1
      if g.names.payload(seq) != nil { found = k }
    }
    guard let s = found else { return nil }
    return canonicalText(d, s, b)
  }

  /// Start of a gazetteer place of up to three capitalised words that ends just before token
  /// `i` and is not part of a longer capitalised run ("Ipswich" of "Ipswich CID"), or `i`.
  static func areaStart(_ d: DocumentScan, _ i: Int) -> Int {
    let toks = d.t.tokens
    let g = d.tables.gazetteer
    var found = i
    var seq: UInt64 = 0
    var hashes: [UInt64] = []
    var a = i - 1
    while a >= 0, i - a <= 3, toks[a].kind == .word, toks[a].cap, !d.claimed[a],
      !toks[a].hyphenBefore
    {
      hashes.insert(toks[a].hash, at: 0)
      seq = 0
      for h in hashes { seq = EntityTokens.combine(seq, h) }
      if g.names.payload(seq) != nil,
        a == 0 || toks[a].sentenceStart || !(toks[a - 1].kind == .word && toks[a - 1].cap)
      {
        found = a
      }
      a -= 1
    }
    return found
  }

  /// Rule 4 at `i`: "X team" or "X and Y teams" → "Operation X" over the codename (the
  /// lower-case "team" is not part of it); the end of what it took, or nil.
  static func codenameTeams(
    _ d: inout DocumentScan, _ i: Int, _ memory: inout DocumentMemory
  ) -> Int? {
    let toks = d.t.tokens
    let n = toks.count
    guard isCodename(d, i), i + 1 < n else { return nil }
    // After a capitalised word only if it is "The", "Our"…: "Harlow Scorpion team" is no
    // codename's team.
    if i > 0, toks[i - 1].kind == .word, toks[i - 1].cap, !toks[i - 1].lex.contains(.unitStop) {
      return nil
    }
    // "Guns and Gangs team" is one name, not the codename "Gangs".
    if i > 1, toks[i - 1].lex.contains(.unitConnector), toks[i - 2].cap, !d.claimed[i - 2] {
      return nil
    }
    if isCodenameHead(d, i + 1) {
      addCodename(&d, i, &memory)
      return i + 2
    }
    let x = d.tables
    if i + 3 < n, toks[i + 1].hash == x.and || toks[i + 1].hash == x.amp, isCodename(d, i + 2),
      isCodenameHead(d, i + 3), pluralHeads.contains(toks[i + 3].hash)
    {
      addCodename(&d, i, &memory)
      addCodename(&d, i + 2, &memory)
      return i + 4
    }
    return nil
  }

  /// Adds "Operation <codename>" over token `a`, and remembers the codename.
  static func addCodename(_ d: inout DocumentScan, _ a: Int, _ memory: inout DocumentMemory) {
    guard d.emit else {
      d.claim(a, a + 1)
      learnCodename(d, a, &memory)
      return
    }
    d.add(.unit, a, a + 1, canonical: "Operation " + d.t.text(a))
  }

  /// Remembers that the word at `i` names an operation, so the word alone is one later
  /// ("Boson was set up in 2012").
  static func learnCodename(_ d: DocumentScan, _ i: Int, _ memory: inout DocumentMemory) {
    let t = d.t.tokens[i]
    guard t.kind == .word, t.cap, !t.allCaps, t.lex.isDisjoint(with: codenameBlock),
      memory.acronyms[t.hash] == nil
    else { return }
    memory.acronyms[t.hash] = "Operation " + d.t.text(i)
  }

  @inline(__always)
  static func isCodename(_ d: DocumentScan, _ i: Int) -> Bool {
    let t = d.t.tokens[i]
    return t.kind == .word && t.cap && !t.allCaps && !t.sentenceStart && !d.claimed[i]
      && t.lex.isDisjoint(with: codenameBlock) && !(i + 1 < d.t.tokens.count
        && d.t.tokens[i + 1].hyphenBefore)
  }

  @inline(__always)
  static func isCodenameHead(_ d: DocumentScan, _ i: Int) -> Bool {
    let t = d.t.tokens[i]
    return t.kind == .word && !t.cap && !d.claimed[i] && codenameHeads.contains(t.hash)
      && !(i + 1 < d.t.tokens.count && d.t.tokens[i + 1].hyphenBefore)
  }

  /// Adds "<codename> <Head>" over tokens `a...last` (the head's text from token `head`).
  static func addCodename(_ d: inout DocumentScan, _ a: Int, _ last: Int, head: Int) {
    guard d.emit else {
      d.claim(a, last + 1)
      return
    }
    d.add(.unit, a, last + 1, canonical: d.t.text(a) + " " + headWord(d, head))
  }

  /// "Team" for "team", "teams" or "Teams".
  static func headWord(_ d: DocumentScan, _ i: Int) -> String {
    var w = d.t.text(i).lowercased()
    if pluralHeads.contains(d.t.tokens[i].hash) { w.removeLast() }
    return w.prefix(1).uppercased() + w.dropFirst()
  }

  /// Rule 5 and lower-case operations: one pass over the tokens, testing a bit each.
  static func lowerCaseNames(
    _ d: inout DocumentScan, forceEnds: [Int], memory: inout DocumentMemory
  ) {
    let toks = d.t.tokens
    let n = toks.count
    let x = d.tables
    var next = 0
    for k in d.t.heads where k >= next {
      next = k + 1
      let tk = toks[k]
      guard !d.claimed[k] else { continue }
      if tk.lex.contains(.operation) {
        next = quotedOperation(&d, k) ?? k + 1
        continue
      }
      // "unit-based"; "team lead", "unit commander": the head is part of another noun.
      if k + 1 < n, toks[k + 1].hyphenBefore || headNouns.contains(toks[k + 1].hash) {
        continue
      }
      if !d.emit, codenameHeads.contains(tk.hash) { learnAppositions(d, k, &memory) }
      // The lower-case words before the head.
      var a = k
      while a > 0, k - a < 4, toks[a - 1].kind == .word, !toks[a - 1].cap, !d.claimed[a - 1],
        toks[a - 1].lex.isDisjoint(with: lowerNameBlock), !toks[a].hyphenBefore
      {
        a -= 1
      }
      guard a < k else { continue }
      // A built-in name ("the serious violence unit"), the longest that ends at the head.
      var found: (start: Int, known: Int)?
      for s in a..<k {
        if let p = x.units.names.payload(phraseHash(d, s, k + 1)),
          x.units.known[p].kind == .unit, !x.units.known[p].caps
        {
          found = (s, p)
          break
        }
      }
      if let (s, p) = found {
        let known = x.units.known[p]
        d.add(.unit, s, k + 1, canonical: known.canonical, aliases: known.aliases)
        continue
      }
      // After a force: "Essex Police serious violence unit", "the force's dog unit".
      var afterForce = forceEnds.contains(a)
      if !afterForce, a >= 2, toks[a - 1].hash == x.s, toks[a - 1].kind == .word {
        afterForce = forceEnds.contains(a - 1) || toks[a - 2].hash == x.force
      }
      // Adjectives alone describe a team, they do not name it: "its specialist team".
      var named = false
      for w in a..<k where !toks[w].lex.contains(.figureModifier) { named = true }
      if afterForce, named {
        if d.emit {
          var words: [String] = []
          for w in a..<k { words.append(titleWord(d.t.text(w))) }
          words.append(headWord(d, k))
          d.add(.unit, a, k + 1, canonical: words.joined(separator: " "))
        } else {
          d.claim(a, k + 1)
        }
      }
    }
  }

  static let copulas = Lexicon.set(["is", "are", "was", "were"])
  static let such = EntityTokens.hash("such")

  /// A codename a lower-case team, unit or squad (token `k`) is named by in apposition:
  /// "Boson is the force's specialist guns and gangs unit", "our serious and organised crime
  /// unit, Costello, …", "our engagement team (Kestrel)", "proactive teams such as Scorpion".
  /// Learned in pass 1 as "Operation X", so pass 2 emits every mention of the word.
  static func learnAppositions(_ d: DocumentScan, _ k: Int, _ memory: inout DocumentMemory) {
    let toks = d.t.tokens
    let n = toks.count
    /// A single capitalised word that can be a codename, ending where `after` allows.
    func single(_ i: Int, sentenceStart: Bool) -> Bool {
      guard i < n, i >= 0 else { return false }
      let t = toks[i]
      guard t.kind == .word, t.cap, !t.allCaps, sentenceStart || !t.sentenceStart,
        t.lex.isDisjoint(with: codenameBlock), !d.claimed[i]
      else { return false }
      if i + 1 < n, toks[i + 1].hyphenBefore || (toks[i + 1].kind == .word && toks[i + 1].cap) {
        return false
      }
      if i > 0, toks[i - 1].kind == .word, toks[i - 1].cap, !toks[i - 1].sentenceStart {
        return false
      }
      return !(i + 1 < n && toks[i + 1].lex.contains(.speechVerb))
    }
    // "unit, Costello," / "team (Kestrel)".
    if k + 3 < n, d.t.isPunct(k + 1, 0x2C) || d.t.isPunct(k + 1, 0x28),
      single(k + 2, sentenceStart: false),
      d.t.isPunct(k + 3, d.t.isPunct(k + 1, 0x28) ? 0x29 : 0x2C)
    {
      learnCodename(d, k + 2, &memory)
    }
    // "teams such as Scorpion".
    if k + 3 < n, toks[k + 1].hash == such, toks[k + 2].hash == asWord,
      single(k + 3, sentenceStart: false)
    {
      learnCodename(d, k + 3, &memory)
    }
    // "Boson is the force's specialist guns and gangs unit": X, a copula, then lower-case words
    // (and a possessive) up to the head, which ends the phrase ("Smith is a team player" is
    // not a name).
    guard k + 1 >= n || toks[k + 1].kind == .punct || toks[k + 1].lex.contains(.functionWord)
    else { return }
    var j = k - 1
    while j > 0, k - j <= 8, toks[j].kind == .word, !toks[j].cap, !copulas.contains(toks[j].hash) {
      j -= 1
    }
    if j > 0, j < k - 1, copulas.contains(toks[j].hash), single(j - 1, sentenceStart: true) {
      learnCodename(d, j - 1, &memory)
    }
  }

  /// "the operation under 'Velocity'", "an operation called Velocity", "operation 'Velocity'":
  /// "Operation Velocity" over the codename; the end, or nil.
  static func quotedOperation(_ d: inout DocumentScan, _ k: Int) -> Int? {
    let toks = d.t.tokens
    let n = toks.count
    var j = k + 1
    var named = false
    // "The operation, codenamed Vanguard, …".
    if d.t.isPunct(j, 0x2C), j + 1 < n, namingWords.contains(toks[j + 1].hash) { j += 1 }
    if j < n, namingWords.contains(toks[j].hash) {
      j += 1
      named = true
    } else if j + 1 < n, toks[j].hash == knownWord, toks[j + 1].hash == asWord {
      j += 2
      named = true
    } else if j + 1 < n, toks[j].hash == code, toks[j + 1].hyphenBefore {
      j += 2
      named = true
    }
    var quoted = false
    if j < n, isQuote(d.t, j) {
      j += 1
      quoted = true
    }
    guard named || quoted, j < n, toks[j].kind == .word, toks[j].cap, !d.claimed[j],
      !toks[j].lex.contains(.unitStop), d.free(k, j)
    else { return nil }
    var e = j + 1
    while e < n, toks[e].hyphenBefore { e += 1 }
    if quoted, !(e < n && isQuote(d.t, e)) { return nil }
    // The span is the codename, as for "the Boson team": "the operation under 'Velocity'" →
    // "Velocity"; the words before it are claimed, not named.
    d.claim(k, j)
    if d.emit {
      let name = d.t.text(from: toks[j].start, to: toks[e - 1].end)
      d.add(.unit, j, e, canonical: "Operation " + name)
    } else {
      d.claim(j, e)
    }
    return e
  }

  /// A quotation mark: ' " or a curly one.
  static func isQuote(_ t: TokenView, _ i: Int) -> Bool {
    guard i < t.tokens.count, t.tokens[i].kind == .punct else { return false }
    let s = t.tokens[i].start
    let b = t.bytes[s]
    if b == 0x27 || b == 0x22 { return true }
    return b == 0xE2 && t.tokens[i].end - s == 3 && t.bytes[s + 1] == 0x80
      && t.bytes[s + 2] >= 0x98 && t.bytes[s + 2] <= 0x9D
  }

  static func titleWord(_ w: String) -> String {
    w.prefix(1).uppercased() + w.dropFirst()
  }

  /// A built-in unit that the name over tokens `a..<b` spells differently: by its initials
  /// (an all-capitals alias of three letters or more) or by `variantKey`.
  static func variant(_ d: DocumentScan, _ a: Int, _ b: Int) -> Int? {
    let x = d.tables
    let toks = d.t.tokens
    var initials = EntityTokens.seed
    var letters = 0
    var key: UInt64 = 0
    for k in a..<b where toks[k].kind == .word {
      if toks[k].lex.contains(.unitConnector) || toks[k].hash == x.the { continue }
      let s = toks[k].start
      let e = min(toks[k].end, s + 5)
      var h = EntityTokens.seed
      for q in s..<e { h = EntityTokens.fold(h, d.t.bytes[q]) }
      key = EntityTokens.combine(key, h)
      if !toks[k].hyphenBefore {
        initials = EntityTokens.fold(initials, d.t.bytes[s])
        letters += 1
      }
    }
    if letters >= 3, let p = x.units.names.payload(EntityTokens.combine(0, initials)),
      x.units.known[p].caps, x.units.known[p].kind == .unit
    {
      return p
    }
    return x.units.variants[key]
  }

  /// Whether every word of tokens `a..<b` is written in capitals (or is a single letter).
  @inline(__always)
  static func allCaps(_ toks: UnsafeBufferPointer<EntityTokens.Token>, _ a: Int, _ b: Int) -> Bool {
    for k in a..<b
    where toks[k].kind == .word && !toks[k].allCaps && toks[k].end - toks[k].start != 1 {
      return false
    }
    return true
  }

  /// End (exclusive) of a "<Capitalised…> <Head>" unit name starting at `i`, or `i`.
  static func headPattern(_ d: DocumentScan, _ i: Int) -> Int {
    let x = d.tables
    let toks = d.t.tokens
    let n = toks.count
    if !toks[i].lex.isDisjoint(with: stopOrHead) { return i }
    var j = i
    var end = i
    var words = 0
    // Every capitalised word so far can start a place: a comma may follow ("Bedfordshire,
    // Cambridgeshire and Hertfordshire Road Policing Unit").
    var areas = true
    var joined = false
    while j < n, words < 9 {
      let tj = toks[j]
      if d.claimed[j] { break }
      if tj.kind == .word, tj.cap {
        areas = areas && tj.lex.contains(.placeStart)
        if tj.lex.contains(.unitStop) { break }
        // "… Stevenage Operation Scorpion …": an operation ends the name before it (not so
        // "Special Operation Unit").
        if j > i, tj.lex.contains(.operation), j + 1 < n, toks[j + 1].cap,
          !toks[j + 1].lex.contains(.unitHead)
        {
          break
        }
        if tj.lex.contains(.unitHead) || (tj.hash == x.force && j > i && toks[j - 1].hash == x.task)
        {
          end = j + 1
        }
        words += 1
        j += 1
        continue
      }
      if (tj.kind == .word && tj.lex.contains(.unitConnector) && !tj.cap) || tj.hash == x.amp {
        // Two names: "Regional Economic Crime Unit and Regional Asset Recovery Team".
        if end == j, tj.hash == x.and || tj.hash == x.amp { break }
        if j + 1 < n, toks[j + 1].kind == .word, toks[j + 1].cap {
          joined = true
          j += 1
          continue
        }
      }
      if areas, end < j, d.t.isPunct(j, 0x2C), j + 1 < n, toks[j + 1].kind == .word,
        toks[j + 1].cap, toks[j + 1].lex.contains(.placeStart)
      {
        j += 1
        continue
      }
      // "Norfolk County Lines team": two capitalised words or more, then a lower-case team.
      // ("Scorpion and Sentinel teams" are two codenames' teams, rule 4).
      if end == i, words >= 2, !joined, !toks[i].lex.contains(.firstName), tj.kind == .word,
        !tj.cap, codenameHeads.contains(tj.hash),
        !(j + 1 < n && toks[j + 1].hyphenBefore)
      {
        end = j + 1
      }
      break
    }
    return end
  }

  static func phraseHash(_ d: DocumentScan, _ a: Int, _ b: Int) -> UInt64 {
    var seq: UInt64 = 0
    for k in a..<b { seq = EntityTokens.combine(seq, d.t.tokens[k].hash) }
    return seq
  }

  /// The name as written; a plural head in the singular ("Safer Neighbourhood Teams" → "…
  /// Team").
  static func canonicalText(_ d: DocumentScan, _ a: Int, _ b: Int) -> String {
    let t = d.t.tokens
    let lowerHead = !t[b - 1].cap && b - 1 > a
    let last = lowerHead ? b - 2 : b - 1
    let plural = !lowerHead && pluralHeads.contains(t[b - 1].hash)
    // County short forms written out: "Beds, Cambs and Herts Road Policing Unit" is the
    // "Bedfordshire, Cambridgeshire and Hertfordshire Road Policing Unit".
    var out = ""
    var from = t[a].start
    for k in a...last where t[k].kind == .word && t[k].cap {
      if let county = shortCounty(d, k) {
        out += d.t.text(from: from, to: t[k].start) + county
        from = t[k].end
      }
    }
    out += d.t.text(from: from, to: max(from, t[last].end - (plural ? 1 : 0)))
    return lowerHead ? out + " " + headWord(d, b - 1) : out
  }

  /// The county that token `k` names by its short form ("Herts", "Cambs"), if it does.
  static func shortCounty(_ d: DocumentScan, _ k: Int) -> String? {
    let g = d.tables.gazetteer
    let hits = g.hits(EntityTokens.combine(0, d.t.tokens[k].hash))
    guard let h = hits.first, h.viaAlias, hits.count == 1,
      g.entries[Int(h.entry)].type == UInt8(ascii: "C")
    else { return nil }
    return g.entries[Int(h.entry)].name
  }

  // MARK: - Query time

  static func canonical(query: String) -> String? {
    let q = query.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    if q.isEmpty { return nil }
    let t = EntityTokens(q)
    if let first = t.tokens.first, operation.contains(first.hash), t.tokens.count >= 2 {
      return "Operation " + titleCase(t.text(from: t.tokens[1].start, to: t.bytes.count))
    }
    if let k = table.names.payload(EntityTokens.phraseHash(q)) { return table.known[k].canonical }
    return titleCase(q)
  }

  static func canonicalForce(query: String) -> String? {
    var words = query.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if words.count > 1, words[0].lowercased() == "the" { words.removeFirst() }
    let q = words.joined(separator: " ")
    if q.isEmpty { return nil }
    for form in [q, q + " Police", q + " Constabulary"] {
      if let k = table.names.payload(EntityTokens.phraseHash(form)), table.known[k].kind == .force
      {
        return table.known[k].canonical
      }
    }
    return nil
  }

  static func titleCase(_ s: String) -> String {
    let small: Set<String> = ["and", "of", "for", "on", "the"]
    return s.split(separator: " ").enumerated().map { i, w in
      let lw = w.lowercased()
      if i > 0 && small.contains(lw) { return lw }
      if w.uppercased() == w && w.count <= 5 && w.count > 1 { return String(w) }
      return lw.prefix(1).uppercased() + lw.dropFirst()
    }.joined(separator: " ")
  }
}
