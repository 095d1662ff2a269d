import Testing

@testable import RelanceConfig

@Suite struct UnknownKeyTests {
    @Test func misspeltTopLevelKeyGetsAHint() throws {
        let fixture = try Fixture()
        let errors = fixture.errors(
            MinimalConfig.with(appending: ["sendng:", "  timezone: \"Europe/Paris\""]))
        #expect(errors == ["18:1: unknown key `sendng`; did you mean `sending`?"])
    }

    @Test func unrelatedKeyGetsNoHint() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with(appending: ["colour: blue"])) == ["18:1: unknown key `colour`"])
    }

    @Test func misspeltNestedKeyIsReportedWithTheMissingOne() throws {
        let fixture = try Fixture()
        let errors = fixture.errors(MinimalConfig.with([2: "  nmae: \"Atelier Dupont SARL\""]))
        #expect(
            errors == [
                "1:1: missing required key `name` in `creditor`",
                "2:3: unknown key `nmae` in `creditor`; did you mean `name`?",
            ])
    }

    @Test func misspeltStepKey() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, ofset_days: 1, action: email, template: first-reminder }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:7: missing required key `offset_days` in `schedules.standard[0]`",
                "12:22: unknown key `ofset_days` in `schedules.standard[0]`; did you mean `offset_days`?",
            ])
    }

    @Test func misspeltClientKey() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([17: "    schedul: standard"])) == [
                "14:5: missing required key `schedule` in `clients[0]`",
                "17:5: unknown key `schedul` in `clients[0]`; did you mean `schedule`?",
            ])
    }

    @Test func inlinePasswordIsRefusedWithoutEchoingIt() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n  password: \"hunter2\""])
        let errors = fixture.errors(yaml)
        #expect(
            errors == [
                "6:3: `smtp.password` is not allowed: never put the password in the config; "
                    + "write it to a file and set `password_file`"
            ])
        #expect(!errors.joined().contains("hunter2"))
    }

    @Test func forwardCompatibleStepKeysAreAccepted() throws {
        let fixture = try Fixture()
        let step =
            "    - { step: first, offset_days: 1, action: email, template: first-reminder, gate: true, approval: required }"
        let loaded = try fixture.load(MinimalConfig.with([12: step]))
        #expect(loaded.configuration.schedules["standard"]?.steps.count == 1)
    }
}
