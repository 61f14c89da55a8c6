import Analysis
import Indexing

/// Turns what a user typed after `unit:`, `force:`, `place:`, `officer:` or `figure:` into the terms the
/// entity fields hold, using the recogniser's own tables (acronyms, gazetteer, rank names), and
/// tells which stored mentions a query names.
public final class EntityResolver {
  let recognizer = EntityRecognizer()
  let analyzer: Analyzer

  private var nameCache: [String: [String]] = [:]
  private var phraseCache: [String: [[String]]] = [:]
  private var candidateCache: [String: [String]] = [:]

  public init(analyzer: Analyzer = Analyzer(stemming: true)) {
    self.analyzer = analyzer
  }

  /// The names (before analysis) that `text` stands for in the field of `kind`.
  public func names(_ kind: Field, _ text: String) -> [String] {
    let key = "\(kind.rawValue)\t\(text)"
    if let hit = nameCache[key] { return hit }
    let result = resolveNames(kind, text)
    if nameCache.count > 10_000 { nameCache.removeAll() }
    nameCache[key] = result
    return result
  }

  private func resolveNames(_ kind: Field, _ text: String) -> [String] {
    var out = [text]
    switch kind {
    case .unit:
      if let c = recognizer.canonicalUnit(text) { out.append(c) }
    case .force:
      if let c = recognizer.canonicalForce(text) { out.append(c) }
    case .place:
      if let p = recognizer.place(text) { out.append(p.canonical) }
      // A region finds what its counties (or police area) hold: every place names them.
      out += recognizer.regionAreas(text)
    case .officer:
      let q = EntityRecognizer.officerQuery(text)
      out = [((q.rank.map { [$0] } ?? []) + q.names).joined(separator: " ")]
    case .figure:
      out = [FigureNoun.normalize(text).noun]
    default:
      break
    }
    var seen = Set<String>()
    return out.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
  }

  /// Alternative phrases (lists of indexed terms) in the field of `kind` that mean `text`.
  public func phrases(_ kind: Field, _ text: String) -> [[String]] {
    if kind == .figure { return names(kind, text).map { [$0.lowercased()] } }
    let key = "\(kind.rawValue)\t\(text)"
    if let hit = phraseCache[key] { return hit }
    var out: [[String]] = []
    if kind == .officer {
      out = officerPhrases(text)
    } else {
      for n in names(kind, text) {
        let terms = analyzer.tokens(n, mode: .query).map(\.term)
        if !terms.isEmpty && !out.contains(terms) { out.append(terms) }
      }
    }
    if phraseCache.count > 10_000 { phraseCache.removeAll() }
    phraseCache[key] = out
    return out
  }

  /// What `officer:TEXT` looks for: the rank the text starts with (marked, `rankTerm`) and the
  /// name after it (plain terms), so "DCI Miller" is [⟨dci⟩, miller] and "Constable" a name
  /// only. The whole text is also looked up as a name (a surname "Sergeant", a first name "Di")
  /// and, when it starts with a rank or has two words or more, as the words of a rank or role
  /// ("Detective" in "Detective Inspector", "Head of Crime").
  func officerPhrases(_ text: String) -> [[String]] {
    let (rank, name) = EntityRecognizer.officerRankAndName(text)
    let plain = { (s: String) in self.analyzer.tokens(s, mode: .query).map(\.term) }
    var out: [[String]] = []
    func add(_ p: [String]) { if !p.isEmpty && !out.contains(p) { out.append(p) } }
    if let rank { add(plain(rank).map(Self.rankTerm) + plain(name)) }
    let all = plain(text)
    add(all)
    if rank != nil || all.count >= 2 { add(all.map(Self.rankTerm)) }
    return out
  }

  /// A rank or role word as the officer field holds it: officers' name words are plain terms
  /// and the words of their ranks and roles are marked, so `officer:Constable` finds PC Ciaran
  /// Constable and not every Chief Constable.
  public static func rankTerm(_ term: String) -> String {
    "\u{2}" + term
  }

