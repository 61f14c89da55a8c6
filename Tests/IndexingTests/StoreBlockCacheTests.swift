import Analysis
import Foundation
import Synchronization
import Testing

@testable import Indexing

/// The cache of decompressed store blocks: its byte bound, CLOCK's second chance, the bytes it
/// answers with after evictions, and many threads reading one segment through it.
@Suite struct StoreBlockCacheTests {
  let analyzer = Analyzer()

  private func block(_ byte: UInt8, _ count: Int, first: UInt32 = 0) -> StoreBlockCache.Block {
    StoreBlockCache.Block(raw: [UInt8](repeating: byte, count: count), first: first)
  }

  @Test func holdsNoMoreThanItsCapacity() {
    let cache = StoreBlockCache(capacityBytes: 1000)
    for b in 0..<50 {
      cache.insert(.init(owner: 1, block: b), block(UInt8(b), 300))
      #expect(cache.usage.bytes <= 1000)
    }
    #expect(cache.usage.blocks == 3)
    // The three newest are held, with their own bytes; the rest were evicted.
    for b in 47..<50 {
      #expect(cache.block(.init(owner: 1, block: b))?.raw == [UInt8](repeating: UInt8(b), count: 300))
    }
    #expect(cache.block(.init(owner: 1, block: 0)) == nil)
    // The same block number of another reader is another entry.
    #expect(cache.block(.init(owner: 2, block: 49)) == nil)
    // A block bigger than the whole cache is not held and evicts nothing.
    cache.insert(.init(owner: 1, block: 99), block(9, 1001))
    #expect(cache.block(.init(owner: 1, block: 99)) == nil)
    #expect(cache.usage.blocks == 3)
  }

  @Test func aBlockReadAgainSurvivesTheNextEviction() {
    let cache = StoreBlockCache(capacityBytes: 300)
    for b in 0..<3 { cache.insert(.init(owner: 1, block: b), block(UInt8(b), 100)) }
    _ = cache.block(.init(owner: 1, block: 0))
    cache.insert(.init(owner: 1, block: 3), block(3, 100))
    #expect(cache.block(.init(owner: 1, block: 0)) != nil)
    #expect(cache.block(.init(owner: 1, block: 1)) == nil)
    #expect(cache.usage.bytes == 300)
  }

  /// An index of 400 documents of ~1 KB (about 25 store blocks), its expected texts by doc id.
  private func buildIndex(_ path: String) throws -> [String] {
    let w = try IndexWriter(path: path)
    var texts: [String] = []
    for i in 0..<400 {
      let body = (0..<60).map { "word\(($0 * 7 + i) % 97) n\(i)" }.joined(separator: " ")
      texts.append(body)
      _ = try w.add(makeDoc(analyzer, id: "d\(i)", title: "Title \(i)", body: body))
    }
    try w.commit()
    return texts
  }

  @Test func aSmallCacheAnswersEveryDocumentWithItsOwnBytes() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let texts = try buildIndex(path)
    let r = try IndexReader.open(path: path)
    let info = try #require(r.manifest.segments.first)
    #expect(r.manifest.segments.count == 1)
    // Room for about two 16 KiB blocks, so reading in a scattered order evicts all the time.
    let cache = StoreBlockCache(capacityBytes: 40 * 1024)
    let cached = try SegmentReader(storage: r.storage, info: info, blockCache: cache)
    let plain = try SegmentReader(storage: r.storage, info: info, blockCache: nil)
    for round in 0..<3 {
      for k in 0..<400 {
        let doc = UInt32((k * 151 + round * 37) % 400)
        let d = try cached.document(doc)
        #expect(d.id == "d\(doc)")
        #expect(d.text == texts[Int(doc)])
        #expect(d.text == (try plain.document(doc)).text)
        #expect(cache.usage.bytes <= 40 * 1024)
      }
    }
    #expect(cache.usage.blocks >= 1)
    #expect(plain.blockCache == nil)
  }

  @Test func manyThreadsReadOneSegmentThroughOneCache() throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let texts = try buildIndex(path)
    let r = try IndexReader.open(path: path)
    let info = try #require(r.manifest.segments.first)
    let cache = StoreBlockCache(capacityBytes: 64 * 1024)
    let segment = try SegmentReader(storage: r.storage, info: info, blockCache: cache)
    let wrong = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { t in
      var bad = 0
      for k in 0..<1500 {
        let doc = UInt32((k * (31 + 2 * t) + t * 53) % 400)
        if let d = try? segment.document(doc), d.id == "d\(doc)", d.text == texts[Int(doc)] {
          continue
        }
        bad += 1
      }
      wrong.withLock { $0 += bad }
    }
    #expect(wrong.withLock { $0 } == 0)
    #expect(cache.usage.bytes <= 64 * 1024)
  }
}
