import Analysis
import Extraction
import Foundation
import Indexing
import Searching
import Testing

@testable import Ingest

/// `ArticleDocument` builds fields from term ids and caches analysed entity names; these tests
/// hold it to the plain statement: every field is the inversion of the token API's output, and
/// an entity field lists each mention's names (analysed as queries) with a gap between names.
@Suite struct ArticleDocumentTests {
  typealias Inverted = [String: [UInt32]]

  static func inverted(_ p: FieldPostings) -> (Inverted, UInt32) {
    var out: Inverted = [:]
    for (k, term) in p.terms.enumerated() {
      out[term] = Array(p.positions[p.offsets[k]..<p.offsets[k + 1]])
    }
    #expect(p.hashes == p.terms.map(Token.hash(of:)))
    return (out, p.length)
  }

  static func inverted(_ tokens: [Token]) -> (Inverted, UInt32) {
    var out: Inverted = [:]
    for t in tokens where out[t.term]?.last != UInt32(t.position) {
      out[t.term, default: []].append(UInt32(t.position))
    }
    for k in out.keys { out[k] = Array(Set(out[k]!)).sorted() }
    return (out, UInt32((tokens.map(\.position).max() ?? -1) + 1))
  }

  /// The fields of `a` built one token at a time, names analysed per mention.
  static func reference(_ a: Article) -> [Field: (Inverted, UInt32)] {
    let analyzer = Analyzer()
    var fields: [Field: (Inverted, UInt32)] = [
      .title: inverted(analyzer.tokens(a.title)), .body: inverted(analyzer.tokens(a.text)),
    ]
    if let s = a.source { fields[.source] = inverted(analyzer.tokens(s)) }
    if let b = a.byline { fields[.byline] = inverted(analyzer.tokens(b)) }
    let (inTitle, inBody) = EntityRecognizer().recognize(title: a.title, text: a.text)
    var entity: [EntityKind: (tokens: [Token], next: Int32)] = [
      .unit: ([], 0), .force: ([], 0), .place: ([], 0), .officer: ([], 0),
    ]
    func add(_ kind: EntityKind, _ name: String) {
      var (tokens, next) = entity[kind]!
      let terms = analyzer.tokens(name, mode: .query)
      // A multi-word place name is indexed whole only (format 4).
      if !(kind == .place && terms.count > 1) {
        for t in terms { tokens.append(Token(term: t.term, position: next + t.position, start: 0, end: 0)) }
      }
      if terms.count > 1 {
        tokens.append(Token(term: EntityResolver.wholeName(terms.map(\.term)), position: next, start: 0, end: 0))
      }
      next += (terms.last?.position ?? -1) + 1 + ArticleDocument.entityGap
      entity[kind] = (tokens, next)
    }
    func addTerms(_ terms: [String]) {
      var (tokens, next) = entity[.officer]!
      for (k, t) in terms.enumerated() {
        tokens.append(Token(term: t, position: next + Int32(k), start: 0, end: 0))
      }
      next += Int32(terms.count) + ArticleDocument.entityGap
      entity[.officer] = (tokens, next)
    }
    for m in inTitle + inBody {
      switch m.kind {
      case .unit, .force, .place:
        add(m.kind, m.canonical)
        for alias in m.aliases { add(m.kind, alias) }
      case .officer:
        // The name (less the rank a canonical name without a first name starts with), then each
        // rank's words, marked, before the surname and before the name.
        let q = EntityRecognizer.officerRankAndName(m.canonical)
        let ranked = q.rank.map { m.aliases.contains($0) && !q.name.isEmpty } ?? false
        let name = analyzer.tokens(ranked ? q.name : m.canonical, mode: .query).map(\.term)
        addTerms(name)
        for rank in m.aliases {
          let marked = analyzer.tokens(rank, mode: .query).map { EntityResolver.rankTerm($0.term) }
          addTerms(marked + name.suffix(1))
          if name.count > 1 { addTerms(marked + name) }
        }
      case .figure: break
      }
    }
    fields[.unit] = inverted(entity[.unit]!.tokens)
    fields[.force] = inverted(entity[.force]!.tokens)
    fields[.place] = inverted(entity[.place]!.tokens)
    fields[.officer] = inverted(entity[.officer]!.tokens)
    return fields
  }

  static func articles() throws -> [Article] {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus")
    let files = try #require(FileManager.default.enumerator(atPath: corpus.path)).compactMap { $0 as? String }
    let extractor = DocumentExtractor()
    var out: [Article] = []
    for f in files.sorted() where !f.hasSuffix(".md") {
      let url = corpus.appendingPathComponent(f)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
      else { continue }
      if let articles = try? extractor.extract(bytes: Array(try Data(contentsOf: url)), path: f) {
        out += articles
      }
    }
    return out
  }

  func check(_ documents: ArticleDocument, _ articles: [Article]) {
    for a in articles {
      let doc = documents.make(a)
      let expected = Self.reference(a)
      let fields = doc.fields.filter { $0.0 != .figure }
      #expect(Set(fields.map(\.0)) == Set(expected.keys), "\(a.id)")
      for (field, postings) in fields {
        let (got, length) = Self.inverted(postings)
        #expect(got == expected[field]?.0, "\(a.id) \(field)")
        #expect(length == expected[field]?.1, "\(a.id) \(field)")
      }
    }
  }

  @Test func fieldsAreTheInvertedTokens() throws {
    let articles = try Self.articles()
    #expect(articles.count >= 40)
    let documents = ArticleDocument()
    check(documents, articles)
    check(documents, articles)  // names and words now come from the caches
  }

  @Test func cachesFollowTheVocabularyWhenItStartsOver() throws {
    let articles = try Self.articles()
    let documents = ArticleDocument(analyzer: Analyzer(vocabularyBudget: 40))
    check(documents, articles + articles)
    #expect(documents.analyzer.vocabularyGeneration > articles.count)
  }
}
