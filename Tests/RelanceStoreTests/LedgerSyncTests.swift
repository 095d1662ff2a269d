import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// Syncing the ledger: only changes are written and journaled; vanished and reappearing invoices.
@Suite struct LedgerSyncTests {
    typealias F = StoreFixtures

    private func summary(added: Int = 0, changed: Int = 0, settled: Int = 0, vanished: Int = 0, unchanged: Int = 0) -> LedgerSyncSummary {
        var s = LedgerSyncSummary()
        s.added = added
        s.changed = changed
        s.settled = settled
        s.vanished = vanished
        s.unchanged = unchanged
        return s
    }

    @Test func firstSyncAddsEveryInvoiceExactly() throws {
        let store = try SQLiteStore.inMemory()
        let ledger = [
            F.invoice("F1", amount: "1200.00", paid: "300.00"),
            F.invoice("F2", client: "C002", due: "2026-02-28", amount: "99.99"),
            Invoice(number: "J1", clientID: "C003", issued: F.date("2025-12-01"), due: F.date("2025-12-31"),
                amount: Money(decimal: "15000", currency: Currency(code: "JPY")!)!,
                paid: Money(decimal: "15000", currency: Currency(code: "JPY")!)!),
        ]
        #expect(try store.syncLedger(ledger, at: F.at(minutes: 0)) == summary(added: 3))
        #expect(
            try store.invoices() == [
                StoredInvoice(number: "F1", clientID: "C001", due: F.date("2026-01-31"), amount: F.eur("1200.00"),
                    paid: F.eur("300.00"), inLedger: true, reached: nil),
                StoredInvoice(number: "F2", clientID: "C002", due: F.date("2026-02-28"), amount: F.eur("99.99"),
                    paid: F.eur("0"), inLedger: true, reached: nil),
                StoredInvoice(number: "J1", clientID: "C003", due: F.date("2025-12-31"), amount: ledger[2].amount,
                    paid: ledger[2].paid, inLedger: true, reached: nil),
            ])
        let f1 = try store.history(invoice: "F1")
        #expect(F.kinds(f1) == ["ledger.imported"])
        #expect(f1[0].clientID == "C001")
        #expect(f1[0].invoice == "F1")
        #expect(f1[0].detail == "client=C001 issued=2026-01-01 due=2026-01-31 amount=1200.00 paid=300.00 currency=EUR")
        #expect(try store.history(invoice: "J1")[0].detail == "client=C003 issued=2025-12-01 due=2025-12-31 amount=15000 paid=15000 currency=JPY settled=true")
    }

    @Test func unchangedRowsAreNeitherWrittenNorJournaled() throws {
        let store = try SQLiteStore.inMemory()
        let ledger = [F.invoice("F1"), F.invoice("F2")]
        _ = try store.syncLedger(ledger, at: F.at(minutes: 0))
        #expect(try store.syncLedger(ledger, at: F.at(minutes: 60)) == summary(unchanged: 2))
        #expect(F.kinds(try store.history(client: "C001")) == ["ledger.imported", "ledger.imported"])
        let changedAt = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT changed_at FROM invoices") }
        #expect(changedAt == [StoreCodec.millis(F.at(minutes: 0)), StoreCodec.millis(F.at(minutes: 0))])
    }

    @Test func changesSettlementsVanishingAndReappearingAreJournaled() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2"), F.invoice("F3"), F.invoice("F4")], at: F.at(minutes: 0))

        // F1 partly paid, F2 fully paid, F3 moved to another due date and client, F4 gone.
        let second = [
            F.invoice("F1", paid: "300.00"), F.invoice("F2", paid: "1200.00"),
            F.invoice("F3", client: "C009", due: "2026-02-15"),
        ]
        #expect(try store.syncLedger(second, at: F.at(minutes: 10)) == summary(changed: 2, settled: 1, vanished: 1))
        #expect(try store.history(invoice: "F1").last?.kind == "invoice.changed")
        #expect(try store.history(invoice: "F1").last?.detail == "paid=300.00 previous_paid=0.00")
        #expect(try store.history(invoice: "F2").last?.kind == "invoice.settled")
        #expect(try store.history(invoice: "F2").last?.detail == "paid=1200.00 previous_paid=0.00")
        #expect(try store.history(invoice: "F3").last?.detail
            == "client=C009 previous_client=C001 due=2026-02-15 previous_due=2026-01-31 ladder=restarted")
        #expect(try store.history(invoice: "F3").last?.clientID == "C009")
        #expect(try store.history(invoice: "F4").last?.kind == "invoice.vanished")
        #expect(try store.history(invoice: "F4").last?.detail == "client=C001 due=2026-01-31 amount=1200.00 paid=0.00 currency=EUR")

        let byNumber = Dictionary(uniqueKeysWithValues: try store.invoices().map { ($0.number, $0) })
        #expect(byNumber["F4"]?.inLedger == false)
        #expect(byNumber["F3"]?.clientID == "C009")
        #expect(byNumber["F3"]?.due == F.date("2026-02-15"))
        #expect(byNumber["F2"]?.paid == F.eur("1200.00"))
        let settledAt = try store.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT settled_at FROM invoices WHERE number = 'F2'")
        }
        #expect(settledAt == StoreCodec.millis(F.at(minutes: 10)))

        // Still gone: nothing more. Unchanged rows stay unchanged.
        #expect(try store.syncLedger(second, at: F.at(minutes: 20)) == summary(unchanged: 3))
        #expect(F.kinds(try store.history(invoice: "F4")) == ["ledger.imported", "invoice.vanished"])

        // F4 comes back, and a payment on F2 is reversed.
        let third = second.map { $0.number == "F2" ? F.invoice("F2", paid: "0") : $0 } + [F.invoice("F4", paid: "100.00")]
        #expect(try store.syncLedger(third, at: F.at(minutes: 30)) == summary(changed: 2, unchanged: 2))
        #expect(F.kinds(try store.history(invoice: "F4")) == ["ledger.imported", "invoice.vanished", "invoice.reappeared"])
        #expect(try store.history(invoice: "F4").last?.detail == "client=C001 due=2026-01-31 amount=1200.00 paid=100.00 currency=EUR")
        #expect(try store.invoices().first { $0.number == "F4" }?.inLedger == true)
        #expect(try store.history(invoice: "F2").last?.kind == "invoice.changed")
        let row = try #require(try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT settled_at, vanished_at FROM invoices WHERE number = 'F2'")
        })
        #expect(row["settled_at"] as Int64? == nil)
    }

    @Test func invoicesCarryTheirReachedStep() throws {
        let store = try SQLiteStore.inMemory()
        _ = try store.syncLedger([F.invoice("F1"), F.invoice("F2")], at: F.at(minutes: 0))
        try store.recordAdvances([F.advance("F2", step: "call", offset: 15, action: .call)], tasks: [], at: F.at(minutes: 1))
        #expect(try store.invoices().map(\.reached) == [nil, ReachedStep(stepName: "call", offsetDays: 15, at: F.at(minutes: 1))])
    }

    @Test func hundredThousandInvoicesSyncQuickly() throws {
        let (store, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        let count = 100_000
        var ledger: [Invoice] = []
        ledger.reserveCapacity(count)
        for i in 0..<count {
            ledger.append(
                Invoice(
                    number: "INV-\(i)", clientID: "C\(i % 500)", issued: LocalDate(daysSinceEpoch: 20_000 + i % 300),
                    due: LocalDate(daysSinceEpoch: 20_030 + i % 300),
                    amount: Money(minorUnits: Int64(10_000 + i), currency: .eur),
                    paid: Money(minorUnits: Int64(i % 3 == 0 ? 10_000 + i : 0), currency: .eur)))
        }
        let clock = ContinuousClock()
        var first = LedgerSyncSummary()
        let initial = try clock.measure { first = try store.syncLedger(ledger, at: F.at(minutes: 0)) }
        #expect(first.added == count)

        var unchanged = LedgerSyncSummary()
        let again = try clock.measure { unchanged = try store.syncLedger(ledger, at: F.at(minutes: 1)) }
        #expect(unchanged.unchanged == count)

        for i in stride(from: 1, to: count, by: 10) {
            ledger[i].paid = Money(minorUnits: 500, currency: .eur)
        }
        ledger.removeLast(1_000)
        var changed = LedgerSyncSummary()
        let partial = try clock.measure { changed = try store.syncLedger(ledger, at: F.at(minutes: 2)) }
        #expect(changed.vanished == 1_000)
        #expect(changed.changed + changed.settled == 9_900)
        // The first sync rebuilt the client index after its inserts: it is there, and the rows still
        // hash to what their ledger.imported entry recorded.
        let index = try store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'invoices_by_client'")
        }
        #expect(index == "CREATE INDEX invoices_by_client ON invoices(client_id)")
        #expect(try store.history(client: "C7").filter { $0.kind == "ledger.imported" }.count == count / 500)
        let verification = try store.verifyJournal()
        #expect(verification.isIntact, "\(String(describing: verification.firstBreak))")

        // Timings are printed for information only: speed is measured by benchmarks, not asserted by tests.
        print("syncLedger 100k: first \(initial), unchanged \(again), 10% changed + 1% vanished \(partial)")
    }
}
