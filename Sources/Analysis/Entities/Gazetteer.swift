/// Great Britain's towns, villages, boroughs, counties, nations and regions, from GeoNames
/// (CC BY 4.0), parsed once from `Generated/GazetteerData.swift`.
///
/// Lookup is by the sequence hash of folded tokens (`EntityTokens.phraseHash`), never by
/// scanning the list.
struct Gazetteer: Sendable {
  struct Entry: Sendable {
    /// Canonical name ("Leigh-on-Sea").
    var name: String
    /// T town/village, A unitary/metropolitan/London borough, C county, N nation, R region.
    var type: UInt8
    /// Enclosing authority, ceremonial county and police force, innermost first.
    var parents: [String]
    var population: Int
    /// In the East of England or London, the project's home ground.
    var isHome: Bool
  }

  /// A name that the index maps to an entry; `viaAlias` is true for short forms ("Leigh").
  struct Hit: Sendable {
    var entry: Int32
    var viaAlias: Bool
  }

  let entries: [Entry]
  let index: HashMap64<[Hit]>
  /// Entries by folded canonical name (for query-time lookups).
  let maxTokens: Int

  /// The shared gazetteer, parsed on first use.
  static let shared = Gazetteer(tsv: Gazetteer.rawTSV)

  static let home: Set<String> = [
    "Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk", "London",
    "Greater London",
  ]

  init(tsv: String) {
    var entries: [Entry] = []
    var index: [UInt64: [Hit]] = [:]
    var maxTokens = 1
    entries.reserveCapacity(6_500)
    index.reserveCapacity(8_000)
    func add(_ name: Substring, _ e: Int, alias: Bool) {
      let s = String(name)
      let key = EntityTokens.phraseHash(s)
      let count = EntityTokens(s).tokens.count
      if count > maxTokens { maxTokens = count }
      index[key, default: []].append(Hit(entry: Int32(e), viaAlias: alias))
    }
    for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count >= 5, let t = f[1].utf8.first else { continue }
      let parents = f[2].isEmpty ? [] : f[2].split(separator: "|").map(String.init)
      let name = String(f[0])
      let isHome =
        parents.contains { Self.home.contains($0) } || Self.home.contains(name)
        || name == "East of England" || name == "East Anglia"
      entries.append(
        Entry(name: name, type: t, parents: parents, population: Int(f[3]) ?? 0, isHome: isHome))
      let e = entries.count - 1
      add(f[0], e, alias: false)
      for a in f[4].split(separator: "|") { add(a, e, alias: true) }
    }
    self.entries = entries
    self.index = HashMap64(index)
    self.maxTokens = min(maxTokens, 6)
  }

  /// Entries whose name or alias is exactly `phrase` (folded).
  func lookup(_ phrase: String) -> [Hit] {
    index[EntityTokens.phraseHash(phrase)] ?? []
  }
}
