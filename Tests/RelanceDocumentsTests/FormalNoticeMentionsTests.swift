import Foundation
import RelanceCore
import RelanceDocuments
import Testing

@Suite("Formal notice: mandatory mentions in the rendered PDF")
struct FormalNoticeMentionsTests {
    typealias F = DocumentFixtures

    /// Two invoices of a business debtor, the second partially paid, on 15 May 2025.
    static func businessContent(language: Language = .fr) -> FormalNoticeContent {
        let first = F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")
        let second = F.claimed(
            F.invoice("F2025-002", issued: "2025-03-15", due: "2025-04-14", amount: "2500.00", paid: "1000.00"),
            asOf: "2025-05-15")
        return FormalNoticeContent(
            creditor: F.creditor, client: F.client(language: language), place: "Paris", date: F.date("2025-05-15"),
            invoices: [first, second],
            reminders: [
                PriorReminder(date: F.date("2025-04-01"), step: language == .fr ? "premier rappel" : "first reminder"),
                PriorReminder(date: F.date("2025-04-08"), step: language == .fr ? "second rappel" : "second reminder"),
            ], signatory: "Jean Dupont, gérant")
    }

    @Test("French business letter: parties, LRAR, object, invoices, L441-10, €40, total, deadline, consequences")
    func frenchBusiness() throws {
        let content = Self.businessContent()
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        for mention in [
            "Atelier Dupont SARL", "12 rue des Lilas", "75011 Paris", "SIREN 123456789",
            "Boulangerie Martin SAS", "Mme Claire Martin", "3 place du Marché", "69002 Lyon",
            "Paris, le 15 mai 2025", "Lettre recommandée avec accusé de réception", "MISE EN DEMEURE",
            "Objet : Mise en demeure de payer", "F2025-001", "F2025-002", "01/03/2025", "31/03/2025", "15/03/2025", "14/04/2025",
            "1er avril 2025", "8 avril 2025", "premier rappel", "article L441-10 du Code de commerce",
            "indemnité forfaitaire pour frais de recouvrement de 40,00 €", "La présente lettre vaut mise en demeure",
            "sous huit jours à compter de la réception de la présente.",
            "injonction de payer", "dépens", "IBAN FR76 3000 6000 0112 3456 7890 189", "Pour Atelier Dupont SARL",
            "Jean Dupont, gérant", "Signature",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        // The first invoice is the research note's worked example: 1 200 € for 45 days at 13.15 %.
        #expect(text.contains("1 200,00 €"))
        #expect(text.contains("19,45 €"))
        #expect(text.contains("1 259,45 €"))
        #expect(text.contains("13,15 % du 1er avril 2025 au 15 mai 2025 (45 jours)"))
        // The partially paid one: 2 500 € invoiced, 1 000 € paid, 1 500 € due.
        #expect(text.contains("2 500,00 €"))
        #expect(text.contains("1 000,00 €"))
        #expect(text.contains("1 500,00 €"))
        let second = content.invoices[1].claim
        #expect(second.principal == F.money("1500.00"))
        #expect(text.contains(F.french(second.interest!)))
        let total = F.money("1259.45") + second.total
        #expect(content.totals == [total])
        #expect(text.contains("Soit un total de \(F.french(total)) au 15 mai 2025"))
        #expect(text.contains("la somme de \(F.french(total)) sous huit jours"))
    }

    @Test("The letter announces only the invoice copies the ledger has: all, some by number, or none")
    func enclosuresAreTheInvoicesWithAPDF() throws {
        var content = Self.businessContent()
        let none = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(!none.contains("Pièces jointes"), "\(none)")
        content.invoices[1].invoice.pdfPath = "/srv/ledger/F2025-002.pdf"
        let some = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(some.contains("Pièces jointes : copie des factures F2025-002."), "\(some)")
        content.invoices[0].invoice.pdfPath = "/srv/ledger/F2025-001.pdf"
        let all = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(all.contains("Pièces jointes : copie des factures impayées."), "\(all)")
    }

    @Test("A consumer letter claims no €40 indemnity and gives fifteen days")
    func consumer() throws {
        let options = LateInterestOptions(formalNoticeDate: F.date("2025-05-15"))
        let item = F.claimed(F.invoice("F2025-010", client: "P042"), kind: .consumer, asOf: "2025-05-15", options: options)
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(kind: .consumer), place: "Paris", date: F.date("2025-05-15"),
            invoices: [item])
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(text.contains("Jérôme Lefèvre"))
        #expect(!text.contains("40,00 €"))
        #expect(!text.contains("ndemnité"))
        #expect(!text.contains("L441-10"))
        #expect(text.contains("intérêts au taux légal"))
        #expect(text.contains("article 1344-1 du Code civil"))
        #expect(text.contains("sous quinze jours à compter de la réception de la présente."))
        #expect(!text.contains("au plus tard"))
        #expect(text.contains("Soit un total de 1 200,00 €"))
    }

