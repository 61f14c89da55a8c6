/// Finds numbers with what they count: counts, money, mass, durations and percentages.
///
/// A figure is an optional qualifier ("almost", "more than"), an optional "£", a number (digits
/// with "," and ".", or a number word "two" … "ninety", "dozen"), an optional multiplier
/// ("million", "m", "bn", "k"), and then a unit or a counted noun (possibly after one or two
/// modifiers: "64 illegal firearms"). See `Figure` for units and nouns, and for what is not a
/// figure (years, dates, times, ages, labels such as "page 4").
enum FigureRecognizer {
  static let pound: UInt64 = {
    var h = EntityTokens.seed
    for b in "£".utf8 { h = (h ^ UInt64(b)) &* EntityTokens.prime }
    return h
  }()
  static let percentSign: UInt64 = (EntityTokens.seed ^ 0x25) &* EntityTokens.prime
  static let a = EntityTokens.hash("a")
  static let half = EntityTokens.hash("half")
  /// Past participles that may stand between a number and its noun ("47 illegally held
  /// knives"); other participles are recognised by their "-ed".
  static let participleModifiers = Lexicon.set([
    "held", "taken", "found", "seized", "recovered", "stolen", "known", "linked", "based",
  ])
  /// Ranks in the plural after a number, capitalised as forces write them ("six PCs", "16
  /// Special Constables") → the noun.
  static let rankPlurals: HashMap64<String> = [
    EntityTokens.hash("pcs"): "pc", EntityTokens.hash("pcsos"): "pcso",
    EntityTokens.hash("dcs"): "dc", EntityTokens.hash("constables"): "constable",
    EntityTokens.hash("sergeants"): "sergeant", EntityTokens.hash("inspectors"): "inspector",
    EntityTokens.hash("detectives"): "detective", EntityTokens.hash("officers"): "officer",
    EntityTokens.hash("specials"): "special",
    EntityTokens.hash("superintendents"): "superintendent",
  ]
  /// "those", "them", "whom" of "ten of those arrested", "four of them were charged".
  static let ofWhom = Lexicon.set(["those", "them", "whom"])
  static let from = EntityTokens.hash("from")
  static let olds = EntityTokens.hash("olds")
  /// The emergency and non-emergency numbers, and what follows them when they are dialled
  /// rather than counted ("999 calls", "the 101 service").
  static let phoneServices = Lexicon.set(["999", "101", "111", "112"])
  static let phoneNouns = Lexicon.set([
    "call", "calls", "service", "number", "line", "operator", "operators", "emergency",
  ])
  /// Between a number and a plural noun: "and", "or" ("13 full or partial closure orders").
  static let coordinators = Lexicon.set(["and", "or"])
  /// "were", "have", "had", "was", "are", "been", "being": a passive after a counted noun.
  static let passiveWords = Lexicon.set(["were", "was", "are", "is", "have", "has", "had", "been",
    "being"])
  /// Adverbs inside a passive: "160 people were later arrested".
  static let passiveAdverbs = Lexicon.set([
    "later", "subsequently", "also", "then", "all", "since", "now", "successfully", "either",
  ])
  /// Words before a duration that make it a time frame, not an amount: "over the past three
  /// years", "within 24 hours", "in just two years", "the 12 months to November".
  static let timeFrameBefore = Lexicon.set([
    "past", "last", "next", "first", "within", "in", "across", "during", "the", "every", "each",
    "these", "those", "coming", "previous", "recent", "following", "several", "after", "since",
    "before", "until", "throughout", "lasting", "spanning",
  ])
  static let inWord = EntityTokens.hash("in")
  /// Words after a duration that make it a time frame: "five years ago".
  static let timeFrameAfter = Lexicon.set(["ago", "later", "earlier", "previously"])
  /// Words that make a duration a prison sentence whatever comes before it ("resulted in 148
  /// years in prison terms", "2,551 weeks of custodial sentences").
  static let sentenceWords = Lexicon.set([
    "prison", "jail", "custody", "custodial", "sentence", "sentences", "imprisonment", "bars",
    "inside", "behind",
  ])

