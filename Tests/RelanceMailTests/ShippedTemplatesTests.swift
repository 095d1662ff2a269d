import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

@Suite("The templates shipped in Config/templates")
struct ShippedTemplatesTests {
    static let steps = ["courtesy", "first-reminder", "second-reminder", "formal-notice"]

    private func render(_ template: String, _ language: Language, kind: ClientKind = .business) throws -> RenderedTemplate {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(language: language, kind: kind), stepName: "x",
            lines: Fixtures.twoLines, today: Fixtures.today)
        return try library.render(template, language: language, content: content)
    }

    @Test func everyStepExistsInBothLanguagesWithHTML() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        for language in Language.allCases {
            #expect(library.names(for: language) == Self.steps.sorted())
            for step in Self.steps { #expect(library.template(step, language: language)?.htmlFile != nil) }
        }
    }

    @Test(arguments: steps) func frenchRendersAmountsAndNumbers(step: String) throws {
        let rendered = try render(step, .fr)
        for part in [rendered.text, rendered.html ?? ""] {
            #expect(part.contains("F-2026-101"))
            #expect(part.contains("F-2026-117"))
            #expect(part.contains("1\u{202F}234,56\u{00A0}€"))
            #expect(part.contains("500,00\u{00A0}€"))
            #expect(part.contains("1\u{202F}734,56\u{00A0}€"))
            #expect(part.contains("FR76 3000 6000 0112 3456 7890 189"))
            #expect(part.contains("Si votre règlement nous est parvenu entre-temps, merci de ne pas tenir compte de ce message."))
            #expect(!part.contains("{{"))
        }
        #expect(rendered.subject.contains("2 factures"))
        #expect(rendered.subject.contains("F-2026-101, F-2026-117"))
        #expect(rendered.subject.contains("1\u{202F}734,56\u{00A0}€"))
        #expect(rendered.subject.lowercased().contains("relance") || rendered.subject.hasPrefix("Rappel"))
        #expect(!rendered.text.contains("&"))
    }

    @Test(arguments: steps) func englishRendersAmountsAndNumbers(step: String) throws {
        let rendered = try render(step, .en)
        for part in [rendered.text, rendered.html ?? ""] {
            #expect(part.contains("F-2026-101"))
            #expect(part.contains("F-2026-117"))
            #expect(part.contains("€1,234.56"))
            #expect(part.contains("€500.00"))
            #expect(part.contains("€1,734.56"))
            #expect(part.contains("If your payment has reached us in the meantime, please disregard this message."))
            #expect(!part.contains("{{"))
        }
        #expect(rendered.subject.contains("2 invoices"))
        #expect(rendered.subject.contains("€1,734.56"))
    }

    @Test func frenchFirstReminderTextIsExact() throws {
        let rendered = try render("first-reminder", .fr)
        #expect(rendered.subject == "Relance : 2 factures échues (F-2026-101, F-2026-117) – 1\u{202F}734,56\u{00A0}€")
        let expected = """
            Bonjour Mme Claire Martin,

            Sauf erreur ou omission de notre part, les factures suivantes, arrivées à échéance, n'ont pas encore été réglées :

            - Facture F-2026-101 du 1er octobre 2026, échue le 31 octobre 2026 : 1\u{202F}234,56\u{00A0}€ restant dû
            - Facture F-2026-117 du 1er octobre 2026, échue le 10 novembre 2026 : 500,00\u{00A0}€ restant dû (sur 800,00\u{00A0}€, 300,00\u{00A0}€ déjà réglé)

            Montant total restant dû : 1\u{202F}734,56\u{00A0}€

            Il s'agit sans doute d'un simple oubli : nous vous remercions de bien vouloir procéder au règlement dans les meilleurs délais.

            Règlement par virement :
            IBAN : FR76 3000 6000 0112 3456 7890 189
            Merci de rappeler le numéro de facture dans le libellé du virement.

            Si votre règlement nous est parvenu entre-temps, merci de ne pas tenir compte de ce message.

            Pour toute question ou difficulté, n'hésitez pas à nous contacter au +33 1 23 45 67 89 ou à répondre à ce courriel.

            Bien cordialement,

            Atelier Dupont SARL
            12 rue des Lilas
            75011 Paris
            Tél. : +33 1 23 45 67 89
            compta@atelier-dupont.fr
            SIREN 123456789

            """
        #expect(rendered.text == expected)
    }

    @Test func secondReminderMentionsPenaltiesAndIndemnityForBusinessesOnly() throws {
        let business = try render("second-reminder", .fr)
        #expect(business.text.contains("article L441-10 du Code de commerce"))
        #expect(business.text.contains("indemnité forfaitaire pour frais de recouvrement de 40,00\u{00A0}€ par facture"))
        #expect(business.text.contains("Madame,\n"))
        let consumer = try render("second-reminder", .fr, kind: .consumer)
        #expect(!consumer.text.contains("L441-10"))
        #expect(consumer.text.contains("taux légal"))
        let english = try render("second-reminder", .en)
        #expect(english.text.contains("Article L441-10 of the French Commercial Code"))
        #expect(english.text.contains("€40.00 per invoice"))
    }

    @Test func formalNoticeIsAMiseEnDemeureWithEightDays() throws {
        let rendered = try render("formal-notice", .fr)
        #expect(rendered.text.contains("La présente lettre vaut mise en demeure."))
        #expect(rendered.text.contains(
            "dans un délai de 8 jours à compter de la réception du présent courriel, soit au plus tard le 26 novembre 2026"))
        #expect(rendered.text.contains("(18 jours de retard)"))
        #expect(rendered.text.contains("(8 jours de retard)"))
        #expect(rendered.text.contains("80,00\u{00A0}€"))
        #expect(rendered.subject.hasPrefix("Dernière relance – Mise en demeure de payer"))
        let english = try render("formal-notice", .en)
        #expect(english.text.contains("This letter constitutes formal notice to pay"))
        #expect(english.text.contains("within 8 days of receipt of this email, that is by 26 November 2026 at the latest"))
        #expect(english.text.contains("Yours sincerely,"))
    }

    /// The email is received the day it is sent, so it names the last day: eight days on, or the next
    /// working day when that is a holiday or a weekend day (17 Dec 2026 + 8 is Christmas Day, a Friday);
    /// fifteen days for a consumer, as the letter attached to it.
    @Test func formalNoticeDeadlineNeverFallsOnAHolidayAndFollowsTheClientKind() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let today = Fixtures.date("2026-12-17")
        let lines = [ReminderLine(invoice: Fixtures.invoice("F-1", amount: "900.00", due: "2026-11-17"), today: today)]
        let business = try library.render("formal-notice", language: .fr, content: ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "notice", lines: lines, today: today))
        #expect(business.text.contains(
            "dans un délai de 8 jours à compter de la réception du présent courriel, soit au plus tard le 28 décembre 2026"),
            "\(business.text)")
        #expect(!business.text.contains("25 décembre"))
        #expect(business.html?.contains("soit au plus tard le <strong>28 décembre 2026</strong>") == true)
        let consumer = try library.render("formal-notice", language: .en, content: ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(language: .en, kind: .consumer), stepName: "notice",
            lines: lines, today: Fixtures.date("2026-11-18")))
        // Wed 18 Nov + 15 = Thu 3 Dec.
        #expect(consumer.text.contains("within 15 days of receipt of this email, that is by 3 December 2026 at the latest"),
            "\(consumer.text)")
    }

    @Test func singleInvoiceSubjectNamesIt() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(contact: nil), stepName: "courtesy",
            lines: [ReminderLine(invoice: Fixtures.invoice("F-9", amount: "40.00", due: "2026-11-21"), today: Fixtures.today)],
            today: Fixtures.today)
        let rendered = try library.render("courtesy", language: .fr, content: content)
        #expect(rendered.subject == "Rappel : facture F-9 à échéance le 21 novembre 2026 – 40,00\u{00A0}€")
        #expect(rendered.text.hasPrefix("Madame, Monsieur,\n\nNous nous permettons"))
        #expect(rendered.text.contains("l'échéance prochaine de la facture suivante"))
    }
}
