import Foundation
import RelanceCore
@testable import RelanceStore

/// Test helpers: temporary stores, fixed instants, invoices and drafts.
enum StoreFixtures {
    /// 2026-01-05T09:00:00Z, a Monday.
    static let t0 = Date(timeIntervalSince1970: 1_767_603_600)

    /// `t0` plus whole minutes, so every instant survives the millisecond round trip exactly.
    static func at(minutes: Int) -> Date { t0.addingTimeInterval(TimeInterval(minutes * 60)) }

    /// A fresh store path in a folder that does not exist yet.
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-store-tests-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("state", isDirectory: true)
            .appendingPathComponent("relance.sqlite").path
    }

    /// Opens a store on a fresh temporary file.
    static func makeStore() throws -> (store: SQLiteStore, path: String) {
        let path = temporaryPath()
        return (try SQLiteStore(path: path), path)
    }

    /// Removes the folder created by `temporaryPath()`.
    static func remove(_ path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
        try? FileManager.default.removeItem(at: folder)
    }

    static func eur(_ text: String) -> Money { Money(decimal: text, currency: .eur)! }

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func invoice(
        _ number: String, client: ClientID = "C001", due: String = "2026-01-31", amount: String = "1200.00",
        paid: String = "0"
    ) -> Invoice {
        Invoice(
            number: number, clientID: client, issued: date("2026-01-01"), due: date(due), amount: eur(amount),
            paid: eur(paid))
    }

    static func advance(
        _ invoice: String, client: ClientID = "C001", step: String = "first", offset: Int = 1,
        action: StepAction = .email, skipped: [String] = []
    ) -> StepAdvance {
        StepAdvance(invoice: invoice, clientID: client, stepName: step, offsetDays: offset, action: action, skipped: skipped)
    }

    static func draft(
        client: ClientID = "C001", step: String = "first", invoices: [String] = ["F1"], advances: [StepAdvance]? = nil,
        messageID: String? = nil, bytes: [UInt8] = Array("Subject: Rappel\r\n\r\nBonjour\r\n".utf8)
    ) -> MessageDraft {
        MessageDraft(
            clientID: client, stepName: step, template: "first-reminder", invoices: invoices,
            advances: advances ?? invoices.map { advance($0, client: client, step: step) },
            messageID: messageID ?? "\(UUID().uuidString)@relance.test", subject: "Rappel : facture \(invoices[0])",
            recipients: ["compta@client.test", "dg@client.test"], bytes: bytes)
    }

    /// Journal kinds of a history, in order.
    static func kinds(_ events: [JournalEvent]) -> [String] { events.map(\.kind) }
}