  /// Whether the duration at `start..<end` (qualifier, number, unit) is a time frame ("in the
  /// past two years", "five years ago") rather than an amount of time (a sentence, "1,100
  /// hours of patrols"): the set's labelling rules count only amounts.
  static func isTimeFrame(_ d: DocumentScan, _ start: Int, _ end: Int) -> Bool {
    let toks = d.t.tokens
    let n = toks.count
    if end < n, toks[end].kind == .word, timeFrameAfter.contains(toks[end].hash) { return true }
    var k = end
    while k < n, k < end + 3, toks[k].kind == .word {
      if sentenceWords.contains(toks[k].hash) { return false }
      k += 1
    }
    guard start > 0, toks[start - 1].kind == .word, timeFrameBefore.contains(toks[start - 1].hash)
    else { return false }
    // "put in 900 hours of patrols": after "in", an amount of something.
    return toks[start - 1].hash != inWord || end >= n || toks[end].hash != d.tables.of
  }

  // Class combinations as constants (a set literal at the call site is built on every call).
  static let notNounOrFunction: WordClass = [.notNoun, .functionWord]
  static let notNounOrMonth: WordClass = [.notNoun, .month]

  static func scan(_ d: inout DocumentScan) {
    let x = d.tables
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
    for i in d.t.numbers where i >= next {
      next = i + 1
      let tok = toks[i]
      guard !d.claimed[i] else { continue }
      var value: Double
      var numEnd = i + 1
      var start = i
      if tok.kind == .number {
        // Joined to a letter ("A12", "M25") or a "£"-less decimal time "10.30am": skip.
        if tok.joined, i > 0, toks[i - 1].kind == .word { continue }
        value = parse(d.t, i)
        // "twenty-five" style numbers don't occur with digits; "1,000" parsed already.
      } else if tok.kind == .word, tok.lex.contains(.numberWord),
        !tok.cap || tok.sentenceStart || opensClause(d.t, i),
        let v = x.numberWords[tok.hash]
      {
        value = v
        while numEnd < n, toks[numEnd].hyphenBefore, toks[numEnd].lex.contains(.numberWord),
          let v2 = x.numberWords[toks[numEnd].hash]
        {
          value += v2
          numEnd += 1
        }
        // "Thirty nine", "twenty one": tens and units without a hyphen.
        if numEnd == i + 1, numEnd < n, value >= 20, value < 100, value.truncatingRemainder(
          dividingBy: 10) == 0, toks[numEnd].kind == .word, !toks[numEnd].cap
        {
          if toks[numEnd].lex.contains(.one) {
            value += 1
            numEnd += 1
          } else if toks[numEnd].lex.contains(.numberWord),
            let v2 = x.numberWords[toks[numEnd].hash], v2 < 10
          {
            value += v2
            numEnd += 1
          }
        }
      } else if tok.kind == .word, tok.lex.contains(.one), i + 1 < n,
        toks[i + 1].lex.contains(.multiplier), let m = x.multipliers[toks[i + 1].hash], m >= 1000
      {
        value = 1
      } else if tok.kind == .word, tok.lex.contains(.multiplier), !tok.cap, isA(toks, i - 1),
        let m = x.multipliers[tok.hash], m >= 1000
      {
        // "a thousand years", "a million pounds": the article is the number one.
        value = m
        start = i - 1
      } else {
        continue
      }
      // "a hundred officers", "a dozen people".
      if start == i, tok.kind == .word, numEnd == i + 1, value == 100 || value == 12,
        isA(toks, i - 1)
      {
        start = i - 1
      }
      // "11-and-a-half years", "two and a half years".
      if numEnd + 2 < n, toks[numEnd].hash == x.and, toks[numEnd + 1].hash == a,
        toks[numEnd + 2].hash == half, toks[numEnd].hyphenBefore == toks[numEnd + 2].hyphenBefore
      {
        value += 0.5
        numEnd += 3
      }
      next = figure(&d, start: start, numEnd: numEnd, value: value) ?? numEnd
    }
  }

  /// Whether token `i` is the article "a" ("A" too), as in "a thousand".
  @inline(__always)
  static func isA(_ toks: UnsafeBufferPointer<EntityTokens.Token>, _ i: Int) -> Bool {
    i >= 0 && toks[i].kind == .word && toks[i].hash == a
  }

