/// Finds GB places named in the gazetteer.
///
/// At each capitalised token not claimed by a unit, officer, person or figure, the longest run
/// of up to six tokens whose folded sequence hash is in the gazetteer is a candidate. Then:
/// - Names that are also common words, months or first names (`Lexicon.ambiguousPlaces`)
///   need place context: a preposition before ("in Deal"), a county or known place after a comma
///   or in brackets ("March, Cambridgeshire"), or a place noun after ("Sandy town centre").
///   Months need the comma/bracket or place-noun context; "in March" stays a date.
/// - A name followed by a speech verb ("Preston said") is a person.
/// - A name with several gazetteer entries (three Leighs, and Leigh-on-Sea's short form) is
///   resolved to the entry sharing most parents with places the document names elsewhere, then
///   to the East of England / London one, then to the most populous.
enum PlaceRecognizer {
  static var gaz: Gazetteer { Gazetteer.shared }

  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory, emit: Bool) {
    let g = gaz
    let toks = d.t.tokens
    let n = toks.count
    var i = 0
    while i < n {
      let tok = toks[i]
      guard tok.kind == .word, tok.cap, !d.claimed[i], !tok.hyphenBefore,
        !Lexicon.neverPlaces.contains(tok.hash) || (i + 1 < n && toks[i + 1].hyphenBefore)
      else {
        i += 1
        continue
      }
      // Longest gazetteer match.
      var seq: UInt64 = 0
      var bestEnd = i
      var bestHits: [Gazetteer.Hit] = []
      var j = i
      while j < n, j - i < g.maxTokens {
        let tj = toks[j]
        if d.claimed[j] || tj.kind != .word { break }
        if j > i, !tj.cap, !Lexicon.placeInnerWords.contains(tj.hash) { break }
        seq = EntityTokens.combine(seq, tj.hash)
        j += 1
        if tj.cap || tj.hash == Lexicon.sHash, let hits = g.index[seq] {
          // Never end inside a hyphenated word ("Leigh" of "Leigh-on-Sea" is fine only whole).
          if j < n, toks[j].hyphenBefore { continue }
          bestEnd = j
          bestHits = hits
        }
      }
      guard bestEnd > i else {
        i += 1
        continue
      }
      if tok.allCaps && !d.isTitle && bestEnd - i == 1 {
        i += 1
        continue
      }
      if !accept(d, i, bestEnd, single: bestEnd - i == 1, memory: memory, hits: bestHits) {
        i += 1
        continue
      }
      let hit = choose(g, bestHits, memory: memory)
      let entry = g.entries[Int(hit.entry)]
      if !emit {
        // Only unambiguous names teach context; a guessed Hope (Flintshire) must not vote for
        // itself against "Hope, Derbyshire".
        memory.placeContext.insert(entry.name)
        if bestHits.count == 1 {
          for p in entry.parents { memory.placeContext.insert(p) }
        }
      }
      d.add(.place, i, bestEnd, canonical: entry.name, aliases: entry.parents)
      i = bestEnd
    }
  }

  static let streetWords = Lexicon.set([
    "lane", "road", "street", "avenue", "close", "drive", "way", "crescent", "gardens", "place",
    "grove", "terrace", "walk", "rise", "mews", "parade", "hill", "court", "row", "square",
  ])

  static let featureWords = Lexicon.set(["river", "lake", "loch", "mount", "hms", "fort"])
  static let policeHash = EntityTokens.hash("police")
  static let stationHash = EntityTokens.hash("station")

  static func accept(
    _ d: DocumentScan, _ a: Int, _ b: Int, single: Bool, memory: DocumentMemory,
    hits: [Gazetteer.Hit]
  ) -> Bool {
    let toks = d.t.tokens
    let n = toks.count
    let h = toks[a].hash
    // A street: "Sandy Lane", "London Road".
    if b < n, toks[b].kind == .word, toks[b].cap, streetWords.contains(toks[b].hash) {
      return false
    }
    // "River Colne", "Mount Pleasant" farm: a feature, not the town.
    if a > 0, toks[a - 1].cap, featureWords.contains(toks[a - 1].hash) { return false }
    // "Preston said", "Biddle added".
    let afterPreposition =
      a > 0 && toks[a - 1].kind == .word && !toks[a - 1].cap
      && Lexicon.placePrepositions.contains(toks[a - 1].hash)
    if b < n, !afterPreposition, Lexicon.speechVerbs.contains(toks[b].hash) { return false }
    // Surname after a first name or honorific that the officer pass didn't take.
    if a > 0, toks[a - 1].kind == .word, toks[a - 1].cap,
      Lexicon.firstNames.contains(toks[a - 1].hash) || Lexicon.honorifics.contains(toks[a - 1].hash)
    {
      return false
    }
    guard single, Lexicon.ambiguousPlaces.contains(h) else { return true }
    // Strong context: ", County", "(County)", or a place noun after.
    if b + 1 < n, d.t.isPunct(b, 0x2C) || d.t.isPunct(b, 0x28), toks[b + 1].cap,
      let hits = gaz.index[EntityTokens.combine(0, toks[b + 1].hash)],
      hits.contains(where: { gaz.entries[Int($0.entry)].type != UInt8(ascii: "T") })
    {
      return true
    }
    if b < n, toks[b].kind == .word, !toks[b].cap, Lexicon.placeNouns.contains(toks[b].hash) {
      return true
    }
    // "March police station" (but "In March police arrested…" stays a month).
    if b + 1 < n, toks[b].hash == policeHash, toks[b + 1].hash == stationHash { return true }
    if b < n, toks[b].cap, toks[b].hash == Lexicon.highHash || toks[b].hash == Lexicon.townHash {
      return true
    }
    if Lexicon.months.contains(h) { return false }
    // Named as a place elsewhere in the document with context ("Sandy, Bedfordshire").
    if hits.contains(where: { memory.placeContext.contains(gaz.entries[Int($0.entry)].name) }),
      !(b < n && toks[b].kind == .word && toks[b].cap)
    {
      return true
    }
    // Weak context: a preposition before, mid-sentence.
    if a > 0, !toks[a].sentenceStart, toks[a - 1].kind == .word, !toks[a - 1].cap,
      Lexicon.placePrepositions.contains(toks[a - 1].hash)
    {
      return true
    }
    return false
  }

  static func choose(_ g: Gazetteer, _ hits: [Gazetteer.Hit], memory: DocumentMemory)
    -> Gazetteer.Hit
  {
    if hits.count == 1 { return hits[0] }
    var best = hits[0]
    var bestScore = Int.min
    for h in hits {
      let e = g.entries[Int(h.entry)]
      var score = 0
      for p in e.parents where memory.placeContext.contains(p) { score += 1000 }
      if memory.placeContext.contains(e.name) { score += 500 }
      if e.isHome { score += 300 }
      if !h.viaAlias { score += 100 }
      if e.type != UInt8(ascii: "T") { score += 50 }
      score += min(e.population / 10_000, 49)
      if score > bestScore {
        bestScore = score
        best = h
      }
    }
    return best
  }

  // MARK: - Query time

  static func resolve(query: String) -> (canonical: String, containedPlaces: [String])? {
    let g = gaz
    let q = query.trimmingCharacters(in: " \t")
    guard !q.isEmpty, let hits = g.index[EntityTokens.phraseHash(q)], !hits.isEmpty else {
      return nil
    }
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
    let regions: [String: [String]] = [
      "East of England": [
        "Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk",
      ],
      "East Anglia": ["Norfolk", "Suffolk", "Cambridgeshire"],
    ]
    if let counties = regions[name] {
      for c in counties {
        if seen.insert(c).inserted { contained.append(c) }
        for e in g.entries where e.parents.contains(c) && seen.insert(e.name).inserted {
          contained.append(e.name)
        }
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
