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
}
