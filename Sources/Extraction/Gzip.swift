import CCodecs

/// gzip (and zlib) decompression with zlib, for `.gz` input.
enum Gzip {
  /// Largest inflated size accepted by default: a guard against decompression bombs.
  static let maxOutput = 256 << 20

  /// True when the bytes start with the gzip magic number.
  static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// Inflates every gzip member in `bytes`, stopping as soon as the output passes `limit` bytes
  /// (so a bomb costs at most `limit` bytes of memory and the time to inflate them).
  /// - Returns: the inflated bytes, or a reason for failure.
  static func inflate(_ bytes: [UInt8], limit: Int = maxOutput) -> Result<[UInt8], GzipFailure> {
    var stream = z_stream()
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return .failure(GzipFailure(reason: "zlib initialisation failed")) }
    defer { inflateEnd(&stream) }
    var output = [UInt8]()
    output.reserveCapacity(min(limit, max(4096, bytes.count * 5)))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    return bytes.withUnsafeBufferPointer { input -> Result<[UInt8], GzipFailure> in
      guard let base = input.baseAddress else { return .success([]) }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = UInt32(input.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(out.count)
          return CCodecs.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        if output.count + produced > limit {
          return .failure(
            GzipFailure(reason: "expands past \(limit) bytes, over the size limit (not indexed)"))
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          if stream.avail_in == 0 && produced == 0 {
            return .failure(GzipFailure(reason: "truncated stream"))
          }
        case Z_STREAM_END:
          // Concatenated members: skip padding zeros, then go on if another member starts.
          while stream.avail_in > 0 && stream.next_in.pointee == 0 {
            stream.next_in += 1
            stream.avail_in -= 1
          }
          if stream.avail_in == 0 { return .success(output) }
          guard inflateReset(&stream) == Z_OK else {
            return .failure(GzipFailure(reason: "cannot reset for next member"))
          }
        case Z_BUF_ERROR:
          if stream.avail_in == 0 { return .failure(GzipFailure(reason: "truncated stream")) }
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          return .failure(GzipFailure(reason: message))
        }
      }
    }
  }
}

/// Why inflating failed.
struct GzipFailure: Error {
  var reason: String
}
