import Synchronization

/// A bounded, thread-safe cache of decompressed store blocks, shared by every `SegmentReader`
/// of the process (`shared`), so that several hits in one block, and the same hits asked for
/// again, are LZ4-decompressed once. Eviction is CLOCK (second chance): a block read since the
/// hand last passed it survives one more sweep. The bound is on the bytes of the blocks held.
///
/// Entries are keyed by a number each `SegmentReader` draws once (`nextOwner`), never by the
/// segment's name or address, so a reader opened later can never be answered with another
/// reader's bytes; the blocks of a reader that is gone simply age out.
public final class StoreBlockCache: Sendable {
  /// The process-wide cache the readers use unless given another.
  public static let shared = StoreBlockCache(capacityBytes: 8 << 20)

  /// Which block of which reader.
  struct Key: Hashable {
    let owner: UInt64
    let block: Int
  }

  /// A decompressed block: its bytes and the id of its first document.
  public struct Block: Sendable {
    public let raw: [UInt8]
    public let first: UInt32
  }

  private struct Slot {
    let key: Key
    let block: Block
    var referenced: Bool
  }

  private struct State {
    var index: [Key: Int] = [:]
    var slots: [Slot?] = []
    var free: [Int] = []
    var hand = 0
    var bytes = 0
  }

  /// The most bytes of block data held at once.
  public let capacityBytes: Int
  private let state = Mutex(State())
  private static let owners = Atomic<UInt64>(0)

  public init(capacityBytes: Int) {
    self.capacityBytes = capacityBytes
  }

  /// A key no other reader of this process has (for a new `SegmentReader`).
  static func nextOwner() -> UInt64 {
    owners.wrappingAdd(1, ordering: .relaxed).newValue
  }

  /// Bytes and blocks held now (tests, diagnostics).
  public var usage: (bytes: Int, blocks: Int) {
    state.withLock { ($0.bytes, $0.index.count) }
  }

  /// The cached block, marked as recently used; nil when not held.
  func block(_ key: Key) -> Block? {
    state.withLock { s in
      guard let i = s.index[key] else { return nil }
      s.slots[i]!.referenced = true
      return s.slots[i]!.block
    }
  }

  /// Holds `block` under `key`, evicting others until it fits. A block larger than the whole
  /// capacity is not held; a key already held (another thread decompressed it too) is kept.
  func insert(_ key: Key, _ block: Block) {
    let size = block.raw.count
    if size > capacityBytes { return }
    state.withLock { s in
      if s.index[key] != nil { return }
      while s.bytes + size > capacityBytes, !s.index.isEmpty {
        if s.hand >= s.slots.count { s.hand = 0 }
        let h = s.hand
        s.hand += 1
        guard let slot = s.slots[h] else { continue }
        if slot.referenced {
          s.slots[h]!.referenced = false
          continue
        }
        s.index[slot.key] = nil
        s.bytes -= slot.block.raw.count
        s.slots[h] = nil
        s.free.append(h)
      }
      let slot = Slot(key: key, block: block, referenced: false)
      let i: Int
      if let f = s.free.popLast() {
        i = f
        s.slots[i] = slot
      } else {
        i = s.slots.count
        s.slots.append(slot)
      }
      s.index[key] = i
      s.bytes += size
    }
  }
}
