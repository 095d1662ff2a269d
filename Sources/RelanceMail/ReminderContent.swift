import RelanceCore

/// What a reminder template sees: the creditor, the client, the step and the invoices, with
/// every amount and date already written for the client's language.
///
/// The Mustache names are listed in ``templateContext``.
public struct ReminderContent: Sendable, Hashable {
    /// The creditor as shown in messages.
    public struct CreditorFields: Sendable, Hashable {
        public var name: String
        public var email: String
        public var replyTo: String?
        public var phone: String?
        public var address: [String]
        public var siren: String?
        public var iban: String?
        public var jurisdiction: Jurisdiction
    }

    /// The client as shown in messages.
    public struct ClientFields: Sendable, Hashable {
        public var id: String
        public var name: String
        public var contact: String?
        /// `Bonjour Mme Claire Martin,` / `Madame, Monsieur,` / `Dear Ms Smith,` / `Dear Sir or Madam,`.
        public var greeting: String
        /// For formal letters: `Madame,` / `Monsieur,` when the contact starts with Mme / M.,
        /// else `Madame, Monsieur,`; in English the same as ``greeting``.
        public var formalGreeting: String
        public var kind: ClientKind
        public var phone: String?
        public var address: [String]
    }

    /// One invoice, formatted.
    public struct InvoiceFields: Sendable, Hashable {
        public var number: String
        public var issued: String
        public var due: String
        public var amount: String
        public var paid: String
        public var outstanding: String
        public var currency: String
        /// 0 when not yet due.
        public var daysLate: Int
        /// `12 jours`, `1 jour`, `12 days`, `1 day`.
        public var daysLateText: String
        public var isOverdue: Bool
        public var isPartiallyPaid: Bool
    }

    /// The outstanding total of one currency.
    public struct TotalFields: Sendable, Hashable {
        public var money: Money
        /// Formatted (`1 234,56 €`).
        public var amount: String
        public var currency: String
        /// Invoices in this currency.
        public var count: Int
    }

    public var language: Language
    public var creditor: CreditorFields
    public var client: ClientFields
    public var stepName: String
    public var invoices: [InvoiceFields]
    /// One per currency, in the order the currencies first appear.
    public var totals: [TotalFields]
    /// The totals of the overdue invoices only (past their due date), as ``totals``.
    public var overdueTotals: [TotalFields]
    /// The totals of the invoices not yet past their due date, as ``totals``: listed with overdue ones
    /// when they reached a step before their due date (a courtesy) the same day.
    public var upcomingTotals: [TotalFields]
    /// Today, formatted.
    public var nowDate: String
    /// The last day to pay a formal notice sent by email today (an email is received the day it is sent):
    /// today plus ``paymentDeadlineDays`` or, when that is a Saturday, a Sunday or a public holiday of the
    /// creditor's jurisdiction, the next working day (``PaymentDeadline/lastDay(receivedOn:days:holidays:)``).
    /// Formatted. Never for a letter: a letter is received on a day not known when it is written.
    public var deadlineDate: String
    /// Days given to pay a formal notice from its receipt: 8 for a business, 15 for a consumer (as the letter).
    public var paymentDeadlineDays: Int
    /// The fixed recovery indemnity per late invoice (`40,00 €`, art. L441-10 du Code de commerce,
    /// § 288 (5) BGB), when the client is a business and the creditor's jurisdiction is FR or DE.
    public var recoveryIndemnity: String?
    /// The indemnity times the number of overdue invoices (`nil` when none is overdue).
    public var recoveryIndemnityTotal: String?
    /// For a formal notice, what its letter claims as of today (principal, interest, indemnity), per
    /// currency, joined by ` + `; `nil` without the letter's figures.
    public var claimTotalsInline: String?
    /// Some interest of the letter's claim could not be computed (a rate not yet published): the claim
    /// total leaves it out.
    public var claimInterestUnknown: Bool = false
    /// How many reminders were delivered after the due date about these invoices before this message (a
    /// courtesy before the due date is not one): what "despite our previous reminder" may say. An invoice
    /// first seen late, or a daemon that was stopped, reaches a later step with none sent before it.
    public var earlierReminders: Int = 0

