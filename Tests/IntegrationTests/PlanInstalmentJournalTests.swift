import Foundation
import RelanceTestSupport
import Testing

/// A payment plan is followed instalment by instalment: each one the payments cover is journaled once,
/// a missed one is journaled with the plan's end and named in the task.
@Suite(.serialized) struct PlanInstalmentJournalTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"

    func journaled(_ ws: Workspace, _ kind: String) throws -> [String] {
        try ws.relance("history", "--invoice", "F2026-095").stdout.split(separator: "\n").map(String.init).filter { $0.contains("  \(kind) ") }
    }

    @Test func eachPaidInstalmentIsJournaledOnceAndAMissedOneEndsThePlan() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)
        #expect(try ws.relance(
            "plan", "F2026-095", "--instalment", "2026-11-30=2000.00", "--instalment", "2026-12-31=2850.00", "--grace", "3",
            "--now", "2026-11-18T10:00:00+01:00").status == 0)
        // A payment known before the export covers the first instalment.
        #expect(try ws.relance("pay", "F2026-095", "2000.00", "--date", "2026-11-25", "--now", "2026-11-25T16:00:00+01:00").status == 0)
        let covered = try ws.runOnce(at: "2026-11-26T10:00:00+01:00")
        #expect(covered.events("plan.instalment.paid").first?.contains("date=2026-11-30") == true, "\(covered.stderr)")
        #expect(try ws.runOnce(at: "2026-11-27T10:00:00+01:00").events("plan.instalment.paid").isEmpty, "once, whatever the cycles")
        // The export then shows the same payment: still once.
        try ws.write(ledger: Self.ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,2000.00"))
        #expect(try ws.runOnce(at: "2026-12-01T10:00:00+01:00").events("plan.instalment.paid").isEmpty)
        let paid = try journaled(ws, "plan.instalment.paid")
        #expect(paid.count == 1 && paid.first?.contains("amount=2000.00") == true && paid.first?.contains("instalment=1/2") == true, "\(paid)")
        #expect(try journaled(ws, "plan.instalment.missed").isEmpty)
        // The second is not paid by 31 Dec + 3 days of grace: journaled as missed, a task names it.
        let missed = try ws.runOnce(at: "2027-01-04T10:00:00+01:00")
        #expect(missed.events("hold.ended").first?.contains("ending=instalment-missed") == true, "\(missed.stderr)")
        let entry = try journaled(ws, "plan.instalment.missed")
        #expect(entry.count == 1 && entry.first?.contains("date=2026-12-31") == true && entry.first?.contains("amount=2850.00") == true, "\(entry)")
        #expect(try ws.relance("tasks", "--open").stdout.contains("payment plan instalment missed: 2850.00 EUR due 2026-12-31"))
    }

    @Test func aPaymentToldBeforeThePlanIsItsBaselineNotItsFirstInstalment() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)
        // 1,000 received on 20 Nov, not yet in the export; the plan agreed on 23 Nov is for the 3,850 left.
        #expect(try ws.relance(
            "pay", "F2026-095", "1000.00", "--date", "2026-11-20", "--now", "2026-11-20T11:00:00+01:00").status == 0)
        #expect(try ws.relance(
            "plan", "F2026-095", "--instalment", "2026-12-01=1000.00", "--instalment", "2026-12-15=2850.00",
            "--grace", "3", "--now", "2026-11-23T11:00:00+01:00").status == 0)
        let added = try journaled(ws, "hold.added")
        #expect(added.count == 1 && added.first?.contains("paid_at_start=1000.00") == true, "the baseline: \(added)")
        #expect(added.first?.contains(" amount=3850.00") == true, "the plan's total: \(added)")
        let agreed = try ws.runOnce(at: "2026-11-23T12:00:00+01:00")
        #expect(agreed.events("plan.instalment.paid").isEmpty, "nothing paid since the plan: \(agreed.stderr)")
        // Nothing arrives by 1 Dec + 3 days of grace: the first instalment is missed.
        let missed = try ws.runOnce(at: "2026-12-05T10:00:00+01:00")
        #expect(missed.events("hold.ended").first?.contains("ending=instalment-missed") == true, "\(missed.stderr)")
        #expect(try journaled(ws, "plan.instalment.paid").isEmpty)
        let entry = try journaled(ws, "plan.instalment.missed")
        #expect(entry.count == 1 && entry.first?.contains("date=2026-12-01") == true, "\(entry)")
        let task = "payment plan instalment missed: 1000.00 EUR due 2026-12-01"
        #expect(try ws.relance("tasks", "--open").stdout.contains(task))
    }

    /// The baseline is the ledger file as the next cycle will read it, not the store's copy of the last
    /// cycle's: a payment in a newer export, made before the plan, is not its first instalment.
    @Test func aPaymentInANewerExportBeforeThePlanIsItsBaseline() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)
        // The export of 20 Nov shows 1,000 paid; no cycle has read it when the plan is agreed.
        try ws.write(ledger: Self.ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,1000.00"))
        #expect(try ws.relance(
            "plan", "F2026-095", "--instalment", "2026-12-01=1000.00", "--instalment", "2026-12-15=2850.00",
            "--grace", "3", "--now", "2026-11-23T11:00:00+01:00").status == 0)
        let added = try journaled(ws, "hold.added")
        #expect(added.count == 1 && added.first?.contains("paid_at_start=1000.00") == true, "the baseline: \(added)")
        #expect(added.first?.contains(" amount=3850.00") == true, "the plan's total: \(added)")
        #expect(try ws.runOnce(at: "2026-11-23T12:00:00+01:00").events("plan.instalment.paid").isEmpty)
        let missed = try ws.runOnce(at: "2026-12-05T10:00:00+01:00")
        #expect(missed.events("hold.ended").first?.contains("ending=instalment-missed") == true, "\(missed.stderr)")
        #expect(try journaled(ws, "plan.instalment.paid").isEmpty)
    }
}
