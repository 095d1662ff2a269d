import RelanceCore

/// `summary.pdf` of a claim file, in the language of the courts of the creditor's jurisdiction (French
/// for FR, English otherwise; see `ClaimFileContent.courtLanguage`) unless another is asked for: the
/// parties, each invoice with principal, interest and indemnity, the total, the competent court, the
/// small-claims note (at most €5,000), the history and the list of documents (bordereau de pièces).
struct ClaimSummary {
    let content: ClaimFileContent
    /// The files of the claim file, as listed in the bordereau.
    let documents: [String]
    /// The summary's language.
    var language: Language

    init(content: ClaimFileContent, documents: [String], language: Language? = nil) {
        self.content = content
        self.documents = documents
        self.language = language ?? content.courtLanguage
    }

    func pdf() throws -> [UInt8] {
        let words = ClaimSummaryWording(content: content, language: language, documents: documents)
        let language = language
        return try PDFDocumentWriter.render { writer in
            writer.setMetadata(title: words.title, author: content.creditor.name)
            writer.footer = { [words] page in words.footer(page) }
            writer.paragraph(words.heading, style: .title, spaceAfter: 4)
            writer.paragraph(words.subtitle, style: .bold, spaceAfter: 14)
            let half = writer.contentWidth / 2
            writer.columns([
                (words.creditorTitle + "\n" + DocumentText.creditorBlock(content.creditor, language), .body, 0, half - 10),
                (words.debtorTitle + "\n" + DocumentText.debtorBlock(content.client, language) + "\n" + words.clientReference,
                    .body, half + 10, half - 10),
            ], spaceAfter: 14)

            writer.paragraph(words.detailHeading, style: .heading)
            let width = writer.contentWidth
            let fractions = [0.145, 0.16, 0.15, 0.10, 0.125, 0.145, 0.175]
            let columns = zip(words.columns, fractions).enumerated().map {
                PDFTableColumn($0.element.0, width: width * $0.element.1, alignment: $0.offset >= 2 ? .right : .left)
            }
            var rows = content.invoices.map { item -> [String] in
                let claim = item.claim
                return [
                    claim.invoice, DocumentText.shortDate(claim.due), language.format(claim.principal),
                    words.daysLate(claim.daysLate), words.law.cell(claim),
                    claim.indemnity.map(language.format) ?? "—", language.format(claim.total),
                ]
            }
            rows.append(["Total", "", "", "", "", "", words.total])
            writer.table(columns, rows: rows, boldRows: [rows.count - 1])
            for item in content.invoices where !item.claim.rates.isEmpty || item.claim.interest == nil {
                writer.paragraph(words.interestLine(item.claim), style: .small, spaceAfter: 3)
            }
            if let imputation = words.imputation { writer.paragraph(imputation, style: .small, spaceAfter: 3) }
            writer.space(6)
            writer.paragraph(words.totalSentence, style: .bold, spaceAfter: 12)

            writer.paragraph(words.courtHeading, style: .heading)
            writer.paragraph(words.courtExplanation)
            if let note = words.smallClaim {
                writer.paragraph(note.heading, style: .heading)
                writer.paragraph(note.text)
            }

            writer.paragraph(words.historyHeading, style: .heading)
            if content.reminders.isEmpty { writer.paragraph(words.noReminder) }
            for reminder in words.reminders { writer.paragraph(reminder, spaceAfter: 2) }
            if let letter = words.registeredLetter { writer.paragraph(letter, spaceAfter: 2) }
            writer.space(10)
            writer.paragraph(words.documentsHeading, style: .heading)
            for (index, document) in documents.enumerated() {
                writer.paragraph("\(index + 1). \(document)", style: .small, spaceAfter: 2)
            }
        }
    }
}