    /// Builds the content from core values. Lines keep their order. `paymentDeadlineDays` defaults to the
    /// client's kind (``PaymentDeadline/days(for:)``), as the letter's.
    ///
    /// `claims`, by invoice number: the figures of the letter a formal notice goes with. An invoice with
    /// one shows the principal the letter says is still due (`outstanding`; with payments going to
    /// interest first that is more than amount less paid) and, as `paid`, what of the payments went to
    /// the principal; ``claimTotalsInline`` is the letter's total, so the email and the letter demand
    /// the same sums.
    public init(
        creditor: Creditor, client: Client, stepName: String, lines given: [ReminderLine], today: LocalDate,
        paymentDeadlineDays: Int? = nil, claims: [String: ClaimLine] = [:]
    ) {
        let lines = claims.isEmpty ? given : given.map { Self.asClaimed($0, claims[$0.invoice.number]) }
        let language = client.language
        self.language = language
        self.creditor = CreditorFields(
            name: creditor.name, email: creditor.email.value, replyTo: creditor.replyTo?.value,
            phone: Self.nonBlank(creditor.phone), address: creditor.address.filter { !Self.isBlank($0) },
            siren: Self.nonBlank(creditor.siren), iban: Self.nonBlank(creditor.iban),
            jurisdiction: creditor.jurisdiction)
        let contact = Self.nonBlank(client.contact)
        self.client = ClientFields(
            id: client.id, name: client.name, contact: contact,
            greeting: Self.greeting(language: language, contact: contact),
            formalGreeting: Self.formalGreeting(language: language, contact: contact), kind: client.kind,
            phone: Self.nonBlank(client.phone), address: client.address.filter { !Self.isBlank($0) })
        self.stepName = stepName
        self.invoices = lines.map { line in
            let invoice = line.invoice
            let daysLate = max(0, line.daysLate)
            return InvoiceFields(
                number: invoice.number, issued: language.format(invoice.issued), due: language.format(invoice.due),
                amount: language.format(invoice.amount), paid: language.format(invoice.paid),
                outstanding: language.format(invoice.outstanding), currency: invoice.amount.currency.code,
                daysLate: daysLate, daysLateText: Self.days(daysLate, language: language), isOverdue: daysLate > 0, isPartiallyPaid: invoice.paid.isPositive)
        }
        self.totals = Self.totals(of: lines, language: language)
        self.overdueTotals = Self.totals(of: lines.filter { $0.daysLate > 0 }, language: language)
        self.upcomingTotals = Self.totals(of: lines.filter { $0.daysLate <= 0 }, language: language)
        self.nowDate = language.format(today)
        let deadlineDays = paymentDeadlineDays ?? PaymentDeadline.days(for: client.kind)
        self.paymentDeadlineDays = deadlineDays
        self.deadlineDate = language.format(
            PaymentDeadline.lastDay(receivedOn: today, days: deadlineDays, holidays: creditor.jurisdiction.publicHolidays))
        // The €40 is fixed in euros: an invoice in another currency gets it too, but it is not converted
        // and not added up (as in the letter and `relance claim`), so the total counts euro invoices only.
        let overdue = lines.filter { $0.daysLate > 0 && $0.invoice.amount.currency == .eur }.count
        if client.kind == .business, creditor.jurisdiction == .fr || creditor.jurisdiction == .de {
            let indemnity = Money(minorUnits: 4_000, currency: .eur)
            self.recoveryIndemnity = language.format(indemnity)
            self.recoveryIndemnityTotal = overdue == 0 ? nil : language.format(
                Money(minorUnits: indemnity.minorUnits * Int64(overdue), currency: .eur))
        } else {
            self.recoveryIndemnity = nil
            self.recoveryIndemnityTotal = nil
        }
        let claimed = lines.compactMap { claims[$0.invoice.number] }
        if !claimed.isEmpty {
            self.claimTotalsInline = claimed.totals.map { language.format($0) }.joined(separator: " + ")
            self.claimInterestUnknown = claimed.hasUnknownInterest
        }
    }

