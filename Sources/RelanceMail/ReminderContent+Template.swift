import RelanceCore

extension ReminderContent {
    /// The Mustache context. Absent optional values are absent keys, so `{{#creditor.iban}}…{{/creditor.iban}}`
    /// shows its block only when there is an IBAN.
    ///
    /// - `language` (`fr`), `is_fr`, `is_en`
    /// - `creditor`: `name`, `email`, `reply_to`?, `phone`?, `address` (list of lines), `address_inline`?,
    ///   `siren`?, `iban`?, `jurisdiction` (`FR`), `is_fr`, `is_uk`, `is_de`
    /// - `client`: `id`, `name`, `contact`?, `greeting`, `formal_greeting`, `is_business`, `is_consumer`, `phone`?,
    ///   `address`, `address_inline`?
    /// - `step` (`name`), `step_name`
    /// - `invoices` (list): `number`, `issued`, `due`, `amount`, `paid`, `outstanding`, `currency`,
    ///   `days_late`, `days_late_text` (`12 jours`), `is_overdue`, `is_partially_paid`
    /// - `count`, `is_single`, `is_several`, `invoice_numbers` (`F-1, F-2`)
    /// - `total`? (one currency only), `totals` (list: `amount`, `currency`, `count`),
    ///   `totals_inline` (every total joined by ` + `), `has_several_currencies`
    /// - `any_overdue`, `max_days_late`
    /// - the invoices past their due date: `overdue_invoices` (list, as `invoices`), `overdue_count`,
    ///   `is_single_overdue`, `is_several_overdue`, `overdue_numbers`, `overdue_totals_inline`
    /// - the others (due today or later): `upcoming_invoices`, `upcoming_count`, `is_single_upcoming`,
    ///   `is_several_upcoming`, `upcoming_numbers`, `upcoming_totals_inline`, `has_upcoming`
    /// - `now_date`, `deadline_date`, `deadline_days`
    /// - `recovery_indemnity`?, `recovery_indemnity_total`?, `has_recovery_indemnity`
    /// - `earlier_reminders` (reminders delivered after the due date about these invoices before this one),
    ///   `has_earlier_reminder` (at least one), `has_earlier_reminders` (two or more)
    /// - with a formal notice's letter: `claim_totals_inline`? (what the letter claims today: principal,
    ///   interest, indemnity), `claim_interest_unknown`
    public var templateContext: [String: Any] {
        var creditor: [String: Any] = [
            "name": self.creditor.name, "email": self.creditor.email, "address": self.creditor.address,
            "jurisdiction": self.creditor.jurisdiction.rawValue, "is_fr": self.creditor.jurisdiction == .fr,
            "is_uk": self.creditor.jurisdiction == .uk, "is_de": self.creditor.jurisdiction == .de,
        ]
        creditor["reply_to"] = self.creditor.replyTo
        creditor["phone"] = self.creditor.phone
        creditor["siren"] = self.creditor.siren
        creditor["iban"] = self.creditor.iban
        creditor["address_inline"] = Self.inline(self.creditor.address)

        var client: [String: Any] = [
            "id": self.client.id, "name": self.client.name, "greeting": self.client.greeting,
            "formal_greeting": self.client.formalGreeting,
            "is_business": self.client.kind == .business, "is_consumer": self.client.kind == .consumer,
            "address": self.client.address,
        ]
        client["contact"] = self.client.contact
        client["phone"] = self.client.phone
        client["address_inline"] = Self.inline(self.client.address)

        let item = { (invoice: InvoiceFields) -> [String: Any] in
            [
                "number": invoice.number, "issued": invoice.issued, "due": invoice.due, "amount": invoice.amount,
                "paid": invoice.paid, "outstanding": invoice.outstanding, "currency": invoice.currency,
                "days_late": invoice.daysLate, "days_late_text": invoice.daysLateText, "is_overdue": invoice.isOverdue,
                "is_partially_paid": invoice.isPartiallyPaid,
            ]
        }
        let invoices = self.invoices.map(item)
        let overdue = overdueInvoices
        let upcoming = upcomingInvoices
        let totals: [[String: Any]] = self.totals.map { ["amount": $0.amount, "currency": $0.currency, "count": $0.count] }

        var context: [String: Any] = [
            "language": language.rawValue, "is_fr": language == .fr, "is_en": language == .en,
            "creditor": creditor, "client": client, "step": ["name": stepName], "step_name": stepName,
            "invoices": invoices, "count": count, "is_single": count == 1, "is_several": count > 1,
            "invoice_numbers": invoiceNumbers, "totals": totals, "totals_inline": totalsInline, "has_several_currencies": totals.count > 1,
            "any_overdue": self.invoices.contains { $0.isOverdue },
            "max_days_late": self.invoices.map(\.daysLate).max() ?? 0,
            "overdue_invoices": overdue.map(item), "overdue_count": overdue.count, "is_single_overdue": overdue.count == 1,
            "is_several_overdue": overdue.count > 1, "overdue_numbers": overdue.map(\.number).joined(separator: ", "),
            "overdue_totals_inline": overdueTotalsInline,
            "upcoming_invoices": upcoming.map(item), "upcoming_count": upcoming.count, "is_single_upcoming": upcoming.count == 1,
            "is_several_upcoming": upcoming.count > 1, "upcoming_numbers": upcoming.map(\.number).joined(separator: ", "),
            "upcoming_totals_inline": upcomingTotalsInline, "has_upcoming": !upcoming.isEmpty,
            "now_date": nowDate, "deadline_date": deadlineDate, "deadline_days": paymentDeadlineDays,
            "has_recovery_indemnity": recoveryIndemnity != nil, "claim_interest_unknown": claimInterestUnknown,
        ]
        context["earlier_reminders"] = earlierReminders
        context["has_earlier_reminder"] = earlierReminders > 0
        context["has_earlier_reminders"] = earlierReminders > 1
        context["claim_totals_inline"] = claimTotalsInline
        context["total"] = total
        context["recovery_indemnity"] = recoveryIndemnity
        context["recovery_indemnity_total"] = recoveryIndemnityTotal
        return context
    }

    private static func inline(_ lines: [String]) -> String? {
        lines.isEmpty ? nil : lines.joined(separator: ", ")
    }
}
