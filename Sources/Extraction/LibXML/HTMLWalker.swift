@preconcurrency import CLibXML2

/// Walks a libxml2 HTML tree once, with raw pointers, and builds the `PageModel`.
///
/// Text is copied byte by byte into one buffer with whitespace collapsed; the per-block counts
/// the scorer needs (characters, link characters, words, sentence ends, commas) are taken on the
/// way, so no `String` is created for ordinary nodes.
struct HTMLWalker {
  var model = PageModel()

  // Current block.
  private var blockStart = 0
  private var chars: Int32 = 0
  private var linkChars: Int32 = 0
  private var boldChars: Int32 = 0
  private var words: Int32 = 0
  private var sentences: Int16 = 0
  private var commas: Int16 = 0
  private var pendingSpace = false

  // Context.
  private var owner: Int32 = -1
  private var ownerTag: Tag = .other
  private var ownerLevel: UInt8 = 0
  private var pathHint: Int16 = 0
  private var linkDepth = 0
  private var boldDepth = 0
  private var figureDepth = 0

  private var tagCache: [UnsafeRawPointer: Tag] = [:]
  private var hintCache: [Int: Int16] = [:]

  init() {
    model.text.reserveCapacity(1 << 16)
    model.blocks.reserveCapacity(512)
    model.elements.reserveCapacity(1024)
  }

  // MARK: - Tree walk

  mutating func walk(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
    guard depth < 400 else { return }
    let tag = tag(of: node)
    switch tag {
    case .skip, .img, .link: return
    case .script:
      if isJSONLD(node) { model.metadata.jsonLD.append(LibXML.textContent(node)) }
      return
    case .title:
      if model.metadata.title == nil { model.metadata.title = LibXML.textContent(node) }
      return
    case .meta:
      readMeta(node)
      return
    case .br:
      flush()
      return
    case .hr:
      flush()
      return
    default: break
    }

    // Attributes: hints, hidden markers, links, time stamps.
    var hint: Int16 = 0
    var isLink = false
    var isAuthor = false
    var hidden = false
    var attr = node.pointee.properties
    while let a = attr {
      let name = LibXML.buffer(a.pointee.name)
      let value = LibXML.attributeValue(a)
      switch name.count {
      case 2 where name[0] == 0x69 && name[1] == 0x64:  // id
        hint += weight(value)
        if containsFold(value, "author") || containsFold(value, "byline") { isAuthor = true }
      case 3 where equals(name, "rel"):
        if tag == .anchor && equalsFold(value, "author") { isAuthor = true }
        if tag == .link && equalsFold(value, "canonical") {}
      case 4 where equals(name, "href"):
        if tag == .anchor { isLink = true }
      case 4 where equals(name, "role"):
        hint += weight(value)
        if equalsFold(value, "main") || equalsFold(value, "article") { hint += 3 }
        if equalsFold(value, "navigation") || equalsFold(value, "banner") { hint -= 3 }
      case 5 where equals(name, "class"):
        hint += weight(value)
        if containsFold(value, "author") || containsFold(value, "byline") { isAuthor = true }
      case 5 where equals(name, "style"):
        if containsFold(value, "display:none") || containsFold(value, "display: none") {
          hidden = true
        }
      case 6 where equals(name, "hidden"):
        hidden = true
      case 8 where equals(name, "itemprop"):
        if equalsFold(value, "articlebody") { hint += 6 }
        if equalsFold(value, "author") { isAuthor = true }
      case 8 where equals(name, "datetime"):
        if tag == .time, value.count > 0 {
          model.metadata.times.append(
            (String(decoding: value, as: UTF8.self), model.blocks.count))
        }
      default: break
      }
      attr = a.pointee.next
    }
    if hidden { return }

    switch tag {
    case .nav: hint -= 4
    case .footer: hint -= 4
    case .aside: hint -= 3
    case .header: hint -= 1
    case .form: hint -= 1
    case .article: hint += 3
    case .main: hint += 2
    case .menu: hint -= 4
    default: break
    }

    let authorStartBlock = model.blocks.count
    if tag.isBlock {
      flush()
      let savedOwner = owner
      let savedTag = ownerTag
      let savedLevel = ownerLevel
      let savedHint = pathHint
      let level = tag == .heading ? headingLevel(node) : 0
      pathHint = max(-60, min(60, pathHint + hint))
      model.elements.append(
        Element(parent: owner, tag: tag, hint: hint, pathHint: pathHint, level: level))
      owner = Int32(model.elements.count - 1)
      ownerTag = tag
      ownerLevel = level
      let isFigure = tag == .figure || tag == .figcaption
      if isFigure { figureDepth += 1 }
      if level == 1 && model.metadata.firstH1Block == nil {
        model.metadata.firstH1Block = model.blocks.count
      }
      walkChildren(node, depth: depth)
      flush()
      if isFigure { figureDepth -= 1 }
      owner = savedOwner
      ownerTag = savedTag
      ownerLevel = savedLevel
      pathHint = savedHint
    } else {
      let bold = tag == .strong
      if isLink { linkDepth += 1 }
      if bold { boldDepth += 1 }
      walkChildren(node, depth: depth)
      if isLink { linkDepth -= 1 }
      if bold { boldDepth -= 1 }
    }
    if isAuthor { recordAuthor(from: authorStartBlock, node: node) }
  }

