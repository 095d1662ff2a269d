import Foundation
import RelanceCore
import Testing

@testable import RelanceConfig

/// `Config/relance.yaml`, the demo's config, checked against fixture templates (the real ones are
/// written separately).
@Suite struct ExampleConfigTests {
    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/relance.yaml").path
    }

    @Test func exampleConfigIsValid() throws {
        let fixture = try Fixture()
        let yaml = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let config = try fixture.load(yaml).configuration

        #expect(config.creditor.name == "Atelier Dupont SARL")
        #expect(config.creditor.jurisdiction == .fr)
        #expect(config.creditor.iban != nil && config.creditor.siren != nil && config.creditor.phone != nil)
        #expect(config.creditor.address.isEmpty == false)
        #expect(config.smtp.url == "smtp://127.0.0.1:2525")
        #expect(config.smtp.startTLS == .never)
        #expect(config.statePath == fixture.folder + "/state/relance.sqlite")
        #expect(config.ledger.path == fixture.folder + "/ledger.csv")
        #expect(config.ledger.maxAgeHours == 36)
        #expect(config.sending == SendingPolicy())
        #expect(
            config.schedules["standard"]?.steps == [
                Step(name: "courtesy", offsetDays: -3, action: .email, template: "courtesy"),
                Step(name: "first", offsetDays: 1, action: .email, template: "first-reminder"),
                Step(name: "second", offsetDays: 8, action: .email, template: "second-reminder"),
                Step(name: "call", offsetDays: 15, action: .call),
                Step(name: "notice", offsetDays: 30, action: .formalNotice, template: "formal-notice"),
                Step(name: "legal", offsetDays: 45, action: .legal),
            ])
        #expect(config.clients.map(\.id) == ["C001", "C002", "C003", "C004", "C005", "C006"])
        #expect(Set(config.clients.map(\.language)) == [.fr, .en])
        #expect(config.clients.contains { $0.kind == .consumer })
        #expect(config.clients.contains { $0.timeZoneIdentifier == "Europe/London" && $0.language == .en })
    }
}
