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

    func child(named name: String) -> Any? {
        switch name {
        case "language": return content.language.rawValue
        case "is_fr": return content.language == .fr
        case "is_en": return content.language == .en
        case "creditor": return creditor
        case "client": return client
        case "step": return step
        case "step_name": return content.stepName
        case "invoices": return invoices
        case "count": return content.count
        case "is_single": return content.count == 1
        case "is_several": return content.count > 1
        case "invoice_numbers": return invoiceNumbers
        case "total": return optional(content.total)
        case "totals": return totals
        case "totals_inline": return totalsInline
        case "has_several_currencies": return content.totals.count > 1
        case "any_overdue": return content.invoices.contains { $0.isOverdue }
        case "max_days_late": return content.invoices.map(\.daysLate).max() ?? 0
        case "overdue_invoices": return overdue
        case "overdue_count": return overdue.count
        case "is_single_overdue": return overdue.count == 1
        case "is_several_overdue": return overdue.count > 1
        case "overdue_numbers": return overdueNumbers
        case "overdue_totals_inline": return overdueTotalsInline
        case "upcoming_invoices": return upcoming
        case "upcoming_count": return upcoming.count
        case "is_single_upcoming": return upcoming.count == 1
        case "is_several_upcoming": return upcoming.count > 1
        case "upcoming_numbers": return upcomingNumbers
        case "upcoming_totals_inline": return upcomingTotalsInline
        case "has_upcoming": return !upcoming.isEmpty
        case "now_date": return content.nowDate
        case "deadline_date": return content.deadlineDate
        case "deadline_days": return content.paymentDeadlineDays
        case "recovery_indemnity": return optional(content.recoveryIndemnity)
        case "recovery_indemnity_total": return optional(content.recoveryIndemnityTotal)
        case "has_recovery_indemnity": return content.recoveryIndemnity != nil
        default: return nil
        }
    }

    /// `creditor.…`
    final class Creditor: MustacheParent, Sendable {
        let fields: ReminderContent.CreditorFields

        init(fields: ReminderContent.CreditorFields) { self.fields = fields }

        func child(named name: String) -> Any? {
            switch name {
            case "name": return fields.name
            case "email": return fields.email
            case "reply_to": return optional(fields.replyTo)
            case "phone": return optional(fields.phone)
            case "address": return fields.address
            case "address_inline": return optional(inline(fields.address))
            case "siren": return optional(fields.siren)
            case "iban": return optional(fields.iban)
            case "jurisdiction": return fields.jurisdiction.rawValue
            case "is_fr": return fields.jurisdiction == .fr
            case "is_uk": return fields.jurisdiction == .uk
            case "is_de": return fields.jurisdiction == .de
            default: return nil
            }
        }
    }

    /// `client.…`
    final class Client: MustacheParent, Sendable {
        let fields: ReminderContent.ClientFields

        init(fields: ReminderContent.ClientFields) { self.fields = fields }

        func child(named name: String) -> Any? {
            switch name {
            case "id": return fields.id
            case "name": return fields.name
            case "contact": return optional(fields.contact)
            case "greeting": return fields.greeting
            case "formal_greeting": return fields.formalGreeting
            case "is_business": return fields.kind == .business
            case "is_consumer": return fields.kind == .consumer
            case "phone": return optional(fields.phone)
            case "address": return fields.address
            case "address_inline": return optional(inline(fields.address))
            default: return nil
            }
        }
    }

    /// `step.name`
    final class Step: MustacheParent, Sendable {
        let name: String

        init(name: String) { self.name = name }

        func child(named name: String) -> Any? { name == "name" ? self.name : nil }
    }

    /// One element of `invoices`.
    final class Invoice: MustacheParent, Sendable {
        let fields: ReminderContent.InvoiceFields

        init(fields: ReminderContent.InvoiceFields) { self.fields = fields }

        func child(named name: String) -> Any? {
            switch name {
            case "number": return fields.number
            case "issued": return fields.issued
            case "due": return fields.due
            case "amount": return fields.amount
            case "paid": return fields.paid
            case "outstanding": return fields.outstanding
            case "currency": return fields.currency
            case "days_late": return fields.daysLate
            case "days_late_text": return fields.daysLateText
            case "is_overdue": return fields.isOverdue
            case "is_partially_paid": return fields.isPartiallyPaid
            default: return nil
            }
        }
    }

    /// One element of `totals`.
    final class Total: MustacheParent, Sendable {
        let fields: ReminderContent.TotalFields

        init(fields: ReminderContent.TotalFields) { self.fields = fields }

        func child(named name: String) -> Any? {
            switch name {
            case "amount": return fields.amount
            case "currency": return fields.currency
            case "count": return fields.count
            default: return nil
            }
        }
    }
}

/// `nil` (an absent name) for an absent value, never an `Optional` boxed in `Any`.
private func optional(_ value: String?) -> Any? {
    guard let value else { return nil }
    return value
}

/// The lines joined by `, `, or `nil` when there are none.
private func inline(_ lines: [String]) -> String? {
    lines.isEmpty ? nil : lines.joined(separator: ", ")
}
