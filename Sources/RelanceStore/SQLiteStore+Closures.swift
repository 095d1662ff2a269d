import Foundation
import GRDB
import RelanceCore

/// Invoices closed by a person (written off, cancelled) and payments known before the next export.
extension SQLiteStore {
    /// Takes an invoice off the ladder for good; its open tasks close with the same outcome. Journaled
    /// `invoice.closed` with `by`.
    public func closeInvoice(_ invoice: String, reason: ClosureReason, note: String, by actor: String, at: Date) throws {
        try writer.write { db in
            let client = try String.fetchOne(db, sql: "SELECT client_id FROM invoices WHERE number = ?", arguments: [invoice])
            try db.execute(
                sql: "INSERT INTO closures (invoice, reason, note, at) VALUES (?, ?, ?, ?)",
                arguments: [invoice, reason.rawValue, note, StoreCodec.millis(at)])
            try db.execute(
                sql: "UPDATE tasks SET state = 'done', outcome = ?, closed_at = ? WHERE invoice = ? AND state = 'open'",
                arguments: [reason.rawValue, StoreCodec.millis(at), invoice])
            try JournalWriter(db).append(
                kind: "invoice.closed", at: at, clientID: client, invoice: invoice, message: nil,
                detail: Logfmt.pairs(["reason": reason.rawValue, "note": note, "by": actor]))
        }
    }

    /// Closed invoices and why.
    public func closures() throws -> [String: ClosureReason] {
        try writer.read { db in
            var out: [String: ClosureReason] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT invoice, reason FROM closures") {
                out[row["invoice"]] = ClosureReason(rawValue: row["reason"])
            }
            return out
        }
    }

    /// Records a payment known before the next ledger export, with what the ledger showed as paid then;
    /// journaled `payment.recorded` with `by`.
    public func recordPayment(invoice: String, amount: Money, date: LocalDate, ledgerPaid: Money, by actor: String, at: Date) throws {
        try writer.write { db in
            let client = try String.fetchOne(db, sql: "SELECT client_id FROM invoices WHERE number = ?", arguments: [invoice])
            try db.execute(
                sql: "INSERT INTO manual_payments (invoice, amount_minor, currency, date, ledger_paid_minor, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [invoice, amount.minorUnits, amount.currency.code, date.description, ledgerPaid.minorUnits, StoreCodec.millis(at)])
            try JournalWriter(db).append(
                kind: "payment.recorded", at: at, clientID: client, invoice: invoice, message: nil,
                detail: Logfmt.pairs(["amount": amount.plainText, "currency": amount.currency.code, "date": date.description, "by": actor]))
        }
    }

    /// The paid amount each invoice has at least, from payments recorded by hand: what the ledger showed
    /// when the first was recorded plus all of them (`ToldPayments.total`). The cycle takes the larger of
    /// this and the ledger's `paid`, so a payment is never counted twice once the export catches up.
    public func manuallyPaid() throws -> [String: Money] {
        try toldPayments().mapValues(\.total)
    }

    /// The payments recorded by hand, dated, by invoice, with what the ledger showed when the first was
    /// recorded: what a claim needs to date them (`ToldPayments`), and what `manuallyPaid` adds up. An
    /// invoice's payments in another currency than its latest one (the ledger changed it since) are left
    /// out: amounts in two currencies are never added.
    public func toldPayments() throws -> [String: ToldPayments] {
        try writer.read { db in
            var rows: [String: [Row]] = [:]
            let sql = "SELECT invoice, amount_minor, currency, date, ledger_paid_minor FROM manual_payments ORDER BY id"
            for row in try Row.fetchAll(db, sql: sql) { rows[row["invoice"], default: []].append(row) }
            var out: [String: ToldPayments] = [:]
            for (invoice, list) in rows {
                guard let code: String = list.last?["currency"], let currency = Currency(code: code) else { continue }
                let same = list.filter { row -> Bool in (row["currency"] as String?) == code }
                let payments = same.compactMap { row -> Payment? in
                    let text: String = row["date"]
                    guard let date = LocalDate(iso: text) else { return nil }
                    let minor: Int64 = row["amount_minor"]
                    return Payment(invoice: invoice, date: date, amount: Money(minorUnits: minor, currency: currency))
                }
                let baseline = same.map { row -> Int64 in row["ledger_paid_minor"] }.min() ?? 0
                out[invoice] = ToldPayments(baseline: Money(minorUnits: baseline, currency: currency), payments: payments)
            }
            return out
        }
    }
}
