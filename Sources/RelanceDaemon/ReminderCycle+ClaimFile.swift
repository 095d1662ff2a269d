import Foundation
import Logging
import RelanceCore
import RelanceDocuments
import RelanceStore

extension ReminderCycle {
    /// A claim file the `legal` step wrote, journaled once its task is recorded.
    struct WrittenClaimFile {
        var client: ClientID
        var invoices: [String]
        var folder: String
        var zip: String
        var sha256: String
        /// The client's open invoices it does not claim, with why (under a standing hold).
        var leftOut: [ClaimSelection.LeftOut]

        /// `X3 left out: under dispute until its review on 2026-06-30 (hold 4: goods damaged)`, one per
        /// invoice left out, joined by `; `; nil when none was.
        var leftOutText: String? { leftOut.isEmpty ? nil : leftOut.map(\.line).joined(separator: "; ") }
    }

    /// Records the plan's advances and tasks. When an invoice reaches a `legal` step (approved, as that
    /// step requires by default), the client's claim file is written first, as `relance claim-file
    /// --client` would, to `<state folder>/claims/<client>-<date>/` and its `.zip`, and the hand-over
    /// task names it; once the task is recorded, `claim.written` is journaled with the zip's sha256 and
    /// logged. A claim file that cannot be written is logged (`claim.failed`): the task opens without it.
    /// An invoice under one of `holds` (those standing today) is not claimed: the task, the journal entry
    /// and the log name it with why (`left_out`).
    func recordAdvances(_ plan: Plan, invoices: [Invoice], holds: [Hold], now: Date) throws {
        var tasks = plan.tasks
        var written: [ClientID: WrittenClaimFile?] = [:]
        for index in tasks.indices where tasks[index].action == .legal {
            let clientID = tasks[index].clientID
            if written[clientID] == nil {
                written[clientID] = writeClaimFile(for: clientID, invoices: invoices, holds: holds, now: now)
            }
            if let file = written[clientID] ?? nil {
                tasks[index].summary += "; claim file: \(file.folder) (zip: \(file.zip))"
                    + (file.leftOutText.map { "; \($0)" } ?? "")
            }
        }
        try store.recordAdvances(plan.advances, tasks: tasks, at: now)
        for file in written.values.compactMap({ $0 }).sorted(by: { $0.client < $1.client }) {
            try store.journal(.init(
                kind: "claim.written", at: now, clientID: file.client, invoice: file.invoices.first,
                detail: Logfmt.pairs([
                    "path": file.folder, "zip": file.zip, "sha256": file.sha256, "invoices": file.invoices.joined(separator: ","),
                    "left_out": file.leftOutText,
                ])))
            var metadata: Logger.Metadata = [
                "client": "\(file.client)", "invoices": "\(file.invoices.joined(separator: ","))", "path": "\(file.folder)",
                "zip": "\(file.zip)", "sha256": "\(file.sha256)",
            ]
            if let leftOut = file.leftOutText { metadata["left_out"] = "\(leftOut)" }
            logger.notice("claim.written", metadata: metadata)
        }
    }

    /// Writes the claim file of the client's open invoices not under one of `holds` under
    /// `<state folder>/claims/`, figures as of today in the sending time zone; `nil` (logged) when it cannot.
    private func writeClaimFile(for clientID: ClientID, invoices: [Invoice], holds: [Hold], now: Date)
        -> WrittenClaimFile?
    {
        do {
            guard let client = configuration.client(clientID) else { return nil }
            let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
            let today = LocalDateTime(now, in: zone).date
            let selection = ClaimSelection(ClaimBuilder.claimFileInvoices(invoices, client: clientID), holds: holds, asOf: today)
            let selected = selection.invoices
            guard !selected.isEmpty else { return nil }
            var builder = try ClaimBuilder(configuration: configuration, told: try store.toldPayments())
            let content = try builder.claimFileContent(
                client: client, ledger: invoices, selected: selected, asOf: today,
                store: store)
            for warning in builder.warnings {
                logger.warning("claim.warning", metadata: ["client": "\(clientID)", "warning": "\(warning)"])
            }
            for item in content.invoices {
                for warning in item.claim.warnings {
                    logger.warning("claim.warning", metadata: [
                        "client": "\(clientID)", "invoice": "\(item.claim.invoice)", "warning": "\(warning)",
                    ])
                }
            }
            let claims = URL(fileURLWithPath: configuration.statePath).deletingLastPathComponent()
                .appendingPathComponent("claims")
            let paths = try ClaimFileWriter().write(content, to: claims.path)
            guard let zip = FileManager.default.contents(atPath: paths.zip) else {
                throw DocumentError.io(path: paths.zip, reason: "not readable after writing")
            }
            return WrittenClaimFile(
                client: clientID, invoices: selected.map(\.number), folder: paths.folder, zip: paths.zip,
                sha256: FileDigest.sha256(zip), leftOut: selection.leftOut)
        } catch {
            logger.error("claim.failed", metadata: ["client": "\(clientID)", "error": "\(error)"])
            return nil
        }
    }
}