  private mutating func walkChildren(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
    var child = node.pointee.children
    while let c = child {
      switch c.pointee.type {
      case XML_ELEMENT_NODE: walk(c, depth: depth + 1)
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: appendText(c.pointee.content)
      default: break
      }
      child = c.pointee.next
    }
  }

  // MARK: - Text

  private mutating func appendText(_ content: UnsafeMutablePointer<xmlChar>?) {
    guard let content else { return }
    var p = content
    let inLink = linkDepth > 0
    let inBold = boldDepth > 0
    while true {
      let b = p.pointee
      if b == 0 { break }
      if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
        pendingSpace = true
        p += 1
        continue
      }
      if b == 0xC2 && p[1] == 0xA0 {
        pendingSpace = true
        p += 2
        continue
      }
      if b == 0xE2 && p[1] == 0x80 && (p[2] == 0x8B || p[2] == 0xAF || p[2] == 0x89) {
        // Zero-width, narrow no-break and thin spaces.
        if p[2] != 0x8B { pendingSpace = true }
        p += 3
        continue
      }
      let startOfWord = pendingSpace || model.text.count == blockStart
      if pendingSpace {
        if model.text.count > blockStart {
          if let last = model.text.last, last == 0x2E || last == 0x21 || last == 0x3F {
            sentences += 1
          }
          model.text.append(0x20)
        }
        pendingSpace = false
      }
      if startOfWord { words += 1 }
      model.text.append(b)
      if b & 0xC0 != 0x80 {
        chars += 1
        if inLink { linkChars += 1 }
        if inBold { boldChars += 1 }
      }
      if b == 0x2C {
        commas += 1
      } else if b == 0xE3 && p[1] == 0x80 && (p[2] == 0x82 || p[2] == 0x81) {
        if p[2] == 0x82 { sentences += 1 } else { commas += 1 }
      } else if b == 0xEF && p[1] == 0xBC && p[2] == 0x8C {
        commas += 1
      }
      p += 1
    }
  }

  /// Ends the current block (if it holds any text).
  mutating func flush() {
    pendingSpace = false
    if chars > 0 {
      if let last = model.text.last, last == 0x2E || last == 0x21 || last == 0x3F { sentences += 1 }
      model.blocks.append(
        Block(
          owner: owner, start: Int32(blockStart), end: Int32(model.text.count), chars: chars,
          linkChars: linkChars, words: words, sentences: sentences, commas: commas,
          tag: ownerTag, level: ownerLevel, inFigure: figureDepth > 0,
          allBold: boldChars * 10 >= chars * 9, pathHint: pathHint))
    } else {
      model.text.removeSubrange(blockStart...)
    }
    blockStart = model.text.count
    chars = 0
    linkChars = 0
    boldChars = 0
    words = 0
    sentences = 0
    commas = 0
  }

  // MARK: - Metadata

  private mutating func readMeta(_ node: UnsafeMutablePointer<xmlNode>) {
    var key: String?
    var content: String?
    var attr = node.pointee.properties
    while let a = attr {
      let name = LibXML.buffer(a.pointee.name)
      let value = LibXML.attributeValue(a)
      if equals(name, "name") || equals(name, "property") || equals(name, "itemprop") {
        if key == nil || equals(name, "property") {
          key = String(decoding: value, as: UTF8.self).lowercased()
        }
      } else if equals(name, "content") {
        content = String(decoding: value, as: UTF8.self)
      } else if equals(name, "charset") || equals(name, "http-equiv") {
        // Encoding was settled before parsing.
      }
      attr = a.pointee.next
    }
    if let key, let content, !content.isEmpty { model.metadata.meta.append((key, content)) }
  }

  private mutating func recordAuthor(from first: Int, node: UnsafeMutablePointer<xmlNode>) {
    guard model.metadata.authorNames.count < 8 else { return }
    var text = ""
    if first < model.blocks.count {
      for b in model.blocks[first...].prefix(3) {
        if !text.isEmpty { text += " " }
        text += model.string(of: b)
      }
    } else if chars > 0 {
      text = String(decoding: model.text[blockStart...], as: UTF8.self)
    }
    if !text.isEmpty && text.utf8.count < 120 { model.metadata.authorNames.append(text) }
  }

  private func isJSONLD(_ node: UnsafeMutablePointer<xmlNode>) -> Bool {
    var attr = node.pointee.properties
    while let a = attr {
      if equals(LibXML.buffer(a.pointee.name), "type") {
        return containsFold(LibXML.attributeValue(a), "ld+json")
      }
      attr = a.pointee.next
    }
    return false
  }

  // MARK: - Names

  private mutating func tag(of node: UnsafeMutablePointer<xmlNode>) -> Tag {
    guard let name = node.pointee.name else { return .inline }
    let key = UnsafeRawPointer(name)
    if let cached = tagCache[key] { return cached }
    let tag = Self.tags[LibXML.string(name).lowercased()] ?? .inline
    tagCache[key] = tag
    return tag
  }

  private func headingLevel(_ node: UnsafeMutablePointer<xmlNode>) -> UInt8 {
    guard let name = node.pointee.name, name[0] | 0x20 == 0x68 else { return 0 }
    return name[1] >= 0x31 && name[1] <= 0x36 ? name[1] - 0x30 : 0
  }

  private mutating func weight(_ value: UnsafeBufferPointer<UInt8>) -> Int16 {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(value))
    let key = hasher.finalize()
    if let cached = hintCache[key] { return cached }
    let w = ClassHints.weight(value)
    hintCache[key] = w
    return w
  }

  private static let tags: [String: Tag] = {
    var t: [String: Tag] = [
      "html": .html, "body": .body, "div": .div, "p": .p, "section": .section,
      "article": .article, "main": .main, "header": .header, "footer": .footer, "nav": .nav,
      "aside": .aside, "ul": .list, "ol": .list, "li": .li, "table": .table, "tbody": .table,
      "thead": .table, "tfoot": .table, "tr": .row, "td": .cell, "th": .cell,
      "caption": .figcaption, "blockquote": .blockquote, "pre": .pre, "figure": .figure,
      "figcaption": .figcaption, "form": .form, "fieldset": .form, "address": .address,
      "dl": .dl, "dt": .dt, "dd": .dd, "details": .details, "summary": .summary,
      "center": .center, "menu": .menu, "hgroup": .div, "dialog": .aside, "a": .anchor,
      "br": .br, "hr": .hr, "time": .time, "meta": .meta, "title": .title, "script": .script,
      "link": .link, "img": .img, "strong": .strong, "b": .strong, "head": .div,
    ]
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] { t[h] = .heading }
    for s in [
      "style", "noscript", "template", "svg", "iframe", "select", "button", "textarea",
      "option", "input", "canvas", "object", "embed", "math", "audio", "video", "map",
      "applet", "frameset", "frame", "source", "track", "param", "label",
    ] { t[s] = .skip }
    return t
  }()
}

// MARK: - Byte helpers

@inline(__always)
func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  guard bytes.count == ascii.utf8CodeUnitCount else { return false }
  let p = ascii.utf8Start
  for i in 0..<bytes.count where bytes[i] != p[i] { return false }
  return true
}

/// ASCII case-insensitive equality with a lowercase literal.
func equalsFold(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  guard bytes.count == ascii.utf8CodeUnitCount else { return false }
  let p = ascii.utf8Start
  for i in 0..<bytes.count {
    let b = bytes[i]
    if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != p[i] { return false }
  }
  return true
}

/// ASCII case-insensitive substring test with a lowercase literal.
func containsFold(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  let n = ascii.utf8CodeUnitCount
  guard n > 0, bytes.count >= n else { return false }
  let p = ascii.utf8Start
  var i = 0
  while i + n <= bytes.count {
    var k = 0
    while k < n {
      let b = bytes[i + k]
      if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != p[k] { break }
      k += 1
    }
    if k == n { return true }
    i += 1
  }
  return false
}
