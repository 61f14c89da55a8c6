@preconcurrency import CLibXML2

/// Reads an HTML page with libxml2's SAX interface and builds the `PageModel` from its events.
///
/// No libxml2 tree is built: the parser reports start tags (with their attributes), end tags
/// and character data, and the reader turns them into text blocks as they come. That saves the
/// node, text and attribute allocations of a DOM and the walk to free it — on real news pages
/// most of libxml2's time. libxml2 still does all the HTML repair work (implied and
/// auto-closed elements arrive as balanced start/end events), and is told the input is UTF-8
/// (the bytes were converted before), never touches the network, and keeps its default limits.
struct HTMLReader {
  private(set) var model = PageModel()

  // Current block.
  private var blockStart = 0
  private var chars: Int32 = 0
  private var linkChars: Int32 = 0
  private var words: Int32 = 0
  private var sentences: Int16 = 0
  private var commas: Int16 = 0
  private var pendingSpace = false
  private var lastBreak = -1

  // Context.
  private var owner: Int32 = -1
  private var ownerTag: Tag = .other
  private var ownerLevel: UInt8 = 0
  private var pathHint: Int16 = 0
  private var chrome = false
  private var linkDepth = 0
  private var figureDepth = 0
  /// Inside an element whose content is ignored (script, style, form controls, hidden…).
  private var skipDepth = 0
  /// Collecting the text of `<title>` or a JSON-LD script.
  private var capture: Capture = .none
  private var captured: [UInt8] = []

  private enum Capture { case none, title, jsonLD }

  /// What an end tag must restore.
  private struct Frame {
    var tag: Tag
    var isBlock = false
    var isLink = false
    var isFigure = false
    var isAuthor = false
    var authorStartBlock = 0
    /// Where the element's text starts in `model.text` (an inline author link's own words).
    var authorStartText = 0
    var owner: Int32 = -1
    var ownerTag: Tag = .other
    var ownerLevel: UInt8 = 0
    var pathHint: Int16 = 0
    var chrome = false
  }
  private var frames: [Frame] = []
  /// The parser, so a callback can stop it (see `maxDepth`).
  private var parser: htmlParserCtxtPtr?

  /// Elements open at once past which the parse stops (what was read so far is kept). libxml2
  /// looks up every end tag in its stack of open elements, so unclosed tags followed by end tags
  /// that match none cost depth × tags: quadratic without a bound. Real pages nest well under
  /// a hundred deep.
  static let maxDepth = 1024

  /// Tag names are interned in the parser's dictionary, so one pointer means one name: a small
  /// direct-mapped cache by address avoids hashing names.
  private var tagCacheKeys = [UInt](repeating: 0, count: 512)
  private var tagCacheValues = [Tag](repeating: .inline, count: 512)
  private var hintCache: [Int: (weight: Int16, author: Bool)] = [:]

  private init(_ unused: Void = ()) {
    model.text.reserveCapacity(1 << 16)
    model.blocks.reserveCapacity(512)
    model.elements.reserveCapacity(1024)
    frames.reserveCapacity(64)
  }

