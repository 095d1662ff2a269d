import Foundation
import Logging
import RelanceCore
import RelanceStore

extension ReminderCycle {
    /// Addresses that keep answering 4xx (`smtp.undeliverable_after_deferrals` times in a row across
    /// messages and cycles, no acceptance in between; connection failures not counted, see
    /// `AddressDeferrals`) are treated as a 5xx is: marked undeliverable, their deferred messages given
    /// up (`message.expired`, logged `reminder.failed`), and a task asks a person to call or write.
    ///
    /// It reads the attempts the cycle already recorded, at the start of each cycle's planning (after the
    /// retries of the cycle), so the next reminders of the client go to its other addresses or become tasks.
    func reviewDeferredAddresses(now: Date) throws {
        let limit = configuration.smtp.undeliverableAfterDeferrals
        let failing = try store.deferredAddressAttempts().filter { AddressDeferrals.isUndeliverable($0.attempts, limit: limit) }
        var givenUp: Set<Int64> = []
        for address in failing {
            let last = address.attempts.last { AddressDeferrals.verdict($0) == .deferredIt }
            let reason = "\(AddressDeferrals.streak(address.attempts)) temporary failures in a row, last: \(last?.reply ?? "-")"
            try store.markUndeliverable([address.address], clientID: address.clientID, reason: reason, at: now)
            logger.warning("address.undeliverable", metadata: [
                "client": "\(address.clientID)", "address": "\(address.address)", "reason": "\(reason)",
            ])
            for id in address.deferredMessages where givenUp.insert(id).inserted {
                guard let message = try store.message(id: id), message.state == .deferred else { continue }
                try giveUp(message, reason: "\(address.address): \(reason)", code: last?.code, now: now)
            }
        }
    }

    /// A deferred message to an address that keeps failing: failed for good, with a task for a person.
    private func giveUp(_ message: MessageRecord, reason: String, code: Int?, now: Date) throws {
        try store.expireDeferred(messageID: message.id, reason: reason, at: now)
        let name = configuration.client(message.clientID)?.name ?? message.clientID
        try openCallOrWriteTask(
            clientID: message.clientID, invoices: message.invoices, stepName: message.stepName,
            summary: "email undeliverable (\(reason)): call or write to \(name) about \(message.invoices.joined(separator: ", "))",
            now: now)
        logger.error("reminder.failed", metadata: [
            "client": "\(message.clientID)", "invoices": "\(message.invoices.joined(separator: ","))", "step": "\(message.stepName)",
            "to": "\(message.recipients.joined(separator: ","))", "smtp_code": "\(code.map(String.init) ?? "-")",
            "message_id": "<\(message.messageID)>", "reason": "\(reason)",
        ])
    }
}
