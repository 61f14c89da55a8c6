/// Chooses the article body among a page's text blocks.
///
/// The design follows the public descriptions of boilerpipe, jusText and readability, not their
/// code:
///
/// 1. Every block gets a value from its shape alone: long text with sentence punctuation and few
///    links is worth its length; link lists, captions and short fragments cost theirs.
/// 2. The value is summed up the element tree. A subtree whose class/id/role/tag says chrome
///    (comments, sharing, related, footer, nav…) passes up only a penalty, never its text. The
///    element with the highest sum is the article container: the largest subtree that holds
///    the most body-like text for the least chrome (a maximum-weight subtree).
/// 3. Inside the container, blocks are kept or dropped one by one (jusText's context rule):
///    good blocks stay, chrome-like blocks go, and short blocks stay only between good ones
///    (or as a heading that leads into good text).
struct ContentScorer {
  let page: PageModel
  /// Normalised headline(s) to drop from the body.
  var titles: [[UInt8]] = []
  /// Fingerprints of blocks known to repeat across a site's pages (dropped as chrome).
  var boilerplate: Set<UInt64> = []

  enum Quality { case good, medium, short, bad }

  // MARK: - Block values

  func quality(_ b: Block) -> Quality {
    if b.inFigure { return .bad }
    let ld = b.linkDensity
    if ld > 0.5 { return .bad }
    if b.tag == .heading { return .short }
    let c = Int(b.chars)
    let cjk = b.words > 0 && Int(b.chars) / Int(b.words) > 12
    if b.words >= 14 && (b.sentences >= 1 || b.commas >= 1) { return ld > 0.3 ? .medium : .good }
    if cjk && c >= 60 && (b.sentences >= 1 || b.commas >= 1) { return ld > 0.3 ? .medium : .good }
    if b.words >= 25 { return .good }
    if (b.words >= 7 || (cjk && c >= 25)) && (b.sentences >= 1 || b.commas >= 1) { return .medium }
    if ld > 0.25 && b.words < 10 { return .bad }
    return .short
  }

  func value(_ b: Block, _ q: Quality) -> Double {
    let c = Double(b.chars)
    let text = c * (1 - b.linkDensity)
    switch q {
    case .good: return text
    case .medium: return 0.5 * text
    case .short: return -0.4 * c
    case .bad: return -c
    }
  }

  // MARK: - Container

  /// Index of the element that best holds the article, or nil when the page has no text.
  func container(qualities: [Quality]) -> Int? {
    let elements = page.elements
    guard !elements.isEmpty else { return nil }
    var sum = [Double](repeating: 0, count: elements.count)
    var good = [Double](repeating: 0, count: elements.count)
    for (i, b) in page.blocks.enumerated() where b.owner >= 0 {
      let v = value(b, qualities[i])
      sum[Int(b.owner)] += v
      if qualities[i] == .good { good[Int(b.owner)] += v }
    }
    // Children come after parents, so one reverse pass sums every subtree.
    var best: Int?
    var bestScore = 0.0
    for e in stride(from: elements.count - 1, through: 0, by: -1) {
      let el = elements[e]
      let hint = Double(max(-6, min(6, el.hint)))
      let score = sum[e] * (1 + 0.05 * hint)
      if score > bestScore && good[e] > 0 {
        bestScore = score
        best = e
      }
      let parent = Int(el.parent)
      guard parent >= 0 else { continue }
      if el.hint <= -3 {
        // Chrome-marked subtree: its text does not count for the parent, it costs.
        sum[parent] -= 0.5 * max(good[e], 0) + max(-sum[e], 0) * 0.5
      } else {
        sum[parent] += sum[e]
        good[parent] += good[e]
      }
    }
    return best
  }

  // MARK: - Selection

  /// Indices of the blocks that form the body, in page order.
  func select() -> [Int] {
    let blocks = page.blocks
    guard !blocks.isEmpty else { return [] }
    let qualities = blocks.map(quality)
    guard let root = container(qualities: qualities) else { return [] }

    // The container's subtree is a contiguous run of elements (pre-order).
    let elements = page.elements
    var inside = [Bool](repeating: false, count: elements.count)
    inside[root] = true
    var e = root + 1
    while e < elements.count, elements[e].parent >= 0, inside[Int(elements[e].parent)] {
      inside[e] = true
      e += 1
    }
    let baseHint = elements[root].pathHint

    var candidates = [Int]()
    var labels = [Quality]()
    for (i, b) in blocks.enumerated() where b.owner >= 0 && inside[Int(b.owner)] {
      var q = qualities[i]
      let relative = Int(b.pathHint) - Int(baseHint)
      if relative <= -3 { q = .bad }
      if !boilerplate.isEmpty, b.chars < 2000, boilerplate.contains(BlockFingerprint.of(page.bytes(of: b))) {
        q = .bad
      }
      if q != .bad, isTitle(b) || isMetaLine(b) || ChromeFilter.isWrapperLine(page.bytes(of: b)) {
        q = .bad
      }
      candidates.append(i)
      labels.append(q)
    }

    // Context: short blocks live or die by their neighbours.
    var keep = [Int]()
    for (k, i) in candidates.enumerated() {
      switch labels[k] {
      case .good, .medium: keep.append(i)
      case .bad: continue
      case .short:
        let b = blocks[i]
        let next = neighbour(labels, from: k, step: 1)
        let prev = neighbour(labels, from: k, step: -1)
        if b.tag == .heading {
          if b.level != 1, next == .good || next == .medium { keep.append(i) }
        } else if b.words >= 2, (prev == .good || prev == .medium), next == .good {
          keep.append(i)
        } else if b.tag == .li, b.words >= 3, prev != nil, prev != .bad, next != nil, next != .bad {
          keep.append(i)
        }
      }
    }
    return keep
  }

  /// Quality of the nearest non-short block in one direction (bad stops the search).
  private func neighbour(_ labels: [Quality], from k: Int, step: Int) -> Quality? {
    var j = k + step
    var hops = 0
    while j >= 0 && j < labels.count && hops < 4 {
      if labels[j] != .short { return labels[j] }
      j += step
      hops += 1
    }
    return nil
  }

  private func isTitle(_ b: Block) -> Bool {
    if b.tag == .heading && b.level == 1 { return true }
    guard b.chars < 300, !titles.isEmpty else { return false }
    let norm = TextCleanup.foldKey(page.bytes(of: b))
    return titles.contains(norm)
  }

  /// Bylines, bare dates and similar one-line meta text next to the headline.
  private func isMetaLine(_ b: Block) -> Bool {
    guard b.words <= 12, b.sentences <= 1 else { return false }
    let bytes = page.bytes(of: b)
    if TextCleanup.startsWithBy(bytes) { return true }
    if b.words <= 8, DateParsing.findDate(in: String(decoding: bytes, as: UTF8.self)) != nil {
      return true
    }
    return false
  }
}
