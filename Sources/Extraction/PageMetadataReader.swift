/// Title, date, source, byline and URL of an HTML page, from its meta tags, JSON-LD, `<title>`,
/// `<h1>`, `<time>` and the text around the headline.
struct PageMetadataReader {
  let page: PageModel

  struct Result {
    var title: String = ""
    var date: String?
    var source: String?
    var byline: String?
    var url: String?
    /// Headlines (normalised) to keep out of the body.
    var titleKeys: [[UInt8]] = []
  }

  private func meta(_ keys: [String]) -> String? {
    for key in keys {
      if let v = page.metadata.meta.first(where: { $0.key == key })?.value {
        let t = TextCleanup.normalizeWhitespace(v)
        if !t.isEmpty { return t }
      }
    }
    return nil
  }

  func read() -> Result {
    var r = Result()
    // The block of the chosen headline: bylines and dates are looked for around it.
    var headlineBlock: Int?
    let ld = JSONLDFacts(page.metadata.jsonLD)

    // Source.
    r.source =
      meta([
        "og:site_name", "application-name", "twitter:site:name", "publisher", "dc.publisher",
        "dcterms.publisher",
      ])
      ?? ld.publisher

    // Title.
    let titleTag = page.metadata.title.map(TextCleanup.normalizeWhitespace) ?? ""
    let h1 = page.metadata.firstH1Block.flatMap { i -> String? in
      guard i < page.blocks.count, page.blocks[i].level == 1 else { return nil }
      return page.string(of: page.blocks[i])
    }
    let og = meta(["og:title", "twitter:title", "headline"]) ?? ld.headline
    var title: String
    var suffix: String?
    if let heading = headingMatchingTitles(
      titleTag: titleTag, og: og, ld: ld.headline, site: r.source)
    {
      // A heading on the page that the <title>, og:title or JSON-LD headline also names: the
      // headline as the page shows it (not a site name, not an SEO or social variant).
      title = heading.text
      headlineBlock = heading.block
      // The title repeated in a comments or related box: the headline itself may carry a
      // count ("Headline 545") that kept it from matching.
      if page.blocks[heading.block].chrome, let shown = headingBlock(showing: title) {
        headlineBlock = shown
      }
      suffix = stripSiteSuffix(titleTag, site: r.source).1
    } else {
      let standalone = standaloneHeadline(site: r.source)
      headlineBlock = standalone?.block
      title = standalone?.text ?? og ?? h1 ?? titleTag
      if title.isEmpty { title = titleTag }
      (title, suffix) = stripSiteSuffix(title, site: r.source)
      if headlineBlock == nil { headlineBlock = headingBlock(showing: title) }
    }
    if r.source == nil, let suffix { r.source = suffix }
    if r.source == nil, let split = TextCleanup.splitTitle(titleTag), split.tail.count <= 40,
      split.tail.count < split.head.count
    {
      r.source = split.tail
    }
    // "Site :: News :: Headline": a title tag that ends with the headline starts with the site.
    if r.source == nil, let site = sitePrefix(titleTag, headline: title) { r.source = site }
    if r.source == nil { r.source = copyrightName() }
    // A republished story names its original publisher ("The post … appeared first on X."):
    // that is the source a reader wants, not the aggregator that copied it.
    if let original = appearedFirstOn() { r.source = original }
    r.title = title
    for t in [title, h1, og, titleTag, stripSiteSuffix(titleTag, site: r.source).0] {
      if let t, !t.isEmpty { r.titleKeys.append(TextCleanup.foldKey(t.utf8)) }
    }

    // Date: the published date, never the updated one. Specific published-time tags first,
    // then JSON-LD datePublished, then the earlier of a generic "date" tag and the first
    // <time> that is not an update, then the lines and dateline by the headline; updated
    // dates only when nothing else names a day.
    let dates = DateReader(page: page, ld: ld, meta: meta)
    if let d = dates.read(
      meta([
        "article:published_time", "datepublished", "og:published_time", "published_time",
        "article.published", "dc.date.issued", "dcterms.created", "dcterms.issued", "pubdate",
        "publishdate", "publish-date", "publish_date", "sailthru.date", "parsely-pub-date",
        "citation_publication_date", "originalpublicationdate", "cxenseparse:recs:publishtime",
      ]))
    {
      r.date = d
    } else if let d = dates.read(ld.datePublished) {
      r.date = d
    } else if let d = [dates.read(meta(["date", "dc.date", "dcterms.date"])), dates.firstTime()]
      .compactMap({ $0 }).min()
    {
      r.date = d
    } else if let d = dateNearHeadline(nil, dates: dates) {
      r.date = d
    } else if let d = dates.read(
      meta(["article:modified_time", "datemodified", "og:updated_time"]))
      ?? dates.read(ld.dateModified) ?? dates.updatedNearHeadline
    {
      r.date = d
    }

    // Byline: a byline line by the headline ("By …", "Posted by … on …", "… — By …"), then
    // the author meta tags, JSON-LD (people, not organisations), author-marked elements, and
    // last a "Posted by … on <date>" line under the post.
    let site = r.source
    var byline = bylineNearHeadline(headlineBlock, site: site)
    var metaAuthor: String?
    for key in [
      "author", "article:author", "byl", "sailthru.author", "parsely-author",
      "dc.creator", "dcterms.creator",
    ] {
      if let a = meta([key]), let c = BylineReading.refine(a, site: site) {
        metaAuthor = c
        break
      }
    }
    if let line = byline, let metaAuthor {
      // "By Ann Lee Crime reporter" beside <meta name="author" content="Ann Lee">: the line
      // is the name plus a job title printed without a separator.
      byline = BylineReading.preferName(metaAuthor, over: line)
    }
    if byline == nil { byline = metaAuthor }
    if byline == nil, let a = ld.author { byline = BylineReading.refine(a, site: site) }
    if byline == nil {
      for a in page.metadata.authorNames {
        if let c = BylineReading.refine(a, site: site) {
          byline = c
          break
        }
      }
    }
    if byline == nil { byline = bylineUnderPost(headlineBlock, site: site) }
    r.byline = byline
    r.url = meta(["og:url", "twitter:url"]) ?? ld.url
    return r
  }

