/// "1 document", "2 documents": counts in the CLI's text output.
enum Plural {
  /// `n` and `noun`, with an "s" unless `n` is 1 (or `plural` when given).
  static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
  }
}
