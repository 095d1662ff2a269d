import Testing

@testable import RelanceConfig

@Suite struct OperatorSectionTests {
    @Test func validOperatorSectionIsAccepted() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "operator:", "  email: \"ops@atelier-dupont.fr\"", "  digest_at: \"07:30\"",
        ])
        #expect(try fixture.load(yaml).configuration.clients.count == 1)
    }

    /// The digest names every client's debts: an operator address that is a client's is refused.
    @Test func theDigestNeverGoesToADebtor() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["operator:", "  email: \"Compta@Boulangerie-Martin.fr\""])
        #expect(fixture.errors(yaml) == [
            "19:10: `operator.email` Compta@Boulangerie-Martin.fr is an address of client C001: the digest names other "
                + "clients' debts and goes to the creditor's side only",
        ])
    }

    @Test func operatorValuesAreChecked() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "operator:",  // 18
            "  email: \"ops\"",  // 19
            "  digest_at: \"7h30\"",  // 20
            "  digest: daily",  // 21
        ])
        #expect(
            fixture.errors(yaml) == [
                "19:10: `operator.email`: `ops` is not a valid email address",
                "20:14: `operator.digest_at` must be a time HH:MM, found `7h30`",
                "21:3: unknown key `digest` in `operator`",
            ])
    }
}