  /// After an opening quote, bracket or dash a capital starts a clause: `said: "Four people
  /// were arrested"`.
  static func opensClause(_ t: TokenView, _ i: Int) -> Bool {
    guard i > 0, t.tokens[i - 1].kind == .punct else { return false }
    let c = t.bytes[t.tokens[i - 1].start]
    return c == 0x22 || c == 0x28 || c == 0xE2  // ", (, “ ‘ – —
  }

  /// Builds a figure for the number at `start..<numEnd`; returns the index after it, or nil.
  static func figure(_ d: inout DocumentScan, start: Int, numEnd: Int, value v0: Double) -> Int? {
    let x = d.tables
    let t = d.t
    let toks = t.tokens
    let n = toks.count
    var value = v0
    let isDigits = toks[start].kind == .number
    // Years and dates.
    if isDigits {
      let len = toks[start].end - toks[start].start
      let raw = t.bytes[toks[start].start]
      if len == 4, raw == 0x31 || raw == 0x32, v0 >= 1900, v0 <= 2099 { return nil }
      if start > 0, toks[start - 1].lex.contains(.month), toks[start - 1].cap {
        return nil
      }
      if numEnd < n, toks[numEnd].lex.contains(.month), toks[numEnd].cap { return nil }
      if t.isPunct(numEnd, 0x3A) { return nil }  // 10:30
    }
    // A number in brackets right after a plural noun counts it: "about 10% of the phone lines
    // (102)" (years and dates are out above).
    if isDigits, v0 >= 2, start >= 2, numEnd < n, t.isPunct(start - 1, 0x28),
      t.isPunct(numEnd, 0x29), !toks[start - 2].cap, isPluralNoun(t, start - 2)
    {
      let noun = d.emit ? lemma(t, toks[start - 2].start, toks[start - 2].end) : ""
      return finish(&d, start, numEnd, unit: "count", noun: noun, value: v0, nil)
    }
    // A number written after a name is part of it: "a Channel 4 series" (not at the start of
    // a sentence, where "Over 300 arrests" begins with a capital, nor in a Title Case title).
    if isDigits, !d.titleCase, start > 0, toks[start - 1].kind == .word, toks[start - 1].cap,
      !toks[start - 1].sentenceStart, !toks[start - 1].lex.contains(.qualifierEnd)
    {
      return nil
    }
    // Labels before: "page 4", "aged 34".
    if start > 0, toks[start - 1].lex.contains(.numberLabel), !t.isPunct(start - 1, 0xA3) {
      return nil
    }
    // "£" before.
    var a = start
    var money = false
    if start > 0, toks[start - 1].hash == x.pound, toks[start - 1].kind == .punct {
      money = true
      a = start - 1
    }
    // Qualifier before: the longest that ends right before the number.
    var qualifier: String?
    var best = 0
    if a > 0, toks[a - 1].lex.contains(.qualifierEnd) {
      var seq: UInt64 = 0
      var k = a - 1
      while k >= 0, toks[k].kind == .word {
        seq = EntityTokens.combine(seq, toks[k].hash)
        guard let p = x.qualifiersBackwards.probe(seq) else { break }
        if p.payload >= 0 {
          best = a - k
          qualifier = x.qualifiers[p.payload].text
        }
        if !p.continues { break }
        k -= 1
      }
    }
    let qStart = a - best
    if best > 0, !d.free(qStart, a) { qualifier = nil }
    let spanStart = qualifier == nil ? a : qStart
    // Multiplier after.
    var e = numEnd
    if e < n, toks[e].lex.contains(.multiplier), let m = x.multipliers[toks[e].hash],
      toks[e].kind == .word, !toks[e].cap
    {
      value *= m
      e += 1
    }
    if money {
      return finish(&d, spanStart, e, unit: "gbp", noun: "£", value: value, qualifier)
    }
    guard e < n else { return nil }
    // An age between the number and its noun: "Two 27-year-old women".
    if toks[e].kind == .number, e + 1 < n, toks[e + 1].hyphenBefore {
      var k = e + 1
      while k < n, toks[k].hyphenBefore { k += 1 }
      if toks[k - 1].hash == x.old, k < n, toks[k].kind == .word {
        e = k
      } else if toks[k - 1].hash == olds {
        // "Two 17-year-olds were arrested": the age in the plural is the people counted.
        var noun = "person"
        if let act = passiveAct(d, k, participle: true), act == "arrest" || act == "charge" {
          noun = act
        }
        return finish(&d, spanStart, k, unit: "count", noun: noun, value: value, qualifier)
      }
    }
    let next = toks[e]
    // Percent.
    if next.hash == x.percentSign, next.kind == .punct {
      return finish(&d, spanStart, e + 1, unit: "percent", noun: "%", value: value, qualifier)
    }
    if next.hash == x.per, e + 1 < n, toks[e + 1].hash == x.cent {
      return finish(&d, spanStart, e + 2, unit: "percent", noun: "%", value: value, qualifier)
    }
    if next.kind == .word, next.lex.contains(.percentWord), !next.cap {
      return finish(&d, spanStart, e + 1, unit: "percent", noun: "%", value: value, qualifier)
    }
    // Headlines may be in Title Case ("Police Seize 64 Firearms"); a headline written as a
    // sentence keeps the body's rules ("police raid three Ipswich homes").
    let titleCase = d.titleCase
    guard next.kind == .word else { return nil }
    if next.cap && !titleCase {
      return capitalisedNoun(&d, spanStart, e, value: value, qualifier)
    }
    // A hyphenated compound ("34-year-old", "three-year") is an adjective, not a figure.
    if next.hyphenBefore { return nil }
    if next.lex.contains(.poundWord) {
      return finish(&d, spanStart, e + 1, unit: "gbp", noun: "£", value: value, qualifier)
    }
    if next.lex.contains(.massUnit), let kg = x.massUnits[next.hash] {
      return finish(
        &d, spanStart, e + 1, unit: "kg", noun: "kilogram", value: value * kg, qualifier)
    }
    if next.lex.contains(.duration), let dur = x.durations[next.hash] {
      // "34 years old" is an age.
      if e + 1 < n, toks[e + 1].hash == x.old { return nil }
      if isTimeFrame(d, spanStart, e + 1) { return nil }
      return finish(&d, spanStart, e + 1, unit: dur.unit, noun: dur.noun, value: value, qualifier)
    }
    // Times: "10pm", "10 am".
    if next.hash == x.am || next.hash == x.pm { return nil }
    // Another unit written onto the digits is a measurement, not a count: "6ft", "9mm".
    if isDigits, e == numEnd, next.joined, !next.hyphenBefore { return nil }
    // Phone services are labels: "999 calls", "the 101 service".
    if isDigits, numEnd == start + 1, phoneServices.contains(toks[start].hash),
      phoneNouns.contains(next.hash)
    {
      return nil
    }
    // "Ten of those arrested", "four of them were charged": the number counts the act.
    if value >= 2, next.hash == x.of, e + 2 < n, ofWhom.contains(toks[e + 1].hash) {
      if isParticiple(t, e + 2), let act = directAct(d, e + 2) {
        return finish(&d, spanStart, e + 3, unit: "count", noun: act, value: value, qualifier)
      }
      if let act = passiveAct(d, e + 2) {
        return finish(&d, spanStart, e + 2, unit: "count", noun: act, value: value, qualifier)
      }
    }
    // A number standing for the people an act counts: "305 were charged", "Over 150 arrested".
    if value >= 2, let act = passiveAct(d, e) ?? directAct(d, e) {
      return finish(&d, spanStart, e, unit: "count", noun: act, value: value, qualifier)
    }
    // A number alone after an act verb, before a word that cannot be its noun: "Police arrest
    // 22 in crackdown", "officers charged 12 on Friday".
    if value >= 2, spanStart > 0, next.lex.contains(.functionWord),
      let act = directAct(d, spanStart - 1)
    {
      return finish(&d, spanStart, e, unit: "count", noun: act, value: value, qualifier)
    }
    // Count with a noun: a plural noun past modifiers no list holds ("47 illegally held
    // knives", "13 full or partial closure orders"), else after up to two known modifiers.
    if let (first, last, end) = pluralAhead(d, e, titleCase) {
      return countFigure(
        &d, spanStart, nounFirst: first, nounLast: last, nounEnd: end, value: value, qualifier)
    }
    var k = e
    var mods = 0
    while k + 1 < n, mods < 2, toks[k].kind == .word, !toks[k].cap || titleCase,
      toks[k].lex.contains(.figureModifier), toks[k + 1].kind == .word,
      !toks[k + 1].cap || titleCase,
      toks[k + 1].lex.isDisjoint(with: notNounOrFunction)
    {
      k += 1
      mods += 1
    }
    // A participle is never the noun: "2,500 drug lines closed" → "lines".
    while k > e, isParticiple(t, k) { k -= 1 }
    if isParticiple(t, k) { return nil }
    // Compound nouns: "29 bank accounts" — a singular word followed by another noun.
    var extra = 0
    while extra < 3, k + 1 < n, toks[k].kind == .word, toks[k + 1].kind == .word,
      !toks[k + 1].cap || titleCase,
      !toks[k + 1].hyphenBefore, !endsInS(t, k), !toks[k].lex.contains(.notNoun),
      toks[k + 1].lex.isDisjoint(with: notNounOrFunction),
      !toks[k].lex.contains(.peopleNoun)
    {
      k += 1
      extra += 1
    }
    // A plural noun used as a modifier before another: "two sports cars", "weapons charges".
    if endsInPlural(t, k), !toks[k].lex.contains(.peopleNoun), k + 1 < n,
      !toks[k + 1].cap || titleCase, isPluralNoun(t, k + 1)
    {
      k += 1
    }
    // Hyphenated nouns ("stop-and-search") are one noun.
    var nounEnd = k + 1
    while nounEnd < n, toks[nounEnd].hyphenBefore, toks[nounEnd].kind == .word { nounEnd += 1 }
    let nt = toks[k]
    guard nt.kind == .word, !nt.cap || titleCase, nt.lex.isDisjoint(with: notNounOrMonth),
      nt.end - nt.start >= 2
    else { return nil }
    // A verb right after the number is not a noun ("were", handled) — "6 arrested" is rare.
    if isParticiple(t, k) && !isShed(t, nt.start, toks[nounEnd - 1].end) { return nil }
    return countFigure(
      &d, spanStart, nounFirst: nounFirst(d, e, k), nounLast: k, nounEnd: nounEnd, value: value,
      qualifier)
  }

