/// The names blotter gives the files it writes into an index folder, and nothing else: garbage
/// collection and the cleanup of a failed run only ever remove a file whose name is one of these
/// (and which is a regular file, not a link), so a user's file in the folder is never touched.
///
/// - `manifest`, `manifest.tmp` (the commit point and its temp file), `LOCK` (the writer lock);
/// - `files.<generation>` (the file table of a commit), `stories.<generation>` (its stories);
/// - `<segment>.<ext>` for every segment component (`terms`, `postings`, `positions`, `norms`,
///   `store`, `columns`), where a segment is `g<generation>-<n>` (flushed),
///   `g<generation>-b<n>` (merged during a run) or `g<generation>-m` (merged at commit);
/// - `<segment>.<generation>.deletes` (a segment's deletions as of a commit);
/// - `alerts`, `alerts.tmp` (the saved searches and their temp file): not part of any commit,
///   so garbage collection keeps them (`outlivesCommits`).
public enum IndexFileNames {
  public static let lock = "LOCK"
  public static let manifestTemp = Manifest.fileName + ".tmp"
  /// The saved searches (`blotter alert`), written atomically like the manifest.
  public static let alerts = "alerts"
  public static let alertsTemp = alerts + ".tmp"

  /// Whether `name` is one of ours that no commit refers to and that garbage collection must
  /// keep: the manifest, the writer lock and the saved searches (with its temp file, which a
  /// concurrent `alert` command may be writing).
  public static func outlivesCommits(_ name: String) -> Bool {
    name == Manifest.fileName || name == lock || name == alerts || name == alertsTemp
  }

  /// Whether `name` is one that blotter writes into an index folder.
  public static func isOwn(_ name: String) -> Bool {
    if name == Manifest.fileName || name == manifestTemp || name == lock { return true }
    if name == alerts || name == alertsTemp { return true }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 2 && (parts[0] == "files" || parts[0] == "stories") {
      return isNumber(parts[1])
    }
    guard parts.count == 2 || parts.count == 3, isSegmentName(parts[0]) else { return false }
    if parts.count == 2 {
      return FileKind.segmentKinds.contains { $0.ext == parts[1] }
    }
    return isNumber(parts[1]) && parts[2] == FileKind.deletes.ext
  }

  /// `g<generation>-<n>`, `g<generation>-b<n>` or `g<generation>-m`.
  static func isSegmentName(_ s: Substring) -> Bool {
    guard s.first == "g", let dash = s.firstIndex(of: "-") else { return false }
    guard isNumber(s[s.index(after: s.startIndex)..<dash]) else { return false }
    let rest = s[s.index(after: dash)...]
    if rest == "m" { return true }
    if rest.first == "b" { return isNumber(rest.dropFirst()) }
    return isNumber(rest)
  }

  /// The generation a file name of ours carries (`g<generation>-…` or `files.<generation>`).
  static func generation(of name: String) -> Int? {
    guard isOwn(name) else { return nil }
    if name.hasPrefix("files.") { return Int(name.dropFirst(6)) }
    if name.hasPrefix("stories.") { return Int(name.dropFirst(8)) }
    guard name.first == "g", let dash = name.firstIndex(of: "-") else { return nil }
    return Int(name[name.index(after: name.startIndex)..<dash])
  }

  private static func isNumber(_ s: Substring) -> Bool {
    !s.isEmpty && s.count <= 18 && s.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
