import Foundation
import GRDB
import RelanceCore

/// The read half of a ledger sync: the stored rows, in number order, merged with the ledger's.
extension LedgerSync {
    /// Reads every stored row once (only its columns that the comparison needs, through the C API) and
    /// sorts the ledger's invoices into new, changed or reappearing, and unchanged; stored rows that the
    /// ledger no longer lists are vanished.
    func merge(_ order: [Int]) throws -> Plan {
        var plan = Plan()
        let select = try db.makeStatement(
            sql: """
                SELECT number, client_id, issued, due, amount_minor, paid_minor, currency, in_ledger,
                       settled_at IS NOT NULL
                FROM invoices ORDER BY number
                """)
        var k = 0
        try select.forEachRowRaw(db) {
            plan.stored += 1
            let number = select.textRaw(0)
            var c = 1
            while k < order.count {
                c = BinaryCollation.compare(invoices[order[k]].number, number)
                guard c < 0 else { break }
                plan.new.append(order[k])
                k += 1
            }
            let inLedger = select.int64Raw(7) != 0
            if k < order.count, c == 0 {
                if inLedger && Self.isUnchanged(invoices[order[k]], select) {
                    plan.unchanged += 1
                } else {
                    plan.changed.append((order[k], Self.stored(select)))
                }
                k += 1
            } else if inLedger {
                plan.vanished.append(Self.stored(select))
            }
        }
        plan.new.append(contentsOf: order[k...])
        return plan
    }

    /// Whether the current row of `select` holds exactly the invoice's client, dates, amounts and currency.
    private static func isUnchanged(_ invoice: Invoice, _ select: Statement) -> Bool {
        guard invoice.amount.minorUnits == select.int64Raw(4), invoice.paid.minorUnits == select.int64Raw(5),
            BinaryCollation.compare(invoice.clientID, select.textRaw(1)) == 0,
            BinaryCollation.compare(invoice.amount.currency.code, select.textRaw(6)) == 0
        else { return false }
        return withISO(invoice.issued, { BinaryCollation.compare($0, select.textRaw(2)) == 0 })
            && withISO(invoice.due, { BinaryCollation.compare($0, select.textRaw(3)) == 0 })
    }

    /// The current row of `select`, as stored.
    private static func stored(_ select: Statement) -> Stored {
        Stored(
            record: LedgerRecord(
                number: select.stringRaw(0), clientID: select.stringRaw(1), issued: select.stringRaw(2),
                due: select.stringRaw(3), amountMinor: select.int64Raw(4), paidMinor: select.int64Raw(5),
                currency: select.stringRaw(6)),
            inLedger: select.int64Raw(7) != 0, settled: select.int64Raw(8) != 0)
    }

    /// Calls `body` with the date as stored (`StoreCodec.iso`: `YYYY-MM-DD`), formatted on the stack.
    static func withISO<R>(_ date: LocalDate, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (year, month, day) = date.components
        guard (0...9999).contains(year) else {
            return try Array(StoreCodec.iso(date).utf8).withUnsafeBufferPointer(body)
        }
        var storage: (UInt64, UInt64) = (0, 0)
        return try withUnsafeMutableBytes(of: &storage) { raw in
            let b = raw.bindMemory(to: UInt8.self)
            b[0] = 0x30 + UInt8(year / 1000)
            b[1] = 0x30 + UInt8(year / 100 % 10)
            b[2] = 0x30 + UInt8(year / 10 % 10)
            b[3] = 0x30 + UInt8(year % 10)
            b[4] = 0x2D
            b[5] = 0x30 + UInt8(month / 10)
            b[6] = 0x30 + UInt8(month % 10)
            b[7] = 0x2D
            b[8] = 0x30 + UInt8(day / 10)
            b[9] = 0x30 + UInt8(day % 10)
            return try body(UnsafeBufferPointer(rebasing: b[0..<10]))
        }
    }
}