  /// Where the counted noun of the existing rule starts: the compound's first word (the token
  /// right after the modifiers skipped before `k`).
  @inline(__always)
  static func nounFirst(_ d: DocumentScan, _ e: Int, _ k: Int) -> Int { k }

  /// A count figure over `a..<nounEnd` whose noun is tokens `nounFirst...nounLast` (plus the
  /// hyphenated rest up to `nounEnd`). People counted by an act count the act: "arrested 440
  /// people", "160 people were arrested" → arrests.
  static func countFigure(
    _ d: inout DocumentScan, _ a: Int, nounFirst: Int, nounLast: Int, nounEnd: Int,
    value: Double, _ qualifier: String?
  ) -> Int? {
    let t = d.t
    let toks = t.tokens
    let x = d.tables
    guard d.free(a, nounEnd) else { return nil }
    guard d.emit else {
      d.claim(a, nounEnd)
      return nounEnd
    }
    var noun = lemma(t, toks[nounFirst].start, toks[nounEnd - 1].end)
    if toks[nounLast].lex.contains(.peopleNoun) {
      // Only an arrest or a charge makes the people the act ("safeguarded 18 people" counts
      // people): the labelling rules of bench/entities/real.
      var p = a - 1
      if p >= 0, t.isPunct(p, 0x2C) { p -= 1 }
      if p >= 0, toks[p].lex.contains(.actVerb), let act = x.actVerbs[toks[p].hash] {
        if act == "arrest" || act == "charge" { noun = act }
      } else if let act = passiveAct(d, afterPeople(d, nounEnd), participle: true) {
        if act == "arrest" || act == "charge" { noun = act }
      }
    }
    return finish(&d, a, nounEnd, unit: "count", noun: noun, value: value, qualifier)
  }

