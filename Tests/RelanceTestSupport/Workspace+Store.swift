import Foundation

extension Workspace {
    /// The folder of the store (`state/`), where its WAL and SHM files live too.
    public var stateFolder: String { URL(fileURLWithPath: statePath).deletingLastPathComponent().path }

    /// `sqlite3 <store> 'PRAGMA integrity_check'`, trimmed: `ok` for a sound store.
    public func integrityCheck() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [statePath, "PRAGMA integrity_check"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sets the ledger's modification time to an hour before `iso`, as a nightly export would leave it
    /// (for runs started without ``runOnce(at:)``, such as a background `run --once` or the daemon).
    public func exportLedger(before iso: String) throws {
        guard let now = ISO8601DateFormatter().date(from: iso) else {
            throw SMTPTestServer.Failure(description: "not an ISO 8601 instant: \(iso)")
        }
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-3600)], ofItemAtPath: ledgerPath)
    }
}
