import Foundation
import RelanceCore
import RelanceDocuments
import Testing

/// Where the documents explain interest, one line says how partial payments were counted, and an invoice
/// whose payments paid interest off shows the interest accrued, the part paid and the rest.
@Suite("Documents: partial payments, interest first")
struct PaymentImputationWordingTests {
    typealias F = DocumentFixtures

    /// €1,200 due 31/03/2025, €500 paid on 15/04/2025, as of 15/05/2025, interest first (C. civ. 1343-1):
    /// 6.484931… of interest paid off, principal left 706.484931…, then 7.635843… on it (30 days).
    static func partlyPaid(_ imputation: LateInterestOptions.PaymentImputation = .interestFirst) -> ClaimedInvoice {
        let invoice = F.invoice("F2025-001", paid: "500.00")
        let claim = LateInterestCalculator().claim(
            invoice: invoice, payments: [Payment(invoice: "F2025-001", date: F.date("2025-04-15"), amount: F.money("500.00"))],
            clientKind: .business, jurisdiction: .fr, asOf: F.date("2025-05-15"),
            options: LateInterestOptions(paymentImputation: imputation))
        return ClaimedInvoice(invoice: invoice, claim: claim)
    }

    @Test("The French letter shows the interest the payment paid off and cites article 1343-1")
    func frenchLetter() throws {
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(), place: "Paris", date: F.date("2025-05-15"), invoices: [Self.partlyPaid()])
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        for mention in [
            "706,48 €", "7,64 €", "754,12 €",
            "soit 14,12 € d'intérêts, dont 6,48 € réglés par vos paiements ; reste dû 7,64 €",
            "s'imputent d'abord sur les intérêts échus, puis sur le principal (article 1343-1 du Code civil)",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
    }

    @Test("The English letter says the same")
    func englishLetter() throws {
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(language: .en), place: "Paris", date: F.date("2025-05-15"),
            invoices: [Self.partlyPaid()])
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(text.contains("i.e. €14.12 of interest, of which €6.48 was paid by your payments; €7.64 still due"))
        #expect(text.contains("applied first to the interest accrued, then to the principal (Article 1343-1"))
    }

    @Test("claim.csv gives the interest still due and the part the payments paid off")
    func csv() throws {
        let out = try F.temporaryFolder()
        let content = ClaimFileContent(
            creditor: F.creditor, client: F.client(), date: F.date("2025-05-15"), invoices: [Self.partlyPaid()])
        let result = try ClaimFileWriter().write(content, to: out)
        let csv = try String(contentsOfFile: result.folder + "/claim.csv", encoding: .utf8)
        #expect(csv.hasSuffix("\nF2025-001,C001,2025-03-31,706.48,45,13.15,7.64,6.48,40.00,754.12,EUR\n"), "\(csv)")
    }

    @Test("Principal first, the summary says the payments went to the principal")
    func principalFirstSummary() throws {
        let item = Self.partlyPaid(.principalFirst)
        let out = try F.temporaryFolder()
        let content = ClaimFileContent(creditor: F.creditor, client: F.client(), date: F.date("2025-05-15"), invoices: [item])
        let result = try ClaimFileWriter().write(content, to: out)
        let text = try F.text(ofPDFAt: result.folder + "/summary.pdf")
        // (1200 × 15 + 700 × 30) × 13.15 % / 365 = 14.0507… → 14.05; 700 + 14.05 + 40 = 754.05.
        #expect(text.contains("700,00 €") && text.contains("754,05 €"))
        #expect(text.contains("Les paiements partiels ont été imputés sur le principal"))
        #expect(!text.contains("1343-1"))
    }

    @Test("An invoice with no payment gets no imputation line")
    func noPaymentNoLine() throws {
        let content = FormalNoticeContent(
            creditor: F.creditor, client: F.client(), place: "Paris", date: F.date("2025-05-15"),
            invoices: [F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")])
        let text = try F.text(of: try FormalNoticeLetter(content: content).pdf())
        #expect(!text.contains("paiements partiels"))
        #expect(text.contains("13,15 % du 1er avril 2025 au 15 mai 2025 (45 jours), soit 19,45 €"))
    }
}