  /// "arrested" right after a number: "Over 150 arrested".
  static func directAct(_ d: DocumentScan, _ i: Int) -> String? {
    let toks = d.t.tokens
    guard i < toks.count, toks[i].lex.contains(.actVerb), !toks[i].cap || d.titleCase else {
      return nil
    }
    return d.tables.actVerbs[toks[i].hash]
  }

  /// The act of a passive right after a counted noun: "… people were arrested", "… have since
  /// been charged".
  /// With `participle`, the participle alone counts too: "16 people arrested".
  static func passiveAct(_ d: DocumentScan, _ i: Int, participle: Bool = false) -> String? {
    let toks = d.t.tokens
    let n = toks.count
    var j = i
    var be = 0
    while j < n, be < 3, toks[j].kind == .word,
      passiveWords.contains(toks[j].hash) || (be > 0 && passiveAdverbs.contains(toks[j].hash))
    {
      be += 1
      j += 1
    }
    guard be > 0 || (participle && j < n && !toks[j].cap && isParticiple(d.t, j)), j < n,
      toks[j].lex.contains(.actVerb)
    else { return nil }
    return d.tables.actVerbs[toks[j].hash]
  }

  /// After a people noun, past "from" and a capitalised name of up to three words ("431
  /// people from London have been arrested"): where a passive may start.
  static func afterPeople(_ d: DocumentScan, _ i: Int) -> Int {
    let toks = d.t.tokens
    let n = toks.count
    guard i + 1 < n, toks[i].hash == from, toks[i].kind == .word, toks[i + 1].cap else {
      return i
    }
    var j = i + 1
    while j < n, j < i + 4, toks[j].kind == .word, toks[j].cap || toks[j].hyphenBefore {
      j += 1
    }
    return j
  }

