import Foundation
import RelanceCore
import Testing
@testable import RelanceStore

/// The journal's `detail` text and the column encodings the store relies on.
@Suite struct LogfmtTests {
    @Test func plainValuesStayBareAndOthersAreQuotedAndEscaped() {
        #expect(Logfmt.pairs(["code": "250", "missing": nil, "to": "a@b.fr,c@d.fr"]) == "code=250 to=a@b.fr,c@d.fr")
        #expect(Logfmt.quote("") == #""""#)
        #expect(Logfmt.quote("2.0.0 Ok") == #""2.0.0 Ok""#)
        #expect(Logfmt.quote("a=b") == #""a=b""#)
        #expect(Logfmt.quote(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(Logfmt.quote("line1\nline2\u{1}") == #""line1\nline2\u0001""#)
        #expect(Logfmt.quote("Société") == "Société")
        #expect(Logfmt.quote("a\u{85}b") == #""a\u0085b""#)
    }

    @Test func datesAndInstantsRoundTripExactly() {
        #expect(StoreCodec.iso(LocalDate(year: 2026, month: 1, day: 5)!) == "2026-01-05")
        #expect(StoreCodec.iso(LocalDate(year: 999, month: 12, day: 31)!) == "0999-12-31")
        let instant = Date(timeIntervalSince1970: 1_767_603_600.123)
        #expect(StoreCodec.millis(instant) == 1_767_603_600_123)
        #expect(StoreCodec.date(millis: StoreCodec.millis(instant)) == instant)
        #expect(StoreCodec.millis(Date(timeIntervalSince1970: -1.5)) == -1_500)
    }
}
