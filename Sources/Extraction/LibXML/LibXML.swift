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
    guard let child = attr.pointee.children else { return UnsafeBufferPointer(start: nil, count: 0) }
    return buffer(child.pointee.content)
  }

  /// Concatenated text of a node's descendants, as a `String` (for small metadata nodes only).
  static func textContent(_ node: UnsafeMutablePointer<xmlNode>) -> String {
    guard let content = xmlNodeGetContent(node) else { return "" }
    defer { xmlFree(content) }
    return String(decoding: buffer(content), as: UTF8.self)
  }
}