  /// A lower-case plural noun at `i`: a people noun, or a word in "-s" (not "-ss", "-us",
  /// "-ous") that is no function word, more than three letters long and not hyphenated on.
  static func isPluralNoun(_ t: TokenView, _ i: Int) -> Bool {
    let tk = t.tokens[i]
    guard tk.kind == .word, !tk.hyphenBefore else { return false }
    if i + 1 < t.tokens.count, t.tokens[i + 1].hyphenBefore { return false }
    if tk.lex.contains(.peopleNoun) { return true }
    return endsInPlural(t, i) && tk.lex.isDisjoint(with: notNounOrFunction)
      && tk.end - tk.start > 3
      && !(t.bytes[tk.end - 2] | 0x20 == 0x73 || t.bytes[tk.end - 2] | 0x20 == 0x75)
  }

  /// A number before capitalised words (not in a title): a rank in the plural ("six PCs", "16
  /// Special Constables") is the noun; otherwise names of up to three words before a
  /// lower-case plural noun ("three Operation Sentinel teams", "two Ipswich homes", "Three
  /// County Line phone lines") — the figure is then the number alone, so that the names stay
  /// their own mentions, and its noun the plural's lemma.
  static func capitalisedNoun(
    _ d: inout DocumentScan, _ a: Int, _ e: Int, value: Double, _ qualifier: String?
  ) -> Int? {
    let t = d.t
    let toks = t.tokens
    let n = toks.count
    var k = e
    while k < n, k < e + 4, toks[k].kind == .word, toks[k].cap || (k > e && toks[k].hyphenBefore)
    {
      if !toks[k].hyphenBefore, let noun = rankPlurals[toks[k].hash] {
        return finish(&d, a, k + 1, unit: "count", noun: noun, value: value, qualifier)
      }
      k += 1
    }
    guard k > e, k - e <= 3, k < n, !toks[e].lex.contains(.month), !toks[k].cap else {
      return nil
    }
    var m = k
    if !isPluralNoun(t, m), m + 1 < n, toks[m].kind == .word, !toks[m].hyphenBefore,
      toks[m].lex.isDisjoint(with: notNounOrFunction), !isParticiple(t, m), !endsInPlural(t, m),
      !toks[m + 1].cap, isPluralNoun(t, m + 1)
    {
      m += 1
    }
    guard isPluralNoun(t, m), !isParticiple(t, m) else { return nil }
    guard d.free(a, e) else { return nil }
    guard d.emit else {
      d.claim(a, e)
      return e
    }
    let noun = lemma(t, toks[m].start, toks[m].end)
    return finish(&d, a, e, unit: "count", noun: noun, value: value, qualifier)
  }

