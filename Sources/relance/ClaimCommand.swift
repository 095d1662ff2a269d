import ArgumentParser
import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceDocuments
import RelanceStore

/// `relance claim (--invoice N | --client ID) [--as-of YYYY-MM-DD] [--json]`: per invoice the principal
/// still due, days late, rate(s), late interest, recovery indemnity and total, under the creditor's
/// jurisdiction (see `LateInterestCalculator`).
struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract:
            "What is claimable: principal still due, days late, rate(s), interest, recovery indemnity, total.",
        discussion: """
            Rates come from the tables built into relance, extended by the `rates:` folder. A half-year with no
            known rate is never guessed: the interest is shown as unknown and left out of the totals.
            With `ledger.payments`, the paid amount at any date is the sum of the payments up to it (a mismatch
            with the ledger's `paid` column is warned about); without it, the ledger's `paid` amount is counted
            as paid by the due date, so no interest is claimed on money not shown to be late. A partial payment
            pays the interest accrued at its date first, then the principal (C. civ. 1343-1, France's default;
            `interest_paid` is the part that went to interest), unless principal-first is chosen.
            --client lists the client's invoices with something to claim (late, or paid late); --invoice always
            shows its invoice. Several currencies: `currency` and `total` are null and `totals` has one total
            per currency. What people recorded counts as in the cycle: a payment told with `relance pay` is
            counted as the ledger's `paid` is (the larger of the two, never their sum), on the day it was told
            to have arrived (with `ledger.payments`, when that file does not show it yet, with a warning).
            A written-off invoice, and one under a hold standing on the --as-of day (a dispute until its
            review, a promise, a payment plan, a pause), is not claimable: it is left out, with a line saying
            why (`left_out` in the JSON). A French consumer owes legal interest from the day the formal notice
            reached them (C. civ. 1344-1): --notice-date, else the registered letter's receipt recorded with
            `relance task done ID --received DATE`, else the day the formal-notice email was delivered; the
            line's warnings say which, or that none is known (then no legal interest runs).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "An invoice number.")
    var invoice: String?

    @Option(help: "A client id.")
    var client: String?

    @Option(
        name: .customLong("as-of"),
        help: "The day to compute for, YYYY-MM-DD (default: today in the sending time zone).")
    var asOf: String?

    @Option(
        name: .customLong("rate-mode"),
        help:
            "France and Germany, a delay across 1 Jan / 1 Jul: split-by-semester (default) or fixed-at-start."
    )
    var rateMode: LateInterestOptions.RateMode = .splitBySemester

    @Option(
        name: .customLong("contractual-rate"),
        help: "A contractual late-payment rate in percent (France: checked against 3 × the legal rate).")
    var contractualRate: String?

    @OptionGroup var notice: NoticeDateOption

    @Option(
        name: .customLong("payment-imputation"),
        help: "Partial payments: interest-first (C. civ. 1343-1, FR default) or principal-first (default: the config's).")
    var paymentImputation: LateInterestOptions.PaymentImputation?

    @Flag(help: "One JSON object on stdout.")
    var json = false

    func run() throws {
        guard (invoice == nil) != (client == nil) else {
            throw fail("give exactly one of --invoice or --client")
        }
        let options = try claimOptions()
        let configuration = try global.loadConfiguration().configuration
        let snapshot: LedgerSnapshot
        do { snapshot = try LedgerSnapshot.read(configuration) } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        for row in snapshot.rejected {
            Terminal.error(
                "warning: \(snapshot.path):\(row.line): \(row.field.map { "field \($0): " } ?? "")\(row.reason)"
            )
        }
        let day = try claimDate(configuration)
        let (selection, told, receipts) = try claimSelection(
            try selectInvoices(snapshot.invoices, configuration), ledger: snapshot.invoices, on: day, configuration)
        var builder: ClaimBuilder
        do { builder = try ClaimBuilder(configuration: configuration, told: told) } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            throw ExitCode(1)
        }
        let claimed: [ClaimedInvoice]
        do {
            claimed = try builder.claims(
                ledger: snapshot.invoices, selected: selection.invoices, asOf: day, options: options,
                receipts: receipts)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }
        for warning in builder.warnings { Terminal.error("warning: \(warning)") }
        let lines = claimed.map(\.claim).filter { self.invoice != nil || ($0.daysLate > 0 && $0.isClaimable) }
        let jurisdiction = configuration.creditor.jurisdiction
        let report = ClaimReport(
            asOf: day, jurisdiction: jurisdiction, rateMode: rateMode,
            imputation: builder.options(options).imputation(for: jurisdiction), lines: lines,
            leftOut: selection.leftOut)
        if json {
            // The table shows these itself; with --json they go to stderr so that stdout stays one object.
            for warning in report.warnings { Terminal.error("warning: \(warning)") }
            return try Terminal.printJSON(report.output)
        }
        for row in report.table() { Terminal.print(row) }
    }

    private func fail(_ message: String) -> ExitCode {
        Terminal.error("relance claim: \(message)")
        return ExitCode(1)
    }

    private func claimOptions() throws -> LateInterestOptions {
        var options = LateInterestOptions(rateMode: rateMode, paymentImputation: paymentImputation)
        if let text = contractualRate {
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), text.first != ".",
                text.last != ".",
                text.filter({ $0 == "." }).count <= 1,
                let rate = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            else { throw fail("--contractual-rate: not a percentage such as 12.5: \(text)") }
            options.contractualRate = rate
        }
        if let text = notice.noticeDate {
            guard let date = LocalDate(iso: text) else {
                throw fail("--notice-date: not a date YYYY-MM-DD: \(text)")
            }
            options.formalNoticeDate = date
        }
        return options
    }

    /// `--as-of`, or today in the sending time zone.
    private func claimDate(_ configuration: RelanceConfiguration) throws -> LocalDate {
        if let asOf {
            guard let date = LocalDate(iso: asOf) else {
                throw fail("--as-of: not a date YYYY-MM-DD: \(asOf)")
            }
            return date
        }
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
        return LocalDateTime(Date(), in: zone).date
    }

    /// `selected` as the cycle sees them on `day` once the store exists (`ReminderStore.claimSelection`:
    /// payments told with `relance pay` counted, written-off invoices and those under a standing hold left
    /// out), with the told payments' days and the formal notices' receipts (`NoticeReceipts`); before the
    /// first cycle, the ledger's and none. A store that cannot be read exits 2, as `relance preview`.
    private func claimSelection(
        _ selected: [Invoice], ledger: [Invoice], on day: LocalDate, _ configuration: RelanceConfiguration
    ) throws -> (ClaimSelection, told: [String: ToldPayments], receipts: NoticeReceipts) {
        guard FileManager.default.fileExists(atPath: configuration.statePath) else {
            return (ClaimSelection(selected, asOf: day), [:], NoticeReceipts())
        }
        do {
            let store = try SQLiteStore(path: configuration.statePath)
            let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
            return (
                try store.claimSelection(selected, ledger: ledger, on: day, in: zone), try store.toldPayments(),
                try NoticeReceipts(store: store, configuration: configuration, invoices: selected)
            )
        } catch {
            Terminal.error(OperatorStore.describe(error, storePath: configuration.statePath))
            throw ExitCode(2)
        }
    }

    private func selectInvoices(_ invoices: [Invoice], _ configuration: RelanceConfiguration) throws
        -> [Invoice]
    {
        if let number = invoice {
            guard let found = invoices.first(where: { $0.number == number }) else {
                throw fail("unknown invoice \(number): not in the ledger \(configuration.ledger.path)")
            }
            return [found]
        }
        let id = client!
        guard configuration.client(id) != nil else { throw fail("unknown client \(id): not in the config") }
        return invoices.filter { $0.clientID == id }.sorted { ($0.due, $0.number) < ($1.due, $1.number) }
    }
}

extension LateInterestOptions.RateMode: ExpressibleByArgument {}
extension LateInterestOptions.PaymentImputation: ExpressibleByArgument {}
