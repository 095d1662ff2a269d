import Foundation
import RelanceTestSupport
import Testing

/// The `legal` step writes the claim file by itself: an invoice walked up the ladder to `legal`, the step
/// approved, one cycle later the folder and its zip are under the state folder, journaled with the zip's
/// sha256, logged, and named in the hand-over task. The real binary, a real aiosmtpd.
@Suite(.serialized) struct LegalStepClaimFileTests {
    func tasks(_ ws: Workspace) throws -> (tasks: [[String: Any]], approvals: [[String: Any]]) {
        let run = try ws.relance("tasks", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (json["tasks"] as? [[String: Any]] ?? [], json["approvals"] as? [[String: Any]] ?? [])
    }

    func approveTheOnlyApproval(_ ws: Workspace) throws {
        let approvals = try tasks(ws).approvals.filter { $0["waiting"] as? Bool == true }
        #expect(approvals.count == 1, "\(approvals)")
        let id = try #require(approvals.first?["id"] as? Int)
        #expect(try ws.relance("approve", "\(id)").status == 0)
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test func theApprovedLegalStepWritesTheClaimFileJournalsItAndNamesItInTheTask() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        // Due 2026-10-01: the notice step (day 30) is due on 2026-11-03, the legal step (day 45) from 2026-11-15.
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-050,C002,2026-09-01,2026-10-01,2400.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-11-03T10:00:00+01:00").events("approval.requested").count == 1)
        try approveTheOnlyApproval(ws)
        let notice = try ws.runOnce(at: "2026-11-03T11:00:00+01:00")
        #expect(notice.events("reminder.sent").first?.contains("step=notice") == true, "\(notice.stderr)")
        let registered = try #require(try tasks(ws).tasks.first { ($0["action"] as? String) == "formal-notice" })
        let registeredID = try #require(registered["id"] as? Int)
        let done = try RelanceProcess.run(
            ["task", "done", "\(registeredID)", "--reference", "1A12345678901", "--config", ws.configPath])
        #expect(done.status == 0, "\(done.stderr) \(done.stdout)")

        // The legal step waits for its approval: no claim file before.
        let waiting = try ws.runOnce(at: "2026-11-16T10:00:00+01:00")
        #expect(waiting.events("approval.requested").first?.contains("step=legal") == true, "\(waiting.stderr)")
        let claims = ws.folder.appendingPathComponent("state/claims").path
        #expect(!FileManager.default.fileExists(atPath: claims))
        try approveTheOnlyApproval(ws)

        let handOver = try ws.runOnce(at: "2026-11-16T11:00:00+01:00")
        let logged = try #require(handOver.events("claim.written").first, "\(handOver.stderr)")
        let folder = claims + "/C002-2026-11-16"
        let zip = folder + ".zip"
        #expect(logged.contains("path=\(folder)") && logged.contains("client=C002"))
        let listing = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        for piece in ["summary.pdf", "claim.csv", "mise-en-demeure.pdf", "registered-letter.txt", "journal.txt"] {
            #expect(listing.contains(piece), "\(piece) missing from \(listing)")
        }
        #expect(listing.contains { $0.hasPrefix("reminders/") && $0.hasSuffix(".eml") })
        #expect(FileManager.default.fileExists(atPath: zip))
        let proof = try String(contentsOfFile: folder + "/registered-letter.txt", encoding: .utf8)
        #expect(proof.contains("F2026-050"))
        // 2,400 due 2026-10-01, 46 days late on 2026-11-16; the S2 2026 rate is unknown, so no interest.
        let csv = try String(contentsOfFile: folder + "/claim.csv", encoding: .utf8)
        #expect(csv.contains("F2026-050,C002,2026-10-01,2400.00,46"), "\(csv)")

        // Journaled with the zip's sha256.
        let digest = try Self.sha256(zip)
        #expect(digest.count == 64)
        let history = try ws.relance("history", "--client", "C002")
        let line = try #require(history.stdout.split(separator: "\n").first { $0.contains("claim.written") }, "\(history.stdout)")
        #expect(line.contains("sha256=\(digest)") && line.contains(zip), "\(line)")
        #expect(logged.contains("sha256=\(digest)"))

        // The hand-over task names the claim file.
        let legal = try #require(try tasks(ws).tasks.first { ($0["action"] as? String) == "legal" })
        let summary = try #require(legal["summary"] as? String)
        #expect(summary.contains("hand the claim over") && summary.contains(folder) && summary.contains(zip), "\(summary)")

        // Another cycle the same day writes nothing more.
        #expect(try ws.runOnce(at: "2026-11-16T12:00:00+01:00").events("claim.written").isEmpty)
    }

    @Test func anInvoiceUnderDisputeIsLeftOutOfTheLegalStepsClaimFileAndNamed() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = """
            invoice,client,issued,due,amount,currency,paid
            X1,C002,2026-03-01,2026-03-31,1200.00,EUR,0
            X3,C002,2026-03-03,2026-04-02,800.00,EUR,0

            """
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        // 18 May: both invoices are past the legal step (day 45), first seen today: the hand-over stands on
        // a mise en demeure, so each waits for the approval of its notice first.
        let first = try ws.runOnce(at: "2026-05-18T10:00:00+02:00")
        #expect(first.events("approval.requested").filter { $0.contains("step=notice") }.count == 2, "\(first.stderr)")
        for approval in try tasks(ws).approvals {
            #expect(try ws.relance("approve", "\(try #require(approval["id"] as? Int))").status == 0)
        }
        let notice = try ws.runOnce(at: "2026-05-18T10:02:00+02:00")
        #expect(notice.events("reminder.sent").first?.contains("step=notice") == true, "\(notice.stderr)")
        for task in try tasks(ws).tasks where task["action"] as? String == "formal-notice" {
            let id = try #require(task["id"] as? Int)
            #expect(try RelanceProcess.run(["task", "done", "\(id)", "--reference", "1A1", "--config", ws.configPath]).status == 0)
        }
        // The hand-over waits for the time to pay the notice gave: 8 days, to Tuesday 26 May.
        #expect(try ws.runOnce(at: "2026-05-26T10:00:00+02:00").events("approval.requested").isEmpty)
        #expect(try ws.runOnce(at: "2026-05-27T10:03:00+02:00").events("approval.requested").count == 2)
        #expect(try ws.relance(
            "dispute", "X3", "--reason", "goods damaged", "--review", "2026-06-30",
            "--now", "2026-05-27T10:04:00+02:00").status == 0)
        let approval = try #require(try tasks(ws).approvals.first {
            $0["invoice"] as? String == "X1" && $0["step"] as? String == "legal" && $0["waiting"] as? Bool == true
        })
        // X3's approval would change nothing while its dispute stands: the list says so.
        let disputed = try #require(try tasks(ws).approvals.first { $0["invoice"] as? String == "X3" && $0["step"] as? String == "legal" })
        #expect(disputed["moot"] as? String == "invoice on hold", "\(disputed)")
        #expect(approval["moot"] == nil, "\(approval)")
        #expect(try ws.relance("approve", "\(try #require(approval["id"] as? Int))").status == 0)

        let handOver = try ws.runOnce(at: "2026-05-27T10:05:00+02:00")
        let logged = try #require(handOver.events("claim.written").first, "\(handOver.stderr)")
        let leftOut = "X3 left out: under dispute until its review on 2026-06-30 (hold 1: goods damaged)"
        #expect(logged.contains("invoices=X1 ") && logged.contains(leftOut), "\(logged)")
        let folder = ws.folder.appendingPathComponent("state/claims/C002-2026-05-27").path
        let csv = try String(contentsOfFile: folder + "/claim.csv", encoding: .utf8)
        #expect(csv.contains("X1,C002,2026-03-31,1200.00,57") && !csv.contains("X3"), "\(csv)")
        let legal = try #require(try tasks(ws).tasks.first { ($0["action"] as? String) == "legal" })
        #expect((legal["summary"] as? String)?.contains(leftOut) == true, "\(legal)")
        let history = try ws.relance("history", "--client", "C002").stdout
        #expect(history.split(separator: "\n").contains { $0.contains("claim.written") && $0.contains(leftOut) })
    }

    @Test func anApprovalForAnInvoicePaidWithPayIsNotNeededNow() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = "invoice,client,issued,due,amount,currency,paid\nX1,C002,2026-03-01,2026-03-31,1200.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-05-18T10:00:00+02:00").events("approval.requested").count == 1)
        #expect(try ws.relance("pay", "X1", "1200.00", "--date", "2026-05-18", "--now", "2026-05-18T11:00:00+02:00").status == 0)
        let approval = try #require(try tasks(ws).approvals.first { $0["invoice"] as? String == "X1" })
        #expect(approval["waiting"] as? Bool == true && approval["moot"] as? String == "invoice paid", "\(approval)")
    }
}