  /// A plural noun within five words of token `e`, past words that modify it: adverbs,
  /// participles, hyphenated compounds, adjectives joined by "and"/"or". Only when the word
  /// at `e` is neither a known modifier nor a noun the older rule reads. Returns the noun's
  /// first token (a singular noun before it joins it: "closure orders"), its last word, and the
  /// end of its hyphenated rest.
  static func pluralAhead(_ d: DocumentScan, _ e: Int, _ titleCase: Bool) -> (Int, Int, Int)? {
    let t = d.t
    let toks = t.tokens
    let n = toks.count
    let first = toks[e]
    // A known modifier is read by the older rule, unless "and"/"or" follows it ("93 drug and
    // human trafficking offences").
    guard first.kind == .word,
      !first.lex.contains(.figureModifier)
        || (e + 1 < toks.count && coordinators.contains(toks[e + 1].hash)),
      first.lex.isDisjoint(with: notNounOrFunction) || participleModifiers.contains(first.hash)
        // A hyphenated modifier: "so-called", "high-risk".
        || (e + 1 < n && toks[e + 1].hyphenBefore),
      !first.lex.contains(.peopleNoun), !endsInPlural(t, e)
    else { return nil }
    var k = e
    var words = 0
    while k < n, words < 6 {
      let tk = toks[k]
      guard tk.kind == .word, !tk.cap || titleCase else { return nil }
      var end = k + 1
      while end < n, toks[end].hyphenBefore, toks[end].kind == .word { end += 1 }
      let plural =
        tk.lex.contains(.peopleNoun)
        || (endsInPlural(t, k) && !tk.lex.contains(.notNoun) && !tk.lex.contains(.functionWord)
          && tk.end - tk.start > 3
          // Not "-ss", "-us".
          && !(t.bytes[tk.end - 2] | 0x20 == 0x73 || t.bytes[tk.end - 2] | 0x20 == 0x75))
      if end == k + 1, words > 0, plural {
        // A plural before another is its modifier: "county lines gangs".
        if !tk.lex.contains(.peopleNoun), k + 1 < n, !toks[k + 1].cap || titleCase,
          isPluralNoun(t, k + 1)
        {
          return (k + 1, k + 1, k + 2)
        }
        // The plural noun; a plain singular noun right before it is part of it.
        let q = k - 1
        let tq = toks[q]
        let joins =
          !tq.hyphenBefore && !tk.hyphenBefore && tq.lex.isDisjoint(with: notNounOrFunction)
          && !tq.lex.contains(.figureModifier) && !isParticiple(t, q) && !endsInLy(t, q)
          && !participleModifiers.contains(tq.hash) && !coordinators.contains(tq.hash)
          && !endsInPlural(t, q) && q > e && !coordinators.contains(toks[q - 1].hash)
        return (joins ? q : k, k, end)
      }
      let allowed =
        (end > k + 1) || isParticiple(t, k) || endsInLy(t, k)
        || participleModifiers.contains(tk.hash) || (words > 0 && coordinators.contains(tk.hash))
        || tk.lex.isDisjoint(with: notNounOrFunction)
      guard allowed, !endsInPlural(t, k) || end > k + 1 else { return nil }
      words += 1
      k = end
    }
    return nil
  }

  /// Ends in "s" and not in "-ous" ("previous", "various": adjectives).
  static func endsInPlural(_ t: TokenView, _ i: Int) -> Bool {
    let e = t.tokens[i].end
    if e - t.tokens[i].start > 3, t.bytes[e - 3] | 0x20 == 0x6F, t.bytes[e - 2] | 0x20 == 0x75 {
      return false
    }
    return endsInS(t, i)
  }

  static func endsInLy(_ t: TokenView, _ i: Int) -> Bool {
    let s = t.tokens[i].start
    let e = t.tokens[i].end
    return e - s > 4 && t.bytes[e - 2] == 0x6C && t.bytes[e - 1] == 0x79
  }

  /// Adds the figure over tokens `a..<end` if they are free; returns `end`, or nil.
  @inline(__always)
  static func finish(
    _ d: inout DocumentScan, _ a: Int, _ end: Int, unit: String, noun: String, value: Double,
    _ qualifier: String?
  ) -> Int? {
    guard d.free(a, end) else { return nil }
    guard d.emit else {
      d.claim(a, end)
      return end
    }
    d.add(
      .figure, a, end, canonical: noun,
      figure: Figure(value: value, unit: unit, noun: noun, qualifier: qualifier))
    return end
  }

