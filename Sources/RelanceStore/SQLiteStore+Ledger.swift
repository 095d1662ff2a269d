import Foundation
import GRDB
import RelanceCore

/// The ledger as last seen: syncing it (only changed rows are written) and reading it back.
extension SQLiteStore {
    /// An invoice row as stored, in the form the sync compares against.
    private struct KnownInvoice {
        var clientID: String
        var issued: String
        var due: String
        var amountMinor: Int64
        var paidMinor: Int64
        var currency: String
        var inLedger: Bool
        var settled: Bool
    }

    /// One transaction; existing rows are loaded once into a dictionary, and only new, changed,
    /// reappearing or vanished invoices are written, through prepared statements.
    ///
    /// Journal kinds: `invoice.new`, `invoice.changed`, `invoice.settled` (paid ≥ amount, newly),
    /// `invoice.vanished` (no longer in the ledger) and `invoice.reappeared` (back in the ledger; counted
    /// as changed). A number listed twice is taken from its first row.
    public func syncLedger(_ invoices: [Invoice], at: Date) throws -> LedgerSyncSummary {
        try writer.write { db in
            var known: [String: KnownInvoice] = [:]
            known.reserveCapacity(invoices.count)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT number, client_id, issued, due, amount_minor, paid_minor, currency, in_ledger,
                           settled_at IS NOT NULL
                    FROM invoices
                    """)
            while let row = try rows.next() {
                known[row[0]] = KnownInvoice(
                    clientID: row[1], issued: row[2], due: row[3], amountMinor: row[4], paidMinor: row[5],
                    currency: row[6], inLedger: row[7], settled: row[8])
            }

            let now = StoreCodec.millis(at)
            let journal = try JournalWriter(db)
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO invoices (number, client_id, issued, due, amount_minor, paid_minor, currency, in_ledger,
                        first_seen, changed_at, vanished_at, settled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, ?)
                    """)
            let update = try db.makeStatement(
                sql: """
                    UPDATE invoices SET client_id = ?, issued = ?, due = ?, amount_minor = ?, paid_minor = ?,
                        currency = ?, in_ledger = 1, changed_at = ?, vanished_at = NULL,
                        settled_at = CASE WHEN ? THEN coalesce(settled_at, ?) ELSE NULL END
                    WHERE number = ?
                    """)
            var summary = LedgerSyncSummary()
            var seen = Set<String>(minimumCapacity: invoices.count)

            for invoice in invoices {
                guard seen.insert(invoice.number).inserted else { continue }
                let issued = StoreCodec.iso(invoice.issued)
                let due = StoreCodec.iso(invoice.due)
                let currency = invoice.amount.currency.code
                let settled = invoice.isSettled
                guard let old = known[invoice.number] else {
                    insert.setUncheckedArguments([
                        invoice.number, invoice.clientID, issued, due, invoice.amount.minorUnits,
                        invoice.paid.minorUnits, currency, now, now, settled ? now : nil,
                    ])
                    try insert.execute()
                    try journal.append(
                        kind: "invoice.new", at: at, clientID: invoice.clientID, invoice: invoice.number,
                        message: nil,
                        detail: Logfmt.pairs([
                            "client": invoice.clientID, "due": due, "amount": invoice.amount.plainText,
                            "paid": invoice.paid.plainText, "currency": currency, "settled": settled ? "true" : nil,
                        ]))
                    summary.added += 1
                    continue
                }
                let changes = Self.changes(from: old, to: invoice, issued: issued, due: due)
                if old.inLedger && changes.isEmpty {
                    summary.unchanged += 1
                    continue
                }
                update.setUncheckedArguments([
                    invoice.clientID, issued, due, invoice.amount.minorUnits, invoice.paid.minorUnits, currency, now,
                    settled, now, invoice.number,
                ])
                try update.execute()
                let kind: String
                if !old.inLedger {
                    kind = "invoice.reappeared"
                    summary.changed += 1
                } else if settled && !old.settled {
                    kind = "invoice.settled"
                    summary.settled += 1
                } else {
                    kind = "invoice.changed"
                    summary.changed += 1
                }
                // Back in the ledger: describe it whole; otherwise: what changed.
                let detail =
                    old.inLedger
                    ? changes.joined(separator: " ")
                    : Logfmt.pairs([
                        "client": invoice.clientID, "due": due, "amount": invoice.amount.plainText,
                        "paid": invoice.paid.plainText, "currency": currency,
                    ])
                try journal.append(
                    kind: kind, at: at, clientID: invoice.clientID, invoice: invoice.number, message: nil,
                    detail: detail)
            }

            let vanish = try db.makeStatement(
                sql: "UPDATE invoices SET in_ledger = 0, vanished_at = ?, changed_at = ? WHERE number = ?")
            let vanished = known.filter { $0.value.inLedger && !seen.contains($0.key) }.keys.sorted()
            for number in vanished {
                let old = known[number]!
                vanish.setUncheckedArguments([now, now, number])
                try vanish.execute()
                try journal.append(
                    kind: "invoice.vanished", at: at, clientID: old.clientID, invoice: number, message: nil,
                    detail: Logfmt.pairs([
                        "client": old.clientID, "due": old.due, "amount": Self.plain(old.amountMinor, old.currency),
                        "paid": Self.plain(old.paidMinor, old.currency), "currency": old.currency,
                    ]))
                summary.vanished += 1
            }
            return summary
        }
    }

    /// Every invoice ever seen (vanished ones with `inLedger == false`), by number, with its progress.
    public func invoices() throws -> [StoredInvoice] {
        try writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT i.number, i.client_id, i.due, i.amount_minor, i.paid_minor, i.currency, i.in_ledger,
                           p.step, p.offset_days, p.at
                    FROM invoices i LEFT JOIN progress p ON p.invoice = i.number
                    ORDER BY i.number
                    """)
            var result: [StoredInvoice] = []
            while let row = try rows.next() {
                let currency = try StoreCodec.currency(row[5])
                var reached: ReachedStep?
                if let step: String = row[7] {
                    reached = StoreCodec.reachedStep(step: step, offsetDays: row[8], at: row[9])
                }
                result.append(
                    StoredInvoice(
                        number: row[0], clientID: row[1], due: try StoreCodec.localDate(row[2], column: "invoices.due"),
                        amount: Money(minorUnits: row[3], currency: currency),
                        paid: Money(minorUnits: row[4], currency: currency), inLedger: row[6], reached: reached))
            }
            return result
        }
    }

    // MARK: - Internals

    /// What differs between the stored row and the ledger's, as logfmt pairs (`paid=300.00 previous_paid=0.00`).
    private static func changes(from old: KnownInvoice, to new: Invoice, issued: String, due: String) -> [String] {
        var changes: [String] = []
        func note(_ field: String, _ now: String, _ before: String) {
            guard now != before else { return }
            changes.append(Logfmt.pairs([field: now, "previous_" + field: before]))
        }
        let currency = new.amount.currency.code
        note("client", new.clientID, old.clientID)
        note("issued", issued, old.issued)
        note("due", due, old.due)
        note("currency", currency, old.currency)
        if new.amount.minorUnits != old.amountMinor || currency != old.currency {
            note("amount", new.amount.plainText, plain(old.amountMinor, old.currency))
        }
        if new.paid.minorUnits != old.paidMinor || currency != old.currency {
            note("paid", new.paid.plainText, plain(old.paidMinor, old.currency))
        }
        return changes
    }

    /// Minor units as plain decimal text in `currencyCode` (the raw number if the code is unreadable).
    private static func plain(_ minor: Int64, _ currencyCode: String) -> String {
        guard let currency = Currency(code: currencyCode) else { return String(minor) }
        return Money(minorUnits: minor, currency: currency).plainText
    }
}
