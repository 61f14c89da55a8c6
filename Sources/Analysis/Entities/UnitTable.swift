/// Built-in table of well-known UK police units, agencies and forces.
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
    ("National Crime Agency", ["NCA"]),
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
    ("Metropolitan Police", ["Met Police", "Met", "Metropolitan Police Service", "MPS"]),
    ("British Transport Police", ["BTP"]),
    ("City of London Police", []),
    ("Police Scotland", []),
    ("Police Service of Northern Ireland", ["PSNI"]),
    ("Independent Office for Police Conduct", ["IOPC"]),
    ("National Police Chiefs' Council", ["NPCC"]),
  ]

  /// Territorial forces written "<Area> Police" or "<Area> Constabulary".
  static let forces: [String] = [
    "Essex Police", "Kent Police", "Bedfordshire Police", "Cambridgeshire Constabulary",
    "Hertfordshire Constabulary", "Norfolk Constabulary", "Suffolk Constabulary",
    "Thames Valley Police", "Northamptonshire Police", "Lincolnshire Police",
    "Leicestershire Police", "Nottinghamshire Police", "Derbyshire Constabulary", "Surrey Police",
    "Sussex Police", "Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary",
    "Wiltshire Police", "Dorset Police", "Devon and Cornwall Police", "Avon and Somerset Police",
    "Gloucestershire Constabulary", "Warwickshire Police", "West Midlands Police",
    "Staffordshire Police", "West Mercia Police", "Cheshire Constabulary",
    "Greater Manchester Police", "Merseyside Police", "Lancashire Constabulary",
    "Cumbria Constabulary", "North Yorkshire Police", "West Yorkshire Police",
    "South Yorkshire Police", "Humberside Police", "Durham Constabulary", "Northumbria Police",
    "Cleveland Police", "North Wales Police", "Dyfed-Powys Police", "Gwent Police",
    "South Wales Police",
  ]
}
