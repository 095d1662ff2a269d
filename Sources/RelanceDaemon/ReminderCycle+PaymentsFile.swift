import Foundation
import Logging
import RelanceConfig
import RelanceCore

extension ReminderCycle {
    /// The payments file's payments up to today (in the sending time zone), by invoice, with its rejected
    /// rows (`payments.row_rejected`) and its disagreements with the ledger's `paid` (one
    /// `payments.mismatch` line) logged; empty without `ledger.payments`. A file that cannot be used fails
    /// (`payments.unreadable`): the caller holds every send, as for an unreadable ledger, since the file
    /// is where payments are told and without it a paid invoice could be reminded.
    func readPaymentsFile(_ snapshot: LedgerSnapshot, now: Date) -> Result<[String: Money], PaymentsLoader.ReadError> {
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let file: PaymentsFile?
        do {
            file = try PaymentsFile.read(configuration, invoices: snapshot.invoices, on: LocalDateTime(now, in: zone).date)
        } catch {
            logger.error("payments.unreadable", metadata: [
                "path": "\(error.path)", "error": "\(error.message)", "reason": "nothing is sent until it can be read",
            ])
            return .failure(error)
        }
        guard let file else { return .success([:]) }
        for row in file.rejected {
            logger.warning("payments.row_rejected", metadata: [
                "file": "\(file.path)", "line": "\(row.line)", "field": "\(row.field ?? "-")", "reason": "\(row.reason)",
            ])
        }
        if !file.mismatches.isEmpty {
            logger.notice("payments.mismatch", metadata: [
                "file": "\(file.path)", "invoices": "\(file.mismatches.count)", "examples": "\(file.mismatchExamples())",
                "counted": "the larger of the two: a payment in either stops the reminders",
            ])
        }
        return .success(file.paid)
    }
}
