import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct ValidConfigTests {
    static let full = """
        creditor:
          name: "Atelier Dupont SARL"
          email: "compta@atelier-dupont.fr"
          reply_to: "relances@atelier-dupont.fr"
          phone: "+33 1 23 45 67 89"
          address: ["12 rue des Lilas", "75011 Paris"]
          siren: "123456789"
          iban: "FR76 3000 6000 0112 3456 7890 189"
          jurisdiction: DE

        smtp:
          url: "smtps://mail.example.fr:465"
          starttls: optional
          username: "relance@example.fr"
          password_file: "smtp-password"
          timeout_seconds: 12
          max_connections: 4
          max_per_minute: 20

        state: "/var/lib/relance/relance.sqlite"
        templates: "templates"

        ledger:
          path: "ledger.csv"
          payments: "payments.csv"
          max_age_hours: 48

        rates: "rates"

        operator:
          email: "ops@atelier-dupont.fr"
          digest_at: "08:00"

        sending:
          timezone: "America/Montreal"
          days: [tue, thu]
          hours: "10:15-16:45"
          holidays: UK
          min_gap_days: 7

        schedules:
          standard:
            - { step: courtesy, offset_days: -3, action: email, template: courtesy }
            - { step: first,    offset_days: 1,  action: email, template: first-reminder }
            - { step: second,   offset_days: 8,  action: email, template: second-reminder, business_days: true }
            - { step: call,     offset_days: 15, action: call, gate: true }
            - { step: letter,   offset_days: 20, action: letter }
            - { step: notice,   offset_days: 30, action: formal-notice, template: formal-notice, approval: required }
            - { step: legal,    offset_days: 45, action: legal, approval: none }

        clients:
          - id: "C001"
            name: "Boulangerie Martin SAS"
            contact: "Mme Claire Martin"
            email: ["compta@boulangerie-martin.fr", "claire@boulangerie-martin.fr"]
            cc: ["expert@cabinet-comptable.fr"]
            language: fr
            timezone: "Europe/Paris"
            schedule: standard
            kind: business
            phone: "+33 4 00 00 00 00"
            address: ["3 place du Marché", "69002 Lyon"]
          - id: "C004"
            name: "Thames Joinery Ltd"
            email: ["accounts@thames-joinery.example.co.uk"]
            language: en
            schedule: standard
            kind: consumer

        """

    @Test func everyFieldIsRead() throws {
        let fixture = try Fixture()
        try fixture.write("smtp-password", "pw\n", mode: 0o400)
        let loaded = try fixture.load(Self.full)
        #expect(loaded.warnings.isEmpty)
        let config = loaded.configuration

        #expect(config.sourcePath == fixture.configPath)
        let creditor = config.creditor
        #expect(creditor.name == "Atelier Dupont SARL")
        #expect(creditor.email.value == "compta@atelier-dupont.fr")
        #expect(creditor.replyTo?.value == "relances@atelier-dupont.fr")
        #expect(creditor.phone == "+33 1 23 45 67 89")
        #expect(creditor.address == ["12 rue des Lilas", "75011 Paris"])
        #expect(creditor.siren == "123456789")
        #expect(creditor.iban == "FR76 3000 6000 0112 3456 7890 189")
        #expect(creditor.jurisdiction == .de)

        #expect(
            config.smtp
                == SMTPSettings(
                    url: "smtps://mail.example.fr:465", startTLS: .optional, username: "relance@example.fr",
                    passwordFile: fixture.folder + "/smtp-password", timeoutSeconds: 12, maxConnections: 4,
                    maxPerMinute: 20))
        #expect(config.statePath == "/var/lib/relance/relance.sqlite")
        #expect(config.templatesPath == fixture.folder + "/templates")
        #expect(
            config.ledger
                == LedgerSettings(
                    path: fixture.folder + "/ledger.csv", paymentsPath: fixture.folder + "/payments.csv",
                    maxAgeHours: 48))
        #expect(config.ratesPath == fixture.folder + "/rates")

        #expect(
            config.sending
                == SendingPolicy(
                    timeZoneIdentifier: "America/Montreal", days: [.tuesday, .thursday],
                    opens: try #require(LocalTime(hour: 10, minute: 15)),
                    closes: try #require(LocalTime(hour: 16, minute: 45)), holidays: .unitedKingdom,
                    minGapDays: 7))

        #expect(Array(config.schedules.keys) == ["standard"])
        #expect(
            config.schedules["standard"]?.steps == [
                Step(name: "courtesy", offsetDays: -3, action: .email, template: "courtesy"),
                Step(name: "first", offsetDays: 1, action: .email, template: "first-reminder"),
                Step(
                    name: "second", offsetDays: 8, businessDays: true, action: .email,
                    template: "second-reminder"),
                Step(name: "call", offsetDays: 15, action: .call),
                Step(name: "letter", offsetDays: 20, action: .letter),
                Step(name: "notice", offsetDays: 30, action: .formalNotice, template: "formal-notice"),
                Step(name: "legal", offsetDays: 45, action: .legal, requiresApproval: false),
            ])
        // `approval: none` lifts the default approval of the legal step; the notice keeps its own.
        #expect(config.schedules["standard"]?.steps.map(\.requiresApproval) == [false, false, false, false, false, true, false])
        #expect(config.schedules["standard"]?.steps.map(\.gate) == [false, false, false, true, true, true, true])

        let addresses = { (list: [String]) in list.compactMap(EmailAddress.init) }
        #expect(
            config.clients == [
                Client(
                    id: "C001", name: "Boulangerie Martin SAS", contact: "Mme Claire Martin",
                    emails: addresses(["compta@boulangerie-martin.fr", "claire@boulangerie-martin.fr"]),
                    cc: addresses(["expert@cabinet-comptable.fr"]), language: .fr,
                    timeZoneIdentifier: "Europe/Paris",
                    scheduleName: "standard", kind: .business, phone: "+33 4 00 00 00 00",
                    address: ["3 place du Marché", "69002 Lyon"]),
                Client(
                    id: "C004", name: "Thames Joinery Ltd",
                    emails: addresses(["accounts@thames-joinery.example.co.uk"]), language: .en,
                    scheduleName: "standard", kind: .consumer),
            ])
    }
}
