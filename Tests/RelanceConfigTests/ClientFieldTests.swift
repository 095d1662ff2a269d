import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct ClientFieldTests {
    @Test func unknownLanguageKindAndTimeZone() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "    language: de",  // 18
            "    kind: person",  // 19
            "    timezone: \"Mars/Olympus_Mons\"",  // 20
        ])
        #expect(
            fixture.errors(yaml) == [
                "18:15: `clients[0].language` must be fr | en, found `de`",
                "19:11: `clients[0].kind` must be business | consumer, found `person`",
                "20:15: `clients[0].timezone`: unknown time zone `Mars/Olympus_Mons` (use an IANA name such as Europe/Paris)",
            ])
    }

    @Test func uppercaseLanguageGetsAHint() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with(appending: ["    language: FR"])) == [
                "18:15: `clients[0].language` must be fr | en, found `FR`; did you mean `fr`?"
            ])
    }

    @Test func unknownJurisdiction() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([3: "  email: \"compta@atelier-dupont.fr\"\n  jurisdiction: US"])
        #expect(fixture.errors(yaml) == ["4:17: `creditor.jurisdiction` must be FR | UK | DE, found `US`"])
    }

    @Test func clientFieldsAreRead() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "    contact: \"Mr Oliver Hughes\"",
            "    cc: [\"boss@thames-joinery.example.co.uk\"]",
            "    language: en",
            "    timezone: \"Europe/London\"",
            "    kind: consumer",
            "    phone: \"+44 20 7946 0000\"",
            "    address: [\"41 Riverside Walk\", \"London SE1 9PP\"]",
        ])
        let client = try fixture.load(yaml).configuration.clients[0]
        #expect(client.contact == "Mr Oliver Hughes")
        #expect(client.cc.map(\.value) == ["boss@thames-joinery.example.co.uk"])
        #expect(client.language == .en)
        #expect(client.timeZoneIdentifier == "Europe/London")
        #expect(client.kind == .consumer)
        #expect(client.phone == "+44 20 7946 0000")
        #expect(client.address == ["41 Riverside Walk", "London SE1 9PP"])
    }
}
