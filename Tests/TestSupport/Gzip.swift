import Foundation

/// Test data compressed by the system's `gzip -9` (an independent encoder, so the tests do not
/// check blotter's reader against its own writer).
public enum SystemGzip {
  /// `bytes` gzip-compressed, or nil when `/bin/gzip` cannot be run.
  public static func compress(_ bytes: [UInt8]) -> [UInt8]? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "blotter-gz-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let f = dir.appendingPathComponent("x")
    guard (try? Data(bytes).write(to: f)) != nil else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-9", f.path]
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    return (try? Data(contentsOf: dir.appendingPathComponent("x.gz"))).map(Array.init)
  }
}
