import RelanceCore

/// The sentences of the formal notice in its language, from its content: each true under the creditor's
/// jurisdiction for the debtor's kind. French law (art. 1344 C. civ., LRAR, injonction de payer) is cited
/// for a French creditor only; a UK or German creditor's letter names its own law where relance knows it
/// (`LateInterestLawWording`) and says the rest in neutral words.
struct FormalNoticeWording {
    let content: FormalNoticeContent
    var fr: Bool { content.language == .fr }
    var language: Language { content.language }
    var business: Bool { content.client.kind == .business }
    var jurisdiction: Jurisdiction { content.creditor.jurisdiction }
    var law: LateInterestLawWording {
        LateInterestLawWording(jurisdiction: jurisdiction, kind: content.client.kind, language: language)
    }
    var total: String { DocumentText.totals(content.totals, language) }

    var title: String { fr ? "MISE EN DEMEURE" : "LETTER BEFORE ACTION — FORMAL NOTICE TO PAY" }
    var placeAndDate: String {
        fr ? "\(content.place), le \(language.format(content.date))" : "\(content.place), \(language.format(content.date))"
    }
    /// How the letter travels: the French LRAR for a French creditor, registered post otherwise.
    var registered: String {
        switch (jurisdiction, language) {
        case (.fr, .fr): return "Lettre recommandée avec accusé de réception"
        case (.fr, .en):
            return "Sent by registered post with acknowledgement of receipt (lettre recommandée avec accusé de réception)"
        case (_, .fr): return "Lettre recommandée"
        case (_, .en): return "Sent by registered post"
        }
    }
    var subject: String { fr ? "Objet : Mise en demeure de payer" : "Subject: Formal notice to pay (letter before action)" }
    var references: String {
        let numbers = content.invoices.map(\.invoice.number).joined(separator: ", ")
        return fr ? "Réf. : facture\(content.invoices.count > 1 ? "s" : "") n° \(numbers)"
            : "Ref.: invoice\(content.invoices.count > 1 ? "s" : "") \(numbers)"
    }
    var salutation: String { fr ? "Madame, Monsieur," : "Dear Sir or Madam," }

    var opening: String {
        let reminders = content.reminders
        let one = content.invoices.count == 1
        let unpaid =
            fr
            ? (one
                ? "la facture suivante reste impayée à ce jour :"
                : "les factures suivantes restent impayées à ce jour :")
            : (one ? "the following invoice remains unpaid to date:" : "the following invoices remain unpaid to date:")
        if reminders.isEmpty {
            return fr ? "Sauf erreur de notre part, " + unpaid : "According to our records, " + unpaid
        }
        let list = reminders.map { reminder in
            fr ? "du \(language.format(reminder.date)) (\(reminder.step))"
                : "of \(language.format(reminder.date)) (\(reminder.step))"
        }
        let single = reminders.count == 1
        let relance = fr ? (single ? "notre relance" : "nos relances") : (single ? "our reminder" : "our reminders")
        return fr
            ? "Malgré \(relance) \(list.joined(separator: ", ")), " + unpaid
            : "Despite \(relance) \(list.joined(separator: ", ")), " + unpaid
    }

    var invoiceColumns: [String] {
        fr ? ["Facture n°", "Date", "Échéance", "Montant TTC", "Déjà réglé", "Reste dû"]
            : ["Invoice", "Issued", "Due", "Amount incl. VAT", "Paid", "Balance due"]
    }

    var claimIntro: String {
        fr ? "Sommes dues au \(language.format(content.date)) :" : "Amounts due as at \(language.format(content.date)):"
    }

    var claimColumns: [String] {
        var columns = [fr ? "Facture n°" : "Invoice", fr ? "Principal" : "Principal", law.interestName]
        if business { columns.append(law.indemnityName) }
        columns.append("Total")
        return columns
    }

    var totalLabel: String { fr ? "Total dû" : "Total due" }

    /// The interest and indemnity basis, with each invoice's rates and periods.
    var interestMentions: [String] {
        var lines: [String] = []
        let indemnity = content.invoices.compactMap(\.claim.indemnity).first(where: \.isPositive)
        if let basis = law.basis(indemnity: indemnity) { lines.append(basis) }
        for item in content.invoices {
            let claim = item.claim
            if claim.interest == nil {
                lines.append(fr ? "Facture \(claim.invoice) : \(law.unknownInterestDetail)."
                    : "Invoice \(claim.invoice): \(law.unknownInterestDetail).")
            } else if !claim.rates.isEmpty {
                let detail = DocumentText.interestDetail(claim, language, payer: .you)
                lines.append(fr ? "Facture \(claim.invoice) : \(detail)." : "Invoice \(claim.invoice): \(detail).")
            }
        }
        if let imputation = DocumentText.imputation(content.invoices, jurisdiction: content.creditor.jurisdiction, language) {
            lines.append(imputation)
        }
        return lines
    }

    var totalSentence: String {
        let extra = content.hasUnknownInterest ? law.plusUnknownInterest : ""
        return fr ? "Soit un total de \(total)\(extra) au \(language.format(content.date))."
            : "A total of \(total)\(extra) as at \(language.format(content.date))."
    }

