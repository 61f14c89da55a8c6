import Synchronization

/// A flag one thread sets and another polls, to stop background work (a merge, a verification)
/// at its next step.
final class CancelFlag: Sendable {
  private let flag = Atomic<Bool>(false)

  func cancel() { flag.store(true, ordering: .relaxed) }

  var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
