import Testing

@testable import RelanceConfig

@Suite struct EmailAddressTests {
    @Test func malformedCreditorAddress() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([3: "  email: \"compta@@atelier-dupont.fr\""])) == [
                "3:10: `creditor.email`: `compta@@atelier-dupont.fr` is not a valid email address"
            ])
    }

    @Test func malformedReplyTo() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            3: "  email: \"compta@atelier-dupont.fr\"\n  reply_to: \"compta at dupont\""
        ])
        #expect(
            fixture.errors(yaml) == [
                "4:13: `creditor.reply_to`: `compta at dupont` is not a valid email address"
            ])
    }

    @Test func eachMalformedClientAddressIsReportedAtItsItem() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            16: "    email: [\"a@b.fr\", \"not-an-address\"]\n    cc: [\"x@localhost\"]"
        ])
        #expect(
            fixture.errors(yaml) == [
                "16:23: `clients[0].email[1]`: `not-an-address` is not a valid email address",
                "17:10: `clients[0].cc[0]`: `x@localhost` is not a valid email address",
            ])
    }

    @Test func clientNeedsAtLeastOneAddress() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([16: "    email: []"])) == [
                "16:12: `clients[0].email` must list at least one address"
            ])
    }
}