    /// The demand to pay within the deadline counted from receipt, with no calendar date: the letter's
    /// date plus the deadline would fall before its end (the post takes days), and any other date is a guess.
    var demand: String {
        let days = DocumentText.days(content.deadlineDays, language)
        return fr
            ? "En conséquence, nous vous mettons en demeure de nous régler la somme de \(total) sous \(days) à compter de la réception de la présente."
            : "We therefore formally demand payment of \(total) within \(days) of receipt of this letter."
    }

    var payment: String {
        let numbers = content.invoices.map(\.invoice.number).joined(separator: ", ")
        if let iban = content.iban {
            return fr
                ? "Règlement par virement à l'ordre de \(content.creditor.name), IBAN \(iban), en indiquant en référence : \(numbers)."
                : "Please pay by bank transfer to \(content.creditor.name), IBAN \(iban), quoting: \(numbers)."
        }
        return fr ? "Règlement à l'ordre de \(content.creditor.name), en indiquant en référence : \(numbers)."
            : "Please pay \(content.creditor.name), quoting: \(numbers)."
    }

    var running: String? { law.running }

    /// What follows a failure to pay: the court procedure of the creditor's jurisdiction (the injonction de
    /// payer in France, a county court claim in the UK, the gerichtliches Mahnverfahren in Germany).
    var consequences: String {
        switch (jurisdiction, language) {
        case (.fr, .fr):
            return "À défaut de règlement dans ce délai, nous engagerons sans autre préavis une procédure judiciaire de recouvrement, notamment une requête en injonction de payer auprès du tribunal compétent, les frais de procédure et dépens pouvant être mis à votre charge."
        case (.fr, .en):
            return "Failing payment within this time, we will start court proceedings without further notice, in particular an application for an order for payment (injonction de payer) before the competent court, and the costs of the proceedings may be awarded against you."
        case (.uk, .fr):
            return "À défaut de règlement dans ce délai, nous engagerons sans autre préavis une action en justice, par exemple une demande devant la county court, les frais de procédure pouvant être mis à votre charge."
        case (.uk, .en):
            return "Failing payment within this time, we will start court proceedings without further notice, such as a claim in the county court, and the costs of the proceedings may be awarded against you."
        case (.de, .fr):
            return "À défaut de règlement dans ce délai, nous engagerons sans autre préavis une procédure judiciaire de recouvrement, notamment une demande d'ordonnance de paiement (gerichtliches Mahnverfahren), les frais de procédure pouvant être mis à votre charge."
        case (.de, .en):
            return "Failing payment within this time, we will start court proceedings without further notice, in particular an application for a court order for payment (gerichtliches Mahnverfahren), and the costs of the proceedings may be awarded against you."
        }
    }

    /// The closing formula: "vaut mise en demeure au sens de l'article 1344 du Code civil" for a French
    /// creditor (with art. 1344-1 for a consumer); a plain formal demand elsewhere.
    var notice: String {
        switch (jurisdiction, language) {
        case (.fr, .fr):
            return "La présente lettre vaut mise en demeure au sens de l'article 1344 du Code civil"
                + (business ? "." : " et fait courir les intérêts au taux légal (article 1344-1 du Code civil).")
        case (.fr, .en):
            return "This letter constitutes formal notice (mise en demeure) within the meaning of Article 1344 of the French Civil Code"
                + (business ? "." : " and causes interest at the statutory rate to run (Article 1344-1).")
        case (_, .fr): return "La présente lettre vaut mise en demeure de payer."
        case (_, .en): return "This letter is a formal demand for payment."
        }
    }

    var closing: String {
        fr ? "Si votre règlement a été effectué entre-temps, nous vous prions de ne pas tenir compte de la présente. Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
            : "If you have paid in the meantime, please disregard this letter. Yours faithfully,"
    }

    var signature: String {
        var lines = [fr ? "Pour \(content.creditor.name)" : "For \(content.creditor.name)"]
        if let signatory = content.signatory { lines.append(signatory) }
        lines.append(fr ? "Signature :" : "Signature:")
        return lines.joined(separator: "\n")
    }

    /// The invoices the ledger gives a PDF for, which go with the letter as they go with its email; nil
    /// when none has one (the letter then announces no enclosure it does not have).
    var enclosures: String? {
        let enclosed = content.invoices.map(\.invoice).filter { $0.pdfPath != nil }.map(\.number)
        guard !enclosed.isEmpty else { return nil }
        let list = enclosed.joined(separator: ", ")
        if enclosed.count == content.invoices.count {
            return fr ? "Pièces jointes : copie des factures impayées." : "Enclosures: copies of the unpaid invoices."
        }
        return fr ? "Pièces jointes : copie des factures \(list)." : "Enclosures: copies of invoices \(list)."
    }

    func footer(_ page: Int) -> String {
        "\(content.creditor.name) — " + (fr ? "Mise en demeure du \(language.format(content.date)) — page \(page)"
            : "Formal notice of \(language.format(content.date)) — page \(page)")
    }
}