  /// Letters and digits only, lowercased, as UTF-8: "Today’s Recipe: …" and "Today's Recipe"
  /// agree.
  static func matchKey<S: StringProtocol>(_ s: S) -> [UInt8] { matchKey(bytes: s.utf8) }

  static func matchKey<C: Collection>(bytes: C) -> [UInt8] where C.Element == UInt8 {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    for b in bytes {
      if b >= 0x80 { return matchKeySlow(bytes) }
      if b >= 0x41 && b <= 0x5A {
        out.append(b | 0x20)
      } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
        out.append(b)
      }
    }
    return out
  }

  private static func matchKeySlow<C: Collection>(_ bytes: C) -> [UInt8]
  where C.Element == UInt8 {
    var out = [UInt8]()
    for u in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      if u.isASCII {
        let b = UInt8(u.value)
        if b >= 0x41 && b <= 0x5A {
          out.append(b | 0x20)
        } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
          out.append(b)
        }
      } else if u.properties.isAlphabetic || u.properties.numericType != nil {
        out.append(contentsOf: u.properties.lowercaseMapping.utf8)
      }
    }
    return out
  }

  /// Separators between the parts of a `<title>` ("Headline | Section | Site",
  /// "Site » Blog Archive » Headline", "Blog: Headline").
  private static let titleSeparators: [[UInt8]] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " › ", ": ", " // ", " / ",
  ].map { Array($0.utf8) }

  /// The match keys of every run of consecutive parts of `title` (the whole title included).
  static func titleRuns(_ title: String) -> Set<[UInt8]> {
    let b = Array(title.utf8)
    var parts: [[UInt8]] = []
    var start = 0
    var i = 0
    while i < b.count {
      if b[i] == 0x20 || b[i] == 0x3A,
        let sep = titleSeparators.first(where: { sep in
          i + sep.count <= b.count && sep.indices.allSatisfy { b[i + $0] == sep[$0] }
        })
      {
        parts.append(matchKey(bytes: b[start..<i]))
        i += sep.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(matchKey(bytes: b[start...]))
    parts = parts.filter { !$0.isEmpty }
    var runs = Set<[UInt8]>()
    for i in parts.indices {
      var run = [UInt8]()
      for j in i..<parts.count {
        run += parts[j]
        runs.insert(run)
      }
    }
    return runs
  }

  /// The text of the heading (`h1`–`h4`) that a title reference (the `<title>`, og:title,
  /// JSON-LD headline, each or any run of their parts) also names. When several headings match,
  /// the longest wins (a blog's name in its `h1` loses to the post title in an `h2`/`h3`); on
  /// near-equal lengths a lower-level heading beats an `h1` that repeats the site name.
  private func headingMatchingTitles(titleTag: String, og: String?, ld: String?, site: String?)
    -> (text: String, block: Int)?
  {
    var refs = [titleTag]
    for key in ["og:title", "twitter:title", "title", "sailthru.title", "dc.title", "headline"] {
      if let v = meta([key]) { refs.append(v) }
    }
    if let ld { refs.append(ld) }
    if let og { refs.append(og) }
    // Each distinct reference with the runs of its parts.
    var seenRefs = Set<[UInt8]>()
    var refRuns: [Set<[UInt8]>] = []
    var longestRef = 0
    for ref in refs where !ref.isEmpty {
      let key = Self.matchKey(ref)
      guard seenRefs.insert(key).inserted else { continue }
      longestRef = max(longestRef, key.count)
      refRuns.append(Self.titleRuns(ref))
    }
    // The whole og:title / JSON-LD headline names the article; a run of parts may be a site
    // name.
    var whole = Set<[UInt8]>()
    for ref in refs.dropFirst() where !ref.isEmpty { whole.insert(Self.matchKey(ref)) }
    guard !refRuns.isEmpty else { return nil }
    let siteKey = site.map { Self.matchKey($0) } ?? []
    // Rank: more references agreeing, then clearly longer (a blog's name loses to the post
    // title), then on near-equal lengths a lower-level heading over an `h1` (the site name).
    var best: (text: String, agree: Int, key: Int, level: UInt8, block: Int)?
    // A match inside chrome (a blog's name in a header, a comments box repeating the title)
    // loses to one outside it, unless that one is much shorter (a site name in the content).
    var bestChrome: (text: String, key: Int, block: Int)?
    var seen = 0
    for (i, b) in page.blocks.enumerated() where b.level >= 1 && b.level <= 4 && b.chars < 400 {
      seen += 1
      if seen > 200 { break }
      // A heading much longer than every reference cannot match one.
      guard Int(b.chars) <= longestRef * 3 + 40 else { continue }
      let key = Self.matchKey(bytes: page.bytes(of: b))
      guard key.count >= 3, key != siteKey else { continue }
      // An h1 of four or more words that is the whole og:title or JSON-LD headline counts
      // double; a short heading that only og:title names may be a section ("Crime Centre").
      let wholeBonus = b.level == 1 && b.words >= 4 && whole.contains(key) ? 1 : 0
      let agree = refRuns.reduce(0) { $0 + ($1.contains(key) ? 1 : 0) } + wholeBonus
      guard agree > 0 else { continue }
      let text = TextCleanup.normalizeWhitespace(page.string(of: b))
      if b.chrome {
        if bestChrome.map({ key.count > $0.key }) ?? true { bestChrome = (text, key.count, i) }
        continue
      }
      if let cur = best {
        let better: Bool
        if agree != cur.agree {
          better = agree > cur.agree
        } else if key.count * 10 > cur.key * 12 {
          better = true
        } else if cur.key * 10 > key.count * 12 {
          better = false
        } else {
          better = cur.level == 1 && b.level > 1
        }
        if better { best = (text, agree, key.count, b.level, i) }
      } else {
        best = (text, agree, key.count, b.level, i)
      }
    }
    if let c = bestChrome, best.map({ $0.key * 2 < c.key }) ?? true { return (c.text, c.block) }
    return best.map { ($0.text, $0.block) }
  }

  /// The heading that shows `title` with a count stuck to it ("0Headline", "Headline 545"):
  /// where to look for the byline and date when no heading matched the titles exactly.
  private func headingBlock(showing title: String) -> Int? {
    let key = Self.matchKey(title)
    guard key.count >= 8 else { return nil }
    for (i, b) in page.blocks.enumerated() where b.level >= 1 && b.level <= 4 && b.chars < 400 {
      let k = Self.matchKey(bytes: page.bytes(of: b))
      guard k.count > key.count, k.count <= key.count + 6 else { continue }
      // The title's key with only digits before and after it.
      let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
      let lead = k.prefix(while: isDigit).count
      let trail = k.reversed().prefix(while: isDigit).count
      for skip in 0...lead where k.count - skip - key.count <= trail {
        if k[skip..<(skip + key.count)].elementsEqual(key) { return i }
      }
    }
    return nil
  }

  /// The first `h1` that reads as a headline when no heading agrees with the page's titles: at
  /// least four words, not the site's name. Meta titles are often an SEO or social variant of
  /// the headline the page shows.
  private func standaloneHeadline(site: String?) -> (text: String, block: Int)? {
    let siteKey = site.map { Self.matchKey($0) } ?? []
    var seen = 0
    for (i, b) in page.blocks.enumerated() where b.level == 1 {
      seen += 1
      if seen > 8 { break }
      guard b.words >= 4, b.chars < 300, b.linkDensity < 0.5 else { continue }
      let text = TextCleanup.normalizeWhitespace(page.string(of: b))
      if Self.matchKey(text) == siteKey { continue }
      return (text, i)
    }
    return nil
  }

  /// "Headline | Site" → ("Headline", "Site").
  func stripSiteSuffix(_ title: String, site: String?) -> (String, String?) {
    guard let split = TextCleanup.splitTitle(title) else { return (title, nil) }
    let tailKey = TextCleanup.foldKey(split.tail.utf8)
    if let site {
      let siteKey = TextCleanup.foldKey(site.utf8)
      if !siteKey.isEmpty
        && (tailKey == siteKey || tailKey.starts(with: siteKey) || siteKey.starts(with: tailKey))
      {
        return (split.head, split.tail)
      }
      let headKey = TextCleanup.foldKey(split.head.utf8)
      if !siteKey.isEmpty && headKey == siteKey { return (split.tail, split.head) }
    }
    // Without a known site name: a short last part is taken to be the site.
    if split.tail.count <= 40 && split.tail.count * 2 < split.head.count {
      return (split.head, split.tail)
    }
    return (title, nil)
  }

  /// "Site :: Section :: Headline" → "Site" when the last part is the headline.
  func sitePrefix(_ titleTag: String, headline: String) -> String? {
    let headKey = TextCleanup.foldKey(headline.utf8)
    guard !headKey.isEmpty else { return nil }
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
      let parts = titleTag.split(separator: sep)
      guard parts.count >= 2, let last = parts.last,
        TextCleanup.foldKey(last.utf8) == headKey
      else { continue }
      return SiteName.clean(String(parts[0]))
    }
    return nil
  }

  /// The name in the page's copyright line ("© 2024 Site · Privacy"), read from the end of the
  /// page, where footers are.
  private func copyrightName() -> String? {
    for b in page.blocks.reversed().prefix(60) where b.chars < 300 && !b.inFigure {
      let bytes = page.bytes(of: b)
      let marked = bytes.withUnsafeBufferPointer {
        containsFold($0, "©") || containsFold($0, "copyright") || containsFold($0, "(c) ")
      }
      guard marked else { continue }
      if let name = SiteName.copyright(page.string(of: b)) { return name }
    }
    return nil
  }

  /// The site named by a feed footer "The post … appeared first on X." on the page.
  private func appearedFirstOn() -> String? {
    for b in page.blocks where b.chars < 400 {
      let bytes = page.bytes(of: b)
      guard bytes.count > 9, bytes.first == 0x54 || bytes.first == 0x74,
        bytes.prefix(9).withUnsafeBufferPointer({ equalsFold($0, "the post ") })
      else { continue }
      if let name = SiteName.appearedFirstOn(page.string(of: b)) { return name }
    }
    return nil
  }

  /// Blocks just after the `<h1>` (or the first blocks of the page).
  private func headlineNeighbourhood(_ headline: Int?) -> ArraySlice<Block> {
    let start = headline ?? page.metadata.firstH1Block ?? 0
    let lower = max(0, start - 3)
    let upper = min(page.blocks.count, start + 12)
    return lower < upper ? page.blocks[lower..<upper] : []
  }

  /// The first published date in the short lines around the headline ("Posted Nov 18, 2019 |
  /// Updated Nov 19" gives the 18th), else a dateline opening a paragraph after it
  /// ("WASHINGTON, Feb. 23, 2015 -- …").
  private func dateNearHeadline(_ headline: Int?, dates: DateReader) -> String? {
    let around = headlineNeighbourhood(headline)
    for b in around where b.words <= 20 {
      if let d = dates.published(inLine: page.string(of: b)) { return d }
    }
    for b in around where b.words > 20 {
      if let d = dates.dateline(page.string(of: b)) { return d }
    }
    return nil
  }

  private func bylineNearHeadline(_ headline: Int?, site: String?) -> String? {
    // After the headline first (a widget before it may list other posts' authors).
    let around = headlineNeighbourhood(headline)
    let split = min(around.endIndex, max(around.startIndex, (headline ?? around.startIndex) + 1))
    for b in around[split...] + around[..<split] where b.words <= 30 {
      if let c = BylineReading.fromLine(page.string(of: b), site: site) { return c }
    }
    return nil
  }

  /// "Posted by Ann on May 4, 2024 at 9:00 in News" under a blog post: a byline line that
  /// names a date, in the blocks after the headline.
  private func bylineUnderPost(_ headline: Int?, site: String?) -> String? {
    let start = (headline ?? page.metadata.firstH1Block ?? 0) + 1
    guard start < page.blocks.count else { return nil }
    for b in page.blocks[start..<min(page.blocks.count, start + 300)] where b.words <= 40 {
      let line = page.string(of: b)
      let lower = line.asciiLowercased
      guard lower.hasPrefix("posted by ") || lower.hasPrefix("by "),
        DateParsing.findDate(in: line) != nil
      else { continue }
      if let c = BylineReading.fromLine(line, site: site) { return c }
    }
    return nil
  }
}

