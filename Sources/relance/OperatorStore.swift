import ArgumentParser
import Foundation
import RelanceCore
import RelanceStore

/// Opening the store for an operator's command, with the contract's exit codes.
enum OperatorStore {
    /// Runs `body` with the configured store: store failures exit 2, `ValidationError`s exit 1.
    static func with<T>(_ global: GlobalOptions, _ body: (SQLiteStore, RelanceConfiguration) throws -> T) throws -> T {
        let configuration = try global.loadConfiguration(printWarnings: false).configuration
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: configuration.statePath)
        } catch {
            Terminal.error("store \(configuration.statePath): \(error)")
            throw ExitCode(2)
        }
        do {
            return try body(store, configuration)
        } catch let error as ValidationError {
            Terminal.error(error.message)
            throw ExitCode(1)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as StoreError {
            Terminal.error("\(error)")
            throw ExitCode(1)
        } catch {
            Terminal.error("store \(configuration.statePath): \(error)")
            throw ExitCode(2)
        }
    }

    /// The invoice as last seen in the ledger, or a clear error.
    static func invoice(_ number: String, in store: SQLiteStore) throws -> StoredInvoice {
        guard let invoice = try store.invoices().first(where: { $0.number == number }) else {
            throw ValidationError("unknown invoice \(number) (not in the ledger as relance last read it)")
        }
        return invoice
    }

    /// Parses `YYYY-MM-DD`.
    static func date(_ text: String, _ option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw ValidationError("\(option): not a date (YYYY-MM-DD): \(text)") }
        return date
    }
}
