/// Word lists the recognisers share. `WordClass.table` turns them into bits per folded token
/// hash (see `EntityTokens`), so a scanner tests membership with one AND.
enum Lexicon {
  static func set(_ words: [String]) -> HashSet64 { HashSet64(words.map { EntityTokens.hash($0) }) }

  static let h = EntityTokens.hash

  // MARK: - Shared

  static let months: [String] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
  ]
  static let weekdays: [String] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]
  static let speechVerbs: [String] = [
    "said", "says", "added", "told", "explained", "warned", "urged", "praised", "thanked",
    "stated", "commented", "continued", "confirmed", "described",
  ]
  static let honorifics: [String] = [
    "mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "sir", "dame", "lord", "lady",
  ]

  /// Common UK first names: a capitalised word after one starts a person's name, so a town
  /// name there ("Daniel Preston") is a surname.
  static let firstNames: [String] = """
    aaron adam adrian aidan alan alex alexander alfie alice alison amanda amy andrea andrew andy \
    angela ann anna anne anthony antony barry ben benjamin beth bethany bill bob brian callum \
    carl carol caroline catherine charles charlie charlotte chloe chris christine christopher \
    claire clare colin connor craig dale dan daniel danny darren dave david dean debbie deborah \
    dennis derek diane dominic donna douglas duncan dylan ed edward elaine eleanor elizabeth \
    ella ellie emily emma eric gareth gary gavin gemma geoff geoffrey george georgia gordon \
    graham grace hannah harry harvey hayley heather helen henry holly ian jack jackie jacob \
    jade james jamie jane janet jason jay jean jeff jennifer jenny jeremy jessica jill jim jo \
    joanne joe john jon jonathan jordan joseph josh joshua julia julie justin karen kate \
    katie keith kelly ken kerry kevin kieran kim kirsty laura lauren lee leo lewis liam linda \
    lisa liz louise lucy luke lynn marc marcus margaret maria mark martin mary matt matthew \
    megan melanie michael michelle mike mohammed muhammad natalie nathan neal neil nicholas nick \
    nicola nigel oliver olivia owen pam patrick paul pauline peter phil philip rachel ralph \
    rebecca richard rick rob robert roger ross ruth ryan sally sam samantha sandra sarah scott \
    sean shane sharon simon sophie stacey stephen steve steven stuart sue susan tanya terry \
    thomas tim timothy toby tom tony tracey tracy trevor vicky victoria wayne will william \
    zoe zak ben-julian jake kyle reece ricky rhys
    """.split(separator: " ").map { $0.trimmingSpaces }

  // MARK: - Places

  /// Place names that are also common words, months or first names: a place only with place
  /// context ("in Deal", "March, Cambridgeshire", "Sandy town centre").
  static let ambiguousPlaces: [String] = """
    march may deal street reading sandy bury wells hope ash church bath stone leigh sale rugby \
    ware send ham bank cross green marsh park bridge hill heath lane field ford moss bent cliff \
    beach down hook barking mark chart rush clay wick hatch over much lower upper lodge mile \
    castle hall cove common end mountain north south east west central new old little great \
    long high nash wood woods grove orchard dale forest mill mills harbour bay island kings \
    queens stanley beverley ashley shirley kimberley bradley barry lewis harris keith washington \
    stanford walton holt diss eye thorpe brandon chase victoria florence denton hyde marden \
    wing ash tower summit hunt morris lydd amble banks barley battle beer bicker bow bowling \
    box broadway camber castor constantine cooling coven cray crook docking dollar downside \
    eagle felling fleet flushing flint forth grain healing hermitage hose law lea lee leek loans \
    locking pant par plains pool quarter rake ridge rock rode rye sandwich settle shaw steep \
    stock sway tumble valley wall waterloo worth hay hoo mere clare kerry leslie martin douglas \
    logan shelley clive clifford arnold moira winston brooke ross irvine chipping street \
    lancing hale hurst cosby simpson johnston cunningham montgomery benson gifford odell
    """.split(separator: " ").map { $0.trimmingSpaces }

  /// Names of places that are ordinary words even when capitalised; never places alone.
  static let neverPlaces: [String] = [
    "police", "court", "crown", "road", "station", "officers", "officer", "detective", "unit",
    "team", "the", "a", "an", "this", "that", "it", "he", "she", "they", "we", "operation",
    "anyone", "anyone", "some", "all", "also", "both", "after", "before", "during", "when",
    "while", "where", "as", "at", "in", "on", "by", "for", "of", "from", "with", "and", "but",
    "or", "if", "his", "her", "their", "our", "its", "yesterday", "today", "last", "next",
    "county", "city", "town", "village", "borough", "district", "crime", "crimes", "drugs",
    "home", "office", "service", "national", "regional", "royal", "bridge", "chief", "sergeant",
    "inspector", "constable", "commissioner", "commander", "head", "acting", "temporary",
    "centre", "council", "magistrates", "people", "man", "woman", "street", "lane", "avenue",
    "way", "drive", "close", "court", "place", "square", "hill", "park", "green", "gardens",
    "christmas", "easter", "may", "sunday", "school", "college", "university", "hospital",
    "news", "follow", "share", "read", "more", "online", "video", "photo", "credit", "image",
  ]

  /// Words right before a name that make it a place ("in", "near", "of").
  static let placePrepositions: [String] = [
    "in", "at", "from", "near", "to", "around", "outside", "across", "towards", "toward", "into",
    "of", "between", "throughout", "through", "via", "nearby", "and", "within", "off",
  ]

  /// Words after a name that make it a place ("March town centre", "Deal seafront").
  static let placeNouns: [String] = [
    "town", "centre", "high", "railway", "station", "seafront", "area", "residents", "resident",
    "streets", "street", "road", "estate", "market", "marketplace", "neighbourhood", "shops",
    "park", "village", "community", "magistrates", "crown", "county", "borough", "district",
    "beach", "pier", "harbour", "library", "leisure", "hospital", "bypass", "industrial",
  ]

  /// Words that may sit inside a multi-word place name in lower case ("Leigh-on-Sea").
  static let placeInnerWords: [String] = [
    "on", "upon", "le", "la", "the", "de", "in", "by", "under", "next", "cum", "en", "of", "and",
    "s",
  ]

  // MARK: - Units

  /// Nouns that end a unit name ("Serious Violence Unit").
  static let unitHeads: [String] = [
    "unit", "team", "squad", "command", "directorate", "taskforce", "department", "branch",
    "division", "group", "section", "bureau", "units", "teams", "squads",
  ]
  static let unitConnectors: [String] = ["and", "of", "for", "&", "on", "against"]
  /// Capitalised words that never start or sit inside a unit name.
  static let unitStops: [String] = [
    "the", "a", "an", "head", "officers", "officer", "detectives", "detective", "police",
    "constabulary", "members", "colleagues", "today", "yesterday", "last", "this", "our", "their",
    "his", "her", "its", "new", "former", "chief", "inspector", "sergeant", "constable",
    "superintendent", "commissioner", "commander", "insp", "supt", "sgt", "dci", "di", "ds", "dc",
    "pc", "ps", "dsu", "dcs", "acc", "dcc", "ch", "det", "leads", "led", "lead", "by", "with",
    "from", "in", "at", "when", "after", "before", "since", "while",
  ]

  // MARK: - Figures

  static let numberWords: HashMap64<Double> = {
    let w: [(String, Double)] = [
      ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
      ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
      ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
      ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
      ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
      ("dozen", 12),
    ]
    return HashMap64(Dictionary(uniqueKeysWithValues: w.map { (h($0.0), $0.1) }))
  }()
  static let multipliers: HashMap64<Double> = [
    h("million"): 1e6, h("m"): 1e6, h("mn"): 1e6, h("billion"): 1e9, h("bn"): 1e9,
    h("thousand"): 1e3, h("k"): 1e3, h("hundred"): 100,
  ]
  /// Qualifiers before a number; longest match wins. Keyed by sequence hash.
  static let qualifiers: [(words: [UInt64], text: String)] = [
    "almost", "nearly", "around", "about", "approximately", "roughly", "some", "over",
    "under", "more than", "less than", "fewer than", "up to", "at least", "at most",
    "just over", "just under", "in excess of", "well over", "upwards of", "an estimated",
    "an average of", "a total of", "a further", "another", "only", "just",
  ].map { q in (q.split(separator: " ").map { h(String($0)) }, q) }

  static let massUnits: HashMap64<Double> = [
    h("kg"): 1, h("kgs"): 1, h("kilo"): 1, h("kilos"): 1, h("kilogram"): 1, h("kilograms"): 1,
    h("kilogrammes"): 1, h("g"): 0.001, h("gram"): 0.001, h("grams"): 0.001,
    h("grammes"): 0.001, h("tonne"): 1000, h("tonnes"): 1000, h("ton"): 1000, h("tons"): 1000,
    h("oz"): 0.028_349_5, h("ounce"): 0.028_349_5, h("ounces"): 0.028_349_5, h("mg"): 1e-6,
  ]
  static let durations: HashMap64<(unit: String, noun: String)> = [
    h("year"): ("years", "year"), h("years"): ("years", "year"),
    h("month"): ("months", "month"), h("months"): ("months", "month"),
    h("week"): ("weeks", "week"), h("weeks"): ("weeks", "week"),
    h("day"): ("days", "day"), h("days"): ("days", "day"),
    h("hour"): ("hours", "hour"), h("hours"): ("hours", "hour"),
  ]
  static let pounds: [String] = ["pounds", "pound", "gbp"]
  static let percentWords: [String] = ["percent", "pc"]
  /// Lower-case words that may stand between a number and its noun ("64 illegal firearms").
  static let figureModifiers: [String] = [
    "more", "further", "other", "separate", "additional", "suspected", "illegal", "stolen",
    "new", "young", "serious", "violent", "known", "different", "potential", "loaded", "live",
    "high-value", "lethal", "prohibited", "offensive", "counterfeit", "fake", "dangerous",
    "specialist", "armed", "uniformed", "plain-clothed", "extra", "organised", "firearms",
    "drug", "drugs", "crime", "cannabis", "cocaine", "heroin", "county", "lines", "crack",
    "mobile", "vulnerable", "large", "small", "unlicensed", "imitation", "deadly", "criminal",
    "local", "total", "convicted", "dedicated", "named", "positive", "successful",
  ]
  /// Words that cannot be the counted noun.
  static let notNouns: [String] = [
    "of", "and", "or", "to", "in", "on", "at", "for", "with", "from", "by", "a", "an", "the",
    "were", "was", "are", "is", "have", "had", "has", "be", "been", "per", "am", "pm", "which",
    "who", "that", "this", "after", "before", "when", "as", "than", "but", "so", "it", "they",
    "he", "she", "we", "you", "i", "there", "more", "less", "times", "old", "th", "st", "nd",
    "rd", "yards", "miles", "mph", "metres", "feet", "minutes", "seconds", "o'clock", "oclock",
    "s", "out", "up", "down", "into", "over", "under", "each", "all", "not", "will", "would",
    "could", "can", "also", "later", "ago", "since", "apiece", "between", "year-old", "among",
    "respectively", "aged", "years-old", "new",
  ]
  /// Function words, verbs and adverbs that end a compound noun ("five people from").
  static let functionWords: [String] = [
    "from", "in", "on", "at", "of", "for", "with", "to", "by", "and", "or", "but", "were", "was",
    "are", "is", "had", "have", "has", "will", "would", "could", "should", "may", "might", "been",
    "being", "be", "last", "this", "that", "these", "those", "who", "which", "whose", "since",
    "during", "throughout", "across", "after", "before", "between", "including", "worth",
    "said", "say", "says", "found", "seized", "recovered", "linked", "based", "taken", "held",
    "also", "now", "then", "still", "already", "each", "every", "a", "an", "the", "their", "his",
    "her", "its", "our", "your", "my", "into", "onto", "over", "under", "about", "around", "near",
    "than", "as", "while", "when", "where", "there", "here", "up", "down", "out", "off", "away",
    "back", "so", "yet", "not", "no", "only", "just", "more", "less", "most", "least", "per",
    "in", "ago", "later", "earlier", "today", "yesterday", "tonight", "behind", "inside", "outside",
  ]

  /// Words before a number that make it a label, not a figure ("page 4", "aged 34").
  static let numberLabels: [String] = [
    "page", "pages", "section", "sections", "chapter", "number", "no", "junction", "platform",
    "aged", "age", "ages", "article", "room", "court", "flat", "unit", "route", "line", "house",
    "block", "floor", "level", "bus", "exhibit", "schedule", "paragraph", "part", "phase",
    "stage", "category", "class", "grade", "tier", "year", "season", "series", "episode",
    "call", "dial", "ring", "text", "reference", "ref", "case", "crime", "log", "plot",
  ]
  /// Verbs whose counted object is the act: "arrested 440 people" counts arrests.
  static let actVerbs: HashMap64<String> = [
    h("arrested"): "arrest", h("charged"): "charge", h("convicted"): "conviction",
    h("cautioned"): "caution", h("jailed"): "jailing", h("sentenced"): "sentencing",
    h("detained"): "arrest", h("searched"): "search", h("stopped"): "stop",
    h("safeguarded"): "safeguarding", h("summonsed"): "summons", h("prosecuted"): "prosecution",
    // Headlines in the present tense: "Police arrest 25 people".
    h("arrest"): "arrest", h("arresting"): "arrest", h("charging"): "charge",
  ]
  static let peopleNouns: [String] = [
    "people", "persons", "individuals", "suspects", "men", "women", "offenders", "youths",
    "teenagers", "adults", "children", "boys", "girls", "others", "drivers", "criminals",
    "members", "gang", "dealers",
  ]
  static let irregularLemmas: [String: String] = [
    "people": "person", "men": "man", "women": "woman", "children": "child", "knives": "knife",
    "lives": "life", "wives": "wife", "thieves": "thief", "police": "police", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "series": "series", "premises": "premises",
    "species": "species", "crises": "crisis", "analyses": "analysis", "bus": "bus",
    "cannabis": "cannabis", "news": "news", "arms": "arms", "sheep": "sheep", "staff": "staff",
    "offences": "offence", "cases": "case", "houses": "house", "licences": "licence",
    "vehicles": "vehicle", "phones": "phone", "devices": "device", "names": "name",
    "shotguns": "shotgun", "crimes": "crime", "ounces": "ounce",
  ]
}

extension Substring {
  var trimmingSpaces: String {
    String(self.filter { $0 != " " && $0 != "\n" })
  }
}
