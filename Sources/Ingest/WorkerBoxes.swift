#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Per-worker state: an analyzer owns a stemmer, which must not be shared.
final class WorkerContext {
  let documents = ArticleDocument()
  init(stories: Bool = true) { documents.sketches = stories }
}

/// Results written by workers at distinct indices under a lock, read after all of them finish.
final class SlotBox<T>: @unchecked Sendable {
  private var slots: [T?]
  private var m = pthread_mutex_t()
  init(count: Int) {
    slots = Array(repeating: nil, count: count)
    pthread_mutex_init(&m, nil)
  }
  deinit { pthread_mutex_destroy(&m) }
  func set(_ i: Int, _ v: T) {
    pthread_mutex_lock(&m)
    slots[i] = v
    pthread_mutex_unlock(&m)
  }
  func values() -> [T] {
    pthread_mutex_lock(&m)
    defer { pthread_mutex_unlock(&m) }
    return slots.map { $0! }
  }
}

/// One value handed from a worker to the writer thread (ordered by a DispatchGroup).
final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}

/// A read-only value shared with workers.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
