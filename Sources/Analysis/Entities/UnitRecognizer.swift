/// Finds police units, teams, squads, commands, forces and named operations.
///
/// Three rules, longest match wins at each token:
/// 1. "Operation <Name>" / "Op <Name>" → "Operation <Name>".
/// 2. The built-in `UnitTable` (full names, acronyms, forces) and acronyms the document defined.
/// 3. Capitalised words (with "and", "of", "for", "&" between them) ending in a head noun:
///    Unit, Team, Squad, Command, Directorate, Task Force, Department, Branch, Division, Group,
///    Section, Bureau.
/// A unit followed by "(ABC)" teaches the document that ABC is that unit.
enum UnitRecognizer {
  struct Known: Sendable {
    var canonical: String
    var aliases: [String]
    /// Every token must be written in capitals (acronyms), so "jet" or "Met" office stay out.
    var caps: Bool
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
  }

  static let table: Table = {
    var names: [(tokens: [UInt64], payload: Int)] = []
    var known: [Known] = []
    var maxTokens = 1
    func add(_ phrase: String, _ k: Known) {
      maxTokens = max(maxTokens, EntityTokens(phrase).tokens.count)
      names.append((EntityTokens.phraseTokens(phrase), known.count))
      known.append(k)
    }
    for row in UnitTable.rows {
      let k = Known(canonical: row.canonical, aliases: row.aliases, caps: false)
      add(row.canonical, k)
      for a in row.aliases {
        var ka = k
        ka.caps = a.uppercased() == a
        add(a, ka)
      }
    }
    for f in UnitTable.forces {
      add(f, Known(canonical: f, aliases: [], caps: false))
    }
    return Table(
      names: PhraseTable(names), known: known, maxTokens: maxTokens,
      starts: names.compactMap { $0.tokens.first })
  }()

  static let operationWords = ["operation", "op"]
  static let stopOrHead: WordClass = [.unitStop, .unitHead]
  static let operation = Lexicon.set(operationWords)

  static func scan(_ d: inout DocumentScan, memory: inout DocumentMemory) {
    let x = d.tables
    let toks = d.t.tokens
    let n = toks.count
    var next = 0
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
            let ok = x.units.known[p.payload].caps ? allCaps(toks, i, j) : toks[j - 1].cap
            if ok {
              best = j
              bestIndex = p.payload
            }
          }
          if !p.continues { break }
        }
        if bestIndex >= 0 { bestKnown = x.units.known[bestIndex] }
      }
      if tok.allCaps, !memory.acronyms.isEmpty, let c = memory.acronyms[tok.hash], best <= i + 1 {
        best = i + 1
        bestKnown = Known(canonical: c, aliases: [d.t.text(i)], caps: true)
      }
      // 3. Head-noun pattern.
      let pattern = headPattern(d, i)
      if pattern > best {
        if let k = x.units.names.payload(phraseHash(d, i, pattern)) {
          bestKnown = x.units.known[k]
        } else {
          bestKnown = Known(canonical: canonicalText(d, i, pattern), aliases: [], caps: false)
        }
        best = pattern
      }
      guard best > i, var known = bestKnown else { continue }
      // "Essex Police, Fire and Crime Commissioner" is a role, not the force.
      if best - 1 > i, let (_, f) = OfficerRecognizer.rank(d, best - 1),
        x.ranks.forms[f].isCommissioner
      {
        next = best
        continue
      }
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
        d.add(.unit, i, best, canonical: known.canonical, aliases: known.aliases)
        d.add(.unit, best + 1, best + 2, canonical: known.canonical, aliases: known.aliases)
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
      if d.emit {
        var aliases = known.aliases
        if !memory.acronymsByUnit.isEmpty, let learned = memory.acronymsByUnit[known.canonical] {
          for a in learned where !aliases.contains(a) { aliases.append(a) }
        }
        d.add(.unit, i, best, canonical: known.canonical, aliases: aliases)
      } else {
        d.claim(i, best)
      }
      next = best
    }
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
    while j < n, words < 9 {
      let tj = toks[j]
      if d.claimed[j] { break }
      if tj.kind == .word, tj.cap {
        if tj.lex.contains(.unitStop) { break }
        if tj.lex.contains(.unitHead) || (tj.hash == x.force && j > i && toks[j - 1].hash == x.task)
        {
          end = j + 1
        }
        words += 1
        j += 1
        continue
      }
      if (tj.kind == .word && tj.lex.contains(.unitConnector) && !tj.cap) || tj.hash == x.amp {
        if j + 1 < n, toks[j + 1].kind == .word, toks[j + 1].cap {
          j += 1
          continue
        }
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

  static func canonicalText(_ d: DocumentScan, _ a: Int, _ b: Int) -> String {
    d.t.text(from: d.t.tokens[a].start, to: d.t.tokens[b - 1].end)
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
