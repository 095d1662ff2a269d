import Foundation
import RelanceCore
import RelanceDocuments
import Testing

/// The letter's opening counts the reminders as the reader does (`premier rappel`, not a step id) and
/// agrees in number with the invoices and the reminders.
@Suite struct FormalNoticeOpeningTests {
    typealias F = DocumentFixtures

    @Test func remindersAreRankedNotNamedAfterTheConfigsSteps() {
        let dates = [F.date("2025-04-08"), F.date("2025-04-01")]
        #expect(PriorReminder.numbered(dates, language: .fr).map(\.step) == ["premier rappel", "deuxième rappel"])
        #expect(PriorReminder.numbered(dates, language: .en).map(\.date) == [F.date("2025-04-01"), F.date("2025-04-08")])
        #expect(PriorReminder.numbered(dates, language: .en).map(\.step) == ["first reminder", "second reminder"])
    }

    @Test func oneInvoiceAndOneReminderAreSingular() throws {
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(), place: "Paris", date: F.date("2025-05-15"),
            invoices: [F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")],
            reminders: PriorReminder.numbered([F.date("2025-04-01")], language: .fr), signatory: "Jean Dupont, gérant")
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Malgré notre relance du 1er avril 2025 (premier rappel), la facture suivante reste impayée"), "\(flat)")
        #expect(!flat.contains("factures suivantes"))
    }
}
