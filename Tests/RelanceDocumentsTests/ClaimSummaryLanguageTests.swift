import Foundation
import RelanceCore
import RelanceDocuments
import Testing

/// The summary's language is the courts' of the creditor's jurisdiction, not the client's: French for a
/// French creditor (a French court reads French), English for a UK one; an English copy on request.
@Suite("Claim file: the summary's language")
struct ClaimSummaryLanguageTests {
    typealias F = DocumentFixtures

    static func summaryText(_ content: ClaimFileContent, language: Language? = nil) throws -> String {
        let out = try F.temporaryFolder()
        let result = try ClaimFileWriter(summaryLanguage: language).write(content, to: out)
        return try F.text(ofPDFAt: result.folder + "/summary.pdf")
    }

    static func frenchContent(clientLanguage: Language) -> ClaimFileContent {
        ClaimFileContent(
            creditor: F.creditor, client: F.client(language: clientLanguage), date: F.date("2025-05-15"),
            invoices: [F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")])
    }

    @Test("A French creditor's summary is in French, even for an English-speaking client")
    func frenchForAFrenchCourt() throws {
        let content = Self.frenchContent(clientLanguage: .en)
        #expect(content.courtLanguage == .fr)
        let text = try Self.summaryText(content)
        for mention in [
            "DOSSIER DE RECOUVREMENT", "arrêtée au 15 mai 2025", "Juridiction compétente : Tribunal de commerce",
            "1 259,45 €", "Total réclamé au 15 mai 2025 : 1 259,45 €", "Bordereau des pièces",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        #expect(!text.contains("DEBT RECOVERY FILE"))
    }

    @Test("On request, an English copy for a French court keeps the French court's name and procedure")
    func englishCopyOfAFrenchClaim() throws {
        let text = try Self.summaryText(Self.frenchContent(clientLanguage: .fr), language: .en)
        for mention in [
            "DEBT RECOVERY FILE", "Claim of Atelier Dupont SARL against Boulangerie Martin SAS, as at 15 May 2025",
            "Debtor (business)", "Client reference: C001", "Invoice", "Delay", "45 d", "31/03/2025", "€1,200.00", "€19.45", "€40.00",
            "Total claimed as at 15 May 2025: €1,259.45", "Competent court: Tribunal de commerce",
            "injonction de payer", "Small claim (€5,000 or less)", "commissaire de justice",
            "13.15% from 1 April 2025 to 15 May 2025 (45 days)", "List of documents", "No reminder recorded.",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        #expect(!text.contains("DOSSIER DE RECOUVREMENT") && !text.contains("Juridiction compétente"))
    }

    @Test("A UK creditor's summary is in English and names no French court or procedure")
    func englishForAUKCreditor() throws {
        var creditor = F.creditor
        creditor.jurisdiction = .uk
        let invoice = Invoice(
            number: "UK-7", clientID: "C001", issued: F.date("2025-03-01"), due: F.date("2025-03-31"),
            amount: Money(decimal: "1200.00", currency: .gbp)!, paid: .zero(.gbp))
        // Legal note §10.1: £1,200, 45 days at 12.75 % → £18.86, plus £70.
        let claim = LateInterestCalculator().claim(
            invoice: invoice, payments: [], clientKind: .business, jurisdiction: .uk, asOf: F.date("2025-05-15"))
        let content = ClaimFileContent(
            creditor: creditor, client: F.client(language: .fr), date: F.date("2025-05-15"),
            invoices: [ClaimedInvoice(invoice: invoice, claim: claim)])
        #expect(content.courtLanguage == .en)
        let text = try Self.summaryText(content)
        for mention in ["DEBT RECOVERY FILE", "£18.86", "£70.00", "£1,288.86", "Competent court", "under UK law"] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        #expect(!text.contains("Tribunal") && !text.contains("petites créances") && !text.contains("Small claim"))
    }
}
