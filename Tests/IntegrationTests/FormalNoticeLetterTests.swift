import Foundation
import RelanceTestSupport
import Testing

/// The mise en demeure is about the invoices whose notice was approved, and counts the reminders sent
/// about them as the reader does: a courtesy before the due date is not a relance.
@Suite(.serialized) struct FormalNoticeLetterTests {
    static let k1 = "K1,C002,2026-09-01,2026-10-01,2400.00,EUR,0\n"
    /// A ladder of one step, the notice (no approval), and one business client C1.
    static let noticeAlone = """
        schedules:
          standard:
            - { step: notice, offset_days: 30, action: formal-notice, template: formal-notice, approval: none }
        clients:
          - { id: C1, name: "Client SAS", email: ["c1@example.fr"], schedule: standard, kind: business, address: ["1 rue A", "75001 Paris"] }

        """

    static let header = "invoice,client,issued,due,amount,currency,paid\n"

    @Test func theNoticeNamesItsApprovedInvoiceAndItsRemindersByRank() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.header + Self.k1)
        for (day, step) in [("2026-09-28", "courtesy"), ("2026-10-05", "first"), ("2026-10-12", "second")] {
            let run = try ws.runOnce(at: "\(day)T10:00:00+02:00")
            #expect(run.events("reminder.sent").first?.contains("step=\(step)") == true, "\(day): \(run.stderr)")
        }
        #expect(try ws.runOnce(at: "2026-10-16T10:00:00+02:00").events("task.opened").count == 1)
        let done = try RelanceProcess.run(["task", "done", "1", "--outcome", "promised, never paid", "--config", ws.configPath])
        #expect(done.status == 0, "\(done.stderr)")
        let asked = try ws.runOnce(at: "2026-11-02T10:00:00+01:00")
        #expect(asked.events("approval.requested").count == 1, "\(asked.stderr)")
        #expect(try ws.relance("approve", "1").status == 0)
        // K2 appears, at its first reminder the same day: it is not put under K1's notice.
        try ws.write(ledger: Self.header + Self.k1 + "K2,C002,2026-09-26,2026-10-26,300.00,EUR,0\n")
        let sent = try ws.runOnce(at: "2026-11-02T11:00:00+01:00").events("reminder.sent")
        #expect(sent.count == 1 && sent.first?.contains("step=notice") == true && sent.first?.contains("invoices=K1 ") == true, "\(sent)")
        let letter = try EscalationTests.pdfText(
            ws.folder.appendingPathComponent("state/outbox/mise-en-demeure-C002-2026-11-02.pdf").path)
        #expect(letter.contains("K1") && !letter.contains("K2"), "\(letter)")
        #expect(
            letter.contains(
                "Malgré nos relances du 5 octobre 2026 (premier rappel), du 12 octobre 2026 (deuxième rappel), "
                    + "la facture suivante reste impayée"), "\(letter)")
        // K2 goes with the client's next message, min_gap_days later, at the step due then (its second;
        // the message lists K1 too, as every reminder lists the client's overdue invoices).
        let next = try ws.runOnce(at: "2026-11-09T10:00:00+01:00").events("reminder.sent")
        #expect(next.count == 1 && next.first?.contains("invoices=K1,K2 ") == true && next.first?.contains("step=second") == true, "\(next)")
    }

    /// The probe's case: a notice on Thursday 17 December 2026. The registered letter is received days
    /// later, so it gives eight days from receipt and no date (its own date plus eight is Christmas Day);
    /// the email, received that day, names the last day: Monday 28 December, after Christmas and the weekend.
    @Test func theLetterCountsFromReceiptAndTheEmailNamesAWorkingDay() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url) + Self.noticeAlone
        let ws = try Workspace(config: config, ledger: Self.header + "A1,C1,2026-10-17,2026-11-17,900.00,EUR,0\n")
        let run = try ws.runOnce(at: "2026-12-17T10:00:00+01:00")
        #expect(run.events("reminder.sent").count == 1, "\(run.stderr)")
        let letter = try EscalationTests.pdfText(
            ws.folder.appendingPathComponent("state/outbox/mise-en-demeure-C1-2026-12-17.pdf").path)
        #expect(letter.contains("sous huit jours à compter de la réception de la présente."), "\(letter)")
        #expect(!letter.contains("au plus tard") && !letter.contains("25 décembre"), "\(letter)")
        let mail = ReceivedMail(bytes: try #require(try server.received().first).bytes)
        #expect(mail.text.contains(
            "dans un délai de 8 jours à compter de la réception du présent courriel, soit au plus tard le 28 décembre 2026"),
            "\(mail.text)")
    }

    /// A partial payment goes to the interest first (C. civ. 1343-1, the FR default): the letter's principal
    /// still due is more than amount less paid. The email it goes with says the same principal and the same
    /// total, interest and indemnity included, not the ledger's difference.
    @Test func theEmailStatesThePrincipalAndTotalOfTheLetter() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url, ledger: #"path: "ledger.csv", payments: "payments.csv""#) + Self.noticeAlone
        let ws = try Workspace(config: config, ledger: Self.header + "A1,C1,2025-08-01,2025-09-01,1000.00,EUR,300.00\n")
        try Data("invoice,date,amount\nA1,2025-09-20,300.00\n".utf8).write(to: ws.folder.appendingPathComponent("payments.csv"))
        let run = try ws.runOnce(at: "2025-10-01T10:00:00+02:00")
        #expect(run.events("reminder.sent").count == 1, "\(run.stderr)")
        let letter = try EscalationTests.pdfText(
            ws.folder.appendingPathComponent("state/outbox/mise-en-demeure-C1-2025-10-01.pdf").path)
        // 8.91 of interest by 20 September, 6.32 of it paid by the 300.00: 706.32 of principal left.
        #expect(letter.contains("706,32") && letter.contains("748,91"), "\(letter)")
        // Amounts are written with no-break spaces (`706,32 €`): compared with plain ones.
        let text = ReceivedMail(bytes: try #require(try server.received().first).bytes).text
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        #expect(text.contains(": 706,32 € restant dû"), "\(text)")
        #expect(text.contains("Soit un total de 706,32 € en principal."), "\(text)")
        #expect(text.contains("la somme due au 1er octobre 2025 s'élève à 748,91 € (détail dans la lettre jointe)"), "\(text)")
        #expect(!text.contains("700,00"), "\(text)")
        // The registered-letter task says the same: the letter to post and its figures, not amount less paid.
        let opened = try #require(run.events("task.opened").first, "\(run.stderr)")
        #expect(opened.contains("post outbox/mise-en-demeure-C1-2025-10-01.pdf"), "\(opened)")
        #expect(opened.contains("706.32 EUR principal") && opened.contains("748.91 EUR in all"), "\(opened)")
        #expect(!opened.contains("700.00"), "\(opened)")
        let tasks = try ws.relance("tasks").stdout
        #expect(tasks.contains("706.32 EUR principal") && !tasks.contains("700.00"), "\(tasks)")
    }

    /// A notice deferred at 16:50 goes on the next working day, and its retry writes a second letter dated
    /// that day. The letter posted is the first one (its registered-letter task opened with it): the claim
    /// file holds that one beside its proof, not the later PDF nobody posted.
    @Test func theClaimFileHoldsTheLetterThatWasPostedBesideItsProof() throws {
        let server = try SMTPTestServer(rules: #"{"messages": {"1": {"action": "reply", "code": 451, "text": "4.3.0 Later"}}}"#)
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url) + Self.noticeAlone
        let ws = try Workspace(config: config, ledger: Self.header + "A1,C1,2026-10-17,2026-11-17,900.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2026-12-17T16:50:00+01:00").events("reminder.deferred").count == 1)
        let tasks = try ws.relance("tasks", "--json").stdout
        let task = try #require(
            ((try JSONSerialization.jsonObject(with: Data(tasks.utf8)) as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
        #expect(try RelanceProcess.run([
            "task", "done", "\(try #require(task["id"] as? Int))", "--reference", "1A001", "--received", "2026-12-18",
            "--config", ws.configPath, "--now", "2026-12-18T09:00:00+01:00",
        ]).status == 0)
        #expect(try ws.runOnce(at: "2026-12-18T10:00:00+01:00").events("reminder.sent").count == 1)
        let outbox = ws.folder.appendingPathComponent("state/outbox").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).sorted()
            == ["mise-en-demeure-C1-2026-12-17.pdf", "mise-en-demeure-C1-2026-12-18.pdf"])
        let out = ws.folder.appendingPathComponent("claims").path
        #expect(try ws.relance("claim-file", "--client", "C1", "--as-of", "2027-01-04", "--out", out).status == 0)
        let letter = try EscalationTests.pdfText(out + "/C1-2027-01-04/mise-en-demeure.pdf")
        #expect(letter.contains("17 décembre 2026") && !letter.contains("18 décembre 2026"), "\(letter)")
    }

    /// A client sent a notice for one invoice, and a month later one for another: the claim file holds both
    /// letters, each posted and each proved, and its summary cites both.
    @Test func theClaimFileHoldsEveryLetterPostedToTheClient() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url) + Self.noticeAlone
        let ws = try Workspace(config: config, ledger: Self.header
            + "A1,C1,2026-08-01,2026-09-01,900.00,EUR,0\nA2,C1,2026-09-02,2026-10-02,400.00,EUR,0\n")
        for day in ["2026-10-01T10:00:00+02:00", "2026-11-02T10:00:00+01:00"] {
            let run = try ws.runOnce(at: day)
            #expect(run.events("reminder.sent").count == 1 && run.events("task.opened").count == 1, "\(day): \(run.stderr)")
        }
        for (id, reference, received) in [(1, "1A001", "2026-10-03"), (2, "1A002", "2026-11-04")] {
            let done = try RelanceProcess.run([
                "task", "done", "\(id)", "--reference", reference, "--received", received, "--config", ws.configPath,
                "--now", "\(received)T09:00:00+01:00",
            ])
            #expect(done.status == 0, "\(done.stderr)")
        }
        let out = ws.folder.appendingPathComponent("claims").path
        let made = try ws.relance("claim-file", "--client", "C1", "--as-of", "2026-11-20", "--out", out)
        #expect(made.status == 0, "\(made.stderr)")
        let folder = out + "/C1-2026-11-20"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.filter { $0.hasPrefix("mise-en-demeure") }.sorted()
            == ["mise-en-demeure-2026-10-01.pdf", "mise-en-demeure-2026-11-02.pdf"], "\(files)")
        let first = try EscalationTests.pdfText(folder + "/mise-en-demeure-2026-10-01.pdf")
        let second = try EscalationTests.pdfText(folder + "/mise-en-demeure-2026-11-02.pdf")
        #expect(first.contains("A1") && !first.contains("A2"), "\(first)")
        #expect(second.contains("A2") && !second.contains("A1"), "\(second)")
        let acceptance = try FileManager.default.contentsOfDirectory(atPath: folder + "/reminders")
            .filter { $0.hasSuffix(".smtp.txt") }
        #expect(acceptance.count == 2, "\(acceptance)")
        for name in acceptance {
            let text = try String(contentsOfFile: folder + "/reminders/" + name, encoding: .utf8)
            #expect(text.contains("\nSMTP: 250 ") && !text.contains("SMTP: 250 250"), "the code once: \(text)")
        }
        let proof = try String(contentsOfFile: folder + "/registered-letter.txt", encoding: .utf8)
        #expect(proof.contains("1A001") && proof.contains("1A002"), "\(proof)")
        let summary = try EscalationTests.pdfText(folder + "/summary.pdf")
        #expect(
            summary.contains("mise-en-demeure-2026-10-01.pdf") && summary.contains("mise-en-demeure-2026-11-02.pdf"),
            "\(summary)")
    }

    /// The letter was written for 1,000.00; 600.00 arrives before it is posted. The registered-letter task
    /// says so, and that the letter now asks for too much.
    @Test func aPaymentAfterTheNoticeIsShownBesideItsRegisteredLetterTask() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: Workspace.configHead(smtpURL: server.url) + Self.noticeAlone,
            ledger: Self.header + "A1,C1,2026-08-01,2026-09-01,1000.00,EUR,0\n")
        #expect(try ws.runOnce(at: "2026-10-01T10:00:00+02:00").events("task.opened").count == 1)
        let before = try ws.relance("tasks", "--open").stdout
        #expect(before.contains("1000.00 EUR principal") && !before.contains("since it opened"), "\(before)")
        try ws.write(ledger: Self.header + "A1,C1,2026-08-01,2026-09-01,1000.00,EUR,600.00\n")
        #expect(try ws.runOnce(at: "2026-10-02T10:00:00+02:00").status == 0)
        let after = try ws.relance("tasks", "--open").stdout
        #expect(after.contains(
            "since it opened: 600.00 EUR received, 400.00 EUR still due; the letter asks for more than is due: "
                + "write a new one before posting"), "\(after)")
        let json = try JSONSerialization.jsonObject(with: Data(try ws.relance("tasks", "--json").stdout.utf8)) as? [String: Any]
        let task = try #require((json?["tasks"] as? [[String: Any]])?.first)
        #expect(task["received_since"] as? String == "600.00 EUR" && task["still_due"] as? String == "400.00 EUR", "\(task)")
    }

    /// An approval for an invoice since paid is refused ("not needed now"), and one given before the payment is
    /// withdrawn when the cycle sees it: should the payment be reversed weeks later, the notice is asked for
    /// again, never sent on the stale approval.
    @Test func anApprovalDoesNotOutliveThePaymentOfItsInvoice() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = Workspace.configHead(smtpURL: server.url)
            + Self.noticeAlone.replacingOccurrences(of: "approval: none", with: "approval: required")
        let unpaid = Self.header + "A1,C1,2026-08-01,2026-09-01,900.00,EUR,0\n"
        let paid = Self.header + "A1,C1,2026-08-01,2026-09-01,900.00,EUR,900.00\n"
        let ws = try Workspace(config: config, ledger: unpaid)
        #expect(try ws.runOnce(at: "2026-10-01T10:00:00+02:00").events("approval.requested").count == 1)
        // Put on hold before anyone approved: approving now is refused.
        let now = "2026-10-01T15:00:00+02:00"
        #expect(try ws.relance("pause", "--invoice", "A1", "--until", "2026-10-02", "--reason", "x", "--now", now).status == 0)
        let refused = try ws.relance("approve", "1", "--now", now)
        #expect(refused.status == 1 && refused.stderr.contains("not needed now (invoice on hold)"), "\(refused.stderr)")
        // The export shows it paid: the cycle withdraws the waiting approval. Reversed later: asked for again.
        try ws.write(ledger: paid)
        #expect(try ws.runOnce(at: "2026-10-02T10:00:00+02:00").status == 0)
        #expect(try ws.relance("approve", "1").stderr.contains("no approval 1"))
        try ws.write(ledger: unpaid)
        let reopened = try ws.runOnce(at: "2026-10-20T10:00:00+02:00")
        #expect(reopened.events("approval.requested").count == 1 && reopened.events("reminder.sent").isEmpty, "\(reopened.stderr)")
        // Approved, then paid: the cycle withdraws the approval; reversed again, it is asked for again.
        #expect(try ws.relance("approve", "2").status == 0)
        try ws.write(ledger: paid)
        #expect(try ws.runOnce(at: "2026-10-21T10:00:00+02:00").status == 0)
        #expect(try ws.relance("history", "--invoice", "A1").stdout.contains("approval.withdrawn"))
        try ws.write(ledger: unpaid)
        let again = try ws.runOnce(at: "2026-11-10T10:00:00+01:00")
        #expect(again.events("reminder.sent").isEmpty && again.events("approval.requested").count == 1, "\(again.stderr)")
        #expect(try server.received().isEmpty)
    }
}

