import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct DefaultsTests {
    /// A UK or German creditor that gives no `sending.holidays` or `sending.timezone` sends on its own
    /// country's working days and in its time zone, not France's: a UK reminder does not go on the Early
    /// May bank holiday and is not held on 1 May.
    @Test(arguments: [(Jurisdiction.uk, "Europe/London"), (.de, "Europe/Berlin"), (.fr, "Europe/Paris")])
    func sendingDefaultsFollowTheCreditorsJurisdiction(jurisdiction: Jurisdiction, zone: String) throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([3: "  email: \"compta@atelier-dupont.fr\"\n  jurisdiction: \(jurisdiction.rawValue)"])
        let sending = try fixture.load(yaml).configuration.sending
        #expect(sending.timeZoneIdentifier == zone)
        let mayDay = LocalDate(year: 2026, month: 5, day: 1)!, earlyMay = LocalDate(year: 2026, month: 5, day: 4)!
        #expect(sending.holidays.isHoliday(mayDay) == (jurisdiction != .uk))
        #expect(sending.holidays.isHoliday(earlyMay) == (jurisdiction == .uk))
    }

    @Test func minimalConfigGetsTheContractDefaults() throws {
        let fixture = try Fixture()
        let loaded = try fixture.load(MinimalConfig.text)
        #expect(loaded.warnings.isEmpty)
        let config = loaded.configuration

        #expect(config.creditor.jurisdiction == .fr)
        #expect(config.creditor.replyTo == nil)
        #expect(config.creditor.address == [])
        #expect(config.creditor.phone == nil && config.creditor.siren == nil && config.creditor.iban == nil)

        #expect(config.smtp.startTLS == .required)
        #expect(config.smtp.timeoutSeconds == 30)
        #expect(config.smtp.maxConnections == 2)
        #expect(config.smtp.maxPerMinute == 60)
        #expect(config.smtp.username == nil && config.smtp.passwordFile == nil)

        #expect(config.ledger.maxAgeHours == 36)
        #expect(config.ledger.paymentsPath == nil)
        #expect(config.ratesPath == nil)

        #expect(config.sending.timeZoneIdentifier == "Europe/Paris")
        #expect(config.sending.days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(config.sending.opens == LocalTime(hour: 9, minute: 0))
        #expect(config.sending.closes == LocalTime(hour: 17, minute: 0))
        #expect(config.sending.holidays == .france)
        #expect(config.sending.minGapDays == 5)

        let client = config.clients[0]
        #expect(client.language == .fr)
        #expect(client.kind == .business)
        #expect(client.timeZoneIdentifier == nil)
        #expect(client.cc == [] && client.address == [] && client.contact == nil && client.phone == nil)

        #expect(config.schedules["standard"]?.steps.first?.businessDays == false)
    }

    @Test func nullOptionalValuesMeanTheDefault() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n  starttls:\n  username: ~"])
        let smtp = try fixture.load(yaml).configuration.smtp
        #expect(smtp.startTLS == .required)
        #expect(smtp.username == nil)
    }
}
