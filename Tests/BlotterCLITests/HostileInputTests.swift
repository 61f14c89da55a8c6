import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A corpus of broken and hostile files next to good ones: every good file is indexed, every bad
/// one is either listed under `skipped` with a reason or extracted harmlessly, nothing from outside
/// the corpus (external entities) gets in, entity bombs do not blow up, and the run exits 0.
@Suite(.serialized) struct HostileInputTests {
  static let passwdMarkers: [String] = {
    // Words of this machine's /etc/passwd that no corpus page has (user names, shells).
    let text = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:root:/root:/bin/bash"
    var words = Set<String>()
    for line in text.split(separator: "\n") {
      for part in line.split(separator: ":") + line.split(separator: "/") {
        let w = part.lowercased().filter(\.isLetter)
        if w.count >= 4 { words.insert(w) }
      }
    }
    return words.subtracting(["home", "usr", "sbin", "false", "news", "mail", "list", "backup", "proxy", "games", "sync"]).sorted()
  }()

  static func write(_ dir: URL, _ name: String, _ bytes: [UInt8]) throws {
    let u = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: u)
  }

  static func write(_ dir: URL, _ name: String, _ text: String) throws {
    try write(dir, name, Array(text.utf8))
  }

  static let laughs: String = {
    var s = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n"
    for k in 1...9 {
      s += " <!ENTITY lol\(k) \"" + String(repeating: "&lol\(k == 1 ? "" : String(k - 1));", count: 10) + "\">\n"
    }
    s += "]>\n<rss version=\"2.0\"><channel><title>Laughs</title><item><title>Laughing policeman</title>"
    s += "<description>Body &lol9; about the laughing policeman of Maldon.</description></item></channel></rss>\n"
    return s
  }()

  static let quadratic: String = {
    // One big entity referenced many times (the "quadratic blowup" variant).
    let big = String(repeating: "a", count: 50_000)
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"\(big)\">]>\n<rss version=\"2.0\"><channel><title>Q</title>"
      + "<item><title>Quadratic entity</title><description>" + String(repeating: "&a;", count: 20_000)
      + "</description></item></channel></rss>\n"
  }()

  @Test func hostileCorpusIsSurvived() throws {
    let corpus = CLI.tempDir("hostile-corpus")
    let idx = CLI.tempDir("hostile-index")
    defer {
      _ = chmod(corpus.appendingPathComponent("unreadable.html").path, 0o644)
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    // Good files, each with its own word.
    try GeneratedCorpus.write(0..<5, to: corpus.appendingPathComponent("good"))
    try Self.write(corpus, "good/wire.txt", "Fraud in Dedham\nA pensioner in Dedham lost savings to a courier quorvgoodtext fraud.\n")
    try Self.write(
      corpus, "good/feed.xml",
      "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Theft in Maldon</title><description>A quorvgoodfeed van was stolen in Maldon.</description></item></channel></rss>")
    try Self.write(corpus, "good/lines.jsonl", "{\"id\":\"j1\",\"title\":\"Arson in Witham\",\"body\":\"A quorvgoodjson barn burned in Witham.\"}\n")

    // Bad files and the skip reason each must give (nil: may be extracted harmlessly instead).
    var expectSkipped: [String: String] = [:]
    var mayBeSkipped: Set<String> = []

    try Self.write(corpus, "empty.html", "")
    expectSkipped["empty.html"] = "empty"
    try Self.write(corpus, "blank.txt", "   \n\n\t  \n")
    expectSkipped["blank.txt"] = "empty"
    var rng = SplitMix64(seed: 42)
    try Self.write(corpus, "garbage.html", (0..<20_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    expectSkipped["garbage.html"] = "binary"
    try Self.write(corpus, "garbage.jsonl", (0..<5_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    expectSkipped["garbage.jsonl"] = "binary"
    try Self.write(corpus, "garbage.gz", [0x1F, 0x8B, 0x08, 0x00] + (0..<500).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    expectSkipped["garbage.gz"] = "decompress"

    let full = GeneratedCorpus.page(900)
    try Self.write(corpus, "truncated.html", String(full.prefix(full.count * 2 / 3)))
    mayBeSkipped.insert("truncated.html")
    try Self.write(corpus, "truncated.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut</title><item><title>Cut item in Harw")
    mayBeSkipped.insert("truncated.xml")
    try Self.write(corpus, "truncated.jsonl", "{\"id\":\"t1\",\"title\":\"Cut line\",\"body\":\"text in Hal")
    mayBeSkipped.insert("truncated.jsonl")

    let depth = 100_000
    try Self.write(
      corpus, "nested.html",
      "<html><body>" + String(repeating: "<div>", count: depth) + "Deeply nested quorvnested text in Witham."
        + String(repeating: "</div>", count: depth) + "</body></html>")
    mayBeSkipped.insert("nested.html")
    try Self.write(
      corpus, "nested.xml",
      "<rss version=\"2.0\"><channel><title>Deep</title><item><title>Deep item</title><description>"
        + String(repeating: "<b>", count: depth) + "deep" + "</description></item></channel></rss>")
    mayBeSkipped.insert("nested.xml")

    // Invalid UTF-8 and legacy charsets (with enough text to count as an article).
    let tail = Array(" Officers said enquiries into the incident near the station were continuing and asked witnesses to come forward.".utf8)
    try Self.write(
      corpus, "invalid-utf8.html",
      Array("<html><head><title>Bad bytes</title></head><body><p>Bytes ".utf8) + [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xF4, 0x90]
        + Array(" around quorvinvalid in Witham.".utf8) + tail + Array("</p></body></html>".utf8))
    try Self.write(
      corpus, "latin1.html",
      Array("<html><head><meta charset=\"iso-8859-1\"><title>Caf".utf8) + [0xE9] + Array(" raid</title></head><body><p>Police raided the caf".utf8)
        + [0xE9] + Array(" quorvlatin in Dedham.".utf8) + tail + Array("</p></body></html>".utf8))
    try Self.write(
      corpus, "cp1252.txt",
      Array("Court report\nThe defendant said ".utf8) + [0x93] + Array("nothing".utf8) + [0x94] + Array(" quorvwindows in Maldon.".utf8) + tail + [0x0A])
    try Self.write(corpus, "utf16.html", [0xFF, 0xFE] + Array("<html><body><p>Wide quorvwide text in Harwich.</p></body></html>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    mayBeSkipped.insert("utf16.html")

    // Over --max-file-size.
    try Self.write(corpus, "huge.html", "<html><body><p>" + String(repeating: "quorvhuge police report text ", count: 12_000) + "</p></body></html>")
    expectSkipped["huge.html"] = "max-file-size"

    // Unreadable: as root, chmod 000 does not stop reads, so the case only runs as another user.
    let asRoot = getuid() == 0
    if !asRoot {
      try Self.write(corpus, "unreadable.html", GeneratedCorpus.page(901))
      _ = chmod(corpus.appendingPathComponent("unreadable.html").path, 0)
      expectSkipped["unreadable.html"] = "Permission denied"
    }

    // Symbolic link loops: file links pointing at each other or themselves, a folder loop.
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("loop-a.html").path, withDestinationPath: "loop-b.html")
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("loop-b.html").path, withDestinationPath: "loop-a.html")
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("self.html").path, withDestinationPath: "self.html")
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("good/up").path, withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("dangling.html").path, withDestinationPath: "nowhere.html")
    // A file link out of the corpus (issue 17): never followed, whatever it points at.
    try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("passwd.txt").path, withDestinationPath: "/etc/passwd")
    expectSkipped["passwd.txt"] = "outside the corpus"
    for l in ["loop-a.html", "loop-b.html", "self.html"] { expectSkipped[l] = "symbolic link loop" }
    expectSkipped["dangling.html"] = "broken symbolic link"
    expectSkipped["good/up"] = "folder"

    // XML external entities (file, parameter entity, external DTD) and entity bombs.
    try Self.write(
      corpus, "xxe.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss version=\"2.0\"><channel><title>XXE</title>"
        + "<item><title>Entity quorvxxe item</title><description>Start &x; end of the police report.</description></item></channel></rss>")
    mayBeSkipped.insert("xxe.xml")
    try Self.write(
      corpus, "xxe-param.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<rss version=\"2.0\"><channel><title>P</title>"
        + "<item><title>Param entity</title><description>Parameter entity police report.</description></item></channel></rss>")
    mayBeSkipped.insert("xxe-param.xml")
    try Self.write(
      corpus, "xxe-dtd.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"file:///etc/passwd\">\n<rss version=\"2.0\"><channel><title>D</title>"
        + "<item><title>External DTD</title><description>External DTD police report.</description></item></channel></rss>")
    mayBeSkipped.insert("xxe-dtd.xml")
    try Self.write(
      corpus, "xxe.html",
      "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><head><title>Entity page</title></head><body><p>Start &x; end quorvxxehtml report.</p></body></html>")
    mayBeSkipped.insert("xxe.html")
    try Self.write(corpus, "laughs.xml", Self.laughs)
    mayBeSkipped.insert("laughs.xml")
    try Self.write(corpus, "quadratic.xml", Self.quadratic)
    mayBeSkipped.insert("quadratic.xml")
    // Exponentially many references to empty entities: costs visits, not bytes.
    var empty = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY e0 \"\">\n"
    for k in 1...9 { empty += "<!ENTITY e\(k) \"" + String(repeating: "&e\(k - 1);", count: 10) + "\">\n" }
    empty += "]>\n<rss version=\"2.0\"><channel><title>E</title><item><title>Empty laughs</title><description>x &e9; y</description></item></channel></rss>"
    try Self.write(corpus, "empty-laughs.xml", empty)
    mayBeSkipped.insert("empty-laughs.xml")
    // Entities in attributes and in XHTML content.
    try Self.write(
      corpus, "attr-laughs.xml",
      Self.laughs.replacingOccurrences(of: "<rss version=\"2.0\"><channel>", with: "<feed xmlns=\"http://www.w3.org/2005/Atom\">")
        .replacingOccurrences(of: "<item><title>Laughing policeman</title>", with: "<entry><title>Attr laughs</title><link rel=\"alternate\" href=\"&lol9;\"/><content type=\"xhtml\"><div>&lol9;</div></content>")
        .replacingOccurrences(of: "</item></channel></rss>", with: "</entry></feed>")
        .replacingOccurrences(of: "<!DOCTYPE rss", with: "<!DOCTYPE feed"))
    mayBeSkipped.insert("attr-laughs.xml")
    // A small entity a real feed might declare is still expanded.
    try Self.write(
      corpus, "small-entity.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY town \"Quorvsmallent\">]>\n<rss version=\"2.0\"><channel><title>S</title>"
        + "<item><title>Raid in &town;</title><description>Police in &town; raided a flat.</description></item></channel></rss>")

    let t0 = Date()
    let r = try CLI.run(["index", corpus.path, "--index", idx.path, "--json", "--max-file-size", "200000"])
    let seconds = Date().timeIntervalSince(t0)
    #expect(r.status == 0 && !r.signaled, "index exit \(r.status): \(r.stderr)")
    // Bounded time: generous, so a slow machine never fails it, but an entity blow-up would.
    #expect(seconds < 60, "indexing the hostile corpus took \(seconds) s")
    // Bounded memory: the largest child so far (an entity blow-up took 4 GB here). The figure is
    // the largest of every child this test process has waited for, from any test, so the bound
    // leaves room for an AddressSanitizer build, whose shadow memory took the largest of them
    // from about 1.0 GB to 1.07 GB between two CI runs; a blow-up is still well over it.
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #expect(usage.ru_maxrss < 2 << 20, "a blotter run used \(usage.ru_maxrss / 1024) MB")
    let j = try r.json()
    let skipped = (j["skipped"] as? [[String: Any]]) ?? []
    var reasons: [String: String] = [:]
    for s in skipped { reasons[s["path"] as? String ?? "", default: ""] += (s["reason"] as? String ?? "") + " " }
    for (path, word) in expectSkipped {
      let reason = reasons[path]
      #expect(reason != nil, "\(path) not listed as skipped: \(reasons)")
      #expect(reason.map { $0.localizedCaseInsensitiveContains(word) } ?? false, "\(path): reason \(reason ?? "-") lacks \"\(word)\"")
    }
    let unexpected = Set(reasons.keys).subtracting(expectSkipped.keys).subtracting(mayBeSkipped)
    #expect(unexpected.isEmpty, "skipped though good: \(unexpected.map { "\($0): \(reasons[$0]!)" })")
    if asRoot { print("hostile input: running as root, chmod 000 cannot stop reads; unreadable-file case skipped") }

    // Every good file is indexed and found.
    let good = (0..<5).map(GeneratedCorpus.word) + [
      "quorvgoodtext", "quorvgoodfeed", "quorvgoodjson", "quorvinvalid", "quorvlatin", "quorvwindows", "quorvsmallent",
    ]
    let totals = try CLI.totals(good, index: idx)
    #expect(totals.allSatisfy { $0 == 1 }, "good documents not found: \(zip(good, totals).filter { $0.1 != 1 })")
    // Legacy charsets decoded: the Latin-1 é is searchable as such.
    #expect(try CLI.totals(["café"], index: idx) == [1])
    // Nothing over the size limit, nothing from outside the corpus.
    #expect(try CLI.totals(["quorvhuge"], index: idx) == [0])
    let leaked = try CLI.totals(Self.passwdMarkers, index: idx)
    #expect(
      leaked.allSatisfy { $0 == 0 }, "text of /etc/passwd in the index: \(zip(Self.passwdMarkers, leaked).filter { $0.1 != 0 }.map(\.0))")

    // And the index is whole.
    let check = try CLI.run(["check", "--index", idx.path])
    #expect(check.status == 0, "\(check.stderr)")

    // `extract` on the entity files never prints the password file either.
    for f in ["xxe.xml", "xxe-param.xml", "xxe-dtd.xml", "xxe.html", "laughs.xml", "quadratic.xml", "empty-laughs.xml", "attr-laughs.xml"] {
      let e = try CLI.run(["extract", corpus.appendingPathComponent(f).path, "--json"])
      #expect(!e.signaled, "extract \(f) crashed")
      #expect(!e.stdout.contains("root:x:0") && !e.stdout.contains("/bin/"), "extract \(f) leaked /etc/passwd: \(e.stdout.prefix(300))")
      #expect(e.stdout.utf8.count < 2_000_000, "extract \(f) expanded entities: \(e.stdout.utf8.count) bytes")
    }
  }
}
