/// Read-only tables keyed by the already well-mixed 64-bit token hashes of `EntityTokens`: an
/// open-addressing probe on the key itself, instead of `Set`/`Dictionary`, which would run
/// SipHash over every key again (it was a tenth of all indexing time).
struct HashSet64: Sendable, ExpressibleByArrayLiteral {
  private var keys: [UInt64]
  private var used: [Bool]
  private var mask: Int

  init<S: Sequence>(_ elements: S) where S.Element == UInt64 {
    let list = Array(elements)
    var n = 8
    while n < list.count * 2 { n <<= 1 }
    keys = Array(repeating: 0, count: n)
    used = Array(repeating: false, count: n)
    mask = n - 1
    for k in list { insert(k) }
  }

  init(arrayLiteral elements: UInt64...) { self.init(elements) }

  private mutating func insert(_ k: UInt64) {
    var i = HashSet64.slot(k, mask)
    while used[i] {
      if keys[i] == k { return }
      i = (i + 1) & mask
    }
    used[i] = true
    keys[i] = k
  }

  @inline(__always) static func slot(_ k: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (k ^ (k >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 17) & mask
  }

  @inline(__always) func contains(_ k: UInt64) -> Bool {
    var i = HashSet64.slot(k, mask)
    while used[i] {
      if keys[i] == k { return true }
      i = (i + 1) & mask
    }
    return false
  }
}

/// A read-only map from token hashes to values (see `HashSet64`).
struct HashMap64<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
  private var keys: [UInt64]
  private var values: [Value?]
  private var mask: Int

  init(_ dict: [UInt64: Value]) {
    var n = 8
    while n < dict.count * 2 { n <<= 1 }
    keys = Array(repeating: 0, count: n)
    values = Array(repeating: nil, count: n)
    mask = n - 1
    for (k, v) in dict {
      var i = HashSet64.slot(k, mask)
      while values[i] != nil && keys[i] != k { i = (i + 1) & mask }
      keys[i] = k
      values[i] = v
    }
  }

  init(dictionaryLiteral elements: (UInt64, Value)...) {
    self.init(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
  }

  @inline(__always) subscript(_ k: UInt64) -> Value? {
    var i = HashSet64.slot(k, mask)
    while let v = values[i] {
      if keys[i] == k { return v }
      i = (i + 1) & mask
    }
    return nil
  }

  /// Every key in the map (to build `WordClass.table`).
  func storedKeys() -> [UInt64] {
    keys.indices.filter { values[$0] != nil }.map { keys[$0] }
  }
}

/// A growable map from token hashes to indices (≥ 0), for what one document learns (surnames):
/// open addressing on the hash itself, like `HashSet64`. Empty until the first insert.
struct HashIndex64 {
  private var keys: [UInt64] = []
  /// -1 marks an empty slot.
  private var values: [Int] = []
  private var count = 0

  var isEmpty: Bool { count == 0 }

  subscript(_ k: UInt64) -> Int? {
    get {
      if count == 0 { return nil }
      let mask = keys.count - 1
      var i = HashSet64.slot(k, mask)
      while values[i] >= 0 {
        if keys[i] == k { return values[i] }
        i = (i + 1) & mask
      }
      return nil
    }
    set {
      guard let v = newValue else { preconditionFailure("HashIndex64 never removes a key") }
      if (count + 1) * 2 > keys.count { grow() }
      let mask = keys.count - 1
      var i = HashSet64.slot(k, mask)
      while values[i] >= 0 {
        if keys[i] == k {
          values[i] = v
          return
        }
        i = (i + 1) & mask
      }
      keys[i] = k
      values[i] = v
      count += 1
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    let n = Swift.max(16, keys.count * 2)
    keys = Array(repeating: 0, count: n)
    values = Array(repeating: -1, count: n)
    count = 0
    for i in oldKeys.indices where oldValues[i] >= 0 { self[oldKeys[i]] = oldValues[i] }
  }
}

/// A set of small non-negative integers (gazetteer name ids) as a bitmap that grows on insert.
struct NameSet {
  private var words: [UInt64] = []

  /// No id was inserted (ids are only ever added).
  var isEmpty: Bool { words.isEmpty }

  @inline(__always) func contains(_ id: Int32) -> Bool {
    let w = Int(id) >> 6
    return w < words.count && words[w] & (1 << UInt64(id & 63)) != 0
  }

  mutating func insert(_ id: Int32) {
    let w = Int(id) >> 6
    if w >= words.count { words.append(contentsOf: repeatElement(0, count: w - words.count + 1)) }
    words[w] |= 1 << UInt64(id & 63)
  }
}
