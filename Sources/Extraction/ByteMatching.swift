/// Byte-level comparisons against ASCII literals, shared by the HTML reader and the filters.

@inline(__always)
func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  guard bytes.count == ascii.utf8CodeUnitCount else { return false }
  let p = ascii.utf8Start
  for i in 0..<bytes.count where bytes[i] != p[i] { return false }
  return true
}

/// ASCII case-insensitive equality with a lowercase literal.
func equalsFold(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  guard bytes.count == ascii.utf8CodeUnitCount else { return false }
  let p = ascii.utf8Start
  for i in 0..<bytes.count {
    let b = bytes[i]
    if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != p[i] { return false }
  }
  return true
}

/// ASCII case-insensitive substring test with a lowercase literal.
func containsFold(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
  let n = ascii.utf8CodeUnitCount
  guard n > 0, bytes.count >= n else { return false }
  let p = ascii.utf8Start
  var i = 0
  while i + n <= bytes.count {
    var k = 0
    while k < n {
      let b = bytes[i + k]
      if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != p[k] { break }
      k += 1
    }
    if k == n { return true }
    i += 1
  }
  return false
}
