import Foundation
import Logging
import RelanceMail
import RelanceStore

extension RefusedRecipient {
    /// `a@client.fr 550`: how the journal and the `reminder.sent` line name it.
    var journaled: String { address + " " + String(code) }
}

extension ReminderCycle {
    /// Recipients the server refused while it took a message for the others: each is logged
    /// (`reminder.recipient_refused`); one refused for good (5xx, a mailbox that does not exist) is marked
    /// undeliverable at once, as a message refused for good marks its addresses (`address.undeliverable`),
    /// so the client's next reminders go to its other addresses. A 4xx is only logged: the address is
    /// tried again with the next message. When a client's own address (To, not a copy) is refused for good,
    /// a task asks a person to correct it: the reminder reached only the others, and the next ones would too.
    func handleRefusedRecipients(_ refused: [RefusedRecipient], draft: MessageDraft, now: Date) throws {
        let client = configuration.client(draft.clientID)
        let own = Set(client?.emails.map(\.value) ?? [])
        for recipient in refused {
            logger.warning("reminder.recipient_refused", metadata: [
                "client": "\(draft.clientID)", "address": "\(recipient.address)", "smtp_code": "\(recipient.code)",
                "reply": "\(recipient.reply)", "message_id": "<\(draft.messageID)>",
                "reason": "the server took the message for the other recipients, not for this one",
            ])
            guard recipient.isPermanent else { continue }
            let reason = "refused with \(recipient.code) at RCPT: \(recipient.reply)"
            try store.markUndeliverable([recipient.address], clientID: draft.clientID, reason: reason, at: now)
            logger.warning("address.undeliverable", metadata: [
                "client": "\(draft.clientID)", "address": "\(recipient.address)", "reason": "\(reason)",
            ])
            guard own.contains(recipient.address) else { continue }
            let name = client?.name ?? draft.clientID
            let reached = draft.recipients.filter { address in !refused.contains { $0.address == address } }
            let summary = "email address \(recipient.address) of \(name) refused for good (\(recipient.reply)): the "
                + "\(draft.stepName) reminder about \(draft.invoices.joined(separator: ", ")) reached only "
                + "\(reached.joined(separator: ", ")); correct the client's address"
            try openCallOrWriteTask(
                clientID: draft.clientID, invoices: draft.invoices, stepName: draft.stepName, summary: summary, now: now)
        }
    }
}