  /// Whether bytes `a..<b` spell "shed" in any case (the one participle-looking counted noun).
  static func isShed(_ t: TokenView, _ a: Int, _ b: Int) -> Bool {
    b - a == 4 && t.bytes[a] | 0x20 == 0x73 && t.bytes[a + 1] | 0x20 == 0x68
      && t.bytes[a + 2] | 0x20 == 0x65 && t.bytes[a + 3] | 0x20 == 0x64
  }

  static func isParticiple(_ t: TokenView, _ i: Int) -> Bool {
    let s = t.tokens[i].start
    let e = t.tokens[i].end
    if e - s > 4, t.bytes[e - 3] == 0x69, t.bytes[e - 2] == 0x6E, t.bytes[e - 1] == 0x67 {
      return true  // "quoting", "including"
    }
    return e - s > 3 && t.bytes[e - 2] == 0x65 && t.bytes[e - 1] == 0x64 && t.bytes[e - 3] != 0x65
  }

  static func endsInS(_ t: TokenView, _ i: Int) -> Bool {
    let b = t.bytes[t.tokens[i].end - 1]
    return b == 0x73 || b == 0x53
  }

  /// The value of the number token `i` (digits, "," thousands, "." decimals).
  static func parse(_ t: TokenView, _ i: Int) -> Double {
    var whole: Double = 0
    var frac: Double = 0
    var scale: Double = 1
    var inFrac = false
    for b in t.bytes[t.tokens[i].start..<t.tokens[i].end] {
      if b == 0x2E {
        inFrac = true
      } else if b >= 0x30 && b <= 0x39 {
        let d = Double(b - 0x30)
        if inFrac {
          scale /= 10
          frac += d * scale
        } else {
          whole = whole * 10 + d
        }
      }
    }
    return whole + frac
  }

  /// `lemma(_:)` of the lower-cased text at bytes `a..<b`. ASCII words (nearly all) are handled
  /// on their bytes, without building and lower-casing a String first.
  static func lemma(_ t: TokenView, _ a: Int, _ b: Int) -> String {
    let n = b - a
    let bytes = t.bytes
    for k in a..<b where bytes[k] >= 0x80 { return lemma(t.text(from: a, to: b).lowercased()) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { w in
      var h = EntityTokens.seed
      for k in 0..<n {
        let c = bytes[a + k]
        w[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
        h = (h ^ UInt64(w[k])) &* EntityTokens.prime
      }
      if let (word, l) = irregularByBytes[h], word.utf8.elementsEqual(w[0..<n]) { return l }
      func ends(_ suffix: StaticString) -> Bool {
        let m = suffix.utf8CodeUnitCount
        guard n >= m else { return false }
        for k in 0..<m where w[n - m + k] != suffix.utf8Start[k] { return false }
        return true
      }
      func string(_ count: Int) -> String {
        String(decoding: UnsafeMutableBufferPointer(rebasing: w[0..<count]), as: UTF8.self)
      }
      if ends("ies") && n > 4 {
        w[n - 3] = 0x79  // y
        return string(n - 2)
      }
      if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return string(n - 2) }
      if ends("s") && !ends("ss") && !ends("us") && !ends("is") && n > 3 { return string(n - 1) }
      return string(n)
    }
  }

  /// `Lexicon.irregularLemmas` keyed by the FNV-1a hash of the plural's bytes (nothing folded).
  static let irregularByBytes: HashMap64<(String, String)> = {
    var map: [UInt64: (String, String)] = [:]
    for (plural, singular) in Lexicon.irregularLemmas {
      var h = EntityTokens.seed
      for c in plural.utf8 { h = (h ^ UInt64(c)) &* EntityTokens.prime }
      map[h] = (plural, singular)
    }
    return HashMap64(map)
  }()

  /// Singular of a plural noun by rule, with a table of irregular forms.
  static func lemma(_ w: String) -> String {
    if let l = Lexicon.irregularLemmas[w] { return l }
    if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
    if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") {
      return String(w.dropLast(2))
    }
    if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is")
      && w.count > 3
    {
      return String(w.dropLast())
    }
    return w
  }
}
