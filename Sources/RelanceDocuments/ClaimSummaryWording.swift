import RelanceCore

/// The sentences of a claim file's summary in its language (French or English). The summary is for a court,
/// a lawyer or a commissaire de justice: it speaks of the debtor in the third person, names the messages as
/// the letters do, and cites only the files the claim file holds.
struct ClaimSummaryWording {
    let content: ClaimFileContent
    let language: Language
    /// The files of the claim file, as the bordereau lists them.
    let documents: [String]
    var fr: Bool { language == .fr }
    var law: LateInterestLawWording {
        LateInterestLawWording(jurisdiction: content.creditor.jurisdiction, kind: content.client.kind, language: language)
    }
    var date: String { language.format(content.date) }
    var total: String { DocumentText.totals(content.totals, language) }
    /// The French court and small-claims rules apply: the creditor's jurisdiction is FR.
    var frenchCourts: Bool { content.creditor.jurisdiction == .fr }

    var title: String { fr ? "Dossier de recouvrement — \(content.client.name)" : "Debt recovery file — \(content.client.name)" }
    var heading: String { fr ? "DOSSIER DE RECOUVREMENT" : "DEBT RECOVERY FILE" }
    var subtitle: String {
        fr ? "Créance de \(content.creditor.name) sur \(content.client.name), arrêtée au \(date)"
            : "Claim of \(content.creditor.name) against \(content.client.name), as at \(date)"
    }
    func footer(_ page: Int) -> String {
        fr ? "Dossier de recouvrement — \(content.client.name) — page \(page)"
            : "Debt recovery file — \(content.client.name) — page \(page)"
    }

    var creditorTitle: String { fr ? "Créancier" : "Creditor" }
    var debtorTitle: String {
        let business = content.client.kind == .business
        return fr ? "Débiteur (\(business ? "professionnel" : "consommateur"))" : "Debtor (\(business ? "business" : "consumer"))"
    }
    var clientReference: String { (fr ? "Référence client : " : "Client reference: ") + content.client.id }

    var detailHeading: String { fr ? "Détail de la créance" : "The claim" }
    var columns: [String] {
        fr ? ["Facture n°", "Échéance", "Principal", "Retard", "Intérêts", "Indemnité", "Total"]
            : ["Invoice", "Due", "Principal", "Delay", "Interest", "Indemnity", "Total"]
    }
    func daysLate(_ days: Int) -> String { fr ? "\(days) j" : "\(days) d" }

    /// One invoice's interest explained, or the statutory-rate wording when a rate is unknown.
    func interestLine(_ claim: ClaimLine) -> String {
        let detail = claim.interest == nil
            ? law.unknownInterestDetail : DocumentText.interestDetail(claim, language, payer: .debtor)
        return (fr ? "Facture \(claim.invoice) : " : "Invoice \(claim.invoice): ") + detail + "."
    }

    var imputation: String? {
        DocumentText.imputation(content.invoices, jurisdiction: content.creditor.jurisdiction, language)
    }

    var totalSentence: String {
        let extra = content.invoices.hasUnknownInterest ? law.plusUnknownInterest : ""
        return fr ? "Total réclamé au \(date) : \(total)\(extra)." : "Total claimed as at \(date): \(total)\(extra)."
    }

    var courtHeading: String {
        guard frenchCourts else { return fr ? "Juridiction compétente" : "Competent court" }
        return (fr ? "Juridiction compétente : " : "Competent court: ") + content.court.name
    }
    var courtExplanation: String {
        guard frenchCourts else {
            return fr ? "Non déterminée par relance pour le droit \(content.creditor.jurisdiction.rawValue) : à fixer par l'avocat."
                : "Not determined by relance under \(content.creditor.jurisdiction.rawValue) law: for the lawyer to decide."
        }
        return content.court.explanation(language)
    }

