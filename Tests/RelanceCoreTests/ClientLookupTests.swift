import RelanceCore
import Testing

/// `RelanceConfiguration.client(_:)` finds a client by id through an index that follows every change
/// to `clients`.
@Suite struct ClientLookupTests {
    func configuration(_ clients: [Client]) -> RelanceConfiguration {
        RelanceConfiguration(
            sourcePath: "/etc/relance/relance.yaml", creditor: Creditor(name: "A", email: EmailAddress("a@example.fr")!),
            smtp: SMTPSettings(url: "smtp://127.0.0.1:25"), statePath: "/var/lib/relance/s.sqlite",
            templatesPath: "/etc/relance/templates", ledger: LedgerSettings(path: "/srv/ledger.csv"),
            sending: SendingPolicy(), schedules: [:], clients: clients)
    }

    @Test func findsEachClientAndNothingElse() {
        let config = configuration((1...50).map { Fixtures.client("C\($0)") })
        #expect(config.client("C1")?.id == "C1")
        #expect(config.client("C50")?.id == "C50")
        #expect(config.client("C51") == nil)
    }

    @Test func followsChangesToTheClients() {
        var config = configuration([Fixtures.client("C1"), Fixtures.client("C2")])
        config.clients.remove(at: 0)
        #expect(config.client("C1") == nil)
        #expect(config.client("C2")?.id == "C2")
        config.clients.append(Fixtures.client("C3"))
        config.clients[0].name = "Renamed"
        #expect(config.client("C3")?.id == "C3")
        #expect(config.client("C2")?.name == "Renamed")
    }

    @Test func aRepeatedIdFindsTheFirst() {
        var second = Fixtures.client("C1")
        second.name = "Second"
        let config = configuration([Fixtures.client("C1"), second])
        #expect(config.client("C1")?.name != "Second")
    }
}
