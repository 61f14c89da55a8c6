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
    var title = og ?? h1 ?? titleTag
    if title.isEmpty { title = titleTag }
    let (stripped, suffix) = stripSiteSuffix(title, site: r.source)
    title = stripped
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

    // Date.
    if let raw = meta([
      "article:published_time", "datepublished", "og:published_time", "published_time",
      "article.published", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
      "dcterms.issued", "pubdate", "publishdate", "publish-date", "publish_date", "sailthru.date",
      "parsely-pub-date", "citation_publication_date", "originalpublicationdate",
      "cxenseparse:recs:publishtime",
    ]), let d = DateParsing.normalize(raw) {
      r.date = d
    } else if let raw = ld.datePublished, let d = DateParsing.normalize(raw) {
      r.date = d
    } else if let t = page.metadata.times.first, let d = DateParsing.normalize(t.value) {
      r.date = d
    } else if let d = dateNearHeadline() {
      r.date = d
    } else if let raw = meta(["article:modified_time", "datemodified", "og:updated_time"])
      ?? ld.dateModified,
      let d = DateParsing.normalize(raw)
    {
      r.date = d
    }

    // Byline.
    var byline: String?
    if let a = meta([
      "author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator",
    ]) {
      byline = TextCleanup.cleanByline(a)
    }
    if byline == nil, let a = ld.author { byline = TextCleanup.cleanByline(a) }
    if byline == nil { byline = bylineNearHeadline() }
    if byline == nil {
      for a in page.metadata.authorNames {
        if let c = TextCleanup.cleanByline(a) {
          byline = c
          break
        }
      }
    }
    r.byline = byline
    r.url = meta(["og:url", "twitter:url"]) ?? ld.url
    return r
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
  private var headlineNeighbourhood: ArraySlice<Block> {
    let start = page.metadata.firstH1Block ?? 0
    let lower = max(0, start - 3)
    let upper = min(page.blocks.count, start + 12)
    return lower < upper ? page.blocks[lower..<upper] : []
  }

  private func dateNearHeadline() -> String? {
    for b in headlineNeighbourhood where b.words <= 20 {
      if let d = DateParsing.findDate(in: page.string(of: b)) { return d }
    }
    return nil
  }

  private func bylineNearHeadline() -> String? {
    for b in headlineNeighbourhood where b.words <= 15 {
      let bytes = page.bytes(of: b)
      if TextCleanup.startsWithBy(bytes) {
        return TextCleanup.cleanByline(String(decoding: bytes, as: UTF8.self))
      }
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
        if author == nil, let a = v["author"] { author = Self.name(a) }
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

  private static func name(_ v: JSONValue) -> String? {
    switch v {
    case .string(let s): return s.isEmpty ? nil : s
    case .array(let items):
      let names = items.compactMap(name)
      return names.isEmpty ? nil : names.joined(separator: ", ")
    case .object: return v["name"]?.text
    default: return nil
    }
  }
}
