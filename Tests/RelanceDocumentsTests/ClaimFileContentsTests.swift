import Foundation
import RelanceCore
import RelanceDocuments
import Testing

@Suite("Claim file: folder, zip and summary")
struct ClaimFileContentsTests {
    typealias F = DocumentFixtures

    static func content(kind: ClientKind = .business, amount: String = "1200.00", pdfFolder: String) throws
        -> ClaimFileContent
    {
        let clientID = kind == .business ? "C001" : "P042"
        let pdfPath = pdfFolder + "/F2025-001.pdf"
        try Data("%PDF-1.4 invoice F2025-001\n".utf8).write(to: URL(fileURLWithPath: pdfPath))
        var invoice = F.invoice("F2025-001", client: clientID, amount: amount)
        invoice.pdfPath = pdfPath
        let options = LateInterestOptions(formalNoticeDate: F.date("2025-04-20"))
        let item = F.claimed(invoice, kind: kind, asOf: "2025-05-15", options: options)
        return ClaimFileContent(
            creditor: F.creditor, client: F.client(kind: kind), date: F.date("2025-05-15"), invoices: [item],
            formalNotices: [ClaimFileLetter(date: F.date("2025-04-18"), pdf: Array("%PDF-1.7 notice\n".utf8))],
            registeredLetterProof: "LRAR 1A12345678901, received 2025-04-22",
            reminders: [
                ClaimFileReminder(date: F.date("2025-04-01"), step: "first",
                    eml: Array("Subject: Rappel F2025-001\r\n\r\nBonjour\r\n".utf8),
                    smtpAcceptance: "250 2.0.0 Ok: queued as AAA1"),
                ClaimFileReminder(date: F.date("2025-04-08"), step: "second",
                    eml: Array("Subject: Second rappel\r\n\r\nBonjour\r\n".utf8),
                    smtpAcceptance: "250 2.0.0 Ok: queued as BBB2"),
            ],
            journal: ["1 2025-04-01T09:00:00Z message.sent hash=ab12", "2 2025-04-08T09:00:00Z message.sent hash=cd34"])
    }

    static let expectedFiles = [
        "summary.pdf", "claim.csv", "invoices/F2025-001.pdf", "mise-en-demeure.pdf", "registered-letter.txt",
        "reminders/01-2025-04-01-first.eml", "reminders/01-2025-04-01-first.smtp.txt",
        "reminders/02-2025-04-08-second.eml", "reminders/02-2025-04-08-second.smtp.txt", "journal.txt",
    ]

