import Foundation
import RelanceCore
import RelanceDocuments
import Testing

/// The claim summary is read by a court: it speaks of the debtor in the third person, names the reminders
/// as the letters do, cites the registered letter's proof only when the claim file holds it (and then lists
/// it), and names the LRAR for a French creditor only.
@Suite("Claim file: the summary's wording")
struct ClaimSummaryWordingTests {
    typealias F = DocumentFixtures

    static func summary(
        _ creditor: Creditor = F.creditor, invoices: [ClaimedInvoice]? = nil, notice: Bool = true, proof: Bool,
        reminders: [ClaimFileReminder] = [], language: Language? = nil
    ) throws -> String {
        let content = ClaimFileContent(
            creditor: creditor, client: F.client(), date: F.date("2025-05-15"),
            invoices: invoices ?? [F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")],
            formalNotices: notice ? [ClaimFileLetter(date: F.date("2025-04-18"), pdf: Array("%PDF-1.7 notice\n".utf8))] : [],
            registeredLetterProof: proof ? "task #3 F2025-001\nregistered letter: 1A123\nreceived: 2025-04-22" : nil,
            reminders: reminders)
        let result = try ClaimFileWriter(summaryLanguage: language).write(content, to: try F.temporaryFolder())
        return try F.text(ofPDFAt: result.folder + "/summary.pdf")
    }

    static func occurrences(_ text: String, _ part: String) -> Int { text.components(separatedBy: part).count - 1 }

    @Test("The payments that paid interest off are the debtor's, not 'vos paiements'")
    func thirdPerson() throws {
        let invoice = F.invoice("F2025-001", paid: "500.00")
        let claim = LateInterestCalculator().claim(
            invoice: invoice, payments: [Payment(invoice: "F2025-001", date: F.date("2025-04-15"), amount: F.money("500.00"))],
            clientKind: .business, jurisdiction: .fr, asOf: F.date("2025-05-15"))
        let items = [ClaimedInvoice(invoice: invoice, claim: claim)]
        let french = try Self.summary(invoices: items, proof: false)
        #expect(french.contains("dont 6,48 € réglés par les paiements du débiteur ; reste dû 7,64 €"), "\(french)")
        #expect(!french.contains("vos paiements"))
        let english = try Self.summary(invoices: items, proof: false, language: .en)
        #expect(english.contains("of which €6.48 was paid by the debtor's payments"), "\(english)")
        #expect(!english.contains("your payments"))
    }

    @Test("No proof recorded: the summary cites the letter only and says its posting is not recorded")
    func noProofNoCitation() throws {
        let text = try Self.summary(proof: false)
        #expect(!text.contains("registered-letter.txt"), "\(text)")
        #expect(!text.contains("accusé de réception"), "\(text)")
        #expect(text.contains("voir mise-en-demeure.pdf ; son envoi en recommandé n'est pas enregistré."), "\(text)")
    }

    @Test("Two letters posted: each is written under its date, and the history cites both, in the plural")
    func twoLettersCited() throws {
        let content = ClaimFileContent(
            creditor: F.creditor, client: F.client(), date: F.date("2025-05-15"),
            invoices: [F.claimed(F.invoice("F2025-001"), asOf: "2025-05-15")],
            formalNotices: [
                ClaimFileLetter(date: F.date("2025-03-03"), pdf: Array("%PDF-1.7 first\n".utf8)),
                ClaimFileLetter(date: F.date("2025-04-07"), pdf: Array("%PDF-1.7 second\n".utf8)),
            ],
            registeredLetterProof: "task #3 F2025-001\nregistered letter: 1A123\n\ntask #5 F2025-002\nregistered letter: 1A124")
        let result = try ClaimFileWriter().write(content, to: try F.temporaryFolder())
        let files = try FileManager.default.contentsOfDirectory(atPath: result.folder).filter { $0.hasPrefix("mise-en-demeure") }
        #expect(files.sorted() == ["mise-en-demeure-2025-03-03.pdf", "mise-en-demeure-2025-04-07.pdf"])
        let second = try String(contentsOfFile: result.folder + "/mise-en-demeure-2025-04-07.pdf", encoding: .utf8)
        #expect(second == "%PDF-1.7 second\n")
        let text = try F.text(ofPDFAt: result.folder + "/summary.pdf")
        #expect(text.contains(
            "Mises en demeure par lettres recommandées avec accusé de réception : voir mise-en-demeure-2025-03-03.pdf, "
                + "mise-en-demeure-2025-04-07.pdf et registered-letter.txt."), "\(text)")
    }

    @Test("With the proof, the history cites it and the bordereau lists it; without the letter, the proof alone")
    func proofCitedAndListed() throws {
        let both = try Self.summary(proof: true)
        #expect(both.contains(
            "Mise en demeure par lettre recommandée avec accusé de réception : voir mise-en-demeure.pdf et registered-letter.txt."),
            "\(both)")
        #expect(Self.occurrences(both, "registered-letter.txt") == 2, "cited and listed: \(both)")
        let proofOnly = try Self.summary(notice: false, proof: true)
        #expect(proofOnly.contains("voir registered-letter.txt."), "\(proofOnly)")
        #expect(!proofOnly.contains("mise-en-demeure.pdf"), "\(proofOnly)")
    }

    @Test("Reminders are named as the letters name them, not by the config's step ids")
    func remindersByRank() throws {
        let reminders = ["first", "second"].enumerated().map { index, step in
            ClaimFileReminder(date: F.date(index == 0 ? "2025-04-01" : "2025-04-08"), step: step,
                eml: Array("Subject: x\r\n\r\nx\r\n".utf8), smtpAcceptance: "250 ok")
        }
        let french = try Self.summary(proof: false, reminders: reminders)
        #expect(french.contains("1er avril 2025 : premier rappel (courriel)") && french.contains("8 avril 2025 : deuxième rappel"), "\(french)")
        #expect(!french.contains("« first »") && !french.contains("« second »"))
        let english = try Self.summary(proof: false, reminders: reminders, language: .en)
        #expect(english.contains("1 April 2025: first reminder (email)") && english.contains("8 April 2025: second reminder"), "\(english)")
        #expect(!english.contains("\u{201C}first\u{201D}"))
    }

    @Test("A UK creditor's summary speaks of registered post, not of a French LRAR")
    func ukRegisteredPost() throws {
        var creditor = F.creditor
        creditor.jurisdiction = .uk
        let text = try Self.summary(creditor, proof: true)
        #expect(text.contains("Formal notice by registered post: see mise-en-demeure.pdf and registered-letter.txt."), "\(text)")
        #expect(!text.contains("acknowledgement of receipt") && !text.contains("(mise en demeure)"), "\(text)")
        let french = try Self.summary(proof: true, language: .en)
        #expect(french.contains("Formal notice (mise en demeure) by registered letter with acknowledgement of receipt"), "\(french)")
    }
}
