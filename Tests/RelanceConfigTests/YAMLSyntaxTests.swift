import Testing

@testable import RelanceConfig

@Suite struct YAMLSyntaxTests {
    @Test func mappingValueInAPlainScalar() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([2: "  name: Atelier: Dupont"])) == [
                "2:16: YAML syntax error: mapping values are not allowed in this context"
            ])
    }

    /// A double-quoted scalar may span lines: it ends at the next quote (line 6), and the error is there.
    @Test func unterminatedQuote() throws {
        let fixture = try Fixture()
        let errors = fixture.errors(MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525"]))
        #expect(
            errors == [
                "6:9: YAML syntax error: did not find expected key (while parsing a block mapping at line 5, column 3)"
            ])
    }

    @Test func tabIndentation() throws {
        let fixture = try Fixture()
        let errors = fixture.errors(MinimalConfig.with([9: "\tpath: \"ledger.csv\""]))
        #expect(
            errors == [
                "9:1: YAML syntax error: found character that cannot start any token; "
                    + "YAML does not allow tabs for indentation, use spaces"
            ])
    }

    @Test func duplicateKeyIsReportedAtTheSecondOccurrence() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([3: "  name: \"Autre\""])) == [
                "3:3: duplicate key `name` (first at line 2, column 3)"
            ])
    }

    @Test func duplicateKeyInAListItem() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([17: "    schedule: standard\n    name: \"Autre\""])) == [
                "18:5: duplicate key `name` (first at line 15, column 5)"
            ])
    }

    @Test func emptyFile() throws {
        let fixture = try Fixture()
        #expect(fixture.errors("# nothing here\n") == ["1:1: the config file is empty"])
    }

    @Test func documentThatIsNotAMapping() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors("\n- creditor\n") == ["2:1: the config must be a mapping of keys, found a list"])
    }
}
