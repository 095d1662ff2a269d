import RelanceCore
import Testing

@Suite struct ConfigurationChangeTests {
    func configuration(clients: [Client], schedules: [Schedule] = [Fixtures.standard]) -> RelanceConfiguration {
        RelanceConfiguration(
            sourcePath: "/etc/relance/relance.yaml",
            creditor: Creditor(name: "A", email: EmailAddress("a@example.fr")!),
            smtp: SMTPSettings(url: "smtp://127.0.0.1:25"), statePath: "/var/lib/relance/s.sqlite",
            templatesPath: "/etc/relance/templates", ledger: LedgerSettings(path: "/srv/ledger.csv"),
            sending: SendingPolicy(), schedules: Dictionary(uniqueKeysWithValues: schedules.map { ($0.name, $0) }),
            clients: clients)
    }

    @Test func summarisesAddedRemovedAndChangedClients() {
        var changed = Fixtures.client("C1")
        changed.name = "Renamed"
        var shorter = Fixtures.standard
        shorter.steps.removeLast()
        let old = configuration(clients: [Fixtures.client("C1"), Fixtures.client("C2")])
        let new = configuration(clients: [changed, Fixtures.client("C3")], schedules: [shorter])
        let change = ConfigurationChange(from: old, to: new)
        #expect(change.description == "clients +C3 -C2 ~C1; schedules ~standard")
        #expect(ConfigurationChange(from: old, to: old).description == "no change")
        #expect(ConfigurationChange(from: old, to: old).isEmpty)
    }

    @Test func sameClientsInTheSameOrderAreComparedOneByOne() {
        var moved = Fixtures.client("C2")
        moved.address = ["1 rue Neuve", "75011 Paris"]
        let old = configuration(clients: [Fixtures.client("C1"), Fixtures.client("C2"), Fixtures.client("C3")])
        let new = configuration(clients: [Fixtures.client("C1"), moved, Fixtures.client("C3")])
        #expect(ConfigurationChange(from: old, to: new).description == "clients ~C2")
        let reordered = configuration(clients: [Fixtures.client("C3"), moved, Fixtures.client("C1")])
        #expect(ConfigurationChange(from: old, to: reordered).description == "clients ~C2")
    }

    @Test func anEditedTemplateAloneIsAChangeAndComesLast() {
        let old = configuration(clients: [Fixtures.client("C1")])
        var change = ConfigurationChange(from: old, to: old)
        change.templatesChanged = ["~fr/first-reminder"]
        #expect(!change.isEmpty)
        #expect(change.description == "templates ~fr/first-reminder")
        var both = ConfigurationChange(from: old, to: configuration(clients: [Fixtures.client("C2")]))
        both.templatesChanged = ["~fr/first-reminder"]
        #expect(both.description == "clients +C2 -C1; templates ~fr/first-reminder")
    }
}
