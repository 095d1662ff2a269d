import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance-bench import`: the daemon's ledger path — read and parse the CSV (`LedgerSnapshot.read`),
/// then `syncLedger` into the store at `--state` (created if absent: a first import; existing: a re-sync
/// that writes only what changed).
///
/// Prints `parse_ms sync_ms total_ms cpu_ms invoices added changed settled vanished unchanged peak_rss_kib`.
struct ImportBenchmark {
    let arguments: BenchArguments

    init(arguments: inout BenchArguments) throws {
        self.arguments = arguments
    }

    func run() throws {
        let now = try arguments.now()
        var configuration = try arguments.configuration()
        if let ledger = arguments.value("ledger") { configuration.ledger.path = ledger }
        let store = try SQLiteStore(path: try arguments.required("state"))
        let cpuStart = cpuMilliseconds()
        let (snapshot, parseMs) = try milliseconds { try LedgerSnapshot.read(configuration) }
        let (sync, syncMs) = try milliseconds { try store.syncLedger(snapshot.invoices, at: now) }
        let totalMs = parseMs + syncMs
        let cpuMs = cpuMilliseconds() - cpuStart
        let figures: [(String, String)] = [
            ("parse_ms", format(parseMs)), ("sync_ms", format(syncMs)), ("total_ms", format(totalMs)), ("cpu_ms", format(cpuMs)),
            ("invoices", "\(snapshot.invoices.count)"), ("rejected", "\(snapshot.rejected.count)"),
            ("added", "\(sync.added)"), ("changed", "\(sync.changed)"), ("settled", "\(sync.settled)"),
            ("vanished", "\(sync.vanished)"), ("unchanged", "\(sync.unchanged)"),
            ("peak_rss_kib", "\(ProcessMemory.peakKiB)"),
        ]
        print(figures.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}
