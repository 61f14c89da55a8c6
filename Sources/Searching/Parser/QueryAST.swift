import Indexing

/// What a user asked for, before it is bound to an index. Text is as typed (not yet analysed).
public indirect enum QueryNode: Sendable, Equatable {
  /// A word in `field`, or in the default fields (title, body) when `field` is nil.
  case term(field: Field?, text: String)
  /// Words starting with `text` (`arrest*`).
  case prefix(field: Field?, text: String)
  /// Words in this order (`"county lines"`).
  case phrase(field: Field?, text: String)
  case and([QueryNode])
  case or([QueryNode])
  case not(QueryNode)
  /// Documents dated within [from, to] (days since 1970, inclusive); nil bounds are open.
  case dateRange(from: Int32?, to: Int32?)
  /// Documents with a figure counting `noun` whose value compares with `value`.
  case figure(noun: String, op: Comparison, value: Double)
  /// Documents that mention an entity of `kind` matching `text` (`unit:ROCU`, `place:Essex`).
  case entity(kind: Field, text: String, exact: Bool)
  /// Every document (a query made only of exclusions or filters starts from here).
  case all

  public enum Comparison: String, Sendable, Equatable {
    case lt = "<", le = "<=", eq = "=", ge = ">=", gt = ">"

    public func holds(_ a: Double, _ b: Double) -> Bool {
      switch self {
      case .lt: a < b
      case .le: a <= b
      case .eq: abs(a - b) < 1e-9 * max(1, abs(b))
      case .ge: a >= b
      case .gt: a > b
      }
    }
  }
}
