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
  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory) {
    let x = d.tables
    let g = x.gazetteer
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
    for i in d.t.capitals where i >= next {
      next = i + 1
      let tok = toks[i]
      // A word no gazetteer name starts with fails the first probe below.
      guard tok.lex.contains(.placeStart), !d.claimed[i], !tok.hyphenBefore,
        !tok.lex.contains(.neverPlace) || (i + 1 < n && toks[i + 1].hyphenBefore)
      else { continue }
      // Longest gazetteer match.
      var seq: UInt64 = 0
      var bestEnd = i
      var bestName = -1
      var j = i
      while j < n, j - i < g.maxTokens {
        let tj = toks[j]
        if d.claimed[j] || tj.kind != .word { break }
        if j > i, !tj.cap, !tj.lex.contains(.placeInnerWord) { break }
        seq = EntityTokens.combine(seq, tj.hash)
        j += 1
        guard let p = g.names.probe(seq) else { break }
        // Never end inside a hyphenated word ("Leigh" of "Leigh-on-Sea" is fine only whole).
        if tj.cap || tj.hash == x.s, p.payload >= 0, !(j < n && toks[j].hyphenBefore) {
          bestEnd = j
          bestName = p.payload
        }
        if !p.continues { break }
      }
      guard bestEnd > i, !(tok.allCaps && !d.isTitle && bestEnd - i == 1) else { continue }
      let hits = g.hits(of: bestName)
      guard accept(d, i, bestEnd, single: bestEnd - i == 1, memory: memory, hits: hits) else {
        continue
      }
      let e = Int(choose(g, hits, memory: memory).entry)
      if d.emit {
        d.add(.place, i, bestEnd, canonical: g.entries[e].name, aliases: g.entries[e].parents)
      } else {
        // Only unambiguous names teach context; a guessed Hope (Flintshire) must not vote for
        // itself against "Hope, Derbyshire".
        memory.placeContext.insert(g.entries[e].nameID)
        if hits.count == 1 {
          for p in g.entries[e].parentIDs { memory.placeContext.insert(p) }
        }
        d.claim(i, bestEnd)
      }
      next = bestEnd
    }
  }

  static let streetWords = [
    "lane", "road", "street", "avenue", "close", "drive", "way", "crescent", "gardens", "place",
    "grove", "terrace", "walk", "rise", "mews", "parade", "hill", "court", "row", "square",
  ]

  static let featureWords = ["river", "lake", "loch", "mount", "hms", "fort"]
  /// A first name or honorific before a name makes it a surname.
  static let personBefore: WordClass = [.firstName, .honorific]

  static func accept(
    _ d: DocumentScan, _ a: Int, _ b: Int, single: Bool, memory: DocumentMemory,
    hits: ArraySlice<Gazetteer.Hit>
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
    guard single, toks[a].lex.contains(.ambiguousPlace) else { return true }
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
    if toks[a].lex.contains(.month) { return false }
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
