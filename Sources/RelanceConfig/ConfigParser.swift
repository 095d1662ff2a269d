import Foundation
import RelanceCore

/// Turns the composed YAML tree into a `RelanceConfiguration`, reporting every problem to its log.
///
/// Each section is read by its own extension (`ConfigParser+SMTP.swift`, …); sections that fail
/// still let the others be checked, so one run reports everything.
final class ConfigParser {
    let log: DiagnosticLog
    /// Absolute folder of the config file: relative paths are resolved against it.
    let baseDirectory: String

    static let topLevelKeys = [
        "creditor", "smtp", "state", "templates", "ledger", "rates", "sending", "schedules", "clients",
        "operator",
    ]

    init(log: DiagnosticLog, baseDirectory: String) {
        self.log = log
        self.baseDirectory = baseDirectory
    }

    /// The configuration, or `nil` when anything was reported as an error. `clientsRead`: the items of
    /// `clients:` already read (`ClientReading`), in order.
    func parse(_ root: ConfigNode, sourcePath: String, clientsRead: [ReadClient?] = []) -> RelanceConfiguration? {
        guard let top = MappingReader(root, path: "", position: root.position, log: log) else { return nil }
        top.rejectUnknownKeys(allowed: Self.topLevelKeys)

        let creditor = top.mapping("creditor", required: true).flatMap(parseCreditor)
        let smtp = top.mapping("smtp", required: true).flatMap(parseSMTP)
        let state = path(top, "state", required: true)
        let templates = path(top, "templates", required: true)
        let ledger = top.mapping("ledger", required: true).flatMap(parseLedger)
        let rates = path(top, "rates")
        let sending = parseSending(top.mapping("sending"), jurisdiction: creditor?.jurisdiction ?? .fr)
        let schedules = parseSchedules(top)
        let clients = parseClients(top, schedules: schedules, read: clientsRead)
        let operatorSettings = top.mapping("operator").flatMap(parseOperator)

        if let templates, let schedules, let clients {
            checkTemplates(folder: templates, schedules: schedules, clients: clients)
        }
        // The digest names every client's debts: it must reach only the creditor's side, never a debtor.
        if let settings = operatorSettings, let clients,
            let debtor = clients.clients.first(where: { client in
                (client.emails + client.cc).contains { $0.value.lowercased() == settings.email.value.lowercased() }
            }),
            let position = top.mapping("operator")?.entry("email")?.valuePosition
        {
            log.error(
                "`operator.email` \(settings.email.value) is an address of client \(debtor.id): the digest names other "
                    + "clients' debts and goes to the creditor's side only", at: position)
        }

        guard !log.hasErrors, let creditor, let smtp, let state, let templates, let ledger, let sending,
            let schedules, let clients
        else { return nil }
        return RelanceConfiguration(
            sourcePath: sourcePath, creditor: creditor, smtp: smtp, statePath: state.value,
            templatesPath: templates.value, ledger: ledger, ratesPath: rates?.value, sending: sending,
            schedules: schedules.byName, clients: clients.clients, operatorSettings: operatorSettings)
    }

    /// A path value made absolute against the config file's folder.
    func path(_ reader: MappingReader, _ key: String, required: Bool = false) -> Located<String>? {
        guard let text = reader.text(key, required: required) else { return nil }
        if text.value.isBlank {
            log.error("`\(reader.qualified(key))` must not be empty", at: text.position)
            return nil
        }
        return Located(value: absolutePath(text.value), position: text.position)
    }

    func absolutePath(_ path: String) -> String {
        Self.absolutePath(path, relativeTo: baseDirectory)
    }

    /// `path` if absolute, else `directory/path`; `.` and `..` components are folded.
    static func absolutePath(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A validated email address, or a diagnostic naming the key.
    func emailAddress(_ text: Located<String>, name: @autoclosure () -> String) -> EmailAddress? {
        guard let address = EmailAddress(text.value) else {
            log.error("`\(name())`: `\(text.value)` is not a valid email address", at: text.position)
            return nil
        }
        return address
    }

    /// Email addresses from a list of texts; each bad one is reported.
    func emailAddresses(_ reader: MappingReader, _ key: String, required: Bool = false) -> [EmailAddress]? {
        guard let texts = reader.textList(key, required: required) else { return nil }
        let name = reader.qualified(key)
        return texts.enumerated().compactMap { index, text in emailAddress(text, name: "\(name)[\(index)]") }
    }

    /// Reports a time zone identifier that the system does not know.
    func checkTimeZone(_ text: Located<String>, name: String) -> Bool {
        guard TimeZone(identifier: text.value) != nil else {
            log.error(
                "`\(name)`: unknown time zone `\(text.value)` (use an IANA name such as Europe/Paris)",
                at: text.position)
            return false
        }
        return true
    }
}
