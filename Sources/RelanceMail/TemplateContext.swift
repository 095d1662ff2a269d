import Mustache
import RelanceCore

/// The Mustache context of a reminder as typed values: the same names and values as
/// ``ReminderContent/templateContext``, answered by a `switch` when a template looks a name up,
/// instead of a `[String: Any]` dictionary tree built for every message (about forty boxed entries
/// and one dictionary per invoice, most never read by a given template).
///
/// The context and its parts (`creditor`, `client`, each invoice and total) are objects made once per
/// message: a lookup hands out a reference, where a struct of a dozen strings would be copied into a
/// new box at each `{{creditor.…}}`. The joined values (`invoice_numbers`, `totals_inline`, …) are
/// joined once too.
///
/// Absent optional values answer `nil`, as an absent key does, so `{{#creditor.iban}}…{{/creditor.iban}}`
/// shows its block only when there is an IBAN. Unknown names answer `nil` too, so Mustache climbs the
/// context stack exactly as it does with dictionaries.
///
/// The names are the cases of ``Name`` (and of each part's `Name`, in `TemplateContext+Parts.swift`):
/// `child(named:)` switches over them exhaustively, and ``vocabulary``, which templates are checked
/// against when they are loaded, is built from them.
final class TemplateContext: MustacheParent, Sendable {
    let content: ReminderContent
    private let creditor: Creditor
    private let client: Client
    private let step: Step
    private let invoices: [Invoice]
    private let totals: [Total]
    private let invoiceNumbers: String
    private let totalsInline: String
    private let overdue: [Invoice]
    private let upcoming: [Invoice]
    private let overdueNumbers: String
    private let upcomingNumbers: String
    private let overdueTotalsInline: String
    private let upcomingTotalsInline: String

    init(_ content: ReminderContent) {
        self.content = content
        creditor = Creditor(fields: content.creditor)
        client = Client(fields: content.client)
        step = Step(name: content.stepName)
        invoices = content.invoices.map(Invoice.init)
        totals = content.totals.map(Total.init)
        invoiceNumbers = content.invoiceNumbers
        totalsInline = content.totalsInline
        overdue = invoices.filter { $0.fields.isOverdue }
        upcoming = invoices.filter { !$0.fields.isOverdue }
        overdueNumbers = overdue.map(\.fields.number).joined(separator: ", ")
        upcomingNumbers = upcoming.map(\.fields.number).joined(separator: ", ")
        overdueTotalsInline = content.overdueTotalsInline
        upcomingTotalsInline = content.upcomingTotalsInline
    }

    /// Every name `child(named:)` answers: the source of truth for what a template may name here
    /// (``TemplateContext/vocabulary``); the `switch` over it is exhaustive, so the two cannot drift.
    enum Name: String, CaseIterable {
        case language, isFr = "is_fr", isEn = "is_en", creditor, client, step, stepName = "step_name", invoices
        case count, isSingle = "is_single", isSeveral = "is_several", invoiceNumbers = "invoice_numbers", total
        case totals, totalsInline = "totals_inline", hasSeveralCurrencies = "has_several_currencies"
        case anyOverdue = "any_overdue", maxDaysLate = "max_days_late", overdueInvoices = "overdue_invoices"
        case overdueCount = "overdue_count", isSingleOverdue = "is_single_overdue"
        case isSeveralOverdue = "is_several_overdue", overdueNumbers = "overdue_numbers"
        case overdueTotalsInline = "overdue_totals_inline", upcomingInvoices = "upcoming_invoices"
        case upcomingCount = "upcoming_count", isSingleUpcoming = "is_single_upcoming"
        case isSeveralUpcoming = "is_several_upcoming", upcomingNumbers = "upcoming_numbers"
        case upcomingTotalsInline = "upcoming_totals_inline", hasUpcoming = "has_upcoming", nowDate = "now_date"
        case deadlineDate = "deadline_date", deadlineDays = "deadline_days"
        case recoveryIndemnity = "recovery_indemnity", recoveryIndemnityTotal = "recovery_indemnity_total"
        case hasRecoveryIndemnity = "has_recovery_indemnity"
        case claimTotalsInline = "claim_totals_inline", claimInterestUnknown = "claim_interest_unknown"
        case earlierReminders = "earlier_reminders", hasEarlierReminder = "has_earlier_reminder"
        case hasEarlierReminders = "has_earlier_reminders"
    }

    func child(named name: String) -> Any? {
        guard let name = Name(rawValue: name) else { return nil }
        switch name {
        case .language: return content.language.rawValue
        case .isFr: return content.language == .fr
        case .isEn: return content.language == .en
        case .creditor: return creditor
        case .client: return client
        case .step: return step
        case .stepName: return content.stepName
        case .invoices: return invoices
        case .count: return content.count
        case .isSingle: return content.count == 1
        case .isSeveral: return content.count > 1
        case .invoiceNumbers: return invoiceNumbers
        case .total: return Self.absentIfNil(content.total)
        case .totals: return totals
        case .totalsInline: return totalsInline
        case .hasSeveralCurrencies: return content.totals.count > 1
        case .anyOverdue: return content.invoices.contains { $0.isOverdue }
        case .maxDaysLate: return content.invoices.map(\.daysLate).max() ?? 0
        case .overdueInvoices: return overdue
        case .overdueCount: return overdue.count
        case .isSingleOverdue: return overdue.count == 1
        case .isSeveralOverdue: return overdue.count > 1
        case .overdueNumbers: return overdueNumbers
        case .overdueTotalsInline: return overdueTotalsInline
        case .upcomingInvoices: return upcoming
        case .upcomingCount: return upcoming.count
        case .isSingleUpcoming: return upcoming.count == 1
        case .isSeveralUpcoming: return upcoming.count > 1
        case .upcomingNumbers: return upcomingNumbers
        case .upcomingTotalsInline: return upcomingTotalsInline
        case .hasUpcoming: return !upcoming.isEmpty
        case .nowDate: return content.nowDate
        case .deadlineDate: return content.deadlineDate
        case .deadlineDays: return content.paymentDeadlineDays
        case .recoveryIndemnity: return Self.absentIfNil(content.recoveryIndemnity)
        case .recoveryIndemnityTotal: return Self.absentIfNil(content.recoveryIndemnityTotal)
        case .hasRecoveryIndemnity: return content.recoveryIndemnity != nil
        case .claimTotalsInline: return Self.absentIfNil(content.claimTotalsInline)
        case .claimInterestUnknown: return content.claimInterestUnknown
        case .earlierReminders: return content.earlierReminders
        case .hasEarlierReminder: return content.earlierReminders > 0
        case .hasEarlierReminders: return content.earlierReminders > 1
        }
    }

    /// `nil` (an absent name) for an absent value, never an `Optional` boxed in `Any`.
    static func absentIfNil(_ value: String?) -> Any? {
        guard let value else { return nil }
        return value
    }

    /// The lines joined by `, `, or `nil` when there are none.
    static func inline(_ lines: [String]) -> String? {
        lines.isEmpty ? nil : lines.joined(separator: ", ")
    }
}