    @Test("An unknown rate names the L441-10 penalties with no amount, never 'taux légal', between businesses")
    func unknownInterest() throws {
        // No built-in rate after the first half of 2026.
        let item = F.claimed(F.invoice("F2026-050", issued: "2026-05-01", due: "2026-06-15"), asOf: "2026-08-20")
        #expect(item.claim.interest == nil)
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(), place: "Lyon", date: F.date("2026-08-20"), invoices: [item])
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf()).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("pénalités de retard (article L441-10 du Code de commerce) (montant à parfaire)"), "\(text)")
        #expect(text.contains("outre les pénalités de retard"), "\(text)")
        #expect(!text.contains("taux légal"), "\(text)")
        // In the table, a short cell; the sentence under it names what is owed.
        #expect(text.components(separatedBy: "à parfaire").count - 1 == 2, "the cell and the sentence: \(text)")
        #expect(text.contains("Soit un total de 1 240,00 €"))
    }

    @Test("English letter before action")
    func english() throws {
        let text = try F.text(of: try FormalNoticeLetter(content: Self.businessContent(language: .en)).pdf())
        for mention in [
            "LETTER BEFORE ACTION", "Formal notice to pay", "registered post with acknowledgement of receipt",
            "Paris, 15 May 2025", "Article L441-10 of the French Commercial Code", "€40.00", "€1,259.45",
            "within eight days of receipt of this letter.",
            "This letter constitutes formal notice", "order for payment", "Yours faithfully", "first reminder",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        #expect(!text.contains("Objet"))
    }

    @Test("A long invoice list breaks across pages")
    func manyInvoices() throws {
        let invoices = (1...40).map { index in
            F.claimed(F.invoice(String(format: "F2025-%03d", index), amount: "\(100 + index).00"), asOf: "2025-05-15")
        }
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(), place: "Paris", date: F.date("2025-05-15"), invoices: invoices)
        let pdf = try FormalNoticeLetter(content: content).pdf()
        #expect(try F.pages(of: pdf) >= 2)
        let text = try F.text(of: pdf)
        #expect(text.contains("F2025-001"))
        #expect(text.contains("F2025-040"))
        #expect(text.contains("Facture n°"))
        #expect(text.contains("page 2"))
        #expect(text.contains("La présente lettre vaut mise en demeure"))
    }

    @Test("The letter writes a PDF file and the deadline is configurable")
    func fileAndDeadline() throws {
        var content = Self.businessContent()
        content.deadlineDays = 15
        let path = try F.temporaryFolder() + "/notice.pdf"
        try FormalNoticeLetter(content: content).write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        #expect(try F.text(ofPDFAt: path).contains("sous quinze jours à compter de la réception de la présente."))
    }

    /// A registered letter dated 17 December 2026 arrives days later: its date plus eight days (Christmas
    /// Day) would give the debtor less than the eight days from receipt it promises. The letter names the
    /// time from receipt and no calendar date, in both languages.
    @Test("The deadline runs from receipt: the letter states no date its own date would make too early")
    func deadlineFromReceiptWithoutADate() throws {
        for language in [Language.fr, .en] {
            let item = F.claimed(F.invoice("F2026-300", issued: "2026-10-17", due: "2026-11-17"), asOf: "2026-12-17")
            let content = FormalNoticeContent(
                creditor: F.creditor, client: F.client(language: language), place: "Paris", date: F.date("2026-12-17"),
                invoices: [item])
            let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
            #expect(text.contains(language == .fr ? "sous huit jours à compter de la réception de la présente."
                : "within eight days of receipt of this letter."), "\(text)")
            for wrong in ["au plus tard", "no later than", "25 décembre 2026", "25 December 2026"] {
                #expect(!text.contains(wrong), "\(language): \(wrong)")
            }
        }
    }
}
