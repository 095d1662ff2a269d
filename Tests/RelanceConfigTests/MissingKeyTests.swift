import Testing

@testable import RelanceConfig

@Suite struct MissingKeyTests {
    @Test func missingSectionIsReportedAtTheTopOfTheFile() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([4: "# no smtp", 5: "#"])
        #expect(fixture.errors(yaml) == ["1:1: missing required key `smtp`"])
    }

    @Test func missingKeyOfASectionIsReportedAtTheSectionKey() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([5: "  starttls: never"])
        #expect(fixture.errors(yaml) == ["4:1: missing required key `url` in `smtp`"])
    }

    @Test func missingCreditorEmailAndLedgerPath() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([3: "  # no email", 9: "  max_age_hours: 36"])
        #expect(
            fixture.errors(yaml) == [
                "1:1: missing required key `email` in `creditor`",
                "8:1: missing required key `path` in `ledger`",
            ])
    }

    @Test func missingClientKeysAreReportedAtTheClient() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([15: "    # no name", 16: "    # no email"])
        #expect(
            fixture.errors(yaml) == [
                "14:5: missing required key `name` in `clients[0]`",
                "14:5: missing required key `email` in `clients[0]`",
            ])
    }

    @Test func missingClientIdAndSchedule() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            14: "  - contact: \"Mme Martin\"", 17: "    phone: \"+33 4 00 00 00 00\"",
        ])
        #expect(
            fixture.errors(yaml) == [
                "14:5: missing required key `id` in `clients[0]`",
                "14:5: missing required key `schedule` in `clients[0]`",
            ])
    }

    @Test func keyWithoutValueIsReportedAtTheKey() throws {
        let fixture = try Fixture()
        #expect(fixture.errors(MinimalConfig.with([6: "state:"])) == ["6:1: `state` needs a value"])
    }

    @Test func missingStateTemplatesSchedulesAndClients() throws {
        let fixture = try Fixture()
        let yaml = [
            "creditor:", "  name: \"A\"", "  email: \"a@example.fr\"",
            "smtp:", "  url: \"smtp://localhost\"",
            "ledger:", "  path: \"ledger.csv\"",
        ].joined(separator: "\n")
        #expect(
            fixture.errors(yaml) == [
                "1:1: missing required key `state`",
                "1:1: missing required key `templates`",
                "1:1: missing required key `schedules`",
                "1:1: missing required key `clients`",
            ])
    }

    @Test func emptyRequiredStringIsRejected() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([2: "  name: \"\""])) == [
                "2:9: `creditor.name` must not be empty"
            ])
    }
}
