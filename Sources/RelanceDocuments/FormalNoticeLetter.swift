import RelanceCore

/// The mise en demeure (formal notice to pay) as an A4 PDF, in French or English.
///
/// French practice: identities and addresses of both parties, "Lettre recommandée avec accusé de
/// réception", the invoices, the interest (L441-10 du Code de commerce for a business debtor, legal
/// interest from the notice for a consumer) and the €40 indemnity (businesses only), the total, the
/// time to pay counted from receipt (never a calendar date: the letter's receipt day is not known), the
/// consequences and "La présente lettre vaut mise en demeure". A UK or German creditor's letter has the
/// same layout and states its own law instead (Late Payment Act 1998; § 288 BGB; county court claim;
/// gerichtliches Mahnverfahren): see `FormalNoticeWording`.
public struct FormalNoticeLetter: Sendable {
    /// What the letter says.
    public var content: FormalNoticeContent

    /// A letter for this content.
    public init(content: FormalNoticeContent) {
        self.content = content
    }

    /// The letter as PDF bytes.
    public func pdf() throws -> [UInt8] {
        let words = FormalNoticeWording(content: content)
        return try PDFDocumentWriter.render { writer in
            writer.setMetadata(title: words.title, author: content.creditor.name)
            writer.footer = { [words] page in words.footer(page) }
            layOut(words, on: writer)
        }
    }

    /// Writes the PDF to `path` (replacing any file there).
    public func write(to path: String) throws {
        try FileOutput.write(try pdf(), to: path)
    }

    private func layOut(_ words: FormalNoticeWording, on writer: PDFDocumentWriter) {
        let language = content.language
        let half = writer.contentWidth / 2
        writer.columns([
            (DocumentText.creditorBlock(content.creditor, language), .body, 0, half - 20),
            (DocumentText.debtorBlock(content.client, language), .body, half, half),
        ], spaceAfter: 18)
        writer.paragraph(words.placeAndDate, alignment: .right, spaceAfter: 12)
        writer.paragraph(words.registered, style: .bold, spaceAfter: 10)
        writer.paragraph(words.title, style: .title, spaceAfter: 8)
        writer.paragraph(words.subject, style: .bold, spaceAfter: 2)
        writer.paragraph(words.references, spaceAfter: 12)
        writer.paragraph(words.salutation, spaceAfter: 8)
        writer.paragraph(words.opening)

        let width = writer.contentWidth
        let invoiceColumns = zip(words.invoiceColumns, [0.18, 0.15, 0.15, 0.18, 0.16, 0.18]).enumerated().map {
            PDFTableColumn($0.element.0, width: width * $0.element.1, alignment: $0.offset >= 3 ? .right : .left)
        }
        let invoiceRows = content.invoices.map { item in
            [
                item.invoice.number, DocumentText.shortDate(item.invoice.issued), DocumentText.shortDate(item.invoice.due),
                language.format(item.invoice.amount), language.format(item.invoice.paid),
                language.format(item.claim.principal),
            ]
        }
        writer.table(invoiceColumns, rows: invoiceRows)

        writer.paragraph(words.claimIntro, style: .bold)
        let business = content.client.kind == .business
        let fractions = business ? [0.18, 0.2, 0.22, 0.2, 0.2] : [0.22, 0.26, 0.26, 0.26]
        let claimColumns = zip(words.claimColumns, fractions).enumerated().map {
            PDFTableColumn($0.element.0, width: width * $0.element.1, alignment: $0.offset >= 1 ? .right : .left)
        }
        var claimRows: [[String]] = content.invoices.map { item in
            var row = [item.claim.invoice, language.format(item.claim.principal), words.law.cell(item.claim)]
            if business { row.append(item.claim.indemnity.map(language.format) ?? "—") }
            row.append(language.format(item.claim.total))
            return row
        }
        var totalRow = [words.totalLabel, "", ""]
        if business { totalRow.append("") }
        totalRow.append(words.total)
        claimRows.append(totalRow)
        writer.table(claimColumns, rows: claimRows, boldRows: [claimRows.count - 1])

        for line in words.interestMentions { writer.paragraph(line, style: .small, spaceAfter: 4) }
        writer.space(4)
        writer.paragraph(words.totalSentence, style: .bold, spaceAfter: 10)
        writer.paragraph(words.demand, style: .bold)
        writer.paragraph(words.payment)
        if let running = words.running { writer.paragraph(running) }
        writer.paragraph(words.consequences)
        writer.paragraph(words.notice, style: .bold, spaceAfter: 10)
        writer.paragraph(words.closing, spaceAfter: 18)
        writer.paragraph(words.signature, indent: half, spaceAfter: 40)
        if let enclosures = words.enclosures { writer.paragraph(enclosures, style: .small) }
    }
}
