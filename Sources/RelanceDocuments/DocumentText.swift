import RelanceCore

/// Small pieces of text shared by the documents: rates, periods, day counts in words, totals.
enum DocumentText {
    /// A date for a table cell, `31/03/2025` (day first, as in French and British usage).
    static func shortDate(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return two(date.day) + "/" + two(date.month) + "/" + String(date.year)
    }

    /// A rate in percent as the language writes it (`13,15 %`, `13.15%`).
    static func percent(_ segment: RateSegment, _ language: Language) -> String? {
        guard let text = segment.rateText else { return nil }
        switch language {
        case .fr: return text.replacingOccurrences(of: ".", with: ",") + "\u{00A0}%"
        case .en: return text + "%"
        }
    }

    /// The rate runs of a claim: `13,15 % du 1er avril 2025 au 15 mai 2025 (45 jours)`, joined.
    static func ratePeriods(_ claim: ClaimLine, _ language: Language) -> String {
        claim.rates.map { segment in
            let rate = percent(segment, language) ?? (language == .fr ? "taux inconnu" : "unknown rate")
            switch language {
            case .fr:
                return "\(rate) du \(language.format(segment.from)) au \(language.format(segment.to)) "
                    + "(\(segment.days) jour\(segment.days > 1 ? "s" : ""))"
            case .en:
                return "\(rate) from \(language.format(segment.from)) to \(language.format(segment.to)) "
                    + "(\(segment.days) day\(segment.days > 1 ? "s" : ""))"
            }
        }.joined(separator: language == .fr ? " ; " : "; ")
    }

    /// Who made the payments, as a document names them: the letter addresses the debtor (`vos paiements`),
    /// the claim summary, written for a court, speaks of them (`les paiements du débiteur`).
    enum Payer {
        case you, debtor
    }

    /// One invoice's interest explained: its rate runs and the amount, with the part the payments paid off
    /// first when they did (`13,15 % du … (45 jours), soit 14,12 € d'intérêts, dont 6,48 € réglés par vos
    /// paiements ; reste dû 7,64 €`). Assumes a known interest.
    static func interestDetail(_ claim: ClaimLine, _ language: Language, payer: Payer) -> String {
        let periods = ratePeriods(claim, language)
        guard let due = claim.interest else { return periods }
        guard claim.interestPaid.isPositive else {
            return periods + (language == .fr ? ", soit " : ", i.e. ") + language.format(due)
        }
        let accrued = language.format(due + claim.interestPaid)
        let paid = language.format(claim.interestPaid)
        switch (language, payer) {
        case (.fr, .you):
            return "\(periods), soit \(accrued) d'intérêts, dont \(paid) réglés par vos paiements ; reste dû \(language.format(due))"
        case (.fr, .debtor):
            return "\(periods), soit \(accrued) d'intérêts, dont \(paid) réglés par les paiements du débiteur ; reste dû \(language.format(due))"
        case (.en, .you):
            return "\(periods), i.e. \(accrued) of interest, of which \(paid) was paid by your payments; \(language.format(due)) still due"
        case (.en, .debtor):
            return "\(periods), i.e. \(accrued) of interest, of which \(paid) was paid by the debtor's payments; \(language.format(due)) still due"
        }
    }

    /// How partial payments were counted, in one sentence; `nil` when no invoice had a payment.
    static func imputation(_ invoices: [ClaimedInvoice], jurisdiction: Jurisdiction, _ language: Language) -> String? {
        guard let mode = invoices.first(where: { $0.invoice.paid.isPositive || $0.claim.interestPaid.isPositive })?
            .claim.imputation
        else { return nil }
        let french = jurisdiction == .fr
        switch (mode, language) {
        case (.interestFirst, .fr):
            return "Les paiements partiels s'imputent d'abord sur les intérêts échus, puis sur le principal"
                + (french ? " (article 1343-1 du Code civil)" : "") + " ; les intérêts impayés ne produisent pas d'intérêts."
        case (.interestFirst, .en):
            return "Partial payments are applied first to the interest accrued, then to the principal"
                + (french ? " (Article 1343-1 of the French Civil Code)" : "") + "; unpaid interest bears no interest."
        case (.principalFirst, .fr):
            return "Les paiements partiels ont été imputés sur le principal ; les intérêts restent dus en sus."
        case (.principalFirst, .en):
            return "Partial payments have been applied to the principal; the interest remains due in addition."
        }
    }

    /// Several totals (one per currency) joined with "+".
    static func totals(_ totals: [Money], _ language: Language) -> String {
        totals.isEmpty ? language.format(Money.zero(.eur)) : totals.map(language.format).joined(separator: " + ")
    }

    /// A small number of days in words (`huit`, `quinze`, `eight`), digits above thirty-one.
    static func days(_ count: Int, _ language: Language) -> String {
        let french = [
            "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
            "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
            "vingt et un", "vingt-deux", "vingt-trois", "vingt-quatre", "vingt-cinq", "vingt-six",
            "vingt-sept", "vingt-huit", "vingt-neuf", "trente", "trente et un",
        ]
        let english = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
            "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five", "twenty-six",
            "twenty-seven", "twenty-eight", "twenty-nine", "thirty", "thirty-one",
        ]
        let words = language == .fr ? french : english
        let unit = language == .fr ? (count > 1 ? "jours" : "jour") : (count == 1 ? "day" : "days")
        return (words.indices.contains(count) ? words[count] : String(count)) + " " + unit
    }

    /// The creditor's identity block: name, address, SIREN, contact.
    static func creditorBlock(_ creditor: Creditor, _ language: Language) -> String {
        var lines = [creditor.name] + creditor.address
        if let siren = creditor.siren { lines.append("SIREN " + siren) }
        if let phone = creditor.phone { lines.append((language == .fr ? "Tél. " : "Tel. ") + phone) }
        lines.append(creditor.email.value)
        return lines.joined(separator: "\n")
    }

    /// The debtor's identity block: name, addressee, address.
    static func debtorBlock(_ client: Client, _ language: Language) -> String {
        var lines = [client.name]
        if let contact = client.contact {
            lines.append((language == .fr ? "À l'attention de " : "For the attention of ") + contact)
        }
        lines += client.address
        return lines.joined(separator: "\n")
    }
}
