"""Hand-written material for the story-pair set (issue 13): for each corpus story, a rewritten
headline (as another paper would write it) and its main town. Keyed by the corpus title, so
the generator can check that every corpus story has an entry.

All of it was written for this project (see corpus/README.md: the corpus is fictional).
"""

# corpus title -> (rewritten headline, town)
REWRITE = {
  "Basildon hotspot patrols cut street robberies by a third, police say":
    ("Street robberies down a third in Basildon after targeted patrols", "Basildon"),
  "Watford man jailed after sawn-off shotgun and 200 rounds found in loft":
    ("Shotgun and hundreds of cartridges hidden in Watford loft: man jailed", "Watford"),
  "Bedford cuckooing victims helped as county line is dismantled":
    ("County line broken up in Bedford as police support cuckooing victims", "Bedford"),
  "Dunstable park stabbing: two teenagers charged with attempted murder":
    ("Two teens charged with attempted murder after stabbing in Dunstable park", "Dunstable"),
  "Drone helps officers catch burglary suspects after spree in Sandy and Potton":
    ("Police drone tracks suspected burglars after break-ins across Sandy", "Sandy"),
  "Luton gang leader jailed for 19 years after 6kg cocaine seizure":
    ("19-year sentence for Luton drugs boss caught with 6kg of cocaine", "Luton"),
  "Leighton Buzzard cannabis factory discovered after neighbours report smell":
    ("Neighbours' tip-off about smell leads police to Leighton Buzzard cannabis farm",
     "Leighton Buzzard"),
  "Stevenage fraudster who posed as bank staff sentenced at St Albans Crown Court":
    ("Fake bank worker who conned Stevenage victims is sentenced", "Stevenage"),
  "Clacton-on-Sea burglar who targeted holiday caravans jailed":
    ("Caravan park raider jailed after string of Clacton break-ins", "Clacton-on-Sea"),
  "Harwich port search uncovers 237 kilograms of cocaine hidden in banana lorry":
    ("237kg cocaine haul found among bananas at Harwich port", "Harwich"),
  "Braintree drug dealer jailed after Op Raptor raid exposed county line":
    ("Raptor raid leads to prison for Braintree county line dealer", "Braintree"),
  "Cannabis factory with 400 plants found in former Halstead bakery":
    ("Old Halstead bakery turned into 400-plant cannabis farm", "Halstead"),
  "Colchester knife attack: teenager sentenced for wounding boy in park":
    ("Teenager sentenced after boy was knifed in Colchester park", "Colchester"),
  "Op Raptor teams made 447 arrests in 2024 as county lines crackdown continues":
    ("447 arrests in a year: Essex Raptor teams' county lines figures", "Basildon"),
  "Witham pensioners lose £261,000 to courier fraud gang posing as detectives":
    ("Fake detectives cheat Witham pensioners out of £261,000", "Witham"),
  "Herne Bay drug dealer jailed after 2kg of cannabis found in shed":
    ("Garden shed stash of 2kg cannabis lands Herne Bay dealer in jail", "Herne Bay"),
  "Sittingbourne county lines boss jailed after police trace burner phones":
    ("Burner phones traced to Sittingbourne county lines boss, now jailed", "Sittingbourne"),
  "Armed officers arrest man after gun pointed at motorist in Thetford":
    ("Man held by armed police after Thetford road rage gun scare", "Thetford"),
  "Canvey Island cannabis grower jailed after loft conversion raid":
    ("Canvey Island man who grew cannabis in converted loft is jailed", "Canvey Island"),
  "Westcliff-on-Sea murder: man jailed for life for stabbing rival":
    ("Life sentence for man who stabbed rival to death in Westcliff", "Westcliff-on-Sea"),
  "Grays dealers caught as Violence and Vulnerability Unit patrols target hotspots":
    ("Hotspot patrols in Grays net suspected drug dealers", "Grays"),
  "Leigh-on-Sea builder jailed for conning homeowners out of £148,000":
    ("Rogue builder who took £148,000 from Leigh homeowners jailed", "Leigh-on-Sea"),
  "Cambridge e-scooter couriers linked to county line are jailed":
    ("E-scooter drug runners in Cambridge jailed over county line", "Cambridge"),
  "Hemel Hempstead armed robbers jailed for a total of 31 years":
    ("31 years between them for Hemel Hempstead armed robbery gang", "Hemel Hempstead"),
  "Huntingdon traffic stop finds 300g of crack cocaine in door panel":
    ("Crack cocaine hidden in car door found during Huntingdon stop", "Huntingdon"),
  "ERSOU annual report: organised criminals jailed for more than 1,000 years":
    ("Regional crime unit's year: more than 1,000 years of sentences", "Cambridge"),
  "Eight arrested as cannabis factories found in Wisbech houses":
    ("Wisbech raids uncover cannabis farms in four houses, eight held", "Wisbech"),
  "Whittlesey burglar who stole work vans and tools is jailed":
    ("Jail for Whittlesey thief who took tradesmen's vans and tools", "Whittlesey"),
  "King's Lynn teenager admits carrying knife in town centre":
    ("Teenager pleads guilty to having knife in King's Lynn town centre", "King's Lynn"),
  "St Neots couple lose £42,000 in investment scam, police warn":
    ("Police warning after St Neots couple cheated out of £42,000", "St Neots"),
  "Norwich county line shut down as London controller is jailed":
    ("London man who ran Norwich drugs line jailed as line is closed", "Norwich"),
  "Ashford burglary gang who stole £300,000 of jewellery jailed for 27 years":
    ("£300,000 jewellery raiders from Ashford jailed for 27 years", "Ashford"),
  "Chatham man jailed for six years over machete attack outside takeaway":
    ("Six years for machete attacker who struck outside Chatham takeaway", "Chatham"),
  "Dartford romance fraudster who conned widow out of £94,000 is jailed":
    ("Jail for online 'suitor' who took £94,000 from Dartford widow", "Dartford"),
  "Folkestone cannabis farm brothers jailed at Canterbury Crown Court":
    ("Brothers who ran Folkestone cannabis farm are jailed", "Folkestone"),
  "Nine firearms and ammunition seized from Gillingham lock-up garage":
    ("Guns and ammunition found stashed in Gillingham garage", "Gillingham"),
  "Gravesend county lines boss who used 15-year-old runner jailed for eight years":
    ("Eight years for Gravesend dealer who used boy of 15 as runner", "Gravesend"),
  "Margate and Ramsgate: 31 arrested during Operation Sceptre week of action":
    ("Sceptre week of action in Thanet: 31 arrests in Margate and Ramsgate", "Margate"),
  "County lines network jailed for a combined 97 years after two-year investigation":
    ("Two-year inquiry ends with 97 years of jail for county lines gang", "Thetford"),
  "More than 400 arrests as Operation Sceptre week targets knife crime":
    ("Knife crime week of action: over 400 people arrested", "Great Yarmouth"),
  "Three men charged after cannabis factory found in Caister-on-Sea barn":
    ("Caister barn cannabis farm: trio charged", "Caister-on-Sea"),
  "Peterborough man jailed for having loaded pistol in his car":
    ("Loaded handgun in car lands Peterborough man in prison", "Peterborough"),
  "Bury St Edmunds burglar caught by DNA on discarded drinks can":
    ("Drinks can left at scene gives police DNA match to Bury burglar", "Bury St Edmunds"),
  "Lowestoft knife amnesty bins collect 180 blades during Operation Sceptre":
    ("180 knives handed in at Lowestoft amnesty bins", "Lowestoft"),
  "Felixstowe container search finds 40 kilograms of heroin among furniture":
    ("Heroin worth millions hidden in furniture container at Felixstowe", "Felixstowe"),
  "Ipswich dealer caught holding \"deal line\" phone is jailed":
    ("Ipswich man found with drug 'deal line' phone sent to prison", "Ipswich"),
  "Joint Education Team visits 60 schools to warn pupils about knives":
    ("Police school talks on knife crime reach 60 schools", "Ipswich"),
  "King's Lynn cannabis grower who stole electricity jailed at Norwich Crown Court":
    ("King's Lynn man jailed for cannabis farm run on stolen power", "King's Lynn"),
}