/// The facts blotter wants from a page's JSON-LD: the Article-like object's headline, dates,
/// author and publisher.
struct JSONLDFacts {
  var headline: String?
  var datePublished: String?
  var dateModified: String?
  var author: String?
  var publisher: String?
  var url: String?

  init(_ scripts: [String]) {
    for script in scripts {
      guard let value = try? JSONParser.parse(Array(script.utf8)) else { continue }
      visit(value, depth: 0)
    }
  }

  private mutating func visit(_ v: JSONValue, depth: Int) {
    guard depth < 8 else { return }
    switch v {
    case .array(let items): for item in items { visit(item, depth: depth + 1) }
    case .object(let pairs):
      let type = v["@type"].flatMap(Self.typeName) ?? ""
      let articleLike =
        type.hasSuffix("Article") || type == "BlogPosting" || type == "WebPage"
        || type == "Report" || type == "NewsArticle"
      if articleLike || datePublished == nil {
        if datePublished == nil, let d = v["datePublished"]?.text { datePublished = d }
        if dateModified == nil, let d = v["dateModified"]?.text { dateModified = d }
      }
      if articleLike {
        if headline == nil, let h = v["headline"]?.text {
          headline = TextCleanup.normalizeWhitespace(h)
        }
        if author == nil, let a = v["author"] { author = Self.name(a, people: true) }
        if publisher == nil, let p = v["publisher"] { publisher = Self.name(p) }
        if url == nil, let u = v["url"]?.text { url = u }
      }
      for (key, child) in pairs
      where key == "@graph" || key == "mainEntity" || key == "itemListElement" {
        visit(child, depth: depth + 1)
      }
    default: break
    }
  }

  private static func typeName(_ v: JSONValue) -> String? {
    if case .array(let items) = v { return items.compactMap(\.text).first }
    return v.text
  }

  /// The name(s) in a JSON-LD value; `people` skips organisations (an organisation named as
  /// author is the publisher, not a byline).
  private static func name(_ v: JSONValue, people: Bool = false) -> String? {
    switch v {
    case .string(let s): return s.isEmpty ? nil : s
    case .array(let items):
      let names = items.compactMap { name($0, people: people) }
      return names.isEmpty ? nil : names.joined(separator: ", ")
    case .object:
      if people, let type = v["@type"].flatMap(typeName), type.hasSuffix("Organization") {
        return nil
      }
      return v["name"]?.text
    default: return nil
    }
  }
}
