/// Great Britain's towns, villages, boroughs, counties, nations and regions, from GeoNames
/// (CC BY 4.0), parsed once from `Generated/GazetteerData.swift`.
///
/// Lookup is by the sequence hash of folded tokens (`EntityTokens.phraseHash`), never by
/// scanning the list. A class, so the scanners share one reference instead of copying (and
/// retaining) its arrays.
final class Gazetteer: Sendable {
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
    /// `name` and `parents` as ids: equal strings get equal ids, so a document's place context
    /// is a bitmap over ids instead of a set of strings.
    var nameID: Int32
    var parentIDs: [Int32]
  }

  /// A name that the index maps to an entry; `viaAlias` is true for short forms ("Leigh").
  struct Hit: Sendable {
    var entry: Int32
    var viaAlias: Bool
  }

  let entries: [Entry]
  /// Sequence hash of a name or alias → index into `hitStarts`.
  let names: PhraseTable
  /// The hits of name `k` are `hits[hitStarts[k]..<hitStarts[k + 1]]`, in gazetteer order.
  let hitStarts: [Int32]
  let hits: [Hit]
  /// The first token hash of every name and alias.
  let starts: [UInt64]
  /// Names and aliases are at most this many tokens long (counted up to 6).
  let maxTokens: Int

  /// The shared gazetteer, parsed on first use.
  static let shared = Gazetteer(tsv: Gazetteer.rawTSV)

  static let home: Set<String> = [
    "Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk", "London",
    "Greater London",
  ]

  init(tsv: String) {
    var entries: [Entry] = []
    var byName: [UInt64: [Hit]] = [:]
    var order: [UInt64] = []
    var tokensOf: [UInt64: [UInt64]] = [:]
    var ids: [String: Int32] = [:]
    var maxTokens = 1
    entries.reserveCapacity(6_500)
    byName.reserveCapacity(8_000)
    func id(_ s: String) -> Int32 {
      if let i = ids[s] { return i }
      let i = Int32(ids.count)
      ids[s] = i
      return i
    }
    func add(_ name: Substring, _ e: Int, alias: Bool) {
      let s = String(name)
      let t = EntityTokens(s)
      let tokens = t.tokens.filter { $0.kind != .punct || $0.hash != EntityTokens.commaHash }
        .map(\.hash)
      let key = tokens.reduce(0, EntityTokens.combine)
      if t.tokens.count > maxTokens { maxTokens = t.tokens.count }
      if byName[key] == nil {
        order.append(key)
        tokensOf[key] = tokens
      }
      byName[key, default: []].append(Hit(entry: Int32(e), viaAlias: alias))
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
        Entry(
          name: name, type: t, parents: parents, population: Int(f[3]) ?? 0, isHome: isHome,
          nameID: id(name), parentIDs: parents.map(id)))
      let e = entries.count - 1
      add(f[0], e, alias: false)
      for a in f[4].split(separator: "|") { add(a, e, alias: true) }
    }
    var hitStarts: [Int32] = [0]
    var hits: [Hit] = []
    var phrases: [(tokens: [UInt64], payload: Int)] = []
    for key in order {
      phrases.append((tokensOf[key] ?? [], phrases.count))
      hits += byName[key] ?? []
      hitStarts.append(Int32(hits.count))
    }
    self.entries = entries
    self.names = PhraseTable(phrases)
    self.hitStarts = hitStarts
    self.hits = hits
    self.starts = phrases.compactMap(\.tokens.first)
    self.maxTokens = min(maxTokens, 6)
  }

  /// The hits of the name whose sequence hash is `seq` (empty when there is none).
  func hits(_ seq: UInt64) -> ArraySlice<Hit> {
    guard let k = names.payload(seq) else { return [] }
    return hits[Int(hitStarts[k])..<Int(hitStarts[k + 1])]
  }

  /// The hits of name `k` (a `names` payload).
  @inline(__always) func hits(of k: Int) -> ArraySlice<Hit> {
    hits[Int(hitStarts[k])..<Int(hitStarts[k + 1])]
  }
}
