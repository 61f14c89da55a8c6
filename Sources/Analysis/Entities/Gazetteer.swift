/// Great Britain's towns, villages, districts, boroughs, counties, nations and regions, from
/// GeoNames (CC BY 4.0) and the ONS district list (OGL), parsed once from
/// `Generated/GazetteerData.swift` (sources: `Scripts/gazetteer/README.md`).
///
/// Lookup is by the sequence hash of folded tokens (`EntityTokens.phraseHash`), never by
/// scanning the list. A class, so the scanners share one reference instead of copying (and
/// retaining) its arrays.
final class Gazetteer: Sendable {
  struct Entry: Sendable {
    /// Canonical name ("Leigh-on-Sea").
    var name: String
    /// T town/village, D district, A unitary/metropolitan/London borough, C county, N nation,
    /// R region.
    var type: UInt8
    /// Enclosing authority, ceremonial county and police force, innermost first.
    var parents: [String]
    var population: Int
    /// In the East of England or London, the project's home ground.
    var isHome: Bool
    /// Every word of the name is a common English word ("Sandy", "Stock", "Church End"): a
    /// place only with evidence (generated flag `W`).
    var wordLike: Bool
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

  /// Parses the TSV on its UTF-8 bytes (rows split at "\n", fields at tabs, lists at "|").
  init(tsv: String) {
    let bytes = Array(tsv.utf8)
    var entries: [Entry] = []
    /// Names in first-seen order: their tokens and hits; `group` maps a name's key to its index.
    var names: [(tokens: [UInt64], hits: [Hit])] = []
    var group: [UInt64: Int] = [:]
    var ids: [String: Int32] = [:]
    var maxTokens = 1
    entries.reserveCapacity(8_500)
    names.reserveCapacity(10_000)
    group.reserveCapacity(10_000)
    func id(_ s: String) -> Int32 {
      if let i = ids[s] { return i }
      let i = Int32(ids.count)
      ids[s] = i
      return i
    }
    func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
    /// The non-empty parts of `r` between "|" separators.
    func list(_ r: Range<Int>) -> [Range<Int>] {
      var parts: [Range<Int>] = []
      var start = r.lowerBound
      for k in r where bytes[k] == 0x7C {
        if k > start { parts.append(start..<k) }
        start = k + 1
      }
      if r.upperBound > start { parts.append(start..<r.upperBound) }
      return parts
    }
    func add(_ name: Range<Int>, _ e: Int, alias: Bool) {
      let t = EntityTokens(string(name))
      var tokens: [UInt64] = []
      tokens.reserveCapacity(t.tokens.count)
      var key: UInt64 = 0
      for tok in t.tokens where tok.kind != .punct || tok.hash != EntityTokens.commaHash {
        tokens.append(tok.hash)
        key = EntityTokens.combine(key, tok.hash)
      }
      if t.tokens.count > maxTokens { maxTokens = t.tokens.count }
      let hit = Hit(entry: Int32(e), viaAlias: alias)
      if let g = group[key] {
        names[g].hits.append(hit)
      } else {
        group[key] = names.count
        names.append((tokens, [hit]))
      }
    }
    var lineStart = 0
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      var f: [Range<Int>] = []
      f.reserveCapacity(6)
      var fieldStart = lineStart
      for k in lineStart..<lineEnd where bytes[k] == 0x09 {
        f.append(fieldStart..<k)
        fieldStart = k + 1
      }
      f.append(fieldStart..<lineEnd)
      guard lineEnd > lineStart, f.count >= 5, !f[1].isEmpty else { continue }
      let parents = list(f[2]).map(string)
      let name = string(f[0])
      let isHome =
        parents.contains { Self.home.contains($0) } || Self.home.contains(name)
        || name == "East of England" || name == "East Anglia"
      entries.append(
        Entry(
          name: name, type: bytes[f[1].lowerBound], parents: parents,
          population: Int(string(f[3])) ?? 0, isHome: isHome,
          wordLike: f.count > 5 && bytes[f[5]].contains(UInt8(ascii: "W")), nameID: id(name),
          parentIDs: parents.map(id)))
      let e = entries.count - 1
      add(f[0], e, alias: false)
      for a in list(f[4]) { add(a, e, alias: true) }
    }
    var hitStarts: [Int32] = [0]
    var hits: [Hit] = []
    hits.reserveCapacity(names.count * 2)
    for name in names {
      hits += name.hits
      hitStarts.append(Int32(hits.count))
    }
    self.entries = entries
    self.names = PhraseTable(names.enumerated().map { ($0.element.tokens, $0.offset) })
    self.hitStarts = hitStarts
    self.hits = hits
    self.starts = names.compactMap { $0.tokens.first }
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
