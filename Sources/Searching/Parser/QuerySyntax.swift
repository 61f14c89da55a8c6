/// The query language in a few lines, for `--help` (the fields come from `QueryFields`).
public enum QuerySyntax {
  public static var help: String {
    var lines = [
      "Query syntax:",
      "  halstead cannabis     both words (AND is implied), in the title or the body",
      "  \"county lines\"        the phrase",
      "  knife OR machete      either word; OR binds tighter than AND (written",
      "                        or not): place:Kent knife OR machete means",
      "                        place:Kent AND (knife OR machete)",
      "  NOT drugs, -drugs     without the word",
      "  (a b) OR c            groups",
      "  burgl*                words starting with burgl",
      "Fields (field:word, field:\"a phrase\", field:(a OR b)):",
    ]
    for f in QueryFields.all {
      let head = "  \(f.name):".padding(12) + f.meaning
      let examples = f.examples.split(separator: ", ").joined(separator: "  ")
      if head.count + examples.count + 3 <= 76 {
        lines.append(head + " (\(examples))")
      } else {
        lines.append(head)
        var line = String(repeating: " ", count: 12)
        for e in f.examples.split(separator: ", ") {
          if line.count > 12 && line.count + e.count + 2 > 76 {
            lines.append(line)
            line = String(repeating: " ", count: 12)
          }
          line += (line.count > 12 ? "  " : "") + e
        }
        lines.append(line)
      }
    }
    lines += [
      "Words with no letters or digits (!!!, #) are ignored, and match nothing",
      "inside an OR; a query with nothing searchable is an error, and so is a",
      "word longer than 64 bytes (the index keeps no such word).",
    ]
    return lines.joined(separator: "\n")
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
