#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The note a writer leaves in `LOCK` — `pid N writing since 2026-12-06T00:10:02Z` — and how a
/// refused writer describes the holder: `held by pid N since 2026-12-06T00:10:02Z (3 min ago)`.
/// Notes of older blotters (`since <unix time> (unix time)`) are read too.
enum LockNote {
  /// `t` (seconds since 1970, UTC) as ISO-8601, e.g. `2026-12-06T00:10:02Z`.
  static func iso8601(_ t: Int) -> String {
    var tt = time_t(t)
    var tm = tm()
    gmtime_r(&tt, &tm)
    func pad(_ v: Int32, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T"
      + "\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2))Z"
  }

  /// Parses `YYYY-MM-DDTHH:MM:SSZ` back to seconds since 1970.
  static func parseISO8601(_ s: Substring) -> Int? {
    let b = Array(s.utf8)
    guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
      b[19] == UInt8(ascii: "Z")
    else { return nil }
    func num(_ r: Range<Int>) -> Int32? {
      var v: Int32 = 0
      for i in r {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        v = v * 10 + Int32(b[i] - 0x30)
      }
      return v
    }
    guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
      let mi = num(14..<16), let se = num(17..<19)
    else { return nil }
    var tm = tm()
    tm.tm_year = y - 1900
    tm.tm_mon = mo - 1
    tm.tm_mday = d
    tm.tm_hour = h
    tm.tm_min = mi
    tm.tm_sec = se
    return Int(timegm(&tm))
  }

  /// How long ago `seconds` is, for people: `just now`, `42 s ago`, `3 min ago`, `2 h 5 min
  /// ago`, `4 days ago`.
  static func age(_ seconds: Int) -> String {
    switch seconds {
    case ..<1: return "just now"
    case ..<60: return "\(seconds) s ago"
    case ..<3600: return "\(seconds / 60) min ago"
    case ..<(48 * 3600):
      let m = (seconds % 3600) / 60
      return "\(seconds / 3600) h" + (m > 0 ? " \(m) min" : "") + " ago"
    default: return "\(seconds / 86400) days ago"
    }
  }

  /// `held by pid N since T (age)` for a note naming a live process; nil when the note is
  /// empty, unreadable or names a process that no longer exists.
  static func describe(_ note: String, now: Int) -> String? {
    let words = note.split(separator: " ")
    guard words.count >= 2, words[0] == "pid", let pid = Int32(words[1]),
      kill(pid, 0) == 0 || errno == EPERM
    else { return nil }
    guard words.count >= 5, words[2] == "writing", words[3] == "since" else {
      return "held by pid \(pid)"
    }
    let since: Int? = parseISO8601(words[4]) ?? Int(words[4])
    guard let since else { return "held by pid \(pid)" }
    return "held by pid \(pid) since \(iso8601(since)) (\(age(now - since)))"
  }
}
