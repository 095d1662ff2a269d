import Foundation
import RelanceCore
import RelanceDocuments
import Testing

/// A UK or German creditor's mise en demeure states its own law, never French law: the Late Payment of
/// Commercial Debts (Interest) Act 1998 and a county court claim in the UK, § 288 BGB and the gerichtliches
/// Mahnverfahren in Germany, and no art. 1344 formula, LRAR or injonction de payer. A UK consumer is told of
/// no statutory interest (the Act covers business debts only), and a German consumer's letter does not say
/// that interest runs from the notice while it charges interest from the due date.
@Suite("Formal notice: the law of the creditor's jurisdiction")
struct FormalNoticeJurisdictionTests {
    typealias F = DocumentFixtures

    /// French law, in any language: what no UK or DE letter may say.
    static let frenchLaw = [
        "Code civil", "code civil", "French Civil Code", "1344", "1231-6", "L441-10", "Commercial Code",
        "Code de commerce", "injonction de payer", "accusé de réception", "acknowledgement of receipt",
    ]

    /// The text of the letter of a `jurisdiction` creditor to a `kind` debtor in `language`: one invoice of
    /// 5,000 (GBP in the UK, EUR in Germany) due 31 March 2025, 1,000 paid on the due date, on 15 May 2025.
    static func letter(_ jurisdiction: Jurisdiction, _ kind: ClientKind, _ language: Language) throws -> String {
        let currency: Currency = jurisdiction == .uk ? .gbp : .eur
        let invoice = Invoice(
            number: "INV-7", clientID: kind == .business ? "C001" : "P042", issued: F.date("2025-03-01"),
            due: F.date("2025-03-31"), amount: Money(decimal: "5000.00", currency: currency)!,
            paid: Money(decimal: "1000.00", currency: currency)!)
        let claim = LateInterestCalculator().claim(
            invoice: invoice, payments: [Payment(invoice: "INV-7", date: invoice.due, amount: invoice.paid)],
            clientKind: kind, jurisdiction: jurisdiction, asOf: F.date("2025-05-15"))
        var creditor = F.creditor
        creditor.jurisdiction = jurisdiction
        let content = FormalNoticeContent(
            creditor: creditor, client: F.client(kind: kind, language: language), place: "London",
            date: F.date("2025-05-15"), invoices: [ClaimedInvoice(invoice: invoice, claim: claim)])
        return try F.text(of: try FormalNoticeLetter(content: content).pdf())
    }

    static func expectNoFrenchLaw(_ text: String, _ label: String) {
        for phrase in frenchLaw { #expect(!text.contains(phrase), "\(label): says \(phrase)\n\(text)") }
    }

    @Test("UK business: the Late Payment Act, its rate and fixed sums, a county court claim")
    func ukBusiness() throws {
        let text = try Self.letter(.uk, .business, .en)
        Self.expectNoFrenchLaw(text, "UK business")
        for mention in [
            "Sent by registered post", "LETTER BEFORE ACTION", "Late Payment of Commercial Debts (Interest) Act 1998",
            "8% over the Bank of England base rate", "£40.00 (under £1,000.00), £70.00 (under £10,000.00) or £100.00",
            "county court", "This letter is a formal demand for payment.",
            "Statutory interest continues to accrue until payment in full.",
        ] {
            #expect(text.contains(mention), "missing: \(mention)\n\(text)")
        }
        // The figures are the calculator's: £4,000 fell late, so £70; 12.75 % from 1 April (base rate 4.75 % on
        // 31 December 2024 + 8).
        #expect(text.contains("INV-7 £4,000.00 £62.88 £70.00 £4,132.88"), "\(text)")
        #expect(text.contains("12.75% from 1 April 2025 to 15 May 2025 (45 days)"), "\(text)")
        #expect(!text.contains("mise en demeure"))
        #expect(!text.contains("applicable law"))
    }

    @Test("UK consumer: no statutory interest and no French formula")
    func ukConsumer() throws {
        let text = try Self.letter(.uk, .consumer, .en)
        Self.expectNoFrenchLaw(text, "UK consumer")
        #expect(!text.contains("statutory rate") && !text.contains("Late Payment"), "\(text)")
        #expect(!text.contains("mise en demeure"))
        for mention in ["Sent by registered post", "county court", "This letter is a formal demand for payment."] {
            #expect(text.contains(mention), "missing: \(mention)\n\(text)")
        }
        #expect(text.contains("within fifteen days of receipt of this letter."))
    }

    @Test("DE business: § 288 (2) BGB, base rate + 9, the €40 fee, the gerichtliches Mahnverfahren")
    func germanBusiness() throws {
        let text = try Self.letter(.de, .business, .en)
        Self.expectNoFrenchLaw(text, "DE business")
        for mention in [
            "Sent by registered post", "§ 288 (2) of the German Civil Code", "9 percentage points above the base rate",
            "Basiszinssatz", "flat-rate fee of €40.00 (§ 288 (5) BGB)", "Default interest",
            "gerichtliches Mahnverfahren", "This letter is a formal demand for payment.",
        ] {
            #expect(text.contains(mention), "missing: \(mention)\n\(text)")
        }
        // Basiszinssatz 2.27 % + 9 in the first half of 2025.
        #expect(text.contains("11.27% from 1 April 2025 to 15 May 2025 (45 days)"), "\(text)")
        #expect(!text.contains("mise en demeure"))
    }

    @Test("DE consumer: § 288 (1) BGB, base rate + 5, and no interest said to run from the notice")
    func germanConsumer() throws {
        let text = try Self.letter(.de, .consumer, .en)
        Self.expectNoFrenchLaw(text, "DE consumer")
        for mention in [
            "§ 288 (1) of the German Civil Code", "5 percentage points above the base rate", "gerichtliches Mahnverfahren",
            "7.27% from 1 April 2025 to 15 May 2025 (45 days)",
        ] {
            #expect(text.contains(mention), "missing: \(mention)\n\(text)")
        }
        #expect(!text.contains("from this formal notice") && !text.contains("€40.00"), "\(text)")
    }

    @Test("A UK or German creditor's letter in French names no French law either", arguments: [Jurisdiction.uk, .de])
    func frenchLanguage(jurisdiction: Jurisdiction) throws {
        for kind in [ClientKind.business, .consumer] {
            let text = try Self.letter(jurisdiction, kind, .fr)
            Self.expectNoFrenchLaw(text, "\(jurisdiction) \(kind) in French")
            #expect(text.contains("Lettre recommandée") && text.contains("La présente lettre vaut mise en demeure de payer."))
            #expect(text.contains(jurisdiction == .uk ? "county court" : "gerichtliches Mahnverfahren"), "\(text)")
            #expect(!text.contains("taux légal"), "\(text)")
        }
    }

    @Test("A French creditor's letter still cites art. 1344 and the LRAR, in both languages")
    func frenchCreditorUnchanged() throws {
        let french = try Self.letter(.fr, .consumer, .fr)
        #expect(french.contains("Lettre recommandée avec accusé de réception"))
        #expect(french.contains(
            "La présente lettre vaut mise en demeure au sens de l'article 1344 du Code civil et fait courir les intérêts au taux légal (article 1344-1 du Code civil)."))
        let english = try Self.letter(.fr, .business, .en)
        #expect(english.contains("within the meaning of Article 1344 of the French Civil Code."))
        #expect(english.contains("(injonction de payer)") && english.contains("Article L441-10 of the French Commercial Code"))
    }
}
