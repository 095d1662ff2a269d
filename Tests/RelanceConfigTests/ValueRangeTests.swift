import Testing

@testable import RelanceConfig

/// Numbers past any sensible value are refused with their place, not accepted to overflow later: an
/// `offset_days` of Int64.max crashed `run` and `preview` (arithmetic overflow), and one of three million
/// working days crashed the holiday calendar (a year past 9999); a reload with them killed the daemon.
@Suite struct ValueRangeTests {
    static let huge = "9223372036854775807"

    @Test func anOffsetOfMoreThanTenYearsIsRefused() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, offset_days: \(Self.huge), action: email, template: first-reminder }"
        #expect(fixture.errors(MinimalConfig.with([12: step])) == [
            "12:35: `schedules.standard[0].offset_days` must be at most 3650, found \(Self.huge)",
        ])
        let working = "    - { step: first, offset_days: 3000000, business_days: true, action: email, template: first-reminder }"
        #expect(fixture.errors(MinimalConfig.with([12: working])).first?.contains("must be at most 3650") == true)
        let before = "    - { step: first, offset_days: -4000, action: email, template: first-reminder }"
        #expect(fixture.errors(MinimalConfig.with([12: before])).first?.contains("must be at least -3650") == true)
    }

    @Test func timesAndCountsHaveCeilings() throws {
        let fixture = try Fixture()
        let cases: [(String, String)] = [
            ("  timeout_seconds: \(Self.huge)", "`smtp.timeout_seconds` must be at most 3600"),
            ("  max_connections: 1000", "`smtp.max_connections` must be at most 64"),
            ("  max_deferred_hours: \(Self.huge)", "`smtp.max_deferred_hours` must be at most 1000000"),
        ]
        for (line, message) in cases {
            let errors = fixture.errors(MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n" + line]))
            #expect(errors.count == 1 && errors.first?.contains(message) == true, "\(line): \(errors)")
        }
        let gap = fixture.errors(MinimalConfig.with(appending: ["sending:", "  min_gap_days: \(Self.huge)"]))
        #expect(gap.count == 1 && gap.first?.contains("`sending.min_gap_days` must be at most 3650") == true, "\(gap)")
    }
}