# Paragraphs a local paper adds to a release: context, a resident's or councillor's quote.
# {town}, {name}, {name2}, {role} are filled in per story.
ADDED = [
  "{name}, who has lived in {town} for more than twenty years, said the news had been the "
  "talk of the street. \"You never think something like that is going on round the corner,\" "
  "she said.",
  "Councillor {name2}, who represents the area on the district council, welcomed the outcome. "
  "\"People in {town} want to see action, and this shows that reporting concerns makes a "
  "difference,\" he said.",
  "It is not the first time the town has made the headlines this year: residents' groups in "
  "{town} have been asking for more visible patrols since the spring.",
  "A spokesperson for the {town} neighbourhood watch said members had been passing "
  "information to their local officers for months and were glad it had been acted on.",
  "The {town} {paper} asked the force how many similar cases it had dealt with in the past "
  "year but had not received a reply by the time of publication.",
  "{name}, who runs a shop nearby, told the {paper}: \"We saw the police cars but nobody "
  "knew what was going on until later in the day.\"",
  "Anyone with concerns about crime in their area can speak to their local policing team at "
  "one of the regular street surgeries held in {town}, or report online.",
  "Readers can find advice on keeping themselves safe, and on how to report suspicious "
  "activity anonymously, on the charity Crimestoppers' website.",
]

