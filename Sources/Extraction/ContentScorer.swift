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
    if b.words >= 25 || (cjk && c >= 100) { return .good }
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
    best: Int?, alternative: Int?, scores: [Double], density: [Double], good: [Double]
  ) {
    let elements = page.elements
    guard !elements.isEmpty else { return (nil, nil, [], [], []) }
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
    // The best paragraph-level element (readability's unit): when one paragraph outscores
    // every container, the container around it is what the page's chrome pulled down.
    var bestParagraph: Int?
    var bestParagraphScore = 0.0
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
      if score > bestParagraphScore && good[e] > 0 && !el.chrome && !Self.canContain(el.tag) {
        bestParagraphScore = score
        bestParagraph = e
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
    // Unless it lies inside the best container, the outscoring paragraph's nearest container
    // is a second candidate: its score may be low because chrome shares it, not for want of
    // text. `select` keeps whichever of the two yields more prose.
    var alternative: Int?
    if let p = bestParagraph, bestParagraphScore >= 100, bestParagraphScore > 1.5 * bestScore {
      var inBest = false
      var a = Int(elements[p].parent)
      while a >= 0 {
        if alternative == nil && Self.canContain(elements[a].tag) { alternative = a }
        if a == best { inBest = true }
        a = Int(elements[a].parent)
      }
      if inBest {
        alternative = nil
      } else if let h = alternative {
        scores[h] = max(scores[h], bestParagraphScore)
      }
    }
    return (best, alternative, scores, densities, good)
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
    let (scored, alternative, scores, densities, good) = container(qualities: qualities)
    var best = scored
    var headNote: String?
    if let b = best, let h = headlineCandidate(best: b, scores: scores, qualities: qualities)
    {
      headNote = "headline candidate el\(h) score \(Int(scores[h])) over el\(b)"
      best = h
    }
    guard let root = best ?? alternative else {
      let (keep, note) = fallback()
      lines.append(note)
      return keep
    }
    let first = body(
      root: root, qualities: qualities, scores: scores, densities: densities, good: good,
      explaining: explain != nil)
    var keep = first.keep
    lines = first.lines
    if let headNote { lines.insert(headNote, at: 0) }
    if let alternative, alternative != root {
      let (second, other) = body(
        root: alternative, qualities: qualities, scores: scores, densities: densities,
        good: good, joinSiblings: false, explaining: explain != nil)
      func prose(_ kept: [Int]) -> Int {
        kept.reduce(0) { sum, i in
          let q = qualities[i]
          return sum + (q == .good || q == .medium ? Int(blocks[i].chars) : 0)
        }
      }
      if prose(second) > prose(keep) {
        keep = second
        lines = ["alternative container el\(alternative) (its best paragraph outscores el\(root))"]
          + other
      }
    }
    if keep.isEmpty {
      let (fallbackKeep, note) = fallback()
      lines.append(note)
      return fallbackKeep
    }
    return keep
  }

  /// The container of the text right after the headline, when the best-scoring container
  /// does not hold it: the highest-scoring element between the first prose block after the
  /// headline (within 40 blocks) and the lowest element that also holds `best`. A short post
  /// under its headline beats a longer block elsewhere (a disclaimer, a browser notice, an
  /// about box, reader comments) when it scores at least half as well.
  func headlineCandidate(best: Int, scores: [Double], qualities: [Quality]) -> Int? {
    let blocks = page.blocks
    let elements = page.elements
    var headline: Int?
    for (i, b) in blocks.enumerated() where b.owner >= 0 && !b.chrome {
      guard isTitle(b) else { continue }
      headline = i
      break
    }
    guard let headline else { return nil }
    var first: Int?
    for i in headline + 1..<min(blocks.count, headline + 40) {
      let b = blocks[i]
      guard b.owner >= 0, !b.chrome, !b.inFigure else { continue }
      if qualities[i] == .good || qualities[i] == .medium {
        first = i
        break
      }
    }
    guard let first else { return nil }
    let owner = Int(blocks[first].owner)
    if owner == best || isInside(owner, best) { return nil }
    // The block's ancestors up to (not including) the one that also holds `best`.
    var top: Int?
    var e = owner
    while e >= 0 {
      if e == best || isInside(best, e) { break }
      if Self.canContain(elements[e].tag), !elements[e].chrome,
        top == nil || scores[e] > scores[top!]
      {
        top = e
      }
      e = Int(elements[e].parent)
    }
    guard let top else { return nil }
    // Half the best score will do; a tenth when the best container holds one prose block
    // only (a disclaimer, a bio, a notice: one paragraph that outweighs a short post).
    var proseBlocks = 0
    for (i, b) in blocks.enumerated() where b.owner >= 0 {
      let o = Int(b.owner)
      if (qualities[i] == .good || qualities[i] == .medium) && (o == best || isInside(o, best)) {
        proseBlocks += 1
        if proseBlocks > 1 { break }
      }
    }
    let threshold = proseBlocks <= 1 ? 0.1 : 0.5
    guard scores[top] >= threshold * scores[best] else { return nil }
    return top
  }

  /// The body inside one container: the container and its strong siblings, block by block.
  private func body(
    root: Int, qualities: [Quality], scores: [Double], densities: [Double], good: [Double],
    joinSiblings: Bool = true, explaining explain: Bool
  ) -> (keep: [Int], lines: [String]) {
    let blocks = page.blocks
    var lines = [String]()
    // The container, plus siblings that score nearly as well (an article split by an inset).
    let elements = page.elements
    var inside = [Bool](repeating: false, count: elements.count)
    inside[root] = true
    // Siblings of the container, and of its parent, that score nearly as well join it: an
    // article split by an inset (share bar, newsletter box) into two runs.
    var level = root
    // Siblings seen after the container (a continuation follows some box, not the container).
    var after = 0
    for _ in 0..<(joinSiblings ? 5 : 0) {
      let parent = elements[level].parent
      guard parent >= 0 else { break }
      for e in Int(parent) + 1..<elements.count where elements[e].parent == parent && e != level {
        var joins =
          !elements[e].chrome && densities[e] < 0.3
          && (scores[e] >= 0.3 * scores[root]
            // A quarter of the container's prose, with few links: a stream of teasers (a
            // linked headline and a summary each, 15%+ links) holds as much and stays out.
            || (good[e] >= 0.25 * good[root] && good[e] >= 400 && densities[e] < 0.15))
        // Readability's sibling rule, for the container's own siblings: a block of prose
        // worth a fifth of the container joins when it is not chrome and has few links, if
        // it comes before the container (a standfirst) or after some box beside it (the
        // article's last paragraphs after an inline link box or inset).
        if !joins, level == root, e < root || after > 0, !elements[e].chrome,
          densities[e] < 0.25, scores[e] >= 0.2 * scores[root], good[e] >= 100
        {
          joins = true
        }
        // A lede split from the body: a sibling before the container (or before one of its
        // ancestors) of the same tag and class weight, with prose and few links, after the
        // headline. News templates put the first paragraph in a box of its own before an
        // inline box ("related", a photo); a welcome box or promo before the headline stays out.
        if !joins, e < level, !elements[e].chrome, elements[e].tag == elements[level].tag,
          elements[e].hint == elements[level].hint, densities[e] < 0.25, good[e] >= 80,
          scores[e] >= 0.03 * scores[root], afterHeadline(e, root: root)
        {
          joins = true
        }
        if level == root && e > root { after += 1 }
        // Readability's paragraph rule: a sibling paragraph of 80+ characters, few links.
        if !joins, level == root, elements[e].tag == .p, !elements[e].chrome,
          densities[e] < 0.25, good[e] >= 80
        {
          joins = true
        }
        if joins { inside[e] = true }
        if explain && scores[e] > 0 {
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
      // Inside the article, a long sentence with long linked titles in it is link-dense but
      // prose: it stays if its neighbours do (a short block's rule), not dropped as a link list.
      if q == .bad && qualities[i] == .bad && !b.inFigure && !b.chrome && b.words >= 25
        && b.sentences >= 1 && b.linkDensity < 0.8
      {
        q = .short
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
        } else if b.words >= 2 || isLabel(b), prev == .good || prev == .medium || prev == nil,
          next == .good || next == .medium || next == nil, prev != nil || next != nil
        {
          keep.append(i)
        }
      }
    }
    if explain {
      let kept = Set(keep)
      let label = Dictionary(uniqueKeysWithValues: zip(candidates, labels))
      var head = [
        "container: element \(root) <\(elements[root].tag)> hint \(elements[root].hint) "
          + "score \(Int(scores[root]))"
      ]
      let top = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(6)
      for e in top {
        var chain = [String]()
        var a = e
        while a >= 0 {
          let el = elements[a]
          chain.append("el\(a)<\(el.tag)>h\(el.hint)\(el.chrome ? "C" : "")=\(Int(scores[a]))")
          a = Int(el.parent)
        }
        head.append("  candidate el\(e) good \(Int(good[e])): " + chain.joined(separator: " < "))
      }
      lines.insert(contentsOf: head, at: 0)
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
    return (keep, lines)
  }

  /// The body of a page where no block reads as prose (a post that is a list of links, a page
  /// of headings and captions, a table of short lines): better the text of the element most
  /// likely to be the article than nothing. That element is the one whose own class/id/role
  /// says content most strongly (ties: more text); failing any, the subtree with the most
  /// text outside links. Its blocks are kept except chrome-marked ones, the headline, meta
  /// lines, wrapper lines and (where no class says content) link-dense ones.
  func fallback() -> (keep: [Int], note: String) {
    let elements = page.elements
    guard !elements.isEmpty else { return ([], "fallback: no elements") }
    var chars = [Double](repeating: 0, count: elements.count)
    var plain = [Double](repeating: 0, count: elements.count)
    for b in page.blocks where b.owner >= 0 && !b.chrome {
      chars[Int(b.owner)] += Double(b.chars)
      plain[Int(b.owner)] += Double(b.chars - b.linkChars) - Double(b.linkChars)
    }
    var total = chars
    var score = plain
    for e in stride(from: elements.count - 1, through: 1, by: -1) {
      let p = Int(elements[e].parent)
      guard p >= 0 else { continue }
      total[p] += total[e]
      if !elements[e].chrome { score[p] += score[e] > 0 ? score[e] * Self.decay : score[e] }
    }
    var root: Int?
    for e in 0..<elements.count
    where !elements[e].chrome && elements[e].hint >= 2 && total[e] >= 100 {
      if let r = root, elements[r].hint > elements[e].hint
        || (elements[r].hint == elements[e].hint && total[r] >= total[e])
      {
        continue
      }
      root = e
    }
    let marked = root != nil
    if root == nil {
      var best = 0.0
      for e in 0..<elements.count where !elements[e].chrome && score[e] > best {
        best = score[e]
        root = e
      }
    }
    guard let root else { return ([], "fallback: no text") }
    // Words, with a run of unspaced (CJK) text counted as one word per two characters.
    let words = page.blocks.reduce(0) { n, b in
      guard b.owner >= 0 && (b.owner == root || isInside(Int(b.owner), root)) else { return n }
      return n + max(Int(b.words), b.words > 0 && b.chars / b.words > 12 ? Int(b.chars) / 2 : 0)
    }
    guard words >= 5 else { return ([], "fallback: under five words") }
    var inside = [Bool](repeating: false, count: elements.count)
    inside[root] = true
    for e in root + 1..<elements.count {
      let p = Int(elements[e].parent)
      if p >= 0 && inside[p] { inside[e] = true }
    }
    var keep = [Int]()
    for (i, b) in page.blocks.enumerated() where b.owner >= 0 && inside[Int(b.owner)] {
      if b.chrome && !elements[root].chrome { continue }
      if !marked && b.linkDensity > 0.5 { continue }
      if isTitle(b) || isMetaLine(b) || ChromeFilter.isWrapperLine(page.bytes(of: b)) { continue }
      if !boilerplate.isEmpty, boilerplate.contains(BlockFingerprint.of(page.bytes(of: b))) {
        continue
      }
      keep.append(i)
    }
    let note =
      "fallback: element \(root) <\(elements[root].tag)> hint \(elements[root].hint) "
      + "\(marked ? "(class says content)" : "(most text outside links)"), \(keep.count) blocks"
    return (keep, note)
  }

  /// The element's first block lies after the headline (the first `h1` or block that repeats
  /// the page title, before the container's first block); false when there is none.
  private func afterHeadline(_ e: Int, root: Int) -> Bool {
    let blocks = page.blocks
    var first: Int?
    var rootFirst = blocks.count
    for (i, b) in blocks.enumerated() where b.owner >= 0 {
      let o = Int(b.owner)
      if first == nil && (o == e || isInside(o, e)) { first = i }
      if o == root || isInside(o, root) {
        rootFirst = i
        break
      }
    }
    guard let first else { return false }
    for i in 0..<min(first, rootFirst) where isTitle(blocks[i]) { return true }
    return false
  }

  /// `e` lies below `ancestor` in the element tree.
  private func isInside(_ e: Int, _ ancestor: Int) -> Bool {
    var a = Int(page.elements[e].parent)
    while a >= 0 {
      if a == ancestor { return true }
      if a < ancestor { return false }
      a = Int(page.elements[a].parent)
    }
    return false
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
  /// Small bad blocks under 40 characters are passed over: buttons ("Buy now", "Read more")
  /// and the one linked line of a list of short lines ("• More safety advice"), which would
  /// otherwise cost the whole list its place between two paragraphs.
  private func neighbour(_ labels: [Quality], from k: Int, step: Int, sizes: [Int32]) -> Quality? {
    var j = k + step
    var hops = 0
    while j >= 0 && j < labels.count && hops < 1000 {
      if labels[j] != .short && !(labels[j] == .bad && sizes[j] < 40) { return labels[j] }
      j += step
      hops += 1
    }
    return nil
  }

  /// A short line that ends in a colon ("Problem:", "Result:"): a label that introduces the
  /// next block, so even one word of it is text between good neighbours.
  private func isLabel(_ b: Block) -> Bool {
    b.words <= 8 && page.bytes(of: b).last == UInt8(ascii: ":")
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