  /// Parses UTF-8 HTML into a page model.
  static func model(utf8 bytes: [UInt8]) -> PageModel {
    _ = LibXML.initialized
    // The reader lives behind a raw pointer for the parse: the callbacks reach it without
    // reference counting or dynamic exclusivity checks (one check per event would be most of
    // the cost of a class here).
    let reader = UnsafeMutablePointer<HTMLReader>.allocate(capacity: 1)
    reader.initialize(to: HTMLReader())
    defer {
      reader.deinitialize(count: 1)
      reader.deallocate()
    }
    guard !bytes.isEmpty else { return reader.pointee.model }
    var sax = htmlSAXHandler()
    sax.initialized = 1
    sax.startElement = { ctx, name, attributes in
      guard let ctx, let name else { return }
      let reader = ctx.assumingMemoryBound(to: HTMLReader.self)
      reader.pointee.start(name, attributes)
      if reader.pointee.frames.count > HTMLReader.maxDepth, let parser = reader.pointee.parser {
        xmlStopParser(parser)
      }
    }
    sax.endElement = { ctx, _ in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: HTMLReader.self).pointee.end()
    }
    let characters: charactersSAXFunc = { ctx, text, length in
      guard let ctx, let text, length > 0 else { return }
      ctx.assumingMemoryBound(to: HTMLReader.self).pointee.characters(text, Int(length))
    }
    sax.characters = characters
    sax.ignorableWhitespace = characters
    sax.cdataBlock = characters
    let options =
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard
          let ctxt = htmlCreatePushParserCtxt(
            &sax, UnsafeMutableRawPointer(reader), nil, 0, nil, XML_CHAR_ENCODING_UTF8)
        else { return }
        defer { htmlFreeParserCtxt(ctxt) }
        reader.pointee.parser = ctxt
        _ = htmlCtxtUseOptions(ctxt, Int32(options))
        _ = htmlParseChunk(ctxt, chars.baseAddress, Int32(chars.count), 1)
      }
    }
    reader.pointee.flush()
    return reader.pointee.model
  }

  // MARK: - Events

  private mutating func start(
    _ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    let tag = tag(of: name)
    var frame = Frame(tag: tag)
    defer { frames.append(frame) }
    if skipDepth > 0 {
      skipDepth += 1
      return
    }
    switch tag {
    case .skip, .img, .link:
      skipDepth = 1
      return
    case .control:
      if owner >= 0 { model.elements[Int(owner)].form = true }
      skipDepth = 1
      return
    case .script:
      if attribute(attributes, "type").map({ containsFold($0, "ld+json") }) == true {
        capture = .jsonLD
        captured.removeAll(keepingCapacity: true)
      }
      skipDepth = 1
      return
    case .title:
      if model.metadata.title == nil {
        capture = .title
        captured.removeAll(keepingCapacity: true)
      }
      skipDepth = 1
      return
    case .meta:
      readMeta(attributes)
      return
    case .br:
      // One <br> is a line break inside a paragraph; two in a row end the paragraph.
      if lastBreak == model.text.count {
        flush()
      } else {
        pendingSpace = true
        lastBreak = model.text.count
      }
      return
    case .hr:
      flush()
      return
    case .cell:
      // Cells are read as a row: one block per <tr>, cells separated by a space. A layout
      // table is no data table, though: after a cell of line breaks (a story set with <br>,
      // a column of navigation links one per line) the next cell starts a block of its own.
      if chars > 0 && lastBreak > blockStart { flush() }
      pendingSpace = true
    default: break
    }

    // Attributes: hints, hidden markers, links, time stamps.
    var hint: Int16 = 0
    var isAuthor = false
    if var a = attributes {
      while let n = a.pointee {
        let value = a[1]
        let nameBytes = LibXML.buffer(n)
        let valueBytes = LibXML.buffer(value)
        switch nameBytes.count {
        case 1 where nameBytes[0] == 0x68:  // h="-3": class/id/role evidence from the prefilter
          hint += Int16(String(decoding: valueBytes, as: UTF8.self)) ?? 0
        case 2 where nameBytes[0] == 0x61 && nameBytes[1] == 0x75:  // au: names an author
          isAuthor = true
        case 2 where equals(nameBytes, "id"), 5 where equals(nameBytes, "class"):
          let h = hints(valueBytes)
          hint += h.weight
          if h.author { isAuthor = true }
        case 3 where equals(nameBytes, "rel"):
          if tag == .anchor && equalsFold(valueBytes, "author") { isAuthor = true }
        case 4 where tag == .html && equals(nameBytes, "lang"):
          if model.metadata.lang == nil {
            model.metadata.lang = String(decoding: valueBytes, as: UTF8.self)
          }
        case 4 where equals(nameBytes, "href"):
          if tag == .anchor { frame.isLink = true }
        case 4 where equals(nameBytes, "role"):
          hint += hints(valueBytes).weight
          if equalsFold(valueBytes, "main") || equalsFold(valueBytes, "article") { hint += 3 }
          if equalsFold(valueBytes, "navigation") || equalsFold(valueBytes, "banner") { hint -= 3 }
        case 5 where equals(nameBytes, "style"):
          if containsFold(valueBytes, "display:none") || containsFold(valueBytes, "display: none") {
            skipDepth = 1
            return
          }
        case 6 where equals(nameBytes, "hidden"):
          skipDepth = 1
          return
        case 8 where equals(nameBytes, "itemprop"):
          if equalsFold(valueBytes, "articlebody") { hint += 6 }
          if equalsFold(valueBytes, "author") { isAuthor = true }
        case 8 where equals(nameBytes, "datetime"):
          if tag == .time, valueBytes.count > 0 {
            model.metadata.times.append(
              (String(decoding: valueBytes, as: UTF8.self), model.blocks.count))
          }
        default: break
        }
        a += 2
      }
    }

    switch tag {
    case .html, .body: hint = 0  // page-type classes ("has-sidebar"), not evidence about a subtree
    case .nav: hint -= 4
    case .footer: hint -= 4
    case .aside: hint -= 3
    case .header: hint -= 1
    case .form: hint -= 1
    case .article: hint += 3
    case .main: hint += 2
    case .menu: hint -= 4
    case .blockquote: hint = max(hint, 0)  // a quotation or an embedded post is content
    default: break
    }

    frame.isAuthor = isAuthor
    frame.authorStartBlock = model.blocks.count
    frame.authorStartText = model.text.count
    if frame.isLink { linkDepth += 1 }
    guard tag.isBlock else { return }
    flush()
    frame.isBlock = true
    frame.owner = owner
    frame.ownerTag = ownerTag
    frame.ownerLevel = ownerLevel
    frame.pathHint = pathHint
    frame.chrome = chrome
    let level = tag == .heading ? headingLevel(name) : 0
    pathHint = max(-60, min(60, pathHint + hint))
    // Strong content evidence (itemprop=articleBody, "story-body", "entry-content") inside a
    // chrome-marked box (a share wrapper, an unclosed ad slot) starts a content subtree again.
    chrome = (chrome || hint <= -3) && hint < 4
    model.elements.append(
      Element(parent: owner, tag: tag, hint: hint, pathHint: pathHint, level: level, chrome: chrome)
    )
    owner = Int32(model.elements.count - 1)
    if tag == .form { model.elements[Int(owner)].form = true }
    ownerTag = tag
    ownerLevel = level
    if tag == .figure || tag == .figcaption {
      frame.isFigure = true
      figureDepth += 1
    }
    if level == 1 && model.metadata.firstH1Block == nil {
      model.metadata.firstH1Block = model.blocks.count
    }
  }

  private mutating func end() {
    guard let frame = frames.popLast() else { return }
    if skipDepth > 0 {
      skipDepth -= 1
      if skipDepth == 0 && capture != .none {
        let text = String(decoding: captured, as: UTF8.self)
        if capture == .title {
          model.metadata.title = text
        } else {
          model.metadata.jsonLD.append(text)
        }
        capture = .none
      }
      return
    }
    if frame.isLink { linkDepth -= 1 }
    if frame.isBlock {
      flush()
      if frame.isFigure { figureDepth -= 1 }
      owner = frame.owner
      ownerTag = frame.ownerTag
      ownerLevel = frame.ownerLevel
      pathHint = frame.pathHint
      chrome = frame.chrome
    }
    if frame.isAuthor { recordAuthor(from: frame.authorStartBlock, text: frame.authorStartText) }
  }

  private mutating func characters(_ text: UnsafePointer<xmlChar>, _ length: Int) {
    if skipDepth > 0 {
      if capture != .none && captured.count < 1 << 20 {
        captured.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
      }
      return
    }
    appendText(text, length)
  }

  // MARK: - Text

  private mutating func appendText(_ text: UnsafePointer<xmlChar>, _ length: Int) {
    let inLink = linkDepth > 0
    var i = 0
    while i < length {
      let b = text[i]
      if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
        pendingSpace = true
        i += 1
        continue
      }
      if b == 0xC2 && i + 1 < length && text[i + 1] == 0xA0 {
        pendingSpace = true
        i += 2
        continue
      }
      if b == 0xE2 && i + 2 < length && text[i + 1] == 0x80
        && (text[i + 2] == 0x8B || text[i + 2] == 0xAF || text[i + 2] == 0x89)
      {
        // Zero-width, narrow no-break and thin spaces.
        if text[i + 2] != 0x8B { pendingSpace = true }
        i += 3
        continue
      }
      // A word: up to the next space-like byte; appended in one go.
      if pendingSpace || model.text.count == blockStart {
        if pendingSpace && model.text.count > blockStart {
          if let last = model.text.last, last == 0x2E || last == 0x21 || last == 0x3F {
            sentences += 1
          }
          model.text.append(0x20)
        }
        pendingSpace = false
        words += 1
      }
      let wordStart = i
      var count: Int32 = 0
      while i < length {
        let c = text[i]
        if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { break }
        if c == 0xC2 && i + 1 < length && text[i + 1] == 0xA0 { break }
        if c == 0xE2 && i + 2 < length && text[i + 1] == 0x80
          && (text[i + 2] == 0x8B || text[i + 2] == 0xAF || text[i + 2] == 0x89)
        {
          break
        }
        if c & 0xC0 != 0x80 { count += 1 }
        if c == 0x2C {
          commas += 1
        } else if c == 0xE3 && i + 2 < length && text[i + 1] == 0x80
          && (text[i + 2] == 0x82 || text[i + 2] == 0x81)
        {
          if text[i + 2] == 0x82 { sentences += 1 } else { commas += 1 }
        } else if c == 0xEF && i + 2 < length && text[i + 1] == 0xBC && text[i + 2] == 0x8C {
          commas += 1
        }
        i += 1
      }
      model.text.append(
        contentsOf: UnsafeBufferPointer(start: text + wordStart, count: i - wordStart))
      chars += count
      if inLink { linkChars += count }
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
          tag: ownerTag, level: ownerLevel, inFigure: figureDepth > 0, pathHint: pathHint,
          chrome: chrome))
    } else {
      model.text.removeSubrange(blockStart...)
    }
    blockStart = model.text.count
    chars = 0
    linkChars = 0
    words = 0
    sentences = 0
    commas = 0
  }

  // MARK: - Metadata

  private mutating func readMeta(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard var a = attributes else { return }
    var key: String?
    var content: String?
    while let n = a.pointee {
      let name = LibXML.buffer(n)
      let value = LibXML.buffer(a[1])
      if equals(name, "name") || equals(name, "property") || equals(name, "itemprop") {
        if key == nil || equals(name, "property") {
          key = String(decoding: value, as: UTF8.self).lowercased()
        }
      } else if equals(name, "content") {
        content = String(decoding: value, as: UTF8.self)
      }
      a += 2
    }
    if let key, let content, !content.isEmpty { model.metadata.meta.append((key, content)) }
  }

  /// Records the text of an author-marked element: its blocks, or (an inline element inside a
  /// block) its own words, not the words before it ("Hello, <a rel=author>…</a>").
  private mutating func recordAuthor(from first: Int, text startText: Int) {
    guard model.metadata.authorNames.count < 8 else { return }
    var text = ""
    if first < model.blocks.count {
      for b in model.blocks[first...].prefix(3) {
        if !text.isEmpty { text += " " }
        text += model.string(of: b)
      }
    } else if chars > 0 {
      let from = min(model.text.count, max(blockStart, startText))
      text = String(decoding: model.text[from...], as: UTF8.self).trimmingSpaces()
    }
    if !text.isEmpty && text.utf8.count < 120 { model.metadata.authorNames.append(text) }
  }

  private func attribute(
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ wanted: StaticString
  )
    -> UnsafeBufferPointer<UInt8>?
  {
    guard var a = attributes else { return nil }
    while let n = a.pointee {
      if equals(LibXML.buffer(n), wanted) { return LibXML.buffer(a[1]) }
      a += 2
    }
    return nil
  }

  // MARK: - Names

  private mutating func tag(of name: UnsafePointer<xmlChar>) -> Tag {
    let key = UInt(bitPattern: name)
    let slot = Int((key >> 3 ^ key >> 12) & 511)
    if tagCacheKeys[slot] == key { return tagCacheValues[slot] }
    let tag = Self.tags[LibXML.string(name).lowercased()] ?? .inline
    tagCacheKeys[slot] = key
    tagCacheValues[slot] = tag
    return tag
  }

  private func headingLevel(_ name: UnsafePointer<xmlChar>) -> UInt8 {
    guard name[0] | 0x20 == 0x68 else { return 0 }
    return name[1] >= 0x31 && name[1] <= 0x36 ? name[1] - 0x30 : 0
  }

  /// Class/id evidence and whether the value names an author or byline, cached per value.
  private mutating func hints(_ value: UnsafeBufferPointer<UInt8>) -> (weight: Int16, author: Bool)
  {
    guard value.count > 0 else { return (0, false) }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in value {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    let key = Int(truncatingIfNeeded: h)
    if let cached = hintCache[key] { return cached }
    let result = ClassHints.evidence(value)
    hintCache[key] = result
    return result
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
      "link": .link, "img": .img, "head": .div,
    ]
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] { t[h] = .heading }
    for s in [
      "style", "noscript", "template", "svg", "iframe",
      "option", "canvas", "object", "embed", "math", "audio", "video", "map",
      "applet", "frameset", "frame", "source", "track", "param", "label",
    ] { t[s] = .skip }
    for c in ["input", "button", "select", "textarea"] { t[c] = .control }
    return t
  }()
}
