/// The OpenSearch index template `blotter export --format opensearch` writes (`template.json`,
/// for `PUT _index_template/<name>`): the fields of an exported document and how they are
/// analysed, chosen so that each blotter query form has an OpenSearch query that finds the same
/// documents (`OpenSearchTranslator`).
///
/// - `title`, `body`: English text analysed as blotter analyses it: Unicode word rules (the
///   standard tokenizer), case and diacritics folded, `1,000` read as `1000`, `’` as `'`, and the
///   same Snowball English stemmer (`blotter_english`).
/// - `source`, `byline`: keywords, with a `words` sub-field analysed like the text (what
///   `source:` and `byline:` search).
/// - `published`: the publication date (`yyyy-MM-dd`).
/// - `unit`, `force`: keywords (case- and accent-folded) holding each canonical name and its
///   aliases (acronyms), with a `words` sub-field for a query that names only part of a name.
/// - `officer`: keywords holding each officer's name and, for every rank or role seen, "rank
///   surname" and "rank name"; `officer_rank` the ranks and roles; `officer_terms` blotter's own
///   officer terms (rank words marked with `^`), which `officer:` queries match.
/// - `place`: keywords holding each place mentioned and all its ancestors in the gazetteer
///   (district, county, police force area), so `place:Essex` is one term query.
/// - `place_point`: a geo point (`{lat, lon}`) for each place mentioned that has one in the
///   gazetteer (`PlacePoints`), for geo-distance queries and maps.
/// - `figures`: `nested` `{noun, value, unit, text}`, so `figure:arrests>400` compares the value
///   of an arrest figure, never another figure's.
/// - `path`, `url`: keywords.
/// - `story_id`: keyword, the id of the document's story (its origin's id, as `story.id` of
///   `search --json`), for collapsing copies (`"collapse": {"field": "story_id"}`). An export
///   `--since` sends the documents that changed; a story's id held by an unchanged copy is the
///   one it had when that copy was sent (a new, earlier copy renames the story): a full export
///   brings every copy's `story_id` up to date.
public enum OpenSearchMapping {
  /// The analyzer of title, body and the `words` sub-fields.
  public static let textAnalyzer = "blotter_english"
  /// Case and accent folding of the entity keywords.
  public static let normalizer = "blotter_fold"
  /// How `officer_terms` marks a rank or role word (blotter's `\u{2}`).
  public static let rankMark = "^"

  /// The analysis settings.
  static var analysis: OpenSearchJSON {
    .obj(
      (
        "char_filter",
        .obj(
          (
            "blotter_apostrophe",
            .obj(("type", .string("mapping")), ("mappings", .array([.string("\u{2019} => '")])))
          ),
          (
            "blotter_numbers",
            .obj(
              ("type", .string("pattern_replace")), ("pattern", .string("(\\d),(\\d)")),
              ("replacement", .string("$1$2")))
          ))
      ),
      (
        "filter",
        .obj(
          ("blotter_stemmer", .obj(("type", .string("snowball")), ("language", .string("English"))))
        )
      ),
      (
        "analyzer",
        .obj(
          (
            textAnalyzer,
            .obj(
              ("type", .string("custom")),
              ("char_filter", .array([.string("blotter_apostrophe"), .string("blotter_numbers")])),
              ("tokenizer", .string("standard")),
              (
                "filter",
                .array([.string("lowercase"), .string("asciifolding"), .string("blotter_stemmer")])
              ))
          ),
          ("blotter_terms", .obj(("type", .string("custom")), ("tokenizer", .string("whitespace"))))
        )
      ),
      (
        "normalizer",
        .obj(
          (
            normalizer,
            .obj(
              ("type", .string("custom")),
              ("filter", .array([.string("lowercase"), .string("asciifolding")])))
          ))
      ))
  }

  static var text: OpenSearchJSON {
    .obj(("type", .string("text")), ("analyzer", .string(textAnalyzer)))
  }
  static var keyword: OpenSearchJSON { .obj(("type", .string("keyword"))) }
  static var folded: OpenSearchJSON {
    .obj(("type", .string("keyword")), ("normalizer", .string(normalizer)))
  }
  static var foldedWithWords: OpenSearchJSON {
    .obj(
      ("type", .string("keyword")), ("normalizer", .string(normalizer)),
      ("fields", .obj(("words", text))))
  }
  static var keywordWithWords: OpenSearchJSON {
    .obj(("type", .string("keyword")), ("fields", .obj(("words", text))))
  }

  /// The document fields.
  public static var properties: OpenSearchJSON {
    .obj(
      ("title", text),
      ("body", text),
      ("source", keywordWithWords),
      ("byline", keywordWithWords),
      ("published", .obj(("type", .string("date")), ("format", .string("yyyy-MM-dd")))),
      ("path", keyword),
      ("url", keyword),
      ("story_id", keyword),
      ("unit", foldedWithWords),
      ("force", foldedWithWords),
      ("officer", folded),
      ("officer_rank", folded),
      ("officer_terms", .obj(("type", .string("text")), ("analyzer", .string("blotter_terms")))),
      ("place", folded),
      ("place_point", .obj(("type", .string("geo_point")))),
      (
        "figures",
        .obj(
          ("type", .string("nested")),
          (
            "properties",
            .obj(
              ("noun", keyword), ("value", .obj(("type", .string("double")))), ("unit", keyword),
              ("text", text))
          ))
      ))
  }

  /// The index template for indexes called `name` (and `name-*`, for dated or versioned ones).
  public static func template(name: String) -> OpenSearchJSON {
    .obj(
      ("index_patterns", .array([.string(name), .string(name + "-*")])),
      (
        "template",
        .obj(
          ("settings", .obj(("analysis", analysis))),
          ("mappings", .obj(("dynamic", .string("strict")), ("properties", properties))))
      ))
  }
}
