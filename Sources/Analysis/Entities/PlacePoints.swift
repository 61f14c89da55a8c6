/// Where the gazetteer's places are: a point (WGS84 latitude and longitude, degrees) for each
/// town and village from GeoNames, and for each district, borough, county and region the mean of
/// its towns' points (`Generated/GazetteerPoints.swift`, written by
/// `Scripts/gazetteer/generate.py`; sources in `Scripts/gazetteer/README.md`). About 7,000 of the
/// gazetteer's 8,000 places have one; a nation, and an area with no town of its own, has none.
public enum PlacePoints {
  /// A place's point.
  public struct Point: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
  }

  /// The point of the place a stored mention names: its canonical name and its enclosing areas
  /// (the mention's aliases), which tell apart places of one name ("Newport" in Essex and in
  /// Wales). nil when the gazetteer has no point for it.
  public static func point(name: String, areas: [String]) -> Point? {
    table[name + "\t" + areas.joined(separator: "|")]
  }

  /// `name \t areas` → point, parsed on first use.
  static let table: [String: Point] = {
    var out: [String: Point] = [:]
    out.reserveCapacity(8_000)
    for line in rawTSV.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count == 4, let lat = Double(f[2]), let lon = Double(f[3]) else { continue }
      out[f[0] + "\t" + f[1]] = Point(latitude: lat, longitude: lon)
    }
    return out
  }()
}
