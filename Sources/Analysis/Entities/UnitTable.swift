/// Built-in table of well-known UK police units and agencies (forces are in `ForceTable`).
///
/// Each row is a canonical name and its abbreviations / short forms. A document can add its own
/// acronyms ("… Unit (ROCU)"); those are learned per document by `UnitRecognizer`.
enum UnitTable {
  static let rows: [(canonical: String, aliases: [String])] = [
    ("Regional Organised Crime Unit", ["ROCU"]),
    ("Eastern Region Special Operations Unit", ["ERSOU"]),
    ("Serious Violence Unit", ["SVU"]),
    ("Major Investigation Team", ["MIT"]),
    ("Criminal Investigation Department", ["CID"]),
    ("Violence and Vulnerability Unit", ["VVU"]),
    ("Kent and Essex Serious Crime Directorate", ["SCD"]),
    ("Serious and Organised Crime Unit", ["SOCU"]),
    ("Territorial Support Group", ["TSG"]),
    ("Operational Support Group", ["OSG"]),
    ("Professional Standards Department", ["PSD"]),
    ("Counter Terrorism Policing", ["CTP"]),
    ("Counter Terrorism Command", ["SO15"]),
    ("Roads Policing Unit", ["RPU"]),
    ("Child Abuse Investigation Team", ["CAIT"]),
    ("Economic Crime Unit", ["ECU"]),
    ("National Police Air Service", ["NPAS"]),
    ("Joint Education Team", ["JET"]),
    ("Bedfordshire, Cambridgeshire and Hertfordshire Major Crime Unit", ["BCH MCU"]),
    ("Independent Office for Police Conduct", ["IOPC"]),
    ("National Police Chiefs' Council", ["NPCC"]),
    ("Special Constabulary", ["Specials"]),
    ("National County Lines Coordination Centre", ["NCLCC"]),
  ]
}
