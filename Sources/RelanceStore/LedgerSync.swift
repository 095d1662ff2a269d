import Foundation
import GRDB
import RelanceCore

/// One ledger sync, inside the write transaction of `SQLiteStore.syncLedger`.
///
/// The ledger is put in invoice-number order (UTF-8 bytes, SQLite's BINARY collation; a sorted ledger
/// costs one pass) and merged with the stored rows read in primary-key order, comparing each row's
/// columns in place: no dictionary of the stored rows, no `String` per stored column. Only new,
/// changed, reappearing and vanished invoices are written:
/// - the invoices first seen are journaled as one `ledger.imported` entry (`LedgerRecord` describes its
///   digest), written before their rows, which point at it (`invoices.origin_event`);
/// - a change, settlement, reappearance or vanishing is one entry per invoice, as before.
struct LedgerSync {
    let db: Database
    let invoices: [Invoice]
    let at: Date
    let now: Int64

    /// A stored row that the sync found changed or vanished, as stored.
    struct Stored {
        var record: LedgerRecord
        var inLedger: Bool
        var settled: Bool
    }

    /// What the merge found.
    struct Plan {
        /// Indexes into `invoices` of the invoices not stored yet, in number order.
        var new: [Int] = []
        /// Indexes into `invoices` of the invoices whose row differs (or that reappear), with that row.
        var changed: [(index: Int, old: Stored)] = []
        /// Rows still marked in the ledger whose number the ledger no longer lists, in number order.
        var vanished: [Stored] = []
        var unchanged = 0
        /// Rows stored before the sync.
        var stored = 0
    }

    /// Above this many new rows, and more new rows than stored ones, the client index is rebuilt once
    /// after the inserts instead of being updated per row (same transaction; the index only serves
    /// lookups, no constraint depends on it).
    static let rebuildIndexAbove = 50_000

    init(db: Database, invoices: [Invoice], at: Date) {
        self.db = db
        self.invoices = invoices
        self.at = at
        self.now = StoreCodec.millis(at)
    }

    func run() throws -> LedgerSyncSummary {
        let plan = try merge(Self.numberOrder(invoices))
        var summary = LedgerSyncSummary()
        summary.unchanged = plan.unchanged
        let journal = try JournalWriter(db)
        if !plan.new.isEmpty {
            try insertNew(plan.new, rebuildIndex: plan.new.count > Self.rebuildIndexAbove && plan.new.count > plan.stored,
                journal: journal)
            summary.added = plan.new.count
        }
        for (index, old) in plan.changed {
            switch try update(invoices[index], from: old, journal: journal) {
            case .settled: summary.settled += 1
            case .changed: summary.changed += 1
            }
        }
        for old in plan.vanished {
            try vanish(old, journal: journal)
            summary.vanished += 1
        }
        return summary
    }

    /// Indexes of `invoices` sorted by number bytes, the first row of a number listed twice only.
    static func numberOrder(_ invoices: [Invoice]) -> [Int] {
        var ascending = true
        var i = 1
        while i < invoices.count {
            if BinaryCollation.compare(invoices[i - 1].number, invoices[i].number) >= 0 {
                ascending = false
                break
            }
            i += 1
        }
        if ascending { return Array(invoices.indices) }
        var order = Array(invoices.indices)
        order.sort { a, b in
            let c = BinaryCollation.compare(invoices[a].number, invoices[b].number)
            return c != 0 ? c < 0 : a < b
        }
        var unique: [Int] = []
        unique.reserveCapacity(order.count)
        for index in order where unique.last.map({ invoices[$0].number != invoices[index].number }) ?? true {
            unique.append(index)
        }
        return unique
    }
}
