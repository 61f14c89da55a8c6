import Analysis
import Testing

@testable import Indexing

/// The stored form of entity mentions (FORMAT.md, "store"): one tab-separated line per mention.
@Suite struct StoredMentionsTests {
  @Test func encodesOneLinePerMention() {
    let title = [
      EntityMention(
        kind: .place, canonical: "Canvey Island", surface: "Canvey", start: 0, end: 6,
        aliases: ["Castle Point", "Essex"])
    ]
    let body = [
      EntityMention(
        kind: .unit, canonical: "Tab\tand|pipe\nunit", surface: "ROCU", start: 9, end: 10,
        aliases: ["ROCU", "a|b"]),
      EntityMention(
        kind: .figure, canonical: "arrest", surface: "447 arrests", start: 12345, end: 123456,
        aliases: ["ignored"], figure: Figure(value: 447, unit: "count", noun: "arrest")),
      EntityMention(
        kind: .figure, canonical: "£", surface: "£5.8 million", start: 100, end: 112,
        figure: Figure(value: 5_800_000, unit: "gbp", noun: "£")),
      EntityMention(kind: .officer, canonical: "Lisa Alcock", surface: "Det Supt Alcock", start: 1000, end: 1015),
    ]
    let encoded = StoredMentions.encode(title: title, body: body)
    #expect(
      encoded == """
        place\tt\t0\t6\tCanvey Island\tCanvey\tCastle Point|Essex
        unit\tb\t9\t10\tTab and pipe unit\tROCU\tROCU|a b
        figure\tb\t12345\t123456\tarrest\t447 arrests\t447.0
        figure\tb\t100\t112\t£\t£5.8 million\t5800000.0
        officer\tb\t1000\t1015\tLisa Alcock\tDet Supt Alcock\t

        """)
    let decoded = StoredMentions.decode(encoded)
    #expect(decoded.map(\.canonical) == ["Canvey Island", "Tab and pipe unit", "arrest", "£", "Lisa Alcock"])
    #expect(decoded[1].aliases == ["ROCU", "a b"])
    #expect(decoded[2].value == 447)
    #expect(decoded[2].end == 123456)
    #expect(StoredMentions.encode(title: [], body: []) == "")
  }

  @Test func decodeSkipsWhatIsNotAMentionLine() {
    let text =
      "\nplace\tt\t0\t6\tCanvey Island\tCanvey\t|Castle Point||Essex|\n"
      + "nation\tb\t1\t2\tx\ty\t\n"  // unknown kind
      + "unit\tb\t1\t2\tsix\tfields\n"  // six fields
      + "unit\tb\tx1\t2\tbad\tstart\t\n"  // not a number
      + "unit\tb\t+7\t12\tsigned\tstart\t\n\n"  // a sign, as Int reads it
      + "officer\tb\t40\t55\tLisa Alcock\tDet Supt Alcock\t"
    let d = StoredMentions.decode(text)
    #expect(d.map(\.canonical) == ["Canvey Island", "signed", "Lisa Alcock"])
    #expect(d[0].inTitle && !d[1].inTitle)
    #expect(d[0].aliases == ["Castle Point", "Essex"])
    #expect(d[1].start == 7 && d[1].end == 12)
    #expect(d[2].kind == .officer && d[2].start == 40 && d[2].end == 55 && d[2].aliases.isEmpty)
    #expect(d[2].surface == "Det Supt Alcock")
  }
}
