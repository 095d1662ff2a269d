import Testing

@testable import RelanceConfig

@Suite struct TypeErrorTests {
    @Test func textWhereAnIntegerIsExpected() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n  timeout_seconds: thirty"])
        #expect(fixture.errors(yaml) == ["6:20: `smtp.timeout_seconds` must be an integer, found a string"])
    }

    @Test func quotedNumberIsAString() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([9: "  path: \"ledger.csv\"\n  max_age_hours: \"36\""])
        #expect(fixture.errors(yaml) == ["10:18: `ledger.max_age_hours` must be an integer, found a string"])
    }

    @Test func stringWhereAListIsExpected() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([16: "    email: \"compta@boulangerie-martin.fr\""])
        #expect(fixture.errors(yaml) == ["16:12: `clients[0].email` must be a list, found a string"])
    }

    @Test func listWhereAStringIsExpected() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([2: "  name: [\"Atelier\", \"Dupont\"]"])
        #expect(fixture.errors(yaml) == ["2:9: `creditor.name` must be a string, found a list"])
    }

    @Test func stringWhereAMappingIsExpected() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([8: "ledger: \"ledger.csv\"", 9: "# the path belongs under ledger"])
        #expect(fixture.errors(yaml) == ["8:9: `ledger` must be a mapping of keys, found a string"])
    }

    @Test func wordWhereABooleanIsExpected() throws {
        let fixture = try Fixture()
        let step =
            "    - { step: first, offset_days: 1, business_days: often, action: email, template: first-reminder }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:53: `schedules.standard[0].business_days` must be true or false, found a string"
            ])
    }

    @Test func numberWhereABooleanIsExpected() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, offset_days: 1, action: email, template: first-reminder, gate: 3 }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:85: `schedules.standard[0].gate` must be true or false, found an integer"
            ])
    }

    @Test func mappingWhereAListOfStepsIsExpected() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([12: "    step: first"])
        #expect(
            fixture.errors(yaml) == ["12:5: `schedules.standard` must be a list of steps, found a mapping"])
    }

    @Test func clientThatIsNotAMapping() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["  - \"C002\""])
        #expect(fixture.errors(yaml) == ["18:5: `clients[1]` must be a mapping of keys, found a string"])
    }

    @Test func numbersAreAcceptedAsText() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([14: "  - id: 1001"], appending: ["    phone: 0400000000"])
        let client = try fixture.load(yaml).configuration.clients[0]
        #expect(client.id == "1001")
        #expect(client.phone == "0400000000")
    }

    @Test func integerTooLargeIsOutOfRange() throws {
        let fixture = try Fixture()
        let step =
            "    - { step: first, offset_days: 99999999999999999999, action: email, template: first-reminder }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:35: `schedules.standard[0].offset_days` is out of range"
            ])
    }
}
