import Foundation
import Testing

@testable import Indexing

/// Every file a sink writes reads back whole, whatever mix of small (buffered) and big (direct)
/// writes made it: the header always comes first and the footer's length and CRC match.
@Suite struct FileSinkChunkOrderTests {
  @Test(arguments: [[1], [32767], [32768], [40000], [65519], [65520], [70000], [200_000], [10, 40000, 10], [100, 33000, 33000, 5]])
  func writesOfAnySizeKeepTheirOrder(sizes: [Int]) throws {
    let path = tempIndex()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let storage = Storage(path: path)
    try storage.create()
    let sink = try storage.create("x.store", kind: .store)
    var expected: [UInt8] = []
    for (k, n) in sizes.enumerated() {
      let chunk = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ k) }
      try sink.write(chunk)
      expected += chunk
    }
    try sink.finish()
    let m = try storage.map("x.store")
    let body = try FileFormat.body(of: m, kind: .store, verifyChecksum: true)
    #expect(Array(m.bytes(body)) == expected)
  }
}