    /// The small-claims note: French courts and at most €5,000.
    var smallClaim: (heading: String, text: String)? {
        guard frenchCourts, content.isSmallClaim else { return nil }
        if fr {
            return ("Petite créance (montant inférieur ou égal à 5 000 €)",
                "La procédure simplifiée de recouvrement des petites créances (art. L125-1 et R125-1 et suivants "
                    + "du Code des procédures civiles d'exécution) peut être mise en œuvre par un commissaire de "
                    + "justice du ressort de la cour d'appel du domicile du débiteur : le débiteur dispose d'un mois "
                    + "pour accepter ; en cas d'accord, le commissaire de justice délivre un titre exécutoire. Les "
                    + "frais restent à la charge du créancier. Devant le tribunal judiciaire, une demande d'au plus "
                    + "5 000 € doit être précédée d'une tentative de règlement amiable (art. 750-1 du Code de "
                    + "procédure civile) ; l'échec de la procédure simplifiée en dispense.")
        }
        return ("Small claim (€5,000 or less)",
            "The simplified procedure for the recovery of small claims (procédure simplifiée de recouvrement des "
                + "petites créances, Articles L125-1 and R125-1 et seq. of the French Code of Civil Enforcement "
                + "Procedures) can be started by a commissaire de justice of the court of appeal district where "
                + "the debtor lives: the debtor has one month to accept; if they agree, the commissaire de justice "
                + "issues an enforceable title. Its costs stay with the creditor. Before the tribunal judiciaire, a "
                + "claim of at most €5,000 must be preceded by an attempt at amicable settlement (Article 750-1 of "
                + "the French Code of Civil Procedure); a failed simplified procedure counts as one.")
    }

    var historyHeading: String { fr ? "Historique" : "History" }
    var noReminder: String { fr ? "Aucune relance enregistrée." : "No reminder recorded." }
    /// The messages sent, oldest first, named as the letters name them: the reminders after the due date
    /// by their rank (`premier rappel`, `first reminder`), a message before it as such, and the
    /// formal-notice email as the mise en demeure.
    var reminders: [String] {
        var rank = 0
        return content.reminders.map { reminder in
            let what: String
            switch reminder.kind {
            case .beforeDue: what = fr ? "rappel avant échéance" : "reminder before the due date"
            case .formalNotice: what = fr ? "mise en demeure" : "formal notice"
            case .reminder:
                rank += 1
                what = PriorReminder.rank(rank, language: language)
            }
            let date = language.format(reminder.date)
            return fr ? "• \(date) : \(what) (courriel)" : "• \(date): \(what) (email)"
        }
    }

    /// The registered letter, citing only the files the claim file holds: the letter as sent and the proof
    /// of its posting and receipt recorded with `relance task done`; without that proof, that its posting is
    /// not recorded. `nil` when the file holds neither. The LRAR is named for a French creditor only.
    var registeredLetter: String? {
        let letters = documents.filter(ClaimFileNames.isFormalNotice)
        let cited = letters + [ClaimFileNames.registeredLetter].filter(documents.contains)
        guard !cited.isEmpty else { return nil }
        let see = cited.dropLast().joined(separator: ", ") + (cited.count > 1 ? (fr ? " et " : " and ") : "")
            + (cited.last ?? "")
        let several = letters.count > 1
        let notice = fr ? (several ? "Mises en demeure" : "Mise en demeure") : (several ? "Formal notices" : "Formal notice")
        guard documents.contains(ClaimFileNames.registeredLetter) else {
            return fr
                ? "• \(notice) (\(several ? "lettres" : "lettre")) : voir \(see) ; "
                    + "\(several ? "leur" : "son") envoi en recommandé n'est pas enregistré."
                : "• \(notice) (\(several ? "letters" : "letter")): see \(see); "
                    + "\(several ? "their" : "its") sending by registered post is not recorded."
        }
        let registered = fr ? (several ? "lettres recommandées" : "lettre recommandée") : (several ? "letters" : "letter")
        switch (content.creditor.jurisdiction, language) {
        case (.fr, .fr): return "• \(notice) par \(registered) avec accusé de réception : voir \(see)."
        case (.fr, .en):
            return "• \(notice) (mise en demeure) by registered \(registered) with acknowledgement of receipt: see \(see)."
        case (_, .fr): return "• \(notice) par \(registered) : voir \(see)."
        case (_, .en): return "• \(notice) by registered post: see \(see)."
        }
    }
    var documentsHeading: String { fr ? "Bordereau des pièces" : "List of documents" }
}
