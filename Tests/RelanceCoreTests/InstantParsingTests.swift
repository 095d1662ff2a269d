import Foundation
import Testing

import RelanceCore

/// `ISO8601Instant`: the strict parser behind `--now`.
@Suite struct InstantParsingTests {
    /// 2026-11-16T09:00:00Z.
    let nineUTC = Date(timeIntervalSince1970: 1_794_819_600)

    @Test func offsetsAndZuluNameTheSameInstant() {
        #expect(ISO8601Instant.date(from: "2026-11-16T10:00:00+01:00") == nineUTC)
        #expect(ISO8601Instant.date(from: "2026-11-16T10:00:00+0100") == nineUTC)
        #expect(ISO8601Instant.date(from: "2026-11-16T09:00:00Z") == nineUTC)
        #expect(ISO8601Instant.date(from: "2026-11-16T04:30:00-04:30") == nineUTC)
        #expect(ISO8601Instant.date(from: "2026-11-16t09:00:00z") == nineUTC)
    }

    @Test func fractionalSecondsAreKept() throws {
        let date = try #require(ISO8601Instant.date(from: "2026-11-16T10:00:00.250+01:00"))
        #expect(abs(date.timeIntervalSince(nineUTC) - 0.25) < 1e-9)
    }

    @Test func agreesWithFoundationAcrossAYear() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")!
        for step in stride(from: 0, to: 366 * 86_400, by: 86_400 + 3_607) {
            let instant = Date(timeIntervalSince1970: 1_767_225_600 + TimeInterval(step))
            let text = formatter.string(from: instant)
            #expect(ISO8601Instant.date(from: text) == instant, "\(text)")
        }
    }

    @Test(arguments: [
        "2026-11-16T10:00:00",  // no offset: ambiguous
        "2026-11-16",  // a day, not an instant
        "2026-11-16T10:00:00+01:00x",  // trailing text
        "2026-02-30T10:00:00Z",  // no such day
        "2026-11-16T24:00:00Z",  // hour 24
        "2026-11-16T10:60:00Z",  // minute 60
        "2026-11-16T10:00:60Z",  // leap second
        "2026-11-16T10:00:00+24:00",  // offset out of range
        "2026-11-16T10:00:00.+01:00",  // empty fraction
        "2026-11-16T10:00:00+01",  // short offset
        "2026-11-16 10:00:00Z",  // space instead of T
        "garbage",
    ])
    func rejectsWhatIsNotOneInstant(_ text: String) {
        #expect(ISO8601Instant.date(from: text) == nil)
    }
}
