import Mustache
import RelanceCore

/// The parts of a reminder's context: `creditor`, `client`, `step`, and each element of `invoices`
/// (and of `overdue_invoices`, `upcoming_invoices`) and of `totals`.
extension TemplateContext {
    /// `creditor.…`
    final class Creditor: MustacheParent, Sendable {
        let fields: ReminderContent.CreditorFields

        init(fields: ReminderContent.CreditorFields) { self.fields = fields }

        /// Every name `child(named:)` answers: the source of truth for what a template may name here
        /// (``TemplateContext/vocabulary``); the `switch` over it is exhaustive, so the two cannot drift.
        enum Name: String, CaseIterable {
            case name, email, replyTo = "reply_to", phone, address, addressInline = "address_inline", siren, iban
            case jurisdiction, isFr = "is_fr", isUk = "is_uk", isDe = "is_de"
        }

        func child(named name: String) -> Any? {
            guard let name = Name(rawValue: name) else { return nil }
            switch name {
            case .name: return fields.name
            case .email: return fields.email
            case .replyTo: return TemplateContext.absentIfNil(fields.replyTo)
            case .phone: return TemplateContext.absentIfNil(fields.phone)
            case .address: return fields.address
            case .addressInline: return TemplateContext.absentIfNil(TemplateContext.inline(fields.address))
            case .siren: return TemplateContext.absentIfNil(fields.siren)
            case .iban: return TemplateContext.absentIfNil(fields.iban)
            case .jurisdiction: return fields.jurisdiction.rawValue
            case .isFr: return fields.jurisdiction == .fr
            case .isUk: return fields.jurisdiction == .uk
            case .isDe: return fields.jurisdiction == .de
            }
        }
    }

    /// `client.…`
    final class Client: MustacheParent, Sendable {
        let fields: ReminderContent.ClientFields

        init(fields: ReminderContent.ClientFields) { self.fields = fields }

        /// Every name `child(named:)` answers: the source of truth for what a template may name here
        /// (``TemplateContext/vocabulary``); the `switch` over it is exhaustive, so the two cannot drift.
        enum Name: String, CaseIterable {
            case id, name, contact, greeting, formalGreeting = "formal_greeting", isBusiness = "is_business"
            case isConsumer = "is_consumer", phone, address, addressInline = "address_inline"
        }

        func child(named name: String) -> Any? {
            guard let name = Name(rawValue: name) else { return nil }
            switch name {
            case .id: return fields.id
            case .name: return fields.name
            case .contact: return TemplateContext.absentIfNil(fields.contact)
            case .greeting: return fields.greeting
            case .formalGreeting: return fields.formalGreeting
            case .isBusiness: return fields.kind == .business
            case .isConsumer: return fields.kind == .consumer
            case .phone: return TemplateContext.absentIfNil(fields.phone)
            case .address: return fields.address
            case .addressInline: return TemplateContext.absentIfNil(TemplateContext.inline(fields.address))
            }
        }
    }

    /// `step.name`
    final class Step: MustacheParent, Sendable {
        let name: String

        init(name: String) { self.name = name }

        /// Every name `child(named:)` answers (``TemplateContext/vocabulary``).
        enum Name: String, CaseIterable {
            case name
        }

        func child(named name: String) -> Any? {
            guard let key = Name(rawValue: name) else { return nil }
            switch key {
            case .name: return self.name
            }
        }
    }

    /// One element of `invoices`, `overdue_invoices` and `upcoming_invoices`.
    final class Invoice: MustacheParent, Sendable {
        let fields: ReminderContent.InvoiceFields

        init(fields: ReminderContent.InvoiceFields) { self.fields = fields }

        /// Every name `child(named:)` answers: the source of truth for what a template may name here
        /// (``TemplateContext/vocabulary``); the `switch` over it is exhaustive, so the two cannot drift.
        enum Name: String, CaseIterable {
            case number, issued, due, amount, paid, outstanding, currency, daysLate = "days_late"
            case daysLateText = "days_late_text", isOverdue = "is_overdue", isPartiallyPaid = "is_partially_paid"
        }

        func child(named name: String) -> Any? {
            guard let name = Name(rawValue: name) else { return nil }
            switch name {
            case .number: return fields.number
            case .issued: return fields.issued
            case .due: return fields.due
            case .amount: return fields.amount
            case .paid: return fields.paid
            case .outstanding: return fields.outstanding
            case .currency: return fields.currency
            case .daysLate: return fields.daysLate
            case .daysLateText: return fields.daysLateText
            case .isOverdue: return fields.isOverdue
            case .isPartiallyPaid: return fields.isPartiallyPaid
            }
        }
    }

    /// One element of `totals`.
    final class Total: MustacheParent, Sendable {
        let fields: ReminderContent.TotalFields

        init(fields: ReminderContent.TotalFields) { self.fields = fields }

        /// Every name `child(named:)` answers (``TemplateContext/vocabulary``).
        enum Name: String, CaseIterable {
            case amount, currency, count
        }

        func child(named name: String) -> Any? {
            guard let name = Name(rawValue: name) else { return nil }
            switch name {
            case .amount: return fields.amount
            case .currency: return fields.currency
            case .count: return fields.count
            }
        }
    }
}