    /// `line` with the principal its claim says is still due: the part of the payments that went to
    /// interest first does not count as paid on the principal.
    static func asClaimed(_ line: ReminderLine, _ claim: ClaimLine?) -> ReminderLine {
        guard let claim, claim.currency == line.invoice.amount.currency, claim.principal <= line.invoice.amount else {
            return line
        }
        var claimed = line
        claimed.invoice.paid = line.invoice.amount - claim.principal
        return claimed
    }

    /// The outstanding amounts of `lines` added up per currency, in the order the currencies first appear.
    static func totals(of lines: [ReminderLine], language: Language) -> [TotalFields] {
        var totals: [TotalFields] = []
        for line in lines {
            let owed = line.invoice.outstanding
            if let index = totals.firstIndex(where: { $0.money.currency == owed.currency }) {
                totals[index].money = totals[index].money + owed
                totals[index].count += 1
            } else {
                totals.append(TotalFields(money: owed, amount: "", currency: owed.currency.code, count: 1))
            }
        }
        return totals.map { total in
            var total = total
            total.amount = language.format(total.money)
            return total
        }
    }

    /// The total still owed when every invoice is in one currency, formatted; `nil` otherwise.
    public var total: String? { totals.count == 1 ? totals[0].amount : nil }

    /// Every total joined by ` + ` (`1 200,00 € + 80,00 £`); the single total in the usual case.
    public var totalsInline: String { totals.map(\.amount).joined(separator: " + ") }

    /// The number of invoices.
    public var count: Int { invoices.count }

    /// The invoice numbers joined by `, ` (`F-2026-001, F-2026-007`).
    public var invoiceNumbers: String { invoices.map(\.number).joined(separator: ", ") }

    /// The invoices past their due date, in order.
    public var overdueInvoices: [InvoiceFields] { invoices.filter(\.isOverdue) }

    /// The invoices not yet past their due date (due today or later), in order.
    public var upcomingInvoices: [InvoiceFields] { invoices.filter { !$0.isOverdue } }

    /// ``overdueTotals`` joined by ` + `: the amount a reminder may demand now.
    public var overdueTotalsInline: String { overdueTotals.map(\.amount).joined(separator: " + ") }

    /// ``upcomingTotals`` joined by ` + `: owed, but payable only at the invoices' due dates.
    public var upcomingTotalsInline: String { upcomingTotals.map(\.amount).joined(separator: " + ") }

    /// The greeting line of a letter in `language`.
    public static func greeting(language: Language, contact: String?) -> String {
        switch (language, contact) {
        case (.fr, nil): return "Madame, Monsieur,"
        case (.fr, let name?): return "Bonjour \(name),"
        case (.en, nil): return "Dear Sir or Madam,"
        case (.en, let name?): return "Dear \(name),"
        }
    }

    /// The salutation of a formal letter (mise en demeure) in `language`.
    public static func formalGreeting(language: Language, contact: String?) -> String {
        guard language == .fr else { return greeting(language: language, contact: contact) }
        let lowered = (contact ?? "").lowercased()
        if lowered.hasPrefix("mme ") || lowered.hasPrefix("mme. ") || lowered.hasPrefix("madame ") { return "Madame," }
        if lowered.hasPrefix("m. ") || lowered.hasPrefix("monsieur ") { return "Monsieur," }
        return "Madame, Monsieur,"
    }

    /// `1 jour`, `12 jours`, `1 day`, `12 days`.
    static func days(_ count: Int, language: Language) -> String {
        switch language {
        case .fr: return count > 1 ? "\(count) jours" : "\(count) jour"
        case .en: return count == 1 ? "1 day" : "\(count) days"
        }
    }

    static func isBlank(_ text: String) -> Bool { text.allSatisfy { $0.isWhitespace } }

    static func nonBlank(_ text: String?) -> String? {
        guard let text, !isBlank(text) else { return nil }
        return text
    }
}
