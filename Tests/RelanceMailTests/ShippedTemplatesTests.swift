import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

@Suite("The templates shipped in Config/templates")
struct ShippedTemplatesTests {
    static let steps = ["courtesy", "first-reminder", "second-reminder", "formal-notice"]

    private func render(_ template: String, _ language: Language, kind: ClientKind = .business) throws -> RenderedTemplate {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        var content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(language: language, kind: kind), stepName: "x",
            lines: Fixtures.twoLines, today: Fixtures.today)
        content.earlierReminders = 2  // a ladder climbed step by step
        return try library.render(template, language: language, content: content)
    }

    /// Most mail clients show the HTML part: every amount the text part states (a formal notice's claim
    /// total included) is in the HTML part too, in both languages.
    @Test(arguments: steps) func theHTMLPartStatesEveryAmountOfTheTextPart(step: String) throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let amount = /\d[\d\u{202F}\u{00A0},.]*[.,]\d\d/
        for language in Language.allCases {
            let today = Fixtures.date("2026-12-28")
            let client = Fixtures.client(language: language)
            let claim = ClaimLine(
                invoice: "P1", client: client.id, due: Fixtures.date("2026-12-24"), asOf: today,
                principal: Money(decimal: "90.00", currency: .eur)!, daysLate: 4, rates: [],
                interest: Money(decimal: "0.12", currency: .eur)!, indemnity: Money(decimal: "40.00", currency: .eur)!)
            let content = ReminderContent(
                creditor: Fixtures.creditor, client: client, stepName: "x",
                lines: [
                    ReminderLine(invoice: Fixtures.invoice("P1", amount: "100.00", paid: "10.00", due: "2026-12-24"), today: today),
                    ReminderLine(invoice: Fixtures.invoice("P2", amount: "200.00", due: "2026-12-20"), today: today),
                ], today: today, claims: step == "formal-notice" ? ["P1": claim] : [:])
            let rendered = try library.render(step, language: language, content: content)
            let html = try #require(rendered.html)
            let inText = Set(rendered.text.matches(of: amount).map { String($0.output) })
            let inHTML = Set(html.matches(of: amount).map { String($0.output) })
            #expect(!inText.isEmpty && inText.isSubset(of: inHTML), "\(step) \(language): only in the text: \(inText.subtracting(inHTML))")
        }
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

    /// The probe's case: on 28 December P1 (due the 24th) is overdue and P2 (due the 31st) reached its
    /// courtesy step, so both are in the client's reminder. Only P1 is called overdue, counted in the
    /// subject and demanded now; P2 is listed apart, payable at its due date, after the penalty paragraph.
    static func mixedContent(_ language: Language) -> ReminderContent {
        let today = Fixtures.date("2026-12-28")
        var content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(language: language), stepName: "first",
            lines: [
                ReminderLine(invoice: Fixtures.invoice("P1", amount: "100.00", due: "2026-12-24"), today: today),
                ReminderLine(invoice: Fixtures.invoice("P2", amount: "200.00", due: "2026-12-31"), today: today),
            ], today: today)
        content.earlierReminders = 1
        return content
    }

    /// An invoice first seen late (or a daemon stopped for weeks) reaches the second reminder, or the formal
    /// notice, with no reminder sent before: the email does not speak of one, as its letter does not.
    @Test func aLaterStepWithNoEarlierReminderClaimsNone() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        func rendered(_ template: String, _ language: Language, earlier: Int) throws -> RenderedTemplate {
            var content = ReminderContent(
                creditor: Fixtures.creditor, client: Fixtures.client(language: language), stepName: "x",
                lines: Fixtures.twoLines, today: Fixtures.today)
            content.earlierReminders = earlier
            return try library.render(template, language: language, content: content)
        }
        let second = try rendered("second-reminder", .fr, earlier: 0)
        #expect(second.subject.hasPrefix("Relance : ") && second.text.contains("Sauf erreur de notre part, nous constatons que"))
        let notice = try rendered("formal-notice", .fr, earlier: 0)
        #expect(notice.subject.hasPrefix("Mise en demeure de payer : ") && notice.text.contains("D'après nos écritures, nous constatons que"))
        let english = try rendered("second-reminder", .en, earlier: 0)
        #expect(english.subject.hasPrefix("Reminder: ") && english.text.contains("According to our records, the following"))
        let englishNotice = try rendered("formal-notice", .en, earlier: 0)
        #expect(englishNotice.subject.hasPrefix("Formal notice to pay: "))
        for part in [second, notice, english, englishNotice].flatMap({ [$0.subject, $0.text, $0.html ?? ""] }) {
            #expect(!part.contains("Malgré") && !part.contains("Despite") && !part.contains("Deuxième") && !part.contains("Second reminder"), "\(part)")
        }
        #expect(try rendered("second-reminder", .fr, earlier: 1).text.contains("Malgré notre précédente relance, nous constatons que"))
        #expect(try rendered("formal-notice", .fr, earlier: 1).text.contains("Malgré notre précédente relance, nous constatons que"))
        #expect(try rendered("formal-notice", .fr, earlier: 3).text.contains("Malgré nos relances successives, nous constatons que"))
        #expect(try rendered("formal-notice", .en, earlier: 1).text.contains("Despite our previous reminder, the following"))
        #expect(try rendered("second-reminder", .en, earlier: 2).html?.contains("Despite our previous reminders, the following") == true)
    }

    @Test(arguments: ["first-reminder", "second-reminder"])
    func aNotYetDueInvoiceIsNeitherCalledOverdueNorDemandedNow(template: String) throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let french = try library.render(template, language: .fr, content: Self.mixedContent(.fr))
        let frenchSubject = template == "first-reminder"
            ? "Relance : facture P1 échue – 100,00\u{00A0}€" : "Deuxième relance : facture P1 impayée – 100,00\u{00A0}€"
        #expect(french.subject == frenchSubject)
        #expect(french.text.contains("Montant total échu restant dû : 100,00\u{00A0}€\n"), "\(french.text)")
        #expect(french.text.contains("Par ailleurs, la facture suivante est à régler à son échéance :\n\n"
            + "- Facture P2 du 1er octobre 2026 : 200,00\u{00A0}€, à régler au plus tard le 31 décembre 2026\n\n"
            + "Montant à régler à son échéance : 200,00\u{00A0}€\n"), "\(french.text)")
        let english = try library.render(template, language: .en, content: Self.mixedContent(.en))
        let englishSubject = template == "first-reminder"
            ? "Payment reminder: invoice P1 overdue – €100.00" : "Second reminder: invoice P1 unpaid – €100.00"
        #expect(english.subject == englishSubject)
        #expect(english.text.contains("Total overdue: €100.00\n"), "\(english.text)")
        #expect(english.text.contains("In addition, the following invoice is payable by its due date:\n\n"
            + "- Invoice P2 of 1 October 2026: €200.00, payable by 31 December 2026\n\n"
            + "Amount payable by its due date: €200.00\n"), "\(english.text)")
        for rendered in [french, english] {
            for part in [rendered.subject, rendered.text, rendered.html ?? ""] {
                // 300.00, P1 and P2 together, is never a figure of these messages.
                #expect(!part.contains("300,00") && !part.contains("300.00"), "\(part)")
                #expect(!part.contains("2 factures") && !part.contains("2 invoices"), "\(part)")
            }
            #expect(!rendered.subject.contains("P2"))
            // P2 is listed after whatever is said of late payment: the demand and the penalties concern P1.
            let upcoming = try #require(rendered.text.range(of: "P2"))
            for overdueOnly in ["L441-10", "sans délai", "without further delay", "dans les meilleurs délais", "earliest convenience"] {
                if let range = rendered.text.range(of: overdueOnly) { #expect(range.lowerBound < upcoming.lowerBound) }
            }
            let html = try #require(rendered.html)
            #expect(html.contains("<strong>Total échu restant dû</strong>") || html.contains("<strong>Total overdue</strong>"))
            #expect(html.contains("<td>P2</td>"))
        }
    }

    @Test func aReminderWithNothingOverdueCallsNothingOverdue() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "first",
            lines: [ReminderLine(invoice: Fixtures.invoice("F-9", amount: "40.00", due: "2026-11-18"), today: Fixtures.today)],
            today: Fixtures.today)
        for template in ["first-reminder", "second-reminder"] {
            let rendered = try library.render(template, language: .fr, content: content)
            #expect(rendered.subject.hasSuffix("facture F-9 à échéance le 18 novembre 2026 – 40,00\u{00A0}€"), "\(rendered.subject)")
            #expect(!rendered.text.contains("échue") && !rendered.text.contains("impayée") && !rendered.text.contains("L441-10"))
            #expect(rendered.text.contains("Nous vous rappelons que la facture suivante est à régler à son échéance :"))
        }
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
