import Analysis
import Indexing

/// `blotter translate QUERY --to opensearch`: a blotter query as OpenSearch query DSL for an
/// index made by `blotter export --format opensearch` (`OpenSearchMapping`), finding the same
/// documents (ranking differs: OpenSearch scores with its own BM25).
///
/// Each form maps to one clause:
/// - a word or phrase: `match_phrase` on `title` and on `body` (either), or on the field named
///   (`source:` and `byline:` search their `words` sub-fields); a prefix (`burgl*`): `prefix` with
///   the folded text;
/// - AND / OR / NOT: `bool` `must` (with `must_not` for the negated parts) / `should` with
///   `minimum_should_match: 1` / `must_not`;
/// - `place:X`: `terms` on `place` with every name blotter resolves X to (its canonical name,
///   and for a region the counties or force area it is made of);
/// - `unit:X`, `force:X`: a known multi-word name as a `term` on the keyword, anything else as a
///   `match_phrase` on its `words` sub-field;
/// - `officer:X`: `match_phrase` on `officer_terms` for each reading of X (rank + name, name,
///   rank words);
/// - `figure:noun`, `figure:noun>N`: a `nested` query on `figures` (noun, and value range);
/// - `date:…`: `range` on `published`.
public final class OpenSearchTranslator {
  let analyzer = Analyzer(stemming: true)
  let resolver: EntityResolver
  let parser = QueryParser()

  public init() {
    resolver = EntityResolver(analyzer: analyzer)
  }

  /// `{"query": …}` for `query`.
  /// - Throws: `QueryError` for a malformed query.
  public func translate(_ query: String) throws -> OpenSearchJSON {
    .obj(("query", clause(try parser.parse(query, analyzer: analyzer))))
  }

  /// The query clause for one node.
  public func clause(_ node: QueryNode) -> OpenSearchJSON {
    switch node {
    case .all:
      return .obj(("match_all", .obj()))
    case .term(let field, let text), .phrase(let field, let text):
      return any(fields(field).map { .obj(("match_phrase", .obj(($0, .string(text))))) })
    case .prefix(let field, let text):
      let folded = analyzer.fold(text)
      return any(fields(field).map { .obj(("prefix", .obj(($0, .string(folded))))) })
    case .entity(let kind, let text, _):
      return entity(kind, text)
    case .and(let children):
      var must: [OpenSearchJSON] = []
      var mustNot: [OpenSearchJSON] = []
      for c in children {
        if case .not(let inner) = c {
          mustNot.append(clause(inner))
        } else {
          must.append(clause(c))
        }
      }
      var pairs: [(String, OpenSearchJSON)] = []
      if !must.isEmpty { pairs.append(("must", .array(must))) }
      if !mustNot.isEmpty { pairs.append(("must_not", .array(mustNot))) }
      return .obj(("bool", .object(pairs)))
    case .or(let children):
      return any(children.map(clause))
    case .not(let inner):
      return .obj(("bool", .obj(("must_not", .array([clause(inner)])))))
    case .dateRange(let from, let to):
      var bounds: [(String, OpenSearchJSON)] = []
      if let from { bounds.append(("gte", .string(Day.format(from)))) }
      if let to { bounds.append(("lte", .string(Day.format(to)))) }
      bounds.append(("format", .string("yyyy-MM-dd")))
      return .obj(("range", .obj(("published", .object(bounds)))))
    case .figure(let noun, let op, let value):
      let (stored, scale) = FigureNoun.normalize(noun)
      let v = value * scale
      let range: [(String, OpenSearchJSON)]
      switch op {
      case .gt: range = [("gt", .number(v))]
      case .ge: range = [("gte", .number(v))]
      case .lt: range = [("lt", .number(v))]
      case .le: range = [("lte", .number(v))]
      case .eq:
        // As blotter compares: equal within a relative 1e-9.
        let eps = 1e-9 * max(1, abs(v))
        range = [("gte", .number(v - eps)), ("lte", .number(v + eps))]
      }
      return figures(
        .obj(
          (
            "bool",
            .obj(
              (
                "filter",
                .array([
                  .obj(("term", .obj(("figures.noun", .string(stored.lowercased()))))),
                  .obj(("range", .obj(("figures.value", .object(range))))),
                ])
              ))
          )))
    }
  }

  /// The OpenSearch fields a text field (or the default fields) maps to.
  func fields(_ field: Field?) -> [String] {
    switch field {
    case nil: ["title", "body"]
    case .title?: ["title"]
    case .body?: ["body"]
    case .source?: ["source.words"]
    case .byline?: ["byline.words"]
    case .unit?: ["unit.words"]
    case .force?: ["force.words"]
    case .place?: ["place"]
    case .officer?: ["officer_terms"]
    case .figure?: ["figures.noun"]
    }
  }

  func entity(_ kind: Field, _ text: String) -> OpenSearchJSON {
    switch kind {
    case .place:
      // The place field holds each name whole (`EntityResolver.searchTerms`).
      let names = resolver.names(.place, text).filter {
        !analyzer.tokens($0, mode: .query).isEmpty
      }
      return .obj(("terms", .obj(("place", .array(names.map { .string($0) })))))
    case .unit, .force:
      let name = kind == .unit ? "unit" : "force"
      let typed = analyzer.tokens(text, mode: .query).map(\.term)
      var parts: [OpenSearchJSON] = []
      for n in resolver.names(kind, text) {
        let terms = analyzer.tokens(n, mode: .query).map(\.term)
        if terms.isEmpty { continue }
        if terms.count > 1 && terms != typed {
          // A known full name: indexed whole, matched whole (`EntityResolver.searchTerms`).
          parts.append(.obj(("term", .obj((name, .string(n))))))
        } else {
          parts.append(.obj(("match_phrase", .obj((name + ".words", .string(n))))))
        }
      }
      return any(parts)
    case .officer:
      let phrases = resolver.phrases(.officer, text)
      return any(
        phrases.map {
          .obj(
            ("match_phrase", .obj(("officer_terms", .string(OpenSearchDocument.officerTerms($0))))))
        })
    case .figure:
      let nouns = resolver.phrases(.figure, text).compactMap(\.first)
      return figures(any(nouns.map { .obj(("term", .obj(("figures.noun", .string($0))))) }))
    default:
      return any(fields(kind).map { .obj(("match_phrase", .obj(($0, .string(text))))) })
    }
  }

  /// A `nested` query over the figures.
  func figures(_ query: OpenSearchJSON) -> OpenSearchJSON {
    .obj(("nested", .obj(("path", .string("figures")), ("query", query))))
  }

  /// Any of `parts` (one part as itself; none matches nothing).
  func any(_ parts: [OpenSearchJSON]) -> OpenSearchJSON {
    if parts.count == 1 { return parts[0] }
    if parts.isEmpty {
      return .obj(("bool", .obj(("must_not", .array([.obj(("match_all", .obj()))])))))
    }
    return .obj(("bool", .obj(("should", .array(parts)), ("minimum_should_match", .number(1)))))
  }
}
