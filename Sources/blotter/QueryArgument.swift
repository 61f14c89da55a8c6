import ArgumentParser

/// How the commands that take a query read it from the command line: every word that is not one
/// of their options (`.allUnrecognized`), so that `blotter search -drugs` and
/// `blotter search knife crime` work as typed, and `blotter search -- --anything` too.
enum QueryArgument {
  /// The query the words make (the `--` terminator dropped), or nil if there are none.
  static func query(_ words: [String]) -> String? {
    var words = words
    if let t = words.firstIndex(of: "--") { words.remove(at: t) }
    return words.isEmpty ? nil : words.joined(separator: " ")
  }

  /// Refuses words that look like a misspelt long option (`--jsn`) unless they follow `--`.
  static func rejectUnknownOptions(_ words: [String], command: String) throws {
    let args = CommandLine.arguments
    let terminator = args.firstIndex(of: "--")
    for w in words where w.hasPrefix("--") && w.count > 2 {
      // Words after a `--` are the query, whatever they look like.
      if let t = terminator, args[(t + 1)...].contains(w) { continue }
      throw ValidationError(
        "unknown option '\(w)'; to search for it, put the query after --: blotter \(command) -- '\(w)'"
      )
    }
  }
}
