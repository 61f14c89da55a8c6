import Testing

@testable import Extraction

/// The failure classes of issue #10, each on a small page written for the test: how a page is
/// told from a feed, what "nothing found" means, and which block of a page is the article.
@Suite struct GeneralisationTests {
  let extractor = DocumentExtractor()

  /// Four plain story paragraphs (about 110 words).
  static let story = """
    <p>A lorry carrying frozen vegetables overturned on the A11 near Elveden early on Tuesday, \
    closing the road towards Thetford for most of the morning.</p>
    <p>The driver, a man in his fifties, was taken to the West Suffolk Hospital with injuries \
    that are not thought to be serious, police said.</p>
    <p>Recovery crews worked for six hours to lift the trailer, and the carriageway was swept \
    before it reopened shortly after one o'clock.</p>
    <p>Officers would like to hear from anyone who saw the lorry before the crash, or who has \
    dashcam footage of the stretch near the war memorial.</p>
    """

  /// A village site's menu of eight links, above and below the column in the heron pages.
  static let villageMenu = """
    <ul class="menu"><li><a href="/clare">Clare news</a></li><li><a \
    href="/cavendish">Cavendish news</a></li><li><a href="/glemsford">Glemsford \
    news</a></li><li><a href="/hundon">Hundon news</a></li><li><a href="/kedington">Kedington \
    news</a></li><li><a href="/stoke">Stoke news</a></li><li><a href="/haverhill">Haverhill \
    news</a></li><li><a href="/sudbury">Sudbury news</a></li></ul>
    """

  /// Five paragraphs of one story (a burst water main in Ely), shared by the sibling tests.
  static let burstMain = """
    <p>A burst water main flooded Forehill in Ely on Thursday morning, leaving shops \
    without water and closing the road to traffic from half past seven until the middle of \
    the afternoon.</p>
    <p>Water ran down the hill towards the market square for more than an hour before \
    engineers could isolate the pipe, and several cellars in the street were pumped out by \
    the fire service.</p>
    <p>The water company said the main, which dates from the nineteen-thirties, had split \
    along a seam, and that it would be replaced along the whole street during the next \
    year.</p>
    <p>Police closed Forehill at both ends and directed buses along Back Hill, while \
    officers helped residents of two flats above a cafe to move their belongings to higher \
    floors.</p>
    <p>Customers in the centre of the city may notice discoloured water for a day or two, \
    and the company advised them to run the cold tap until the water runs clear again.</p>
    """

  private func article(_ html: String, path: String = "p.html") throws -> Article {
    try #require(extractor.extract(bytes: Array(html.utf8), path: path).first)
  }

  // MARK: - A page taken for a feed

  /// A Creative Commons licence block is RDF inside the page's head: the root element is
  /// `<html>`, so this is a page, with or without an extension.
  static let licensedPage = """
    <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x">
    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Lorry overturns on A11</title>
    <!-- <rdf:RDF xmlns="http://web.resource.org/cc/"><Work rdf:about=""></Work></rdf:RDF> -->
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns:cc="http://creativecommons.org/ns#"><cc:Work rdf:about=""><cc:license
      rdf:resource="http://creativecommons.org/licenses/by/3.0/"/></cc:Work></rdf:RDF>
    </head><body><div class="post">\(story)</div></body></html>
    """

  @Test func pageWithRDFInItsHeadIsAPage() throws {
    for path in ["lorry.html", "lorry", "lorry.php"] {
      #expect(try extractor.inputKind(bytes: Array(Self.licensedPage.utf8), path: path) == .html)
      let a = try article(Self.licensedPage, path: path)
      #expect(a.text.contains("overturned on the A11"))
      #expect(a.paragraphs.count == 4)
    }
  }