# Follow-ups of corpus stories (a later event about the same case: a different story), written
# for this project: corpus title -> (days later, title, paragraphs).
FOLLOW_UPS = {
  "Dunstable park stabbing: two teenagers charged with attempted murder": (
    212, "Two jailed over attempted murder of boy in Dunstable park",
    ["Mason Greatorex, 19, of Dunstable, and a 17-year-old boy from Houghton Regis have been "
     "sentenced for the attempted murder of a teenager near the skate ramps in Grove House "
     "Gardens last January.",
     "A jury at Luton Crown Court found both guilty after a two-week trial. Greatorex was jailed "
     "for 16 years; the younger defendant, who cannot be named because of his age, was given a "
     "ten-year detention order.",
     "The court heard the victim, then 17, needed emergency surgery and still has limited "
     "movement in one arm.",
     "Detective Chief Inspector Jarrah Nethercott said after the verdicts: \"The people who "
     "stopped to help him that evening very probably saved his life.\""]),
  "Three men charged after cannabis factory found in Caister-on-Sea barn": (
    96, "Caister-on-Sea barn cannabis farm: three men jailed",
    ["Three men who tended a cannabis farm of about 800 plants hidden in a barn near "
     "Caister-on-Sea have been jailed at Norwich Crown Court.",
     "The men, now aged 28, 33 and 45, admitted producing a Class B drug. They were given "
     "sentences of between two years and three years and four months.",
     "Judge Rowena Clitheroe said the barn had been chosen because it was remote and the "
     "entrance was hidden behind a tractor.",
     "Detective Sergeant Nkechi Balogun of Great Yarmouth CID said the case started with "
     "information from the rural community."]),
  "King's Lynn teenager admits carrying knife in town centre": (
    150, "King's Lynn teenager back in court after breaching referral order",
    ["A 17-year-old boy who was given a referral order for carrying a lock knife in King's Lynn "
     "town centre has been returned to court after missing appointments with the youth "
     "offending team.",
     "Magistrates at Norwich Youth Court extended the order by three months and added a "
     "curfew.",
     "The boy, who cannot be named, was stopped in Tuesday Market Place in June after a member "
     "of the public saw him showing the knife to friends.",
     "His solicitor told the court he had since started an apprenticeship."]),
}

