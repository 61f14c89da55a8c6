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
  case inline, anchor, br, skip, time, meta, title, script, link, img, hr, strong

  /// Owns its own run of text: text inside it never merges with text outside it.
  var isBlock: Bool { rawValue <= Tag.menu.rawValue && self != .other }
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
  /// Text inside `<strong>`/`<b>` covers the whole block.
  var allBold: Bool
  /// Index of the element's path hint at creation.
  var pathHint: Int16

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
      "alert", "notice", "notification", "donate", "paywall", "more",
    ] { t[w] = -3 }
    for w in [
      "header", "meta", "byline", "author", "caption", "credit", "credits", "figure", "date",
      "timestamp", "tools", "utility", "aside", "bio", "profile", "avatar", "topbar", "top",
      "bottom", "links", "list", "card", "cards", "thumb", "thumbnail", "image", "photo", "video",
      "gallery", "headline", "title", "kicker", "label", "category", "categories", "side",
      "extra", "secondary", "complementary", "contentinfo", "search", "form",
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
    "recommend", "outbrain", "taboola", "navbar", "navigation", "widget", "mostread",
  ].map { Array($0.utf8) }

  /// Weight of one class/id/role attribute value (clamped to -6…6).
  static func weight(_ value: UnsafeBufferPointer<UInt8>) -> Int16 {
    var total: Int16 = 0
    var token = [UInt8]()
    token.reserveCapacity(32)
    func finish() {
      guard !token.isEmpty else { return }
      defer { token.removeAll(keepingCapacity: true) }
      if token.count > 40 { return }
      let key = String(decoding: token, as: UTF8.self)
      if let w = table[key] {
        total += w
        return
      }
      for stem in negativeStems where token.count > stem.count {
        if contains(token, stem) {
          total -= 3
          return
        }
      }
      if token.count > 7 && (contains(token, Array("article".utf8)) || contains(token, Array("content".utf8))) {
        total += 2
      }
    }
    for b in value {
      if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
        token.append(b)
      } else if b >= 0x41 && b <= 0x5A {
        token.append(b | 0x20)
      } else {
        finish()
      }
    }
    finish()
    return max(-6, min(6, total))
  }

  private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.count > hay.count { return false }
    var i = 0
    while i + needle.count <= hay.count {
      if hay[i] == needle[0] {
        var k = 1
        while k < needle.count && hay[i + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }
}
