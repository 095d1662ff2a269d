import Testing

@testable import RelanceConfig

@Suite struct UnknownScheduleTests {
    @Test func misspeltScheduleGetsAHint() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([17: "    schedule: standrd"])) == [
                "17:15: `clients[0].schedule`: unknown schedule `standrd`; did you mean `standard`?"
            ])
    }

    @Test func unrelatedScheduleName() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([17: "    schedule: gentle"])) == [
                "17:15: `clients[0].schedule`: unknown schedule `gentle`"
            ])
    }

    @Test func aScheduleWithErrorsIsStillKnownToClients() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, offset_days: soon, action: email, template: first-reminder }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:35: `schedules.standard[0].offset_days` must be an integer, found a string"
            ])
    }
}
