import Foundation
import Logging
import RelanceCore

/// A swift-log handler that writes one line per event on stderr, for journald:
/// `<6>event=reminder.sent client=C001 step=first …`.
///
/// The log message is the event name; metadata become `key=value` pairs in the order given by
/// `orderedKeys` first, then alphabetically. Values with spaces, quotes or `=` are quoted; control
/// characters (CR, LF …) are escaped, so one event is always exactly one line.
public struct LogfmtLogHandler: LogHandler {
    /// Output format: logfmt (default) or one JSON object per line.
    public enum Format: String, Sendable { case logfmt, json }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let format: Format
    private let sink: @Sendable (String) -> Void

    public init(label: String, format: Format = .logfmt, sink: (@Sendable (String) -> Void)? = nil) {
        self.format = format
        self.sink = sink ?? { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        sink(Self.render(level: event.level, event: "\(event.message)", metadata: merged, format: format))
    }

    /// Keys that come right after `event=`, in this order, when present.
    static let orderedKeys = ["client", "invoices", "invoice", "step", "to", "smtp_code", "message_id"]

    /// Renders one line, newline-terminated.
    public static func render(level: Logger.Level, event: String, metadata: Logger.Metadata, format: Format = .logfmt) -> String {
        let keys = orderedKeys.filter { metadata[$0] != nil }
            + metadata.keys.filter { !orderedKeys.contains($0) }.sorted()
        switch format {
        case .logfmt:
            var line = "<\(priority(level))>event=\(Logfmt.quote(event))"
            for key in keys { line += " \(key)=\(Logfmt.quote(flatten(metadata[key]!)))" }
            return line + "\n"
        case .json:
            var line = "{\"priority\":\(priority(level)),\"event\":\(jsonString(event))"
            for key in keys { line += ",\(jsonString(key)):\(jsonString(flatten(metadata[key]!)))" }
            return line + "}\n"
        }
    }

    /// syslog priorities as journald reads them from a `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return a.map(flatten).joined(separator: ",")
        case .dictionary(let d): return d.sorted { $0.key < $1.key }.map { "\($0.key):\(flatten($0.value))" }.joined(separator: ",")
        }
    }

    static func jsonString(_ value: String) -> String { "\"" + Logfmt.escaped(value) + "\"" }
}
