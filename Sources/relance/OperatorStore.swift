import ArgumentParser
import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceStore

/// Opening the store for an operator's command, with the contract's exit codes.
enum OperatorStore {
    /// One line for a store that failed: the cause in plain words (read-only file system, disk full)
    /// from `StoreError.explain`, with the store's path in front when that line does not name it.
    static func describe(_ error: any Error, storePath path: String) -> String {
        let text = StoreError.explain(error, storePath: path)
        return text.contains(path) ? text : "store \(path): \(text)"
    }

    /// Runs `body` with the configured store: an invalid config, a `ValidationError` or a refused store
    /// operation exits 1, a store that cannot be opened or read exits 2. The message goes to stderr and,
    /// with `json`, an `{"error": …, "exit_code": …}` object to stdout.
    static func with<T>(
        _ global: GlobalOptions, json: Bool = false, _ body: (SQLiteStore, RelanceConfiguration) throws -> T
    ) throws -> T {
        let configuration = try load(global, json: json)
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: configuration.statePath)
        } catch {
            throw ActionOutput.fail(json: json, OperatorStore.describe(error, storePath: configuration.statePath), code: 2)
        }
        do {
            return try body(store, configuration)
        } catch let error as ValidationError {
            throw ActionOutput.fail(json: json, error.message, code: 1)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as StoreError {
            throw ActionOutput.fail(json: json, "\(error)", code: 1)
        } catch {
            throw ActionOutput.fail(json: json, OperatorStore.describe(error, storePath: configuration.statePath), code: 2)
        }
    }

    /// The configuration; with `json`, an invalid one is also reported as an error object listing the problems.
    private static func load(_ global: GlobalOptions, json: Bool) throws -> RelanceConfiguration {
        guard json else { return try global.loadConfiguration(printWarnings: false).configuration }
        do {
            return try ConfigurationLoader().load(path: global.configPath).configuration
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            try? Terminal.printJSON(ActionOutput.Failure(
                error: "invalid config \(global.configPath)", exit_code: 1, problems: error.diagnostics.map(\.description)))
            throw ExitCode(1)
        }
    }

    /// The invoice as last seen in the ledger, or a clear error.
    static func invoice(_ number: String, in store: SQLiteStore) throws -> StoredInvoice {
        guard let invoice = try store.invoices().first(where: { $0.number == number }) else {
            throw ValidationError("unknown invoice \(number) (not in the ledger as relance last read it)")
        }
        return invoice
    }

    /// What the ledger file says is paid on `stored`'s invoice now: what the next cycle will read, which
    /// may be a newer export than the store's copy (`stored.paid`, from the last cycle), or the payments
    /// file (`ledger.payments`) up to `today` when it says more, as the cycle counts it. The store's copy
    /// when the ledger cannot be read, no longer lists the invoice or lists it in another currency. A
    /// payments file that cannot be read refuses (the cycle holds every send then): a baseline without
    /// it could count an earlier payment as the promised one.
    static func ledgerPaidNow(_ stored: StoredInvoice, _ configuration: RelanceConfiguration, today: LocalDate) throws -> Money {
        guard let snapshot = try? LedgerSnapshot.read(configuration),
            let current = snapshot.invoices.first(where: { $0.number == stored.number }),
            current.paid.currency == stored.paid.currency
        else { return stored.paid }
        let file: PaymentsFile?
        do {
            file = try PaymentsFile.read(configuration, invoices: [current], on: today)
        } catch {
            throw ValidationError("\(error.description): cannot tell what is paid on \(stored.number) today")
        }
        return SQLiteStore.seenPaid(ledger: current.paid, also: [file?.paid[current.number]])
    }

    /// Parses `YYYY-MM-DD`.
    static func date(_ text: String, _ option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw ValidationError("\(option): not a date (YYYY-MM-DD): \(text)") }
        return date
    }

    /// `date(_:_:)` for the end of a hold (a review, the end of a pause): today or later, since a hold
    /// that ends before it starts would stop nothing and still show as standing until the next cycle.
    static func date(_ text: String, _ option: String, notBefore today: LocalDate) throws -> LocalDate {
        let day = try date(text, option)
        guard day >= today else { throw ValidationError("\(option): \(text) is before today (\(today))") }
        return day
    }
}