# Real articles found with the project's stored-page search (corpus "pages"), beyond
# bench/entities/real: short excerpts as published (headline and a few sentences), with the
# source URL. (id, url, source, date, date note, title, excerpt). A date of YYYY-MM means the
# page gave only the month (or the month was read from the event it reports, see the note).
REAL_EXTRA = [
  ("p01", "https://issuu.com/rosettapublishing/docs/beds_bulletin_online_nov_15_2018",
   "Bedfordshire Bulletin", "2018-11-15", "",
   "MULTI £ MILLION DRUGS BUSINESS CLOSED DOWN",
   "An organised crime group who ran a multimillion pound drugs supply business out of Luton "
   "have been jailed for almost 100 years, following the largest ever seizure of cocaine in "
   "Bedfordshire. The six men from Luton, who were described by the judge as 'peddlers of "
   "misery', sold Class A drugs to criminal gangs across the UK for onward distribution. "
   "Mohammed Waqas, 29, of Shervington Grove, and Mohammed Irfan Khan, 35, of Dunstable Road, "
   "who both had leading roles within the group, were both jailed for 25 years at Luton Crown "
   "Court on Monday, November 12, 2018."),
  ("p02", "https://www.dunstabletoday.co.uk/news/luton-gang-convicted-over-multi-million-pound-"
   "drugs-operation-stretching-far-pakistan-and-morrocco-230297",
   "Dunstable Today", "2018-11-01", "the verdict day (Thursday 1 November 2018)",
   "Luton gang convicted over multi-million pound drugs operation stretching as far as "
   "Pakistan and Morrocco",
   "A Luton organised crime gang has been found guilty of operating a multi-million pound "
   "drugs business that stretched as far as Morrocco and Pakistan. In September and October "
   "2017, the investigation team arrested the group's couriers, seizing around 45 kilograms of "
   "import grade cocaine, with a street value of almost £5 million. Mohammad Waqas, 29, of "
   "Shervington Grove and Mohammad Irfan Khan, 35, of Dunstable Road, who both had leading "
   "roles within the group, were today (Thursday) found guilty of conspiracy to supply "
   "cocaine following a trial at Luton Crown Court."),
  ("p03", "https://www.lynnnews.co.uk/news/police-arrest-12-people-and-shut-down-county-lines-"
   "after-cra-9357380/", "Lynn News", "2024-03", "month of the week it reports (4-10 March)",
   "Police arrest 12 people and shut down County Lines",
   "Twelve people have been arrested and at least two County Line phone lines were shut down "
   "in Norfolk during a national operation. Drugs, weapons, cash and drug-dealing "
   "paraphernalia were also seized during the week, which took place between Monday, March 4 "
   "and Sunday, 10. Inspector Jo Minnis, County Lines lead for Norfolk Constabulary, said: "
   "\"It is important to note this work never stops.\""),
  ("p04", "https://hellorayo.co.uk/greatest-hits/norfolk/news/norfolk-police-arrest-twelve-"
   "county-lines-week-action", "Greatest Hits Radio Norfolk", "2024-03",
   "month of the week it reports",
   "Norfolk Police arrest twelve in county lines drug gang crackdown",
   "Norfolk Police tell us they've arrested twelve people and shut down at least two county "
   "lines phone networks - as part of a national week of action against county lines drug "
   "gangs. Class A drugs, knives and a hammer were seized as part of warrants that were "
   "carried out in Norwich, Thetford, King's Lynn and Great Yarmouth last week. The week of "
   "activity, between 4-10 March 2024, was coordinated by the National County Lines "
   "Coordination Centre set up by the National Crime Agency and NPCC."),
  ("p05", "https://bargainmama.com/county-lines-crackdown-12-arrests-made-two-phone-lines-shut-"
   "down", "bargainmama.com", "2024-03", "month of the operation it rewrites",
   "County lines crackdown: 12 arrests made, two phone lines shut down",
   "Norfolk Police shut down two phone lines and arrested twelve people in a targeted "
   "operation as part of their determined response to drug-related criminal activities. "
   "Significant amounts of drugs have been seized in raids carried out in Norwich, Thetford, "
   "King's Lynn, and Great Yarmouth; also, cash and firearms have been found. Norfolk Police "
   "shut down 74 class A drug lines in the area between 2019 and 2023."),
  ("p06", "https://www.edp24.co.uk/news/crime/kings-lynn-norwich-norfolk-county-lines-action-"
   "week-8429658", "Eastern Daily Press", "2021-10", "month of the week it reports (11-17 "
   "October)",
   "Police arrest 12 in county lines week of action",
   "Police have arrested 12 people as part of a week of action focusing on county lines drug "
   "dealing in Norfolk. The Norfolk Police's county lines team, along with neighbourhood "
   "policing teams across the county and the British Transport Police, took part in a "
   "national week of action against county lines drug dealing between Monday, October 11 and "
   "Sunday, October 17. Officers attended addresses in Norwich and King's Lynn, arresting "
   "people on suspicion of possession with intent to supply Class A drugs."),
  ("p07", "https://newsofamerica.org/2021/10/23/essex-crime-police-raid-see-55-arrested-and-"
   "180000-seized-as-officers-target-county-lines-kingpins/", "newsofamerica.org",
   "2021-10-23", "",
   "Essex crime: police raid see 55 arrested and £180,000 seized as officers target county "
   "lines kingpins",
   "Essex Police made 55 arrests, seized £ 180,000 in cash and took more than 6kg of drugs off "
   "the street as part of a week-long operation focusing on disrupting County Line's drug "
   "supply. Of the 55 arrests made by the Op Raptor team in Essex, 39 people were charged, 13 "
   "people were released during investigation and three people were released without charge. "
   "As a result, 13 county lines have been disrupted."),
  ("p08", "https://www.cambstimes.co.uk/news/officers-called-to-peterborough-factory-this-"
   "morning-1-6429734", "Cambs Times", "2019-12-17",
   "day from the text (\"this morning (December 17)\"), year from the Peterborough Today copy",
   "Cannabis worth up to £53,000 found in Peterborough",
   "Cannabis plants worth up to £53,000 were found in a Peterborough factory this morning "
   "(December 17). Officers from the Peterborough and Fenland neighbourhood policing teams "
   "were called to Oxney Road, Parnwell to discover 63 cannabis plants, as well as evidence "
   "of trapping wild birds. A 67-year-old woman was arrested at the scene on suspicion of "
   "cultivating cannabis and remains in custody at Thorpe Wood Police Station."),
  ("p09", "https://www.peterboroughtoday.co.uk/news/crime/cannabis-factory-at-travellers-site-"
   "in-peterborough-shut-down-1-9177574", "Peterborough Telegraph", "2019-12-17", "",
   "Cannabis factory at travellers site in Peterborough shut down",
   "A cannabis factory in Peterborough was shut down by police this morning (Tuesday). Acting "
   "on intelligence, officers from the Peterborough and Fenland Neighbourhood Policing Teams "
   "paid a visit to a travellers site in Oxney Road. They uncovered 63 cannabis plants from "
   "several units worth up to £53,000, as well as evidence of trapping wild birds. A "
   "67-year-old woman was arrested at the scene on suspicion of cultivating cannabis."),
  ("p10", "https://www.wisbechstandard.co.uk/news/wisbech-cannabis-factory-uncovered-1-5927256",
   "Wisbech Standard", "2019-03-08", "",
   "Police tip off leads to arrest after 'hidden' cannabis factory - with plants worth up to "
   "£60,000 - being uncovered in Wisbech",
   "Officers discovered the cannabis factory at a house on York Road this afternoon (March 8) "
   "after concerns were raised by the public. More than 70 cannabis plants, together with "
   "growing equipment, were seized from a hidden bedroom on the first floor of the property. "
   "A 37-year-old man from Wisbech has been arrested on suspicion of producing cannabis."),
  ("p11", "https://www.peterboroughtoday.co.uk/news/crime/police-responding-to-burglary-report-"
   "uncover-giant-cannabis-farm-1-8339387", "Peterborough Telegraph", "2018-01",
   "month from the text (\"Thursday January 18\", a Thursday in 2018)",
   "Police responding to burglary report uncover giant cannabis farm",
   "Police responding to reports of a burglary yesterday uncovered a giant cannabis farm at a "
   "property in Wisbech. Police were called at 1.40pm on Thursday January 18 with reports of "
   "suspicious activity in St Peter's Road, Wisbech. Whilst at the property officers "
   "discovered nearly 300 cannabis plants worth an estimated £140,000."),
  ("p12", "https://www.peterboroughtoday.co.uk/news/crime/cannabis-factory-found-in-"
   "peterborough-1-8220991", "Peterborough Telegraph", "2017-10",
   "month from the text (\"Friday (October 27)\", a Friday in 2017)",
   "Cannabis factory found in Peterborough",
   "Police discovered a cannabis factory in Peterborough on Friday (October 27). The factory "
   "was in Percival Street, West Town. Cannabis was then discovered in two bedrooms, with "
   "around 60 plants in each. No arrests have been made."),
  ("p13", "https://news.suffolkvillage.info/2018/10/15/week-of-action-by-suffolk-police-results-"
   "in-19-arrests-concerning-threat-of-illegal-drugs/", "Suffolk Village News", "2018-10-15",
   "", "Week of action by Suffolk Police results in 19 arrests concerning threat of illegal "
   "drugs",
   "Suffolk Constabulary has taken part in a national week of action against the on-going "
   "threat of County Lines. As part of the week of action officers made 19 arrests. Police "
   "also recovered around 150 wraps of class A drugs and seized four weapons – two knives and "
   "two suspected firearms. Around £3,500 in cash was also seized."),
  ("p14", "https://news.suffolkvillage.info/2025/07/04/thirty-people-arrested-in-suffolk-during-"
   "national-week-of-action-targeting-drug-dealing/", "Suffolk Village News", "2025-07-04", "",
   "Thirty people arrested in Suffolk during national week of action targeting drug dealing",
   "Thirty people were arrested in Suffolk during a national week of action targeting drug "
   "dealing and associated criminality which included cocaine valued at over £146,000 and "
   "£10,580 in cash being seized. Sixteen of the 30 arrests came as a result of operations and "
   "warrants led by the constabulary's proactive teams."),
]
