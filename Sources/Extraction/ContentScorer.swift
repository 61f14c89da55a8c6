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
    if ld > 0.6 && b.words < 10 { return .bad }
    return .short
  }

  func value(_ b: Block, _ q: Quality) -> Double {
    let c = Double(b.chars)
    let text = c * (1 - b.linkDensity)
    switch q {
    case .good: return text
    case .medium: return 0.5 * text
    case .short:
      if b.tag == .row && b.linkDensity < 0.3 { return 0.2 * c }
      return -(0.15 + 0.5 * b.linkDensity) * c
    case .bad: return -c
    }
  }

  // MARK: - Container

  /// How much of a subtree's positive value its parent receives: text far below an element
  /// counts less for it than text right below (readability credits only a paragraph's parent
  /// and grandparent), so a tight container beats the page wrapper around it and its teasers.
  static let decay = 0.85

  /// The element that best holds the article (nil when the page has no text) and every
  /// element's score.
  func container(qualities: [Quality]) -> (
    best: Int?, scores: [Double], density: [Double], good: [Double]
  ) {
    let elements = page.elements
    guard !elements.isEmpty else { return (nil, [], [], []) }
    var scores = [Double](repeating: 0, count: elements.count)
    var densities = [Double](repeating: 0, count: elements.count)
    var sum = [Double](repeating: 0, count: elements.count)
    var good = [Double](repeating: 0, count: elements.count)
    var chars = [Double](repeating: 0, count: elements.count)
    var links = [Double](repeating: 0, count: elements.count)
    for (i, b) in page.blocks.enumerated() where b.owner >= 0 {
      let v = value(b, qualities[i])
      sum[Int(b.owner)] += v
      chars[Int(b.owner)] += Double(b.chars)
      links[Int(b.owner)] += Double(b.linkChars)
      // Medium blocks count as content too: short pages and CJK text have few "good" ones.
      if qualities[i] == .good || qualities[i] == .medium { good[Int(b.owner)] += v }
    }
    // Children come after parents, so one reverse pass sums every subtree.
    var best: Int?
    var bestScore = 0.0
    for e in stride(from: elements.count - 1, through: 0, by: -1) {
      let el = elements[e]
      let hint = Double(max(-6, min(6, el.hint)))
      // Readability's rule: a candidate's score shrinks with the link density of its subtree.
      let density = chars[e] > 0 ? links[e] / chars[e] : 0
      var score = sum[e] * (1 + 0.05 * hint) * (1 - density)
      densities[e] = density
      // Inside a chrome-marked subtree (its own class or an ancestor's): a weak candidate.
      if el.chrome { score *= 0.1 }
      scores[e] = score
      if score > bestScore && good[e] > 0 && Self.canContain(el.tag) {
        bestScore = score
        best = e
      }
      let parent = Int(el.parent)
      guard parent >= 0 else { continue }
      if el.hint <= -3 {
        // Chrome-marked subtree: its text does not count for the parent, it costs.
        sum[parent] -= 0.5 * max(good[e], 0) + max(-sum[e], 0) * 0.5
      } else {
        sum[parent] += sum[e] > 0 ? sum[e] * Self.decay : sum[e]
        good[parent] += good[e]
        chars[parent] += chars[e]
        links[parent] += links[e]
      }
    }
    return (best, scores, densities, good)
  }

  /// Paragraph-level elements are never the container: their parent is (readability scores the
  /// parents of paragraphs, not paragraphs).
  static func canContain(_ tag: Tag) -> Bool {
    switch tag {
    case .p, .heading, .pre, .figure, .figcaption, .li, .dt, .dd, .summary, .address, .row, .list:
      false
    default: true
    }
  }

  // MARK: - Selection

  /// Indices of the blocks that form the body, in page order.
  func select() -> [Int] {
    select(explain: nil)
  }

  /// One line per block: kept or not, its measures, and the start of its text.
  func explain() -> String {
    var lines = [String]()
    _ = select(explain: &lines)
    return lines.joined(separator: "\n")
  }

  func select(explain: UnsafeMutablePointer<[String]>?) -> [Int] {
    var lines = [String]()
    defer { explain?.pointee = lines }
    let blocks = page.blocks
    guard !blocks.isEmpty else { return [] }
    let qualities = blocks.map(quality)
    let (best, scores, densities, good) = container(qualities: qualities)
    guard let root = best else { return [] }

    // The container, plus siblings that score nearly as well (an article split by an inset).
    let elements = page.elements
    var inside = [Bool](repeating: false, count: elements.count)
    inside[root] = true
    // Siblings of the container, and of its parent, that score nearly as well join it: an
    // article split by an inset (share bar, newsletter box) into two runs.
    var level = root
    for _ in 0..<5 {
      let parent = elements[level].parent
      guard parent >= 0 else { break }
      for e in Int(parent) + 1..<elements.count where elements[e].parent == parent && e != level {
        let joins =
          !elements[e].chrome && densities[e] < 0.3
          && (scores[e] >= 0.3 * scores[root] || (good[e] >= 0.25 * good[root] && good[e] >= 400))
        if joins { inside[e] = true }
        if explain != nil && scores[e] > 0 {
          lines.append(
            "sibling el\(e) <\(elements[e].tag)> of el\(parent): score \(Int(scores[e])) density \(Int(densities[e] * 100))% chrome \(elements[e].chrome)\(joins ? " JOINS" : "")"
          )
        }
      }
      level = Int(parent)
    }
    for e in 0..<elements.count where !inside[e] {
      let p = elements[e].parent
      if p >= 0 && inside[Int(p)] { inside[e] = true }
    }

    let boxed = formBoxes(inside: inside, root: root, qualities: qualities)

    // Text that appears both inside the container and outside it is template (a ticker or
    // teaser repeated in the article column). Repeats inside the article are content.
    var outside = Set<UInt64>()
    for b in blocks where b.chars >= 50 && (b.owner < 0 || !inside[Int(b.owner)]) {
      outside.insert(BlockFingerprint.of(page.bytes(of: b)))
    }

    var candidates = [Int]()
    var labels = [Quality]()
    for (i, b) in blocks.enumerated() where b.owner >= 0 && inside[Int(b.owner)] {
      var q = qualities[i]
      if b.chrome && !elements[root].chrome { q = .bad }
      if boxed[Int(b.owner)] { q = .bad }
      if b.chars >= 50, !outside.isEmpty, outside.contains(BlockFingerprint.of(page.bytes(of: b))) {
        q = .bad
      }
      // Rows of a data table inside the article: kept unless they are links.
      if q == .short && b.tag == .row && b.linkDensity < 0.3 { q = .medium }
      if !boilerplate.isEmpty, b.chars < 2000,
        boilerplate.contains(BlockFingerprint.of(page.bytes(of: b)))
      {
        q = .bad
      }
      if q != .bad, isTitle(b) || isMetaLine(b) || ChromeFilter.isWrapperLine(page.bytes(of: b)) {
        q = .bad
      }
      candidates.append(i)
      labels.append(q)
    }

    // Context: short blocks live or die by their neighbours.
    let sizes = candidates.map { blocks[$0].chars }
    var keep = [Int]()
    for (k, i) in candidates.enumerated() {
      switch labels[k] {
      case .good, .medium: keep.append(i)
      case .bad: continue
      case .short:
        let b = blocks[i]
        let next = neighbour(labels, from: k, step: 1, sizes: sizes)
        let prev = neighbour(labels, from: k, step: -1, sizes: sizes)
        if b.tag == .heading {
          if b.level != 1, next == .good || next == .medium { keep.append(i) }
        } else if b.words >= 2, prev == .good || prev == .medium || prev == nil,
          next == .good || next == .medium || next == nil, prev != nil || next != nil
        {
          keep.append(i)
        }
      }
    }
    if explain != nil {
      let kept = Set(keep)
      let label = Dictionary(uniqueKeysWithValues: zip(candidates, labels))
      lines.insert(
        "container: element \(root) <\(elements[root].tag)> hint \(elements[root].hint) score \(Int(scores[root]))",
        at: 0)
      for (i, b) in blocks.enumerated() {
        let mark = kept.contains(i) ? "KEEP" : (label[i] != nil ? "drop" : "  - ")
        let q = label[i].map { "\($0)" } ?? "\(qualities[i])"
        let ld = Int(b.linkDensity * 100)
        let text = String(page.string(of: b).prefix(90))
        lines.append(
          "\(mark) \(q) <\(b.tag)\(b.level > 0 ? "\(b.level)" : "")> el\(b.owner) hint\(b.pathHint) c\(b.chars) w\(b.words) s\(b.sentences) ld\(ld) | \(text)"
        )
      }
    }
    return keep
  }

  /// Elements inside the container that belong to a form box: the largest subtree around a
  /// `<form>` or form control that holds little text (under 500 characters, at most two good
  /// blocks, under a third of the container's good text). A newsletter sign-up, a comment
  /// form or a search box reads like a sentence or two of prose, but its structure gives it
  /// away whatever its class names say. The container itself and its ancestors are never boxes
  /// (whole pages sit inside one `<form>` on some sites).
  func formBoxes(inside: [Bool], root: Int, qualities: [Quality]) -> [Bool] {
    let elements = page.elements
    var boxed = [Bool](repeating: false, count: elements.count)
    guard elements.contains(where: \.form) else { return boxed }
    var form = elements.map(\.form)
    var chars = [Int](repeating: 0, count: elements.count)
    var goodChars = [Int](repeating: 0, count: elements.count)
    var goodBlocks = [Int](repeating: 0, count: elements.count)
    for (i, b) in page.blocks.enumerated() where b.owner >= 0 {
      let o = Int(b.owner)
      chars[o] += Int(b.chars)
      if qualities[i] == .good {
        goodChars[o] += Int(b.chars)
        goodBlocks[o] += 1
      }
    }
    for e in stride(from: elements.count - 1, through: 1, by: -1) {
      let p = Int(elements[e].parent)
      guard p >= 0 else { continue }
      chars[p] += chars[e]
      goodChars[p] += goodChars[e]
      goodBlocks[p] += goodBlocks[e]
      if form[e] { form[p] = true }
    }
    for e in 0..<elements.count where inside[e] {
      let p = Int(elements[e].parent)
      if p >= 0 && boxed[p] {
        boxed[e] = true
      } else if e != root, form[e], chars[e] < 500, goodBlocks[e] <= 2,
        goodChars[e] * 3 < goodChars[root]
      {
        boxed[e] = true
      }
    }
    return boxed
  }

  /// Quality of the nearest non-short block in one direction (bad stops the search).
  /// Small link-only blocks (buttons such as "Buy now", "Read more") are passed over.
  private func neighbour(_ labels: [Quality], from k: Int, step: Int, sizes: [Int32]) -> Quality? {
    var j = k + step
    var hops = 0
    while j >= 0 && j < labels.count && hops < 1000 {
      if labels[j] != .short && !(labels[j] == .bad && sizes[j] < 25) { return labels[j] }
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
