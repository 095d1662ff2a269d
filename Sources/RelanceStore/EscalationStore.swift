import Foundation
import RelanceCore

/// What the escalation tracker records: tasks closed by people, approvals, holds, undeliverable
/// addresses. Every change is journaled with who caused it (`by=operator`, `by=daemon`, `by=ledger`).
public protocol EscalationStore: Sendable {
    func closeTask(id: Int64, skipped: Bool, outcome: String, reference: String?, by actor: String, at: Date) throws
    /// What people recorded when closing tasks (outcome, reference, day of receipt), by task id.
    func taskOutcomes() throws -> [Int64: TaskOutcome]
    func closeTasksOfSettled(_ invoices: [String], at: Date) throws -> Int
    func openGates() throws -> Set<String>
    /// The latest recorded receipt of each invoice's registered formal notice (`task done --received`).
    func formalNoticeReceipts() throws -> [String: LocalDate]
    @discardableResult func requestApproval(_ advance: StepAdvance, at: Date) throws -> Bool
    func approve(id: Int64, by actor: String, at: Date) throws
    func approvedKeys() throws -> Set<String>
    func approvals() throws -> [(id: Int64, clientID: ClientID, invoice: String, step: String, action: String, waiting: Bool)]
    func markUndeliverable(_ addresses: [String], clientID: ClientID, reason: String, at: Date) throws
    func undeliverableAddresses() throws -> [String: ClientID]
    @discardableResult func addHold(scope: HoldScope, kind: HoldKind, by actor: String, at: Date) throws -> Int64
    func standingHolds() throws -> [Hold]
    /// The holds recorded before `end` and not ended by then (a claim as of a past day).
    func holds(standingBefore end: Date) throws -> [Hold]
    func endHold(_ hold: Hold, ending: HoldEnding, openInvoices: [Invoice], by actor: String, at: Date) throws
    func endHold(
        _ hold: Hold, ending: HoldEnding, missed: Instalment?, received: Money?, openInvoices: [Invoice], by actor: String,
        at: Date) throws
    @discardableResult func recordInstalmentsPaid(_ hold: Hold, covered: Int, at: Date) throws -> [Instalment]
    func deferredAddressAttempts() throws -> [AddressAttempts]
    func resumeAtNext() throws -> Set<String>
    func lastEvent(kind: String) throws -> Date?
    func closeInvoice(_ invoice: String, reason: ClosureReason, note: String, by actor: String, at: Date) throws
    func closures() throws -> [String: ClosureReason]
    func recordPayment(invoice: String, amount: Money, date: LocalDate, ledgerPaid: Money, by actor: String, at: Date) throws
    func manuallyPaid() throws -> [String: Money]
    /// The payments recorded by hand, dated, by invoice, for a claim.
    func toldPayments() throws -> [String: ToldPayments]
}
