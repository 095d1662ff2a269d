import Foundation

/// A throw-away relance installation: a config, the shipped templates, a ledger and a state folder in
/// a temporary directory.
public final class Workspace {
    public let folder: URL
    public var configPath: String { folder.appendingPathComponent("relance.yaml").path }
    public var ledgerPath: String { folder.appendingPathComponent("ledger.csv").path }
    public var statePath: String { folder.appendingPathComponent("state/relance.sqlite").path }

    /// The repository root (for `Config/templates` and `Tests/Support`).
    public static func repositoryRoot(file: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Creates the folder with the shipped templates and invoice PDFs and the given config and ledger.
    public init(config: String, ledger: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for shipped in ["templates", "invoices"] {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot().appendingPathComponent("Config/\(shipped)"), to: folder.appendingPathComponent(shipped))
        }
        try write(config: config)
        try write(ledger: ledger)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Replaces the config (mode 0600, as an operator would keep it).
    public func write(config: String) throws {
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        chmod(configPath, 0o600)
    }

    /// The ledger's pinned modification time: 2026-11-17 08:00 Paris, the morning of the demo. Tests
    /// never depend on the real clock; a run far ahead refreshes it with `runOnce(at:)`.
    public static let ledgerExported = Date(timeIntervalSince1970: 1_794_898_800)

    /// Replaces the ledger, with the pinned export time as its modification time.
    public func write(ledger: String, exported: Date = Workspace.ledgerExported) throws {
        try Data(ledger.utf8).write(to: URL(fileURLWithPath: ledgerPath))
        try FileManager.default.setAttributes([.modificationDate: exported], ofItemAtPath: ledgerPath)
    }

    /// `relance run --once --now ISO` after a fresh export an hour before that instant (as an operator's
    /// nightly export would be), so the stale-ledger guard does not hold it.
    public func runOnce(at iso: String) throws -> RelanceProcess.Result {
        let formatter = ISO8601DateFormatter()
        if let now = formatter.date(from: iso) {
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-3600)], ofItemAtPath: ledgerPath)
        }
        return try relance("run", "--once", "--now", iso)
    }

    /// `relance <command> --config <this config> arguments…`
    public func relance(_ command: String, _ arguments: String..., environment: [String: String] = [:]) throws -> RelanceProcess.Result {
        try RelanceProcess.run([command, "--config", configPath] + arguments, environment: environment)
    }

    /// The demo's config (`Config/relance.yaml`) pointed at `smtpURL`, with the given STARTTLS policy.
    public static func exampleConfig(smtpURL: String, startTLS: String = "never", timeout: Int = 10) throws -> String {
        var text = try String(contentsOf: repositoryRoot().appendingPathComponent("Config/relance.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "smtp://127.0.0.1:2525", with: smtpURL)
        text = text.replacingOccurrences(of: "starttls: never", with: "starttls: \(startTLS)")
        text = text.replacingOccurrences(of: "timeout_seconds: 30", with: "timeout_seconds: \(timeout)")
        return text
    }

    /// The demo's ledger (`Config/ledger.csv`).
    public static func exampleLedger() throws -> String {
        try String(contentsOf: repositoryRoot().appendingPathComponent("Config/ledger.csv"), encoding: .utf8)
    }
}
