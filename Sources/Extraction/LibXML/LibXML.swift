@preconcurrency import CLibXML2

/// One-time libxml2 set-up (safe to call from several threads: `static let` runs once).
enum LibXML {
  static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  /// The bytes a libxml2 string points at, without copying.
  @inline(__always)
  static func buffer(_ p: UnsafePointer<xmlChar>?) -> UnsafeBufferPointer<UInt8> {
    guard let p else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p)))
  }

  /// A `String` copy of a libxml2 string.
  static func string(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    return String(decoding: buffer(p), as: UTF8.self)
  }

  /// The value of an attribute node (its text children, concatenated).
  static func attributeValue(_ attr: UnsafeMutablePointer<xmlAttr>) -> UnsafeBufferPointer<UInt8> {
    guard let child = attr.pointee.children else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    return buffer(child.pointee.content)
  }

  /// Concatenated text of a node's descendants, as a `String` (for small metadata nodes only).
  ///
  /// Unlike `xmlNodeGetContent`, entity references declared in the document's own DTD are
  /// expanded only up to ``maxEntityText`` bytes and ``maxVisits`` nodes in all, so a "billion
  /// laughs" or quadratic-blowup feed cannot make one call produce gigabytes.
  static func textContent(_ node: UnsafeMutablePointer<xmlNode>) -> String {
    var out: [UInt8] = []
    var budget = TextBudget()
    appendText(node, into: &out, budget: &budget, inEntity: false, depth: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// Most bytes entity expansion may add to one `textContent` result.
  static let maxEntityText = 1 << 20
  /// Most nodes one `textContent` call visits (expansion of empty entities costs visits, not bytes).
  static let maxVisits = 1 << 20

  struct TextBudget {
    var entityBytes = LibXML.maxEntityText
    var visits = LibXML.maxVisits
  }

  private static func appendText(
    _ node: UnsafeMutablePointer<xmlNode>, into out: inout [UInt8], budget: inout TextBudget, inEntity: Bool,
    depth: Int
  ) {
    guard budget.visits > 0, depth < 512 else { return }
    budget.visits -= 1
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      let text = buffer(node.pointee.content)
      if inEntity {
        let n = min(text.count, max(0, budget.entityBytes))
        budget.entityBytes -= n
        out.append(contentsOf: text.prefix(n))
      } else {
        out.append(contentsOf: text)
      }
    case XML_ENTITY_REF_NODE:
      // `children` is the entity's declaration; its children are the replacement text.
      guard budget.entityBytes > 0, let decl = node.pointee.children else { return }
      appendText(decl, into: &out, budget: &budget, inEntity: true, depth: depth + 1)
    case XML_ELEMENT_NODE, XML_ENTITY_DECL, XML_DOCUMENT_FRAG_NODE:
      var child = node.pointee.children
      while let c = child, budget.visits > 0 {
        appendText(c, into: &out, budget: &budget, inEntity: inEntity, depth: depth + 1)
        child = c.pointee.next
      }
    default:
      break
    }
  }
}
