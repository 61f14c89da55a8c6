/// HTML pages and HTML fragments (feed items, JSONL `html`) → title, metadata, paragraphs.
enum HTMLExtraction {
  /// The parsed and scored pieces of one page.
  struct Page {
    var metadata: PageMetadataReader.Result
    var paragraphs: [String]
  }

  /// Walks the page once (libxml2), reads its metadata and chooses its body.
  static func page(utf8: [UInt8], boilerplate: Set<UInt64> = []) -> Page {
    let model = HTMLReader.model(utf8: HTMLPrefilter.strip(utf8))
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

  /// The scorer's decisions for every block of a page, one line each (for `blotter extract --explain`).
  static func explain(utf8: [UInt8]) -> String {
    let model = HTMLReader.model(utf8: HTMLPrefilter.strip(utf8))
    let metadata = PageMetadataReader(page: model).read()
    var scorer = ContentScorer(page: model)
    scorer.titles = metadata.titleKeys
    return scorer.explain()
  }

  /// Paragraphs of an HTML fragment that is all article (a feed item's content): everything but
  /// link-dense blocks, captions and wrapper lines.
  static func fragment(utf8: [UInt8], titleKeys: [[UInt8]] = []) -> [String] {
    let model = HTMLReader.model(utf8: HTMLPrefilter.strip(utf8))
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
    let model = HTMLReader.model(utf8: HTMLPrefilter.strip(utf8))
    return model.blocks.map { BlockFingerprint.of(model.bytes(of: $0)) }
  }
}

/// A 64-bit FNV-1a hash of a block's folded text: stable across runs and machines.
enum BlockFingerprint {
  static func of<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    // The same bytes `TextCleanup.foldKey` keeps, hashed on the fly.
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for var b in bytes {
      if b >= 0x41 && b <= 0x5A {
        b |= 0x20
      } else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80) {
        continue
      }
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }
}
