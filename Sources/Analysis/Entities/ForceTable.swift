/// The UK police forces: the 43 territorial forces of England and Wales, Police Scotland, the
/// Police Service of Northern Ireland, and the national forces and agencies (British Transport
/// Police, the National Crime Agency, Ministry of Defence Police, Civil Nuclear Constabulary).
///
/// Each row is the force's canonical name, the areas it is named after, and other names. Every
/// area gives the written forms "<area> Police", "<area> Constabulary", "<area> force" ("the
/// Essex force") and "<area> Constabularies" (of "Norfolk and Suffolk Constabularies"); a last
/// word "police", "constabulary" or "force" may be in lower case ("Herts police"). `aliases`
/// are names a mention keeps (acronyms, "the Met"); the area forms are only ways of writing it.
enum ForceTable {
  struct Row: Sendable {
    var canonical: String
    /// Areas as written before "Police" / "Constabulary" / "force": "Essex", "Herts".
    var areas: [String]
    /// Other names, kept as the mention's aliases.
    var aliases: [String]
  }

  static let rows: [Row] = [
    // England and Wales: the 43 territorial forces.
    Row(
      canonical: "Avon and Somerset Constabulary", areas: ["Avon and Somerset", "Avon & Somerset"],
      aliases: []),
    Row(canonical: "Bedfordshire Police", areas: ["Bedfordshire", "Beds"], aliases: []),
    Row(canonical: "Cambridgeshire Constabulary", areas: ["Cambridgeshire", "Cambs"], aliases: []),
    Row(canonical: "Cheshire Constabulary", areas: ["Cheshire"], aliases: []),
    Row(canonical: "City of London Police", areas: ["City of London"], aliases: []),
    Row(canonical: "Cleveland Police", areas: ["Cleveland"], aliases: []),
    Row(canonical: "Cumbria Constabulary", areas: ["Cumbria"], aliases: []),
    Row(canonical: "Derbyshire Constabulary", areas: ["Derbyshire"], aliases: []),
    Row(
      canonical: "Devon and Cornwall Police", areas: ["Devon and Cornwall", "Devon & Cornwall"],
      aliases: []),
    Row(canonical: "Dorset Police", areas: ["Dorset"], aliases: []),
    Row(canonical: "Durham Constabulary", areas: ["Durham"], aliases: []),
    Row(canonical: "Dyfed-Powys Police", areas: ["Dyfed-Powys"], aliases: []),
    Row(canonical: "Essex Police", areas: ["Essex"], aliases: []),
    Row(
      canonical: "Gloucestershire Constabulary", areas: ["Gloucestershire", "Glos"], aliases: []),
    Row(canonical: "Greater Manchester Police", areas: ["Greater Manchester"], aliases: ["GMP"]),
    Row(canonical: "Gwent Police", areas: ["Gwent"], aliases: []),
    Row(
      canonical: "Hampshire and Isle of Wight Constabulary",
      areas: ["Hampshire and Isle of Wight", "Hampshire"], aliases: []),
    Row(canonical: "Hertfordshire Constabulary", areas: ["Hertfordshire", "Herts"], aliases: []),
    Row(canonical: "Humberside Police", areas: ["Humberside"], aliases: []),
    Row(canonical: "Kent Police", areas: ["Kent"], aliases: []),
    Row(canonical: "Lancashire Constabulary", areas: ["Lancashire", "Lancs"], aliases: []),
    Row(canonical: "Leicestershire Police", areas: ["Leicestershire", "Leics"], aliases: []),
    Row(canonical: "Lincolnshire Police", areas: ["Lincolnshire", "Lincs"], aliases: []),
    Row(canonical: "Merseyside Police", areas: ["Merseyside"], aliases: []),
    Row(
      canonical: "Metropolitan Police", areas: ["Metropolitan", "Met"],
      aliases: ["Metropolitan Police Service", "Met", "MPS", "Scotland Yard"]),
    Row(canonical: "Norfolk Constabulary", areas: ["Norfolk"], aliases: []),
    Row(canonical: "North Wales Police", areas: ["North Wales"], aliases: []),
    Row(canonical: "North Yorkshire Police", areas: ["North Yorkshire"], aliases: []),
    Row(
      canonical: "Northamptonshire Police", areas: ["Northamptonshire", "Northants"], aliases: []),
    Row(canonical: "Northumbria Police", areas: ["Northumbria"], aliases: []),
    Row(canonical: "Nottinghamshire Police", areas: ["Nottinghamshire", "Notts"], aliases: []),
    Row(canonical: "South Wales Police", areas: ["South Wales"], aliases: []),
    Row(canonical: "South Yorkshire Police", areas: ["South Yorkshire"], aliases: []),
    Row(canonical: "Staffordshire Police", areas: ["Staffordshire", "Staffs"], aliases: []),
    Row(canonical: "Suffolk Constabulary", areas: ["Suffolk"], aliases: []),
    Row(canonical: "Surrey Police", areas: ["Surrey"], aliases: []),
    Row(canonical: "Sussex Police", areas: ["Sussex"], aliases: []),
    Row(canonical: "Thames Valley Police", areas: ["Thames Valley"], aliases: ["TVP"]),
    Row(canonical: "Warwickshire Police", areas: ["Warwickshire"], aliases: []),
    Row(canonical: "West Mercia Police", areas: ["West Mercia"], aliases: []),
    Row(canonical: "West Midlands Police", areas: ["West Midlands"], aliases: []),
    Row(canonical: "West Yorkshire Police", areas: ["West Yorkshire"], aliases: []),
    Row(canonical: "Wiltshire Police", areas: ["Wiltshire", "Wilts"], aliases: []),
    // Scotland and Northern Ireland.
    Row(canonical: "Police Scotland", areas: [], aliases: []),
    Row(
      canonical: "Police Service of Northern Ireland", areas: ["Northern Ireland"],
      aliases: ["PSNI"]),
    // National forces and agencies.
    Row(canonical: "British Transport Police", areas: ["British Transport"], aliases: ["BTP"]),
    Row(canonical: "National Crime Agency", areas: [], aliases: ["NCA"]),
    Row(canonical: "Ministry of Defence Police", areas: ["Ministry of Defence"], aliases: ["MDP"]),
    Row(canonical: "Civil Nuclear Constabulary", areas: ["Civil Nuclear"], aliases: ["CNC"]),
  ]

  /// Every written form of a force (canonical, aliases, area forms) with its row, whether its
  /// last word may be in lower case, and whether it is the plural "<area> Constabularies".
  static var forms: [(text: String, row: Int, lowerLast: Bool, plural: Bool)] {
    var out: [(String, Int, Bool, Bool)] = []
    for (k, r) in rows.enumerated() {
      var seen = Set<String>()
      func add(_ s: String, plural: Bool = false) {
        let last = s.split(separator: " ").last?.lowercased() ?? ""
        let lower = ["police", "constabulary", "force", "constabularies"].contains(last)
        if seen.insert(s.lowercased()).inserted { out.append((s, k, lower, plural)) }
      }
      add(r.canonical)
      for a in r.aliases { add(a) }
      for a in r.areas {
        add(a + " Police")
        add(a + " Constabulary")
        add(a + " force")
        add(a + " Constabularies", plural: true)
      }
    }
    return out
  }
}
