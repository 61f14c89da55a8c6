/// HTML pages and HTML fragments (feed items, JSONL `html`) → title, metadata, paragraphs.
enum HTMLExtraction {
  /// The parsed and scored pieces of one page.
  struct Page {
    var metadata: PageMetadataReader.Result
    var paragraphs: [String]
  }

  /// Walks the page once (libxml2), reads its metadata and chooses its body.
  static func page(utf8: [UInt8], boilerplate: Set<UInt64> = []) -> Page {
    let model = HTMLDocument(utf8: utf8).model()
    return page(model: model, boilerplate: boilerplate)
  }

  static func page(model: PageModel, boilerplate: Set<UInt64> = []) -> Page {
    let metadata = PageMetadataReader(page: model).read()
    var scorer = ContentScorer(page: model)
    scorer.titles = metadata.titleKeys
    scorer.boilerplate = boilerplate
    let chosen = scorer.select()
    let paragraphs = chosen.map { model.string(of: model.blocks[$0]) }
    return Page(metadata: metadata, paragraphs: paragraphs)
  }

  /// Paragraphs of an HTML fragment that is all article (a feed item's content): everything but
  /// link-dense blocks, captions and wrapper lines.
  static func fragment(utf8: [UInt8], titleKeys: [[UInt8]] = []) -> [String] {
    let model = HTMLDocument(utf8: utf8).model()
    var scorer = ContentScorer(page: model)
    scorer.titles = titleKeys
    var out = [String]()
    for b in model.blocks {
      let bytes = model.bytes(of: b)
      if b.inFigure || ChromeFilter.isWrapperLine(bytes) { continue }
      if b.linkDensity > 0.5 && b.words < 12 { continue }
      if b.chars < 300 && !titleKeys.isEmpty && titleKeys.contains(TextCleanup.foldKey(bytes)) {
        continue
      }
      out.append(String(decoding: bytes, as: UTF8.self))
    }
    return out
  }

  /// Fingerprints of a page's blocks (for finding blocks a site repeats on every page).
  static func fingerprints(utf8: [UInt8]) -> [UInt64] {
    let model = HTMLDocument(utf8: utf8).model()
    return model.blocks.map { BlockFingerprint.of(model.bytes(of: $0)) }
  }
}

/// A 64-bit FNV-1a hash of a block's folded text: stable across runs and machines.
enum BlockFingerprint {
  static func of<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in TextCleanup.foldKey(bytes) {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }
}
