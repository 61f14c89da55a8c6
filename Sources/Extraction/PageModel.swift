/// What the HTML walker hands to the scorer: the page flattened into text blocks, the block-level
/// elements that own them (a tree by parent index), and the metadata found on the way.
///
/// Text lives in one UTF-8 buffer; blocks are byte ranges of it. No `String` is made for a
/// block until it is chosen for output.
struct PageModel {
  /// All block text, whitespace-normalised, blocks back to back.
  var text: [UInt8] = []
  var blocks: [Block] = []
  /// Block-level elements in document (pre-)order: a parent always comes before its children.
  var elements: [Element] = []
  var metadata = PageMetadata()

  /// The UTF-8 bytes of one block.
  func bytes(of block: Block) -> ArraySlice<UInt8> {
    text[Int(block.start)..<Int(block.end)]
  }

  /// One block's text as a `String`.
  func string(of block: Block) -> String {
    String(decoding: bytes(of: block), as: UTF8.self)
  }
}

/// The kinds of element the walker tells apart.
enum Tag: UInt8 {
  case other, html, body, div, p, section, article, main, header, footer, nav, aside, list,
    li, table, row, cell, heading, blockquote, pre, figure, figcaption, form, address, dl,
    dt, dd, details, summary, center, menu
  case inline, anchor, br, skip, time, meta, title, script, link, img, hr
  /// A form control (`input`, `button`, `select`, `textarea`): no text, but evidence that its
  /// block is a form (a newsletter sign-up, a search box, a comment form).
  case control

  /// Owns its own run of text: text inside it never merges with text outside it.
  var isBlock: Bool { rawValue <= Tag.menu.rawValue && self != .other && self != .cell }
}

/// A block-level element.
struct Element {
  var parent: Int32
  var tag: Tag
  /// Class/id/role evidence for this element alone (negative: chrome, positive: content).
  var hint: Int16
  /// Sum of `hint` over this element and its ancestors.
  var pathHint: Int16
  /// Heading level 1–6 for `h1`–`h6`, else 0.
  var level: UInt8
  /// This element or an ancestor is marked as chrome (own hint ≤ -3).
  var chrome: Bool
  /// A `<form>`, or the nearest block around a form control.
  var form: Bool = false
}

/// One run of text between block boundaries.
struct Block {
  var owner: Int32
  var start: Int32
  var end: Int32
  /// Characters that are not whitespace.
  var chars: Int32
  /// Characters inside `<a href>`.
  var linkChars: Int32
  var words: Int32
  /// Sentence ends (. ! ? and their full-width forms) followed by a space or the end.
  var sentences: Int16
  var commas: Int16
  var tag: Tag
  var level: UInt8
  /// Inside `<figure>`, `<figcaption>` or similar caption markup.
  var inFigure: Bool
  /// The owner's path hint.
  var pathHint: Int16
  /// The owner is inside chrome-marked markup (see `Element.chrome`).
  var chrome: Bool

  var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
}

/// Metadata gathered while walking the page.
struct PageMetadata {
  /// `<meta name|property|itemprop=… content=…>` pairs, keys lowercased, in page order.
  var meta: [(key: String, value: String)] = []
  var title: String?
  /// `<script type="application/ld+json">` bodies.
  var jsonLD: [String] = []
  /// `<time datetime>` values with the index of the next block.
  var times: [(value: String, block: Int)] = []
  /// Text of `rel=author` links and of byline-class elements.
  var authorNames: [String] = []
  var canonical: String?
  /// Index of the first `<h1>` block.
  var firstH1Block: Int?
  /// The `<html lang>` value ("en-US").
  var lang: String?
}

/// Reads class/id/role values as evidence, the way readability weighs class names: words such as
/// "comment", "footer", "share" count against a subtree, "article", "content", "story" for it.
/// It is soft evidence that the scorer adds to text density, never a verdict of its own.
enum ClassHints {
  private static let table: [String: Int16] = {
    var t = [String: Int16]()
    for w in [
      "comment", "comments", "disqus", "footer", "nav", "navbar", "navigation", "menu", "sidebar",
      "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "signup",
      "share", "sharing", "shares", "social", "related", "recommended", "recommendations",
      "trending", "popular", "mostread", "breadcrumb", "breadcrumbs", "promo", "advert",
      "advertisement", "ads", "ad", "sponsor", "sponsored", "outbrain", "taboola", "widget",
      "widgets", "banner", "masthead", "modal", "popup", "login", "pagination", "pager",
      "copyright", "skip", "hidden", "sr", "overlay", "tags", "tagged", "toolbar", "footnote",
      "rail", "teaser", "teasers", "carousel", "slider", "ticker", "combx", "shoutbox",
      "sitemap", "reply", "respond", "feedback", "rating", "print", "email", "facebook",
      "twitter", "whatsapp", "pinterest", "linkedin", "dropdown", "offcanvas", "drawer",
      "alert", "notice", "notification", "donate", "paywall", "caption", "credit",
      "credits", "gallery", "slideshow", "lightbox",
    ] { t[w] = -3 }
    for w in [
      "header", "meta", "byline", "author", "figure", "date",
      "timestamp", "tools", "utility", "aside", "bio", "profile", "avatar", "topbar", "top",
      "bottom", "links", "list", "card", "cards", "thumb", "thumbnail", "image", "photo", "video",
      "headline", "title", "kicker", "label", "category", "categories", "side",
      "extra", "secondary", "complementary", "contentinfo", "search", "form",
      // "more" names a teaser box ("more-stories") as often as the rest of a post after its
      // "read more" break (id="more", "asset-more"): weak evidence, not a chrome mark.
      "more",
    ] { t[w] = -1 }
    for w in [
      "article", "content", "entry", "post", "story", "body", "text", "main", "prose",
      "articlebody", "storybody", "postbody", "blog", "paragraph", "copy", "richtext",
    ] { t[w] = 2 }
    t["articlebody"] = 5
    return t
  }()

