import Dispatch
import Extraction
import Indexing

/// Blocks one site repeats on many of its pages. A site is the first folder under the corpus
/// root (news scrapes are usually stored one folder per site).
struct SiteTemplate {
  /// A block counts as template when at least this many pages, and this share of the site's
  /// pages, contain it.
  static let minPages = 3
  static let minShare = 0.3
  /// Fingerprints kept per page: the first and last blocks, where templates live.
  static let keptPerEnd = 32

  /// Fingerprints of the changed pages of this site, by path.
  var pagePrints: [String: [UInt64]] = [:]
  /// Low 32 bits of every template fingerprint.
  var repeated: Set<UInt32> = []

  static func site(of path: String) -> String {
    guard let slash = path.firstIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The stored form of a page's fingerprints.
  static func stored(_ prints: [UInt64]) -> [UInt32] {
    let kept = prints.count <= 2 * keptPerEnd ? prints : Array(prints.prefix(keptPerEnd) + prints.suffix(keptPerEnd))
    return Array(Set(kept.map { UInt32(truncatingIfNeeded: $0) })).sorted()
  }

  /// The page's own fingerprints that are template blocks.
  func boilerplate(_ prints: [UInt64]) -> Set<UInt64> {
    Set(prints.filter { repeated.contains(UInt32(truncatingIfNeeded: $0)) })
  }

  static func build(
    candidates: [CorpusFile], table: FileTable, fullPath: @escaping @Sendable (CorpusFile) -> String,
    extractor: DocumentExtractor, workers: Int, limit: UInt64
  ) -> [String: SiteTemplate] {
    var pagesPerSite: [String: Int] = [:]
    let changed = Set(candidates.map(\.path))
    for (path, e) in table.entries where !changed.contains(path) && !e.blocks.isEmpty {
      pagesPerSite[site(of: path), default: 0] += 1
    }
    let html = candidates.filter { InputKinds.isHTML(path: $0.path) }
    for f in html { pagesPerSite[site(of: f.path), default: 0] += 1 }
    // Every changed page is fingerprinted (and its fingerprints stored), so a site that grows to
    // enough pages later can count its older pages too.
    let wanted = html
    if wanted.isEmpty { return [:] }

    let prints = SlotBox<[UInt64]>(count: wanted.count)
    DispatchQueue.concurrentPerform(iterations: min(workers, wanted.count)) { w in
      for k in stride(from: w, to: wanted.count, by: workers) {
        let f = wanted[k]
        guard case .success(let bytes) = CorpusScanner.read(fullPath(f), limit: limit),
          let p = try? extractor.blockFingerprints(bytes: bytes, path: f.path)
        else {
          prints.set(k, [])
          continue
        }
        prints.set(k, p)
      }
    }
    let all = prints.values()
    var sites: [String: SiteTemplate] = [:]
    var counts: [String: [UInt32: Int]] = [:]
    for (k, f) in wanted.enumerated() {
      let s = site(of: f.path)
      sites[s, default: SiteTemplate()].pagePrints[f.path] = all[k]
      for b in stored(all[k]) { counts[s, default: [:]][b, default: 0] += 1 }
    }
    for (path, e) in table.entries where !changed.contains(path) && !e.blocks.isEmpty {
      let s = site(of: path)
      guard sites[s] != nil else { continue }
      for b in e.blocks { counts[s, default: [:]][b, default: 0] += 1 }
    }
    for (s, c) in counts {
      let pages = pagesPerSite[s] ?? 0
      let need = max(minPages, Int((Double(pages) * minShare).rounded(.up)))
      sites[s]?.repeated = Set(c.filter { $0.value >= need }.map(\.key))
    }
    return sites
  }
}
