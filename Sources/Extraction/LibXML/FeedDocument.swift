@preconcurrency import CLibXML2

/// One RSS item or Atom entry as written in the feed, before any HTML in it is extracted.
struct FeedEntry {
  var title = ""
  var link: String?
  var guid: String?
  var date: String?
  var author: String?
  /// The richest body the entry has: `content:encoded`, Atom `content`, else
  /// `description`/`summary`.
  var body = ""
  /// True when `body` is HTML (RSS descriptions are HTML by convention; Atom says so in `type`).
  var bodyIsHTML = true
}

/// A parsed feed: its title and entries.
struct FeedContent {
  var title: String?
  var entries: [FeedEntry] = []
}

/// Owns one libxml2 XML document parsed from a feed.
///
/// Parsed with `XML_PARSE_NONET` (no network), without `XML_PARSE_NOENT` (entities are not
/// substituted, so external entities are never loaded), without DTD loading or validation, and
/// without `XML_PARSE_HUGE` (libxml2's default size and depth limits hold).
struct FeedDocument: ~Copyable {
  let doc: xmlDocPtr?
  let failure: String?

  init(utf8 bytes: [UInt8]) {
    _ = LibXML.initialized
    let options =
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_NOCDATA.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_COMPACT.rawValue
      | XML_PARSE_IGNORE_ENC.rawValue
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(options))
      }
    }
    doc = parsed
    if parsed == nil {
      let message = xmlGetLastError().flatMap { e in e.pointee.message.map { String(cString: $0) } }
      failure = message.map(TextCleanup.normalizeWhitespace) ?? "not well-formed XML"
    } else {
      failure = nil
    }
  }

  deinit {
    if let doc { xmlFreeDoc(doc) }
  }

  /// The root element's local name ("rss", "feed", "RDF"), if any.
  var rootName: String? {
    guard let doc, let root = xmlDocGetRootElement(doc) else { return nil }
    return LibXML.string(root.pointee.name)
  }

  /// Reads the channel/feed title and every item/entry.
  func content() -> FeedContent {
    var out = FeedContent()
    guard let doc, let root = xmlDocGetRootElement(doc) else { return out }
    collect(root, into: &out, depth: 0)
    return out
  }

  private func collect(
    _ node: UnsafeMutablePointer<xmlNode>, into out: inout FeedContent, depth: Int
  ) {
    guard depth < 16 else { return }
    var child = node.pointee.children
    while let c = child {
      defer { child = c.pointee.next }
      guard c.pointee.type == XML_ELEMENT_NODE else { continue }
      let name = LibXML.buffer(c.pointee.name)
      if equals(name, "item") || equals(name, "entry") {
        out.entries.append(entry(c))
      } else if equals(name, "title") && out.title == nil {
        out.title = TextCleanup.normalizeWhitespace(LibXML.textContent(c))
      } else if equals(name, "channel") {
        collect(c, into: &out, depth: depth + 1)
      }
    }
  }

  private func entry(_ node: UnsafeMutablePointer<xmlNode>) -> FeedEntry {
    var e = FeedEntry()
    var richBody: (String, Bool)?
    var plainBody: (String, Bool)?
    var published: String?
    var updated: String?
    var child = node.pointee.children
    while let c = child {
      defer { child = c.pointee.next }
      guard c.pointee.type == XML_ELEMENT_NODE else { continue }
      let name = LibXML.buffer(c.pointee.name)
      let prefix = LibXML.buffer(c.pointee.ns?.pointee.prefix)
      switch name.count {
      case 2 where equals(name, "id"):
        e.guid = LibXML.textContent(c).trimmingSpaces()
      case 4 where equals(name, "guid"):
        e.guid = LibXML.textContent(c).trimmingSpaces()
      case 4 where equals(name, "link"):
        let href = attribute(c, "href")
        let rel = attribute(c, "rel")
        if let href, rel == nil || rel == "alternate" {
          if e.link == nil || rel == "alternate" { e.link = href }
        } else if href == nil, e.link == nil {
          e.link = LibXML.textContent(c).trimmingSpaces()
        }
      case 4 where equals(name, "date"):
        if published == nil { published = LibXML.textContent(c) }
      case 5 where equals(name, "title"):
        e.title = TextCleanup.normalizeWhitespace(LibXML.textContent(c))
      case 6 where equals(name, "author"):
        if let n = firstChild(c, "name") {
          e.author = LibXML.textContent(n)
        } else {
          e.author = LibXML.textContent(c)
        }
      case 7 where equals(name, "creator"):
        e.author = LibXML.textContent(c)
      case 7 where equals(name, "pubDate"):
        published = LibXML.textContent(c)
      case 7 where equals(name, "content"):
        richBody = body(c)
      case 7 where equals(name, "encoded"):
        if prefix.count == 0 || equals(prefix, "content") {
          richBody = (LibXML.textContent(c), true)
        }
      case 7 where equals(name, "summary"):
        plainBody = body(c)
      case 7 where equals(name, "updated"):
        updated = LibXML.textContent(c)
      case 9 where equals(name, "published"):
        published = LibXML.textContent(c)
      case 11 where equals(name, "description"):
        plainBody = (LibXML.textContent(c), true)
      default: break
      }
    }
    e.date = published ?? updated
    if let (text, html) = richBody ?? plainBody {
      e.body = text
      e.bodyIsHTML = html
    }
    return e
  }

  /// An Atom text construct: HTML for `type="html"`, serialised markup for `type="xhtml"`,
  /// plain text otherwise.
  private func body(_ node: UnsafeMutablePointer<xmlNode>) -> (String, Bool) {
    let type = attribute(node, "type")?.lowercased() ?? "text"
    if type == "xhtml" || type.hasSuffix("xhtml+xml") {
      guard let buffer = xmlBufferCreate() else { return ("", true) }
      defer { xmlBufferFree(buffer) }
      var child = node.pointee.children
      while let c = child {
        xmlNodeDump(buffer, doc, c, 0, 0)
        child = c.pointee.next
      }
      return (LibXML.string(xmlBufferContent(buffer)), true)
    }
    return (LibXML.textContent(node), type == "html" || type.hasSuffix("/html"))
  }

  private func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> String? {
    guard let value = xmlGetProp(node, name) else { return nil }
    defer { xmlFree(value) }
    return LibXML.string(value)
  }

  private func firstChild(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString)
    -> UnsafeMutablePointer<xmlNode>?
  {
    var child = node.pointee.children
    while let c = child {
      if c.pointee.type == XML_ELEMENT_NODE && equals(LibXML.buffer(c.pointee.name), name) {
        return c
      }
      child = c.pointee.next
    }
    return nil
  }
}
