import Foundation
import RelanceCore

extension ConfigParser {
    static let smtpKeys = [
        "url", "starttls", "username", "password_file", "timeout_seconds", "max_connections",
        "max_per_minute", "max_deferred_hours", "undeliverable_after_deferrals",
    ]

    /// The `smtp:` section. The password file is checked for readability, never read into memory.
    func parseSMTP(_ reader: MappingReader) -> SMTPSettings? {
        reader.rejectUnknownKeys(
            allowed: Self.smtpKeys,
            explanations: [
                "password": "`smtp.password` is not allowed: never put the password in the config; "
                    + "write it to a file and set `password_file`"
            ])
        var valid = true
        let url = reader.text("url", required: true)
        if let url, !checkSMTPURL(url) { valid = false }
        let startTLS = optional(reader, "starttls", valid: &valid) {
            reader.choice($0, StartTLSPolicy.init(rawValue:), names: ["required", "optional", "never"])
        }
        let username = reader.text("username")
        let passwordFile = path(reader, "password_file")
        if let passwordFile { checkPasswordFile(passwordFile) }
        let timeout = optional(reader, "timeout_seconds", valid: &valid) { reader.integer($0, minimum: 1, maximum: 3_600) }
        let connections = optional(reader, "max_connections", valid: &valid) {
            reader.integer($0, minimum: 1, maximum: 64)
        }
        let perMinute = optional(reader, "max_per_minute", valid: &valid) {
            reader.integer($0, minimum: 1, maximum: 1_000_000)
        }
        let deferredHours = optional(reader, "max_deferred_hours", valid: &valid) {
            reader.integer($0, minimum: 1, maximum: 1_000_000)
        }
        let deferrals = optional(reader, "undeliverable_after_deferrals", valid: &valid) {
            reader.integer($0, minimum: 1, maximum: 1_000)
        }

        guard valid, let url else { return nil }
        return SMTPSettings(
            url: url.value, startTLS: startTLS?.value ?? .required, username: username?.value,
            passwordFile: passwordFile?.value, timeoutSeconds: timeout?.value ?? 30,
            maxConnections: connections?.value ?? 2, maxPerMinute: perMinute?.value ?? 60,
            maxDeferredHours: deferredHours?.value ?? 72,
            undeliverableAfterDeferrals: deferrals?.value ?? 5)
    }

    /// Reads an optional key with `read`; clears `valid` when the key is present but its value bad.
    func optional<T>(
        _ reader: MappingReader, _ key: String, valid: inout Bool, _ read: (String) -> Located<T>?
    ) -> Located<T>? {
        let value = read(key)
        if value == nil, reader.entry(key) != nil { valid = false }
        return value
    }

    /// `smtp://host[:port]` or `smtps://host[:port]`, without credentials. The URL is not echoed:
    /// it may hold a password by mistake.
    private func checkSMTPURL(_ url: Located<String>) -> Bool {
        let lower = url.value.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            log.error("`smtp.url` must start with smtp:// or smtps://", at: url.position)
            return false
        }
        guard let components = URLComponents(string: url.value) else {
            log.error("`smtp.url` is not a valid URL", at: url.position)
            return false
        }
        if components.password != nil {
            log.error(
                "`smtp.url` must not contain a password; write it to a file and set `smtp.password_file`",
                at: url.position)
            return false
        }
        guard let host = components.host, !host.isEmpty else {
            log.error("`smtp.url` has no host name", at: url.position)
            return false
        }
        if let port = components.port, !(1...65_535).contains(port) {
            log.error("`smtp.url` has port \(port): a port is 1 to 65535", at: url.position)
            return false
        }
        return true
    }

    /// Reports a password file that cannot be opened, and warns when others may read it.
    private func checkPasswordFile(_ file: Located<String>) {
        if let reason = FileChecks.unreadableReason(file.value) {
            log.error("`smtp.password_file`: cannot read \(file.value): \(reason)", at: file.position)
            return
        }
        guard let mode = FileChecks.permissions(of: file.value) else { return }
        let problem: String
        if let who = FileChecks.outsiders(mode, mask: 0o044) {
            problem = "readable by \(who)"
        } else if let who = FileChecks.outsiders(mode, mask: 0o033) {
            problem = "accessible by \(who)"
        } else {
            return
        }
        log.warning(
            "password file \(file.value) is \(problem) (mode \(FileChecks.octal(mode))); chmod 600 it",
            at: file.position)
    }
}