    @Test("The folder and the zip hold every piece")
    func everyPiece() throws {
        let out = try F.temporaryFolder()
        let content = try Self.content(pdfFolder: out)
        let result = try ClaimFileWriter().write(content, to: out + "/claims")
        #expect(result.folder == out + "/claims/C001-2025-05-15")
        #expect(result.zip == out + "/claims/C001-2025-05-15.zip")
        for file in Self.expectedFiles {
            #expect(FileManager.default.fileExists(atPath: result.folder + "/" + file), "missing \(file)")
        }
        let listing = try F.run("/usr/bin/unzip", ["-Z1", result.zip])
        let entries = Set(listing.split(separator: "\n").map(String.init))
        for file in Self.expectedFiles {
            #expect(entries.contains("C001-2025-05-15/" + file), "zip lacks \(file)")
        }
        func read(_ file: String) throws -> String {
            try String(contentsOfFile: result.folder + "/" + file, encoding: .utf8)
        }
        #expect(try read("registered-letter.txt") == "LRAR 1A12345678901, received 2025-04-22\n")
        #expect(try read("reminders/02-2025-04-08-second.smtp.txt").contains("queued as BBB2"))
        #expect(try read("reminders/01-2025-04-01-first.eml").hasPrefix("Subject: Rappel F2025-001"))
        #expect(try read("journal.txt") == content.journal.joined(separator: "\n") + "\n")
        #expect(try read("invoices/F2025-001.pdf").contains("invoice F2025-001"))
        let csv = try read("claim.csv").split(separator: "\n").map(String.init)
        #expect(csv == [
            "invoice,client,due,principal,days_late,rate,interest,interest_paid,indemnity,total,currency",
            "F2025-001,C001,2025-03-31,1200.00,45,13.15,19.45,0.00,40.00,1259.45,EUR",
        ])
        // Writing again replaces the claim file.
        let again = try ClaimFileWriter().write(content, to: out + "/claims")
        #expect(again.folder == result.folder)
    }

    @Test("A business debtor goes to the tribunal de commerce; under €5,000 the small-claims note appears")
    func businessSmallClaim() throws {
        let out = try F.temporaryFolder()
        let content = try Self.content(pdfFolder: out)
        #expect(content.isSmallClaim)
        let result = try ClaimFileWriter().write(content, to: out)
        let text = try F.text(ofPDFAt: result.folder + "/summary.pdf")
        for mention in [
            "Atelier Dupont SARL", "Boulangerie Martin SAS", "F2025-001", "1 200,00 €", "19,45 €", "40,00 €",
            "1 259,45 €", "Juridiction compétente : Tribunal de commerce", "injonction de payer",
            "procédure simplifiée de recouvrement des petites créances", "commissaire de justice",
            "Bordereau des pièces", "mise-en-demeure.pdf", "13,15 % du 1er avril 2025 au 15 mai 2025",
        ] {
            #expect(text.contains(mention), "missing: \(mention)")
        }
        #expect(!text.contains("Tribunal judiciaire du lieu"))
    }

    @Test("A consumer debtor goes to the tribunal judiciaire; above €5,000 no small-claims note")
    func consumerLargeClaim() throws {
        let out = try F.temporaryFolder()
        let content = try Self.content(kind: .consumer, amount: "6200.00", pdfFolder: out)
        #expect(!content.isSmallClaim)
        #expect(content.court == .tribunalJudiciaire)
        let result = try ClaimFileWriter().write(content, to: out)
        #expect(result.folder.hasSuffix("/P042-2025-05-15"))
        let text = try F.text(ofPDFAt: result.folder + "/summary.pdf")
        #expect(text.contains("Juridiction compétente : Tribunal judiciaire"))
        #expect(!text.contains("Tribunal de commerce"))
        #expect(!text.contains("petites créances"))
        #expect(text.contains("6 200,00 €"))
        let csv = try String(contentsOfFile: result.folder + "/claim.csv", encoding: .utf8)
        // Legal interest (3.71 %, "autres cas") from the day after the notice, no indemnity for a consumer.
        #expect(csv.contains("F2025-001,P042,2025-03-31,6200.00,45,3.71,15.75,0.00,0.00,6215.75,EUR\n"))
    }

    /// claim.csv goes to people who open it in a spreadsheet: an invoice number or client id that would be
    /// read as a formula is written as text (a leading `'`), quoted as RFC 4180 says when it must be.
    @Test func aFormulaInTheDataIsNotAFormulaInClaimCSV() throws {
        let invoice = F.invoice("=cmd|' /C calc'!A0", client: "+C1")
        let content = ClaimFileContent(
            creditor: F.creditor, client: F.client(), date: F.date("2025-05-15"),
            invoices: [F.claimed(invoice, asOf: "2025-05-15"), F.claimed(F.invoice("-F2", client: "@C2"), asOf: "2025-05-15")])
        let result = try ClaimFileWriter().write(content, to: try F.temporaryFolder())
        let rows = try String(contentsOfFile: result.folder + "/claim.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows[1].hasPrefix("'=cmd|' /C calc'!A0,'+C1,2025-03-31,"), "\(rows[1])")
        #expect(rows[2].hasPrefix("'-F2,'@C2,2025-03-31,"), "\(rows[2])")
    }
}