  private static let negativeStems: [[UInt8]] = [
    "comment", "share", "social", "related", "sidebar", "footer", "cookie", "consent",
    "newsletter", "promo", "advert", "sponsor", "breadcrumb", "subscribe", "trending", "popular",
    "recommend", "outbrain", "taboola", "navbar", "navigation", "widget", "mostread", "gallery",
    "caption", "slideshow", "lightbox",
  ].map { Array($0.utf8) }

  /// FNV-1a of a token, the key of `hashed`.
  @inline(__always)
  private static func fnv<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  private static let hashed: [UInt64: Int16] = {
    var t = [UInt64: Int16]()
    for (word, w) in table { t[fnv(word.utf8)] = w }
    return t
  }()

  /// Weight of one class/id/role attribute value (clamped to -6…6).
  static func weight(_ value: UnsafeBufferPointer<UInt8>) -> Int16 { evidence(value).weight }

  /// Weight of one class/id/role attribute value (clamped to -6…6), and whether it names an
  /// author or byline.
  ///
  /// The value is split into lowercase alphanumeric tokens ("story-body__text" → story, body,
  /// text); each token is looked up by its FNV-1a hash, and unknown long tokens are searched
  /// for chrome stems ("sharebar", "relatedposts"), indexed by first letter. No allocation.
  static func evidence(_ value: UnsafeBufferPointer<UInt8>) -> (weight: Int16, author: Bool) {
    var total: Int16 = 0
    var author = false
    var start = -1
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    let n = value.count
    var i = 0
    while i <= n {
      let b: UInt8 = i < n ? value[i] : 0x20
      let lower: UInt8 = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
      if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
        if start < 0 {
          start = i
          h = 0xcbf2_9ce4_8422_2325
        }
        h ^= UInt64(lower)
        h = h &* 0x100_0000_01b3
      } else if start >= 0 {
        let length = i - start
        if length <= 40 {
          if let w = hashed[h] {
            total += w
            if h == authorHash || h == bylineHash { author = true }
          } else if length > 5 {
            switch findStem(UnsafeBufferPointer(rebasing: value[start..<i])) {
            case .negative: total -= 3
            case .positive: total += 2
            case .author: author = true
            case .none: break
            }
          }
        }
        start = -1
      }
      i += 1
    }
    // "comment-author": a commenter's name, not the article's byline.
    if author && containsFold(value, "comment") { author = false }
    return (max(-6, min(6, total)), author)
  }

  private enum Stem { case none, negative, positive, author }

  private static let authorHash = fnv("author".utf8)
  private static let bylineHash = fnv("byline".utf8)

  /// Stems by their first letter: (stem, kind).
  private static let stemIndex: [[([UInt8], Stem)]] = {
    var index = [[([UInt8], Stem)]](repeating: [], count: 256)
    for stem in negativeStems { index[Int(stem[0])].append((stem, .negative)) }
    for word in ["article", "content"] {
      index[Int(word.utf8.first!)].append((Array(word.utf8), .positive))
    }
    for word in ["author", "byline"] {
      index[Int(word.utf8.first!)].append((Array(word.utf8), .author))
    }
    return index
  }()

  /// The first chrome, content or author stem inside a token (ASCII case-insensitive); chrome
  /// wins over the others.
  private static func findStem(_ token: UnsafeBufferPointer<UInt8>) -> Stem {
    let n = token.count
    var found = Stem.none
    for i in 0..<n {
      let b = token[i]
      let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
      for (stem, kind) in stemIndex[Int(lower)]
      where i + stem.count <= n && (kind != .positive || n > 7) {
        var k = 1
        while k < stem.count {
          let c = token[i + k]
          if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != stem[k] { break }
          k += 1
        }
        if k == stem.count {
          if kind == .negative { return .negative }
          if found == .none { found = kind }
        }
      }
    }
    return found
  }
}
