/// Finds GB places named in the gazetteer.
///
/// At each capitalised token not claimed by a unit, officer, person or figure, the longest run
/// of up to six tokens whose folded sequence hash is in the gazetteer is a candidate. Then:
/// - Names that are also common words, months or first names (`Lexicon.ambiguousPlaces`, and
///   gazetteer names flagged word-like: "Stock", "Church End") need evidence: a preposition
///   before ("in Deal"), a county or known place after a comma or in brackets ("March,
///   Cambridgeshire"), a place noun after ("Sandy town centre"), a place next to it in a list
///   ("Whittlesey and March", "Westcliff, Leigh, Basildon"), or, mid-sentence, a document whose
///   other places lie in that name's county. Months need the comma/bracket, place-noun or list
///   context; "in March" and "Peterborough, March 2021" stay dates.
/// - A name followed by a speech verb ("Preston said") is a person. (A surname the document
///   knows, "Kathryn Holloway" beside "PCC Holloway", is claimed by the officer pass first.)
/// - A name followed by a capitalised street or feature word is part of another name ("Sandy
///   Lane", "Thorpe Wood", "Stirling Corner"); a lower-case hyphenated suffix is not
///   ("Hackney-based").
/// - A name with several gazetteer entries (three Leighs, and Leigh-on-Sea's short form) is
///   resolved to the entry sharing most parents with places the document names elsewhere, then
///   to the East of England / London one, then to the most populous. A short form followed by
///   another capitalised word whose only entry lies outside the document's counties is not a
///   place. Only full, unambiguous names teach the document its counties.
enum PlaceRecognizer {
  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory) {
    let x = d.tables
    let g = x.gazetteer
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
    // End of the last place this pass took, for lists ("Whittlesey and March").
    var lastPlaceEnd = -1
    for i in d.t.capitals where i >= next {
      next = i + 1
      let tok = toks[i]
      // A word no gazetteer name starts with fails the first probe below.
      guard tok.lex.contains(.placeStart), !d.claimed[i], !tok.hyphenBefore else { continue }
      // Longest gazetteer match.
      var seq: UInt64 = 0
      var bestEnd = i
      var bestName = -1
      var j = i
      while j < n, j - i < g.maxTokens {
        let tj = toks[j]
        if d.claimed[j] { break }
        if tj.kind != .word {
          // The full stop of "St." inside a name ("St. Neots", "Bury St. Edmunds").
          if j > i, toks[j - 1].hash == x.st, d.t.isPunct(j, 0x2E) {
            j += 1
            continue
          }
          break
        }
        if j > i, !tj.cap, !tj.lex.contains(.placeInnerWord) { break }
        seq = EntityTokens.combine(seq, tj.hash)
        j += 1
        guard let p = g.names.probe(seq) else { break }
        // Never end inside a hyphenated word ("Leigh" of "Leigh-on-Sea" is fine only whole),
        // but a lower-case suffix is not part of the name ("Hackney-based").
        if tj.cap || tj.hash == x.s, p.payload >= 0,
          !(j < n && toks[j].hyphenBefore && !hyphenSuffix(d, j))
        {
          bestEnd = j
          bestName = p.payload
        }
        if !p.continues { break }
      }
      guard bestEnd > i, !(tok.allCaps && !d.isTitle && bestEnd - i == 1) else { continue }
      // Words never a place alone may start a longer name ("City of London", "The Fens").
      if bestEnd - i == 1, tok.lex.contains(.neverPlace),
        !(i + 1 < n && toks[i + 1].hyphenBefore)
      {
        continue
      }
      let hits = g.hits(of: bestName)
      guard
        accept(
          d, i, bestEnd, single: bestEnd - i == 1, memory: memory, hits: hits,
          lastPlaceEnd: lastPlaceEnd)
      else { continue }
      let chosen = choose(g, hits, memory: memory)
      let e = Int(chosen.entry)
      if d.emit {
        d.add(.place, i, bestEnd, canonical: g.entries[e].name, aliases: g.entries[e].parents)
      } else {
        // Only unambiguous names teach context; a guessed Hope (Flintshire) must not vote for
        // itself against "Hope, Derbyshire".
        // A short form ("Thorpe") teaches nothing: it may be the start of another name.
        memory.placeContext.insert(g.entries[e].nameID)
        if hits.count == 1, !chosen.viaAlias {
          for p in g.entries[e].parentIDs { memory.placeContext.insert(p) }
        }
        d.claim(i, bestEnd)
      }
      lastPlaceEnd = bestEnd
      next = bestEnd
    }
  }

  /// Capitalised words after a name that make it part of a street or feature name ("Sandy Lane",
  /// "Thorpe Wood", "Stirling Corner", "Thetford Forest").
  static let streetWords = [
    "lane", "road", "street", "avenue", "close", "drive", "way", "crescent", "gardens", "place",
    "grove", "terrace", "walk", "rise", "mews", "parade", "hill", "court", "row", "square",
    "wood", "woods", "corner", "common", "heath", "farm", "marsh", "fen", "moor", "vale", "park",
    "green", "end", "bottom", "copse", "forest",
  ]

  /// Token `j` (joined to the name by a hyphen) is a lower-case suffix such as "-based" or
  /// "-born", not the next part of a hyphenated name ("-on-Sea").
  @inline(__always) static func hyphenSuffix(_ d: DocumentScan, _ j: Int) -> Bool {
    let toks = d.t.tokens
    return toks[j].kind == .word && !toks[j].cap
      && !(j + 1 < toks.count && toks[j + 1].hyphenBefore)
  }

  /// Whether tokens from `k` start a gazetteer name none of whose entries needs evidence.
  static func plainPlace(at k: Int, _ d: DocumentScan) -> Bool {
    let g = d.tables.gazetteer
    let toks = d.t.tokens
    guard k < toks.count, toks[k].kind == .word, toks[k].cap, !d.claimed[k],
      toks[k].lex.contains(.placeStart)
    else { return false }
    var seq: UInt64 = 0
    var j = k
    var found: Int? = nil
    var length = 0
    while j < toks.count, j - k < g.maxTokens, toks[j].kind == .word {
      seq = EntityTokens.combine(seq, toks[j].hash)
      j += 1
      guard let p = g.names.probe(seq) else { break }
      if p.payload >= 0 {
        found = p.payload
        length = j - k
      }
      if !p.continues { break }
    }
    guard let name = found else { return false }
    if length == 1, toks[k].lex.contains(.ambiguousPlace) { return false }
    return !g.hits(of: name).allSatisfy { g.entries[Int($0.entry)].wordLike }
  }

  static let featureWords = ["river", "lake", "loch", "mount", "hms", "fort"]
  /// A first name or honorific before a name makes it a surname.
  static let personBefore: WordClass = [.firstName, .honorific]

  static func accept(
    _ d: DocumentScan, _ a: Int, _ b: Int, single: Bool, memory: DocumentMemory,
    hits: ArraySlice<Gazetteer.Hit>, lastPlaceEnd: Int = -1
  ) -> Bool {
    let x = d.tables
    let g = x.gazetteer
    let toks = d.t.tokens
    let n = toks.count
    // A street: "Sandy Lane", "London Road".
    if b < n, toks[b].kind == .word, toks[b].cap, toks[b].lex.contains(.streetWord) {
      return false
    }
    // "River Colne", "Mount Pleasant" farm: a feature, not the town.
    if a > 0, toks[a - 1].cap, toks[a - 1].lex.contains(.featureWord) { return false }
    // "Preston said", "Biddle added".
    let afterPreposition =
      a > 0 && toks[a - 1].kind == .word && !toks[a - 1].cap
      && toks[a - 1].lex.contains(.placePreposition)
    if b < n, !afterPreposition, toks[b].lex.contains(.speechVerb) { return false }
    // Surname after a first name or honorific that the officer pass didn't take.
    if a > 0, toks[a - 1].kind == .word, toks[a - 1].cap,
      !toks[a - 1].lex.isDisjoint(with: personBefore)
    {
      return false
    }
    // A county or police area before "Police"/"Constabulary" names the force ("Suffolk police",
    // "Herts Police's", "Norfolk and Suffolk Constabularies"), not the place; but "Norfolk
    // Police and Crime Commissioner" is the county's commissioner.
    if hits.contains(where: {
      let t = g.entries[Int($0.entry)].type
      return t == UInt8(ascii: "C") || t == UInt8(ascii: "R")
    }) {
      var k = b
      if k + 2 < n, toks[k].hash == x.and, toks[k + 2].hash == x.constabularies { k += 2 }
      if k < n, toks[k].hash == x.police || toks[k].hash == x.constabulary
        || toks[k].hash == x.constabularies,
        !(k + 2 < n && toks[k + 1].hash == x.and && toks[k + 2].hash == x.crime)
      {
        return false
      }
    }
    let nextCap = b < n && toks[b].kind == .word && toks[b].cap
    // A short form followed by another capitalised word ("Thorpe Wood Police Station in
    // Peterborough"), whose entries all lie outside the counties the document names: not it.
    if nextCap, hits.allSatisfy(\.viaAlias), !memory.placeContext.isEmpty,
      !hits.contains(where: { h in
        let e = g.entries[Int(h.entry)]
        return memory.placeContext.contains(e.nameID)
          || e.parentIDs.contains { memory.placeContext.contains($0) }
      })
    {
      return false
    }
    let wordLike = hits.allSatisfy { g.entries[Int($0.entry)].wordLike }
    guard (single && toks[a].lex.contains(.ambiguousPlace)) || wordLike else { return true }
    // Strong context: ", County", "(County)", or a place noun after.
    if b + 1 < n, d.t.isPunct(b, 0x2C) || d.t.isPunct(b, 0x28), toks[b + 1].cap,
      g.hits(EntityTokens.combine(0, toks[b + 1].hash)).contains(where: {
        g.entries[Int($0.entry)].type != UInt8(ascii: "T")
      })
    {
      return true
    }
    if b < n, toks[b].kind == .word, !toks[b].cap, toks[b].lex.contains(.placeNoun) {
      return true
    }
    // "March police station" (but "In March police arrested…" stays a month).
    if b + 1 < n, toks[b].hash == x.police, toks[b + 1].hash == x.station { return true }
    if b < n, toks[b].cap, toks[b].hash == x.high || toks[b].hash == x.town {
      return true
    }
    // In a list of places: "Whittlesey and March", "Westcliff, Leigh, Basildon" (but a month
    // before a number stays a date: "Peterborough, March 2021").
    let isMonth = toks[a].lex.contains(.month)
    if !(isMonth && b < n && toks[b].kind == .number) {
      let joinBefore = a >= 2 && lastPlaceEnd == a - 1 && isListJoin(d, a - 1)
      let joinAfter = b + 1 < n && isListJoin(d, b) && plainPlace(at: b + 1, d)
      if joinBefore || joinAfter { return true }
    }
    if isMonth { return false }
    // Mid-sentence, in a document whose other places lie in this name's county.
    if !toks[a].sentenceStart, !nextCap, a > 0, !toks[a - 1].cap,
      hits.contains(where: { h in
        g.entries[Int(h.entry)].parentIDs.contains { memory.placeContext.contains($0) }
      })
    {
      return true
    }
    // Named as a place elsewhere in the document with context ("Sandy, Bedfordshire").
    if hits.contains(where: { memory.placeContext.contains(g.entries[Int($0.entry)].nameID) }),
      !(b < n && toks[b].kind == .word && toks[b].cap)
    {
      return true
    }
    // Weak context: a preposition before, mid-sentence.
    if a > 0, !toks[a].sentenceStart, toks[a - 1].kind == .word, !toks[a - 1].cap,
      toks[a - 1].lex.contains(.placePreposition)
    {
      return true
    }
    return false
  }

  /// Token `k` joins items of a list: ",", "and", "or", "&".
  @inline(__always) static func isListJoin(_ d: DocumentScan, _ k: Int) -> Bool {
    let t = d.t.tokens[k]
    let x = d.tables
    return d.t.isPunct(k, 0x2C) || t.hash == x.and || t.hash == x.or || t.hash == x.amp
  }

  static func choose(_ g: Gazetteer, _ hits: ArraySlice<Gazetteer.Hit>, memory: DocumentMemory)
    -> Gazetteer.Hit
  {
    if hits.count == 1 { return hits[hits.startIndex] }
    var best = hits[hits.startIndex]
    var bestScore = Int.min
    for h in hits {
      let e = Int(h.entry)
      var score = 0
      for p in g.entries[e].parentIDs where memory.placeContext.contains(p) { score += 1000 }
      if memory.placeContext.contains(g.entries[e].nameID) { score += 500 }
      if g.entries[e].isHome { score += 300 }
      if !h.viaAlias { score += 100 }
      if g.entries[e].type != UInt8(ascii: "T") { score += 50 }
      score += min(g.entries[e].population / 10_000, 49)
      if score > bestScore {
        bestScore = score
        best = h
      }
    }
    return best
  }

  // MARK: - Query time

  /// Regions made of whole counties.
  static let regions: [String: [String]] = [
    "East of England": [
      "Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk",
    ],
    "East Anglia": ["Norfolk", "Suffolk", "Cambridgeshire"],
  ]

  static func regionAreas(query: String) -> [String] {
    let g = Gazetteer.shared
    let hits = g.hits(EntityTokens.phraseHash(query.trimmingCharacters(in: " \t")))
    guard !hits.isEmpty else { return [] }
    let e = g.entries[Int(choose(g, hits, memory: DocumentMemory()).entry)]
    guard e.type == UInt8(ascii: "R") else { return [] }
    // A region named after its police area or county holds what that area holds.
    return regions[e.name] ?? Array(e.parents.prefix(1))
  }

  static func resolve(query: String) -> (canonical: String, containedPlaces: [String])? {
    let g = Gazetteer.shared
    let q = query.trimmingCharacters(in: " \t")
    let hits = g.hits(EntityTokens.phraseHash(q))
    guard !q.isEmpty, !hits.isEmpty else { return nil }
    let hit = choose(g, hits, memory: DocumentMemory())
    let name = g.entries[Int(hit.entry)].name
    var contained: [String] = []
    var seen: Set<String> = [name]
    for e in g.entries where e.parents.contains(name) && !seen.contains(e.name) {
      seen.insert(e.name)
      contained.append(e.name)
    }
    if name == "London", !seen.contains("Greater London") {
      for e in g.entries where e.parents.contains("Greater London") && !seen.contains(e.name) {
        seen.insert(e.name)
        contained.append(e.name)
      }
    }
    // Regions contain their counties and everything in them.
    if let counties = regions[name] {
      for c in counties {
        if seen.insert(c).inserted { contained.append(c) }
        for e in g.entries where e.parents.contains(c) && seen.insert(e.name).inserted {
          contained.append(e.name)
        }
      }
    } else if g.entries[Int(hit.entry)].type == UInt8(ascii: "R"),
      let area = g.entries[Int(hit.entry)].parents.first
    {
      // A region named after its police area or county ("Thames Valley" → Thames Valley
      // Police, "Tyneside" → Tyne and Wear) holds what that area holds.
      for e in g.entries where e.parents.contains(area) && seen.insert(e.name).inserted {
        contained.append(e.name)
      }
    }
    return (name, contained)
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
