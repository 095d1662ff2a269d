import RelanceCore

/// `summary.pdf` of a claim file, in French (the language of the courts): the parties, each invoice
/// with principal, interest and indemnity, the total, the competent court, the small-claims note
/// (at most €5,000), the history and the list of documents (bordereau de pièces).
struct ClaimSummary {
    let content: ClaimFileContent
    /// The files of the claim file, as listed in the bordereau.
    let documents: [String]

    func pdf() throws -> [UInt8] {
        let fr = Language.fr
        let date = fr.format(content.date)
        return try PDFDocumentWriter.render { writer in
            writer.setMetadata(title: "Dossier de recouvrement — \(content.client.name)", author: content.creditor.name)
            writer.footer = { [name = content.client.name] page in "Dossier de recouvrement — \(name) — page \(page)" }
            writer.paragraph("DOSSIER DE RECOUVREMENT", style: .title, spaceAfter: 4)
            writer.paragraph("Créance de \(content.creditor.name) sur \(content.client.name), arrêtée au \(date)",
                style: .bold, spaceAfter: 14)
            let half = writer.contentWidth / 2
            let kind = content.client.kind == .business ? "professionnel" : "consommateur"
            writer.columns([
                ("Créancier\n" + DocumentText.creditorBlock(content.creditor, fr), .body, 0, half - 10),
                ("Débiteur (\(kind))\n" + DocumentText.debtorBlock(content.client, fr)
                    + "\nRéférence client : \(content.client.id)", .body, half + 10, half - 10),
            ], spaceAfter: 14)

            writer.paragraph("Détail de la créance", style: .heading)
            let width = writer.contentWidth
            let titles = ["Facture n°", "Échéance", "Principal", "Retard", "Intérêts", "Indemnité", "Total"]
            let fractions = [0.14, 0.14, 0.15, 0.09, 0.16, 0.15, 0.17]
            let columns = zip(titles, fractions).enumerated().map {
                PDFTableColumn($0.element.0, width: width * $0.element.1, alignment: $0.offset >= 2 ? .right : .left)
            }
            var rows = content.invoices.map { item -> [String] in
                let claim = item.claim
                return [
                    claim.invoice, DocumentText.shortDate(claim.due), fr.format(claim.principal), "\(claim.daysLate) j",
                    DocumentText.interest(claim, fr), claim.indemnity.map(fr.format) ?? "—", fr.format(claim.total),
                ]
            }
            let total = DocumentText.totals(content.totals, fr)
            rows.append(["Total", "", "", "", "", "", total])
            writer.table(columns, rows: rows, boldRows: [rows.count - 1])
            for item in content.invoices where !item.claim.rates.isEmpty || item.claim.interest == nil {
                let detail = item.claim.interest == nil ? "intérêts au taux légal (montant à parfaire)"
                    : DocumentText.ratePeriods(item.claim, fr)
                writer.paragraph("Facture \(item.claim.invoice) : \(detail).", style: .small, spaceAfter: 3)
            }
            let extra = content.invoices.hasUnknownInterest ? ", outre les intérêts au taux légal" : ""
            writer.space(6)
            writer.paragraph("Total réclamé au \(date) : \(total)\(extra).", style: .bold, spaceAfter: 12)

            writer.paragraph("Juridiction compétente : \(content.court.name)", style: .heading)
            writer.paragraph(content.court.explanation)
            if content.isSmallClaim {
                writer.paragraph("Petite créance (montant inférieur ou égal à 5 000 €)", style: .heading)
                writer.paragraph(
                    "La procédure simplifiée de recouvrement des petites créances (art. L125-1 et R125-1 et suivants "
                        + "du Code des procédures civiles d'exécution) peut être mise en œuvre par un commissaire de "
                        + "justice du ressort de la cour d'appel du domicile du débiteur : le débiteur dispose d'un mois "
                        + "pour accepter ; en cas d'accord, le commissaire de justice délivre un titre exécutoire. Les "
                        + "frais restent à la charge du créancier. Devant le tribunal judiciaire, une demande d'au plus "
                        + "5 000 € doit être précédée d'une tentative de règlement amiable (art. 750-1 du Code de "
                        + "procédure civile) ; l'échec de la procédure simplifiée en dispense.")
            }

            writer.paragraph("Historique", style: .heading)
            if content.reminders.isEmpty {
                writer.paragraph("Aucune relance enregistrée.")
            }
            for reminder in content.reminders {
                writer.paragraph("• \(fr.format(reminder.date)) : relance « \(reminder.step) » (courriel)", spaceAfter: 2)
            }
            if content.formalNotice != nil {
                writer.paragraph("• Mise en demeure par lettre recommandée avec accusé de réception (voir "
                    + "\(ClaimFileNames.formalNotice) et \(ClaimFileNames.registeredLetter)).", spaceAfter: 2)
            }
            writer.space(10)
            writer.paragraph("Bordereau des pièces", style: .heading)
            for (index, document) in documents.enumerated() {
                writer.paragraph("\(index + 1). \(document)", style: .small, spaceAfter: 2)
            }
        }
    }
}
