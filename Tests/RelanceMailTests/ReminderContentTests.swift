import RelanceCore
import Testing
@testable import RelanceMail

@Suite("What the templates see")
struct ReminderContentTests {
    @Test func greetings() {
        #expect(ReminderContent.greeting(language: .fr, contact: nil) == "Madame, Monsieur,")
        #expect(ReminderContent.greeting(language: .fr, contact: "Mme Claire Martin") == "Bonjour Mme Claire Martin,")
        #expect(ReminderContent.greeting(language: .en, contact: nil) == "Dear Sir or Madam,")
        #expect(ReminderContent.greeting(language: .en, contact: "Ms Smith") == "Dear Ms Smith,")
        #expect(ReminderContent.formalGreeting(language: .fr, contact: "Mme Claire Martin") == "Madame,")
        #expect(ReminderContent.formalGreeting(language: .fr, contact: "M. Jean Durand") == "Monsieur,")
        #expect(ReminderContent.formalGreeting(language: .fr, contact: "Claire Martin") == "Madame, Monsieur,")
    }

    @Test func invoicesAndTotal() {
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "first", lines: Fixtures.twoLines,
            today: Fixtures.today)
        #expect(content.count == 2)
        #expect(content.total == "1\u{202F}734,56\u{00A0}€")
        #expect(content.invoiceNumbers == "F-2026-101, F-2026-117")
        #expect(content.invoices.map(\.daysLate) == [18, 8])
        #expect(content.invoices[1].outstanding == "500,00\u{00A0}€")
        #expect(content.invoices[1].isPartiallyPaid)
        #expect(content.recoveryIndemnity == "40,00\u{00A0}€")
        #expect(content.recoveryIndemnityTotal == "80,00\u{00A0}€")
        #expect(content.deadlineDate == "26 novembre 2026")
        #expect(content.nowDate == "18 novembre 2026")
    }

    @Test func overdueAndUpcomingInvoicesAreTotalledApart() throws {
        let lines = Fixtures.twoLines + [
            ReminderLine(invoice: Fixtures.invoice("F-2026-130", amount: "99.90", due: "2026-11-20"), today: Fixtures.today),
            ReminderLine(invoice: try poundInvoice("80.00"), daysLate: 0),
        ]
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "first", lines: lines, today: Fixtures.today)
        #expect(content.overdueInvoices.map(\.number) == ["F-2026-101", "F-2026-117"])
        #expect(content.upcomingInvoices.map(\.number) == ["F-2026-130", "UK-1"])
        #expect(content.overdueTotalsInline == "1\u{202F}734,56\u{00A0}€")
        #expect(content.upcomingTotalsInline == "99,90\u{00A0}€ + 80,00\u{00A0}£")
        #expect(content.totalsInline == "1\u{202F}834,46\u{00A0}€ + 80,00\u{00A0}£")
        let context = content.templateContext
        #expect(context["overdue_count"] as? Int == 2 && context["is_several_overdue"] as? Bool == true)
        #expect(context["overdue_numbers"] as? String == "F-2026-101, F-2026-117")
        #expect(context["upcoming_numbers"] as? String == "F-2026-130, UK-1" && context["has_upcoming"] as? Bool == true)
        #expect((context["upcoming_invoices"] as? [[String: Any]])?.count == 2)
    }

    @Test func notYetDueIsZeroDaysLate() {
        let line = ReminderLine(invoice: Fixtures.invoice("F-1", amount: "10", due: "2026-11-21"), today: Fixtures.today)
        #expect(line.daysLate == 0)
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "courtesy", lines: [line], today: Fixtures.today)
        #expect(content.invoices[0].isOverdue == false)
        #expect(content.recoveryIndemnityTotal == nil)
        #expect(content.templateContext["any_overdue"] as? Bool == false)
    }

    /// An invoice of `amount` pounds, due today.
    func poundInvoice(_ amount: String) throws -> Invoice {
        let pounds = try #require(Money(decimal: amount, currency: .gbp))
        return Invoice(
            number: "UK-1", clientID: "C001", issued: Fixtures.today, due: Fixtures.today, amount: pounds, paid: .zero(.gbp))
    }

    @Test func severalCurrenciesHaveNoSingleTotal() throws {
        let lines = Fixtures.twoLines + [ReminderLine(invoice: try poundInvoice("80.00"), daysLate: 0)]
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(language: .en), stepName: "x", lines: lines,
            today: Fixtures.today)
        #expect(content.total == nil)
        #expect(content.totals.map(\.amount) == ["€1,734.56", "£80.00"])
        #expect(content.totalsInline == "€1,734.56 + £80.00")
        #expect(content.templateContext["total"] == nil)
        #expect(content.templateContext["has_several_currencies"] as? Bool == true)
    }

    @Test func theIndemnityTotalCountsOnlyTheEuroInvoicesAsTheLetterDoes() throws {
        let gbpInvoice = try poundInvoice("400.00")
        let lines = Fixtures.twoLines + [ReminderLine(invoice: gbpInvoice, daysLate: 12)]
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "notice", lines: lines, today: Fixtures.today)
        #expect(content.recoveryIndemnityTotal == "80,00\u{00A0}€", "two euro invoices late; the pound one not converted")
        let poundsOnly = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "notice",
            lines: [ReminderLine(invoice: gbpInvoice, daysLate: 12)], today: Fixtures.today)
        #expect(poundsOnly.recoveryIndemnityTotal == nil && poundsOnly.recoveryIndemnity == "40,00\u{00A0}€")
    }

    @Test func absentOptionalsAreAbsentKeys() throws {
        var creditor = Fixtures.creditor
        creditor.iban = nil
        creditor.phone = "  "
        let content = ReminderContent(
            creditor: creditor, client: Fixtures.client(contact: nil, kind: .consumer), stepName: "x",
            lines: Fixtures.twoLines, today: Fixtures.today)
        let creditorContext = try #require(content.templateContext["creditor"] as? [String: Any])
        #expect(creditorContext["iban"] == nil)
        #expect(creditorContext["phone"] == nil)
        #expect(creditorContext["siren"] as? String == "123456789")
        let clientContext = try #require(content.templateContext["client"] as? [String: Any])
        #expect(clientContext["contact"] == nil)
        #expect(clientContext["is_consumer"] as? Bool == true)
        #expect(content.recoveryIndemnity == nil)
    }
}
