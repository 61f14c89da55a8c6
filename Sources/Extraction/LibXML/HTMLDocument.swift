@preconcurrency import CLibXML2

/// Owns one libxml2 HTML document for the length of a walk; freed when it goes away.
struct HTMLDocument: ~Copyable {
  let doc: htmlDocPtr?

  /// Parses UTF-8 HTML. libxml2's HTML parser recovers from anything, never touches the network,
  /// and is told the encoding so that a `<meta charset>` cannot switch it mid-stream (the bytes
  /// were already converted to UTF-8).
  init(utf8 bytes: [UInt8]) {
    _ = LibXML.initialized
    let options =
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    doc = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(options))
      }
    }
  }

  deinit {
    if let doc { xmlFreeDoc(doc) }
  }

  /// Flattens the document into blocks and metadata.
  func model() -> PageModel {
    var walker = HTMLWalker()
    if let doc, let root = xmlDocGetRootElement(doc) {
      walker.walk(root, depth: 0)
    }
    walker.flush()
    return walker.model
  }
}
