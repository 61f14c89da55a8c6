/// Growable working memory for plain values (bytes, integers, small structs) that an analyzer
/// reuses from call to call. Its owner frees it in `deinit`.
struct ScratchBuffer<Element> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var capacity: Int
  private let initialCapacity: Int

  init(capacity: Int) {
    base = .allocate(capacity: capacity)
    self.capacity = capacity
    initialCapacity = capacity
  }

  /// Makes room for `count` elements, keeping the first `kept` (at least doubling when it grows).
  mutating func reserve(_ count: Int, keeping kept: Int = 0) {
    guard count > capacity else { return }
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 2 * capacity))
    bigger.moveInitialize(from: base, count: kept)
    base.deallocate()
    base = bigger
    capacity = max(count, 2 * capacity)
  }

  /// Goes back to the first capacity once it has grown past `limit` (a huge text passed), so a
  /// worker does not keep that memory for the rest of the run. The contents are dropped.
  mutating func shrink(above limit: Int) {
    guard capacity > limit else { return }
    base.deallocate()
    base = .allocate(capacity: initialCapacity)
    capacity = initialCapacity
  }

  func free() { base.deallocate() }
}
