import Testing

@testable import RelanceConfig

@Suite struct DuplicateClientTests {
    @Test func secondClientWithTheSameIdIsReported() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "  - id: \"C001\"",  // 18
            "    name: \"Société Générale de Menuiserie\"",
            "    email: [\"factures@sgm-menuiserie.fr\"]",
            "    schedule: standard",
        ])
        #expect(fixture.errors(yaml) == ["18:9: duplicate client id `C001` (first at line 14, column 9)"])
    }

    @Test func distinctIdsLoadInConfigOrder() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "  - id: \"C002\"",
            "    name: \"Société Générale de Menuiserie\"",
            "    email: [\"factures@sgm-menuiserie.fr\"]",
            "    schedule: standard",
        ])
        #expect(try fixture.load(yaml).configuration.clients.map(\.id) == ["C001", "C002"])
    }
}