  @Test func feedRootsStillMakeFeeds() throws {
    let rss = """
      <?xml version="1.0"?>
      <!-- a comment before the root -->
      <rss version="2.0"><channel><title>Eastern News</title><item><title>A11 closed</title>
      <description>The road reopened after one o'clock.</description></item></channel></rss>
      """
    for path in ["feed.xml", "feed", "feed.html"] {
      #expect(try extractor.inputKind(bytes: Array(rss.utf8), path: path) == .feed)
    }
    let rdf = """
      <?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title></channel></rdf:RDF>
      """
    #expect(try extractor.inputKind(bytes: Array(rdf.utf8), path: "feed") == .feed)
    // An .xml file that is really a page (its root is <html>) is read as a page.
    let xhtml = "<?xml version=\"1.0\"?>\n<html><body>\(Self.story)</body></html>"
    #expect(try extractor.inputKind(bytes: Array(xhtml.utf8), path: "page.xml") == .html)
  }

  // MARK: - Nothing found

  @Test func pageWithoutBodyTextIsNoDocumentWhetherOrNotItHasATitle() throws {
    for html in [
      "<html><head><title>Only a headline</title></head><body><nav><a href=\"/\">Home</a>"
        + "</nav></body></html>",
      "<html><body><nav><a href=\"/\">Home</a></nav></body></html>",
    ] {
      #expect(throws: ExtractionError.noDocuments(path: "n.html")) {
        try extractor.extract(bytes: Array(html.utf8), path: "n.html")
      }
    }
  }

  // MARK: - Empty output

  @Test func textInsideJavaScriptLinksIsText() throws {
    // Each paragraph wrapped in an `<a href="javascript:…">` (a "show more" toggle) is prose,
    // not a list of links to other pages.
    let story = Self.story.replacingOccurrences(
      of: "<p>", with: "<p><a href=\"javascript:void(0)\" class=\"expand\">"
    ).replacingOccurrences(of: "</p>", with: "</a></p>")
    let a = try article(
      """
      <html><head><title>Lorry overturns on A11</title></head><body>
      <ul class="menu"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>
      <div class="x">\(story)</div>
      <div class="box"><p>The Breckland Echo has covered the towns and villages of the Brecks since
      1872, and is read every week by many households.</p></div>
      <div class="foot"><a href="/about">About us</a> <a href="/contact">Contact</a></div>
      </body></html>
      """)
    #expect(a.paragraphs.count == 4)
    #expect(a.text.hasPrefix("A lorry carrying frozen vegetables"))
    #expect(!a.text.contains("Breckland Echo"))
  }

  @Test func postThatIsAListOfLinksKeepsItsList() throws {
    let a = try article(
      """
      <html><head><title>Weekend reading</title></head><body>
      <div class="sidebar"><ul><li><a href="/a">Archives</a></li><li><a href="/b">Blogroll</a>
      </li></ul></div>
      <div class="post"><h2>Weekend reading</h2><div class="entry-content"><ul>
      <li><a href="http://a.example/1">Lorry overturns on the A11 near Elveden</a></li>
      <li><a href="http://a.example/2">Thetford road reopens after six-hour recovery</a></li>
      <li><a href="http://a.example/3">Why the Brecks forest roads see so many crashes</a></li>
      </ul></div></div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(
      a.paragraphs == [
        "Lorry overturns on the A11 near Elveden", "Thetford road reopens after six-hour recovery",
        "Why the Brecks forest roads see so many crashes",
      ])
  }

  @Test func pageOfHeadingsAndFiguresKeepsThem() throws {
    let a = try article(
      """
      <html><head><title>The A11 crash in pictures</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <main><h1>The A11 crash in pictures</h1>
      <h2>Morning</h2><figure><img src="1.jpg"><figcaption>The overturned lorry at first light
      </figcaption></figure>
      <h2>Recovery</h2><figure><img src="2.jpg"><figcaption>Two cranes lift the trailer clear
      </figcaption></figure>
      </main></body></html>
      """)
    #expect(
      a.paragraphs == [
        "Morning", "The overturned lorry at first light", "Recovery",
        "Two cranes lift the trailer clear",
      ])
  }

  // MARK: - The wrong block

  @Test func articleInsideAShareWrapperIsNotChrome() throws {
    // A class that says "share" around the whole article, and one that says "article body"
    // inside it: the stronger, inner evidence wins over a sidebar paragraph.
    let a = try article(
      """
      <html><head><title>Lorry overturns on A11</title></head><body>
      <div class="share-wrapper"><ul><li><a href="/s/fb">Facebook</a></li>
      <li><a href="/s/tw">Twitter</a></li></ul>
      <div class="article-body">\(Self.story)</div></div>
      <div class="box"><h3>Who we are</h3><p>The Breckland Echo has covered the towns and villages
      of the Brecks since 1872, and is read every week by more than forty thousand households.</p>
      </div></body></html>
      """)
    #expect(a.paragraphs.count == 4)
    #expect(!a.text.contains("Breckland Echo"))
    #expect(!a.text.contains("Facebook"))
  }

  @Test func storyAmongManyCaptionsBeatsAFooterLine() throws {
    // Captions cost their container; enough of them sink it below a one-line legal notice.
    // The story's best paragraph outscores the notice, so its container is tried too, and
    // it holds more prose.
    let caption = """
      <figure><img src="x.jpg"><figcaption>Crews from three stations attended the scene, where \
      the trailer blocked both lanes of the dual carriageway for several hours on Tuesday \
      morning; the picture was taken from the bridge.</figcaption></figure>
      """
    let captions = String(repeating: caption, count: 6)
    let a = try article(
      """
      <html><head><title>Lorry overturns on A11</title></head><body>
      <div class="wrap"><div class="text">
      <p>A lorry carrying frozen vegetables overturned on the A11 near Elveden early on Tuesday,
      closing the road towards Thetford for most of the morning, and drivers were sent through
      the villages of the forest.</p>
      \(captions)
      <p>The driver, a man in his fifties, was taken to the West Suffolk Hospital with injuries
      that are not thought to be serious, police said, and the lorry's load was taken away by a
      second vehicle.</p>
      </div></div>
      <div class="legal"><p>Reproduction of any article from this website without our written
      permission is prohibited by law.</p></div>
      </body></html>
      """)
    #expect(a.paragraphs.count == 2)
    #expect(a.text.hasPrefix("A lorry carrying frozen vegetables"))
    #expect(!a.text.contains("Reproduction"))
  }

  // MARK: - Old table layouts

  @Test func navigationCellBesideTheStoryCellStaysOut() throws {
    let a = try article(
      """
      <html><head><title>Lorry overturns on A11</title></head><body><table><tr>
      <td width="120"><font size="2"><a href="/ipswich">Ipswich</a><br><a href="/bury">Bury St
      Edmunds</a><br><a href="/thetford">Thetford</a><br><a href="/sudbury">Sudbury</a><br>
      <a href="/newmarket">Newmarket</a></font></td>
      <td><font face="Arial">A lorry carrying frozen vegetables overturned on the A11 near
      Elveden early on Tuesday, closing the road towards Thetford for most of the morning.<br><br>
      The driver, a man in his fifties, was taken to the West Suffolk Hospital with injuries that
      are not thought to be serious, police said.<br><br>
      Recovery crews worked for six hours to lift the trailer, and the carriageway was swept
      before it reopened shortly after one o'clock.</font></td>
      </tr></table></body></html>
      """)
    #expect(a.paragraphs.count == 3)
    #expect(a.text.hasPrefix("A lorry carrying frozen vegetables"))
    #expect(!a.text.contains("Newmarket"))
  }

  @Test func dataTableRowsStayWhole() throws {
    // A data table's row is one line, linked first cell and all.
    let a = try article(
      """
      <html><body><div class="article-body">\(Self.story)
      <table><tr><td><a href="/q/anw">ANW</a></td><td>Anglian Water</td><td>12.40</td></tr>
      <tr><td><a href="/q/ess">ESS</a></td><td>Essex and Suffolk Water</td><td>8.15</td></tr>
      </table></div></body></html>
      """)
    #expect(a.paragraphs.contains("ANW Anglian Water 12.40"))
  }

  // MARK: - Truncation

  @Test func sentenceWithLongLinkedTitlesStaysInTheArticle() throws {
    let a = try article(
      """
      <html><head><title>Lorry overturns on A11</title></head><body>
      <div class="article-body">
      <p>A lorry carrying frozen vegetables overturned on the A11 near Elveden early on Tuesday,
      closing the road towards Thetford for most of the morning.</p>
      <p>The driver, a man in his fifties, was taken to the West Suffolk Hospital with injuries
      that are not thought to be serious, police said.</p>
      <p>For a longer discussion of the road's history and of the closures since 2010, read
      <a href="/a11-history">The A11 through the Brecks: forty years of crashes, closures and
      campaigns for a safer road</a> and <a href="/bends">Why lorries overturn on the forest
      bends near Elveden and Barton Mills</a>.</p>
      <p>Recovery crews worked for six hours to lift the trailer, and the carriageway was swept
      before it reopened shortly after one o'clock.</p>
      </div>
      <ul class="more-news"><li><a href="/x">Man charged after Mildenhall burglary</a></li>
      <li><a href="/y">Appeal after Brandon shed fire</a></li></ul>
      </body></html>
      """)
    #expect(a.paragraphs.count == 4)
    #expect(a.text.contains("forty years of crashes"))
    #expect(!a.text.contains("Mildenhall"))
  }

  /// An article that continues after an inline box of links: its last paragraph sits in a
  /// sibling of the container and, with a fifth of its score and no links, joins it.
  @Test func paragraphAfterAnInlineLinkBoxJoinsTheArticle() throws {
    let a = try article(
      """
      <html><head><title>Burst main floods Ely street</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="page">
      <div class="entry">
      \(Self.burstMain)
      </div>
      <ul><li><a href="/a">Roadworks map</a></li><li><a href="/b">Report a leak</a></li>
      <li><a href="/c">Water quality in your area</a></li><li><a href="/d">Compensation for \
      supply interruptions</a></li></ul>
      <div>
      <p>Anyone whose property was damaged by the flooding can claim from the water company, \
      which has set up a helpline for residents and shop owners in the street and the market \
      square nearby. Its number is on the company website.</p>
      </div>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("A burst water main flooded Forehill"))
    #expect(a.text.contains("can claim from the water company"))
    #expect(!a.text.contains("Roadworks map"))
  }

  /// A closing paragraph right beside the article's container (outside its `<div>`) is part of
  /// the article: readability's rule for a sibling `<p>` of 80+ characters with few links.
  @Test func siblingParagraphOfTheContainerJoinsIt() throws {
    let a = try article(
      """
      <html><head><title>Burst main floods Ely street</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="page">
      <div class="entry">
      \(Self.burstMain)
      </div>
      <p>Anyone whose property was damaged can claim from the water company, which has opened \
      a helpline for the street.</p>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.paragraphs.count == 6)
    #expect(a.text.hasSuffix("which has opened a helpline for the street."))
  }

  /// A standfirst in its own `<div>` before the article's container joins it.
  @Test func standfirstBeforeTheContainerJoinsIt() throws {
    let a = try article(
      """
      <html><head><title>Burst main floods Ely street</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="page">
      <div>
      <p>Shops on one of the busiest streets in Ely were left without water for most of \
      Thursday after a pipe laid in the nineteen-thirties split under the road, sending water \
      down towards the market square.</p>
      </div>
      <div class="entry">
      \(Self.burstMain)
      </div>
      <ul><li><a href="/a">Roadworks map</a></li><li><a href="/b">Report a leak</a></li>
      <li><a href="/c">Water quality in your area</a></li><li><a href="/d">Compensation for \
      supply interruptions</a></li></ul>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("Shops on one of the busiest streets in Ely"))
    #expect(a.paragraphs.count == 6)
    #expect(!a.text.contains("Roadworks map"))
  }

  /// A lede in a box of its own, split from the rest of the story by an inline "related" box:
  /// a sibling of the container with the same tag and class, after the headline, joins it
  /// even though it holds far less than a fifth of the container's text. A box of the same
  /// class before the headline (a site's welcome note) stays out.
  @Test func ledeSplitFromTheBodyByAnInlineBoxJoinsIt() throws {
    let a = try article(
      """
      <html><head><title>Fen drove closed after barn fire</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="page">
      <div class="story-text"><p>Welcome to the Fenland Gazette, where you can read the \
      news of the towns and villages between March and the Wash every day of the week.</p></div>
      <h1>Fen drove closed after barn fire</h1>
      <div class="story-text"><p>WISBECH - A barn full of hay burned through the night on a \
      farm near Wisbech St Mary, and the drove beside it stayed closed until noon.</p></div>
      <div class="inline"><h3>Related</h3><ul><li><a href="/a">Harvest fires rise</a></li>
      <li><a href="/b">Crews tackle stubble blaze</a></li></ul></div>
      <div class="story-text">
      <p>Fire crews from Wisbech, March and Whittlesey were called shortly after ten in the \
      evening, when a neighbour saw flames above the roof and rang from the end of the drove.</p>
      <p>The barn held about four hundred bales, and firefighters let most of them burn out \
      under control rather than pull them apart in the dark, a spokesman for the service said.</p>
      <p>No animals were in the building, and the farmhouse, which stands about a hundred \
      yards away across the yard, was not damaged by the fire or by the smoke that drifted.</p>
      <p>Police closed the drove at both ends to keep traffic away from the hoses laid across \
      it, and asked drivers to use the main road through Guyhirn until the crews had gone.</p>
      <p>The cause of the fire is not yet known, but officers said they were keeping an open \
      mind and would like to hear from anyone who saw people near the farm during the evening.</p>
      <p>The farmer said the hay had been cut in June and was meant to feed his sheep through \
      the winter, and that neighbours had already offered bales of their own to help him out.</p>
      <p>It is the third barn fire in the district since the start of August, after fires at \
      Parson Drove and Gorefield that were both started deliberately, according to the police.</p>
      <p>Anyone with information is asked to call the police on 101 and to quote the incident \
      number given on the force website, or to ring Crimestoppers anonymously instead.</p>
      </div>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("WISBECH - A barn full of hay"))
    #expect(a.paragraphs.count == 9)
    #expect(!a.text.contains("Welcome to the Fenland Gazette"))
    #expect(!a.text.contains("Harvest fires rise"))
  }

  /// A list of short lines between two paragraphs whose last line is a link (longer than a
  /// button): the linked line goes, the other lines stay as the article's text.
  @Test func shortLinesBeforeALinkedLastLineStayBetweenParagraphs() throws {
    let a = try article(
      """
      <html><head><title>Chimney fires rise as nights turn cold</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="post">
      <p>Firefighters in Suffolk were called to eleven chimney fires in the first week of \
      November, more than in the whole of October, as people lit their stoves for the first \
      time since the spring.</p>
      <p>The fire service says most of the fires could have been avoided, and it has asked \
      anyone with an open fire or a wood burner to follow a few simple steps this winter.</p>
      <p>• Have the chimney swept at least once a year</p>
      <p>• Burn only dry and seasoned wood in the stove</p>
      <p>• Check that smoke alarms work every week</p>
      <p>• <a href="/advice">More fire safety advice from the service</a></p>
      <p>A spokesman said crews had found several stoves burning wet timber, which leaves tar \
      in the flue that can catch light days later, long after the fire in the grate has died.</p>
      <p>Free home safety visits can be booked through the county council, and the service \
      fits smoke alarms without charge for older people and those who live on their own.</p>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.paragraphs.contains("• Burn only dry and seasoned wood in the stove"))
    #expect(a.paragraphs.count == 7)
    #expect(!a.text.contains("More fire safety advice"))
  }

  // MARK: - Short labels

  /// One-word labels ending in a colon between good paragraphs are part of the text.
  @Test func oneWordLabelsBetweenParagraphsStay() throws {
    let a = try article(
      """
      <html><head><title>Speed cameras on the A14: what changed</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="post">
      <p>The county's road safety partnership moved four of its mobile speed cameras to the \
      A14 between Bury St Edmunds and Stowmarket last spring, after a run of serious crashes \
      at the junctions near Beyton.</p>
      <p>Problem:</p>
      <p>Drivers joining the dual carriageway from the slip roads at Beyton and Woolpit had \
      too little time to judge the speed of traffic, and six people were badly hurt there in \
      two years.</p>
      <p>Solution:</p>
      <p>Cameras were placed on the approaches, the limit was cut to fifty miles an hour for \
      a mile each side, and the slip roads were given longer merging lanes over the summer.</p>
      <p>Figures published this week show two minor crashes at the junctions since the \
      changes, and average speeds on the stretch have fallen by nine miles an hour.</p>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.paragraphs.contains("Problem:"))
    #expect(a.paragraphs.contains("Solution:"))
    #expect(a.paragraphs.count == 6)
    #expect(!a.text.contains("Privacy"))
  }

  // MARK: - The wrong block, second pass (issue #10)

  /// A post continued after its "read more" break (`id="more"`, `class="asset-more"`): "more"
  /// is weak evidence, so the continuation stays in the post and a sidebar's about box does not
  /// win.
  @Test func postContinuedAfterAMoreBreakIsKept() throws {
    let a = try article(
      """
      <html><head><title>Harvest supper raises funds for church roof</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="entry" id="entry-12">
      <h3><a href="/2012/10/harvest-supper.html">Harvest supper raises funds for church \
      roof</a></h3>
      <p>More than a hundred people sat down to the harvest supper in the village hall at \
      Cavendish on Saturday, and the evening raised enough to start work on the church roof.</p>
      <div id="more" class="asset-more">
      <p>The supper was cooked by volunteers from the parish, who spent most of Friday peeling \
      potatoes and baking the apple pies that were sold afterwards at the door.</p>
      <p>The churchwardens said the lead on the north aisle had been stolen twice in five years,\
       and that the new roof would be made of stainless steel that thieves cannot sell.</p>
      <p>Work is expected to start in the spring, once the diocese has approved the plans, and \
      the church will stay open for services while the scaffolding is up.</p>
      <p>A further auction of promises is planned for November, with offers of gardening, baby-\
      sitting and a flight over the valley in a light aircraft.</p>
      </div>
      </div>
      <div class="about"><p>The Stour Valley Villager is written by people who live here, for \
      people who live here. If you have news from your village, a club or a school, send it to \
      the editor and we will print it in the next issue.</p></div>
      <div class="footer"><a href="/about">About</a></div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("More than a hundred people sat down"))
    #expect(a.text.contains("stainless steel"))
    #expect(a.paragraphs.count == 5)
    #expect(!a.text.contains("Stour Valley Villager"))
  }

  /// A short post right under its headline, in a column between menus, and a longer legal
  /// notice at the foot of the page: the post's container scores over half as well as the
  /// notice, so the post is the article.
  @Test func shortPostUnderTheHeadlineBeatsALongerNotice() throws {
    let a = try article(
      """
      <html><head><title>Heron returns to the village pond</title></head><body>
      <div class="wrap">\(Self.villageMenu)
      <div class="col"><h1>Heron returns to the village pond</h1>
      <div class="story">
      <p>A grey heron has been seen at the pond on the green again.</p>
      <p>Residents said the bird arrived on Monday, before the frost.</p>
      <p>It has stood by the reeds every morning since then.</p>
      <p>Dog walkers are asked to keep to the far path, please.</p>
      <p>The pond was cleared of weed by volunteers in the spring.</p>
      <p>Frogs and newts have come back to it in large numbers.</p>
      <p>The council will put up a sign about the birds next week.</p>
      <p>Children from the school have drawn pictures of the heron.</p>
      </div>
      </div>\(Self.villageMenu)</div>
      <div class="legal">
      <p>This site is written by volunteers and is provided as it is. The parish council accepts\
       no liability for the accuracy of anything published here, nor for the content of other \
      sites that are linked from these pages.</p>
      <p>Readers should check the details of events with their organisers before they travel to \
      them, and should not rely on the dates given here for any purpose that matters to them, \
      including bookings and payments.</p>
      </div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("A grey heron has been seen"))
    #expect(a.text.contains("Children from the school have drawn pictures"))
  }

  /// The same, against a notice of one paragraph: a best container that holds one prose block
  /// only gives way to the text under the headline at a tenth of its score.
  @Test func oneParagraphNoticeDoesNotOutweighThePost() throws {
    let a = try article(
      """
      <html><head><title>Heron returns to the village pond</title></head><body>
      <div class="wrap">\(Self.villageMenu)
      <div class="col"><h1>Heron returns to the village pond</h1>
      <div class="story">
      <p>A grey heron has been seen at the pond on the green again.</p>
      <p>Residents said the bird arrived on Monday, before the frost.</p>
      <p>It has stood by the reeds every morning since then.</p>
      <p>Dog walkers are asked to keep to the far path, please.</p>
      </div>
      </div>\(Self.villageMenu)</div>
      <div class="legal">
      <p>This site is written by volunteers and is provided as it is. The parish council accepts\
       no liability for the accuracy of anything published here, nor for the content of other \
      sites that are linked from these pages, and readers should check the details of events \
      with their organisers before they travel to them.</p>
      </div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("A grey heron has been seen"))
    #expect(a.text.contains("Dog walkers are asked to keep to the far path"))
  }

  /// A stream of teasers (linked headline and summary, a fifth of it links) beside the story
  /// holds a quarter of its prose, but it has too many links to join it.
  @Test func teaserStreamBesideTheStoryStaysOut() throws {
    let a = try article(
      """
      <html><head><title>Fen drove closed after barn fire</title></head><body>
      <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
      <div class="page">
      <div class="story-text">
      <p>Fire crews from Wisbech, March and Whittlesey were called shortly after ten in the \
      evening, when a neighbour saw flames above the roof of the barn.</p><p>The barn held about\
       four hundred bales, and firefighters let most of them burn out under control rather than \
      pull them apart in the dark.</p><p>No animals were in the building, and the farmhouse, \
      which stands about a hundred yards away across the yard, was not damaged by the \
      fire.</p><p>Police closed the drove at both ends to keep traffic away from the hoses laid \
      across it, and asked drivers to use the main road instead.</p><p>The cause of the fire is \
      not yet known, but officers said they would like to hear from anyone who saw people near \
      the farm that evening.</p><p>The farmer said the hay had been cut in June and was meant to\
       feed his sheep through the winter, and that neighbours had offered to help.</p><p>It is \
      the third barn fire in the district since the start of August, after fires at two other \
      farms that were both started deliberately.</p><p>Anyone with information is asked to call \
      the police on 101 and to quote the incident number given on the force website, or to ring \
      Crimestoppers.</p>
      </div>
      <div><h3>Latest news</h3><ul><li><a href="/n0">Harvest fires rise across the Fens this \
      summer</a> Crews have been called to more field and stubble fires than in any year since \
      records began, the service says.</li><li><a href="/n1">Man charged after Mildenhall \
      burglary</a> A man of thirty has been charged with burgling two homes on the same street \
      and will appear before magistrates.</li><li><a href="/n2">Appeal after Brandon shed fire \
      spreads</a> Police want to speak to two teenagers seen near the allotments shortly before \
      the fire was reported on Sunday night.</li><li><a href="/n3">New fire station opens in \
      March</a> The station replaces a building from the nineteen-fifties and will house two \
      engines and a rescue boat for the river.</li><li><a href="/n4">Road closed after lorry \
      sheds load</a> The A141 was shut for four hours while the load of sugar beet was cleared \
      from both carriageways by the council.</li></ul></div>
      </div>
      <div class="footer"><a href="/privacy">Privacy</a></div>
      </body></html>
      """)
    #expect(a.text.hasPrefix("Fire crews from Wisbech"))
    #expect(a.paragraphs.count == 8)
    #expect(!a.text.contains("Mildenhall"))
    #expect(!a.text.contains("Latest news"))
  }

  /// "Read more" buttons are wrapper lines; a sentence that starts the same way is not.
  @Test func readMoreButtonsAreWrapperLines() {
    for line in ["Read more", "Read More »", "[Continue reading…]", "More >>", "read the rest →"] {
      #expect(ChromeFilter.isWrapperLine(line), "\(line)")
    }
    for line in ["Read more about the appeal on the force website.", "More rain is expected."] {
      #expect(!ChromeFilter.isWrapperLine(line), "\(line)")
    }
  }
}