  /// The names an officer mention puts in the officer field, as term lists: the name (the
  /// canonical name less any rank it starts with: "Det Supt Alcock" → "Alcock"), then for every
  /// rank or role in `aliases` its marked terms before the surname and before the name.
  public static func officerNames(
    canonical: String, aliases: [String], analyzer: Analyzer
  ) -> [[String]] {
    let terms = { (s: String) in analyzer.tokens(s, mode: .query).map(\.term) }
    // The canonical name starts with a rank only when no first name was known ("Det Supt
    // Alcock"); then the officer holds that rank. A first name "Di" is no rank.
    let (rank, rest) = EntityRecognizer.officerRankAndName(canonical)
    let ranked = rank.map { aliases.contains($0) } ?? false
    let name = terms(ranked && !rest.isEmpty ? rest : canonical)
    let surname = name.last.map { [$0] } ?? []
    var out = [name]
    for alias in aliases {
      let r = terms(alias).map(rankTerm)
      out.append(r + surname)
      if name.count > 1 { out.append(r + name) }
    }
    return out
  }

  /// The single term under which an entity field also indexes a whole multi-word name.
  public static func wholeName(_ terms: [String]) -> String {
    "\u{1}" + terms.joined(separator: " ")
  }

  /// What to search for: like `phrases`, but names the recogniser's tables resolved (canonical
  /// units and places, always indexed whole) are looked up as one term instead of a phrase.
  public func searchTerms(_ kind: Field, _ text: String) -> [[String]] {
    let all = phrases(kind, text)
    guard kind == .unit || kind == .force || kind == .place else { return all }
    // The place field holds multi-word names whole only (a place's words are not places).
    if kind == .place { return all.map { p in p.count > 1 ? [Self.wholeName(p)] : p } }
    let typed = analyzer.tokens(text, mode: .query).map(\.term)
    return all.map { p in p.count > 1 && p != typed ? [Self.wholeName(p)] : p }
  }

  /// The canonical name the recogniser's tables give `text` (units, forces and places), if they know it.
  public func canonical(_ kind: Field, _ text: String) -> String? {
    switch kind {
    case .unit: recognizer.canonicalUnit(text)
    case .force: recognizer.canonicalForce(text)
    case .place: recognizer.place(text)?.canonical
    default: nil
    }
  }

  /// A display name for an entity query: the canonical name when one is known.
  public func describe(_ kind: Field, _ text: String) -> (name: String, aliases: [String]) {
    let all = names(kind, text)
    switch kind {
    case .unit, .force, .place:
      let name = all.count > 1 ? all[1] : all[0]
      return (name, all.filter { $0 != name })
    default:
      return (all.first ?? text, [])
    }
  }

  /// Whether `text` names a gazetteer place: its canonical name is then the entity's name
  /// ("Bedfordshire"), not the name most of its mentions use (Bedford, Luton).
  public func isGazetteerPlace(_ text: String) -> Bool {
    recognizer.place(text) != nil
  }

  /// Whether a stored mention is one the query names.
  public func matches(_ m: StoredMentions.Mention, kind: Field, text: String) -> Bool {
    guard Self.kind(of: kind) == m.kind else { return false }
    let wanted = phrases(kind, text)
    if kind == .figure {
      return wanted.contains { $0 == [m.canonical.lowercased()] }
    }
    if kind == .officer {
      let names = Self.officerNames(canonical: m.canonical, aliases: m.aliases, analyzer: analyzer)
      return names.contains { n in wanted.contains { contains(n, $0) } }
    }
    let candidates: [String] = [m.canonical] + m.aliases
    for c in candidates {
      let terms: [String]
      if let hit = candidateCache[c] {
        terms = hit
      } else {
        terms = analyzer.tokens(c, mode: .query).map(\.term)
        if candidateCache.count > 50_000 { candidateCache.removeAll() }
        candidateCache[c] = terms
      }
      for w in wanted where contains(terms, w) { return true }
    }
    return false
  }

  static func kind(of field: Field) -> EntityKind? {
    switch field {
    case .unit: .unit
    case .force: .force
    case .place: .place
    case .officer: .officer
    case .figure: .figure
    default: nil
    }
  }

  private func contains(_ hay: [String], _ needle: [String]) -> Bool {
    guard !needle.isEmpty, needle.count <= hay.count else { return false }
    for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle {
      return true
    }
    return false
  }
}
