import Foundation

/// Helpers for the reliability tests (fault matrix, injection): reading logfmt fields, `status --json`,
/// the Message-IDs a server received, and configs with SMTP authentication.
public enum LogfmtField {
    /// The `key=value` pairs of one logfmt line, in order, values unquoted and unescaped. A leading
    /// journald priority (`<6>`) is skipped.
    public static func pairs(_ line: String) -> [(key: String, value: String)] {
        var s = Substring(line)
        if s.first == "<", let close = s.firstIndex(of: ">") { s = s[s.index(after: close)...] }
        var result: [(String, String)] = []
        while !s.isEmpty {
            while s.first == " " { s = s.dropFirst() }
            guard let equals = s.firstIndex(of: "=") else { break }
            let key = String(s[..<equals])
            s = s[s.index(after: equals)...]
            var value = ""
            if s.first == "\"" {
                s = s.dropFirst()
                while let c = s.first, c != "\"" {
                    s = s.dropFirst()
                    guard c == "\\", let escaped = s.first else {
                        value.append(c)
                        continue
                    }
                    s = s.dropFirst()
                    switch escaped {
                    case "n": value += "\n"
                    case "r": value += "\r"
                    case "t": value += "\t"
                    case "u":
                        let hex = String(s.prefix(4))
                        s = s.dropFirst(4)
                        if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                            value.unicodeScalars.append(scalar)
                        }
                    default: value.append(escaped)
                    }
                }
                s = s.dropFirst()
            } else {
                let end = s.firstIndex(of: " ") ?? s.endIndex
                value = String(s[..<end])
                s = s[end...]
            }
            result.append((key, value))
        }
        return result
    }

    /// The value of `key` in one logfmt line, or nil when absent.
    ///
    ///     LogfmtField.value("smtp_code", in: #"<6>event=reminder.sent smtp_code=250 reply="250 Ok""#)  // "250"
    public static func value(_ key: String, in line: String) -> String? {
        pairs(line).first { $0.key == key }?.value
    }
}

extension Workspace {
    /// `relance status --json`, parsed.
    public func statusJSON() throws -> [String: Any] {
        let status = try relance("status", "--json")
        guard status.status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        else {
            throw SMTPTestServer.Failure(description: "status --json failed (\(status.status)): \(status.stderr)")
        }
        return json
    }

    /// The `messages` object of `relance status --json`: message count by state.
    public func messageStates() throws -> [String: Int] {
        try statusJSON()["messages"] as? [String: Int] ?? [:]
    }

    /// The path of the SMTP password file written by ``writePassword(_:)``.
    public var passwordPath: String { folder.appendingPathComponent("smtp-password").path }

    /// Writes the SMTP password file (mode 0600, one line).
    public func writePassword(_ password: String) throws {
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: passwordPath))
        chmod(passwordPath, 0o600)
    }

    /// The demo config with `smtp.username` and `smtp.password_file: smtp-password` (relative to the
    /// config's folder) added.
    public static func exampleConfig(
        smtpURL: String, startTLS: String = "never", timeout: Int = 10, username: String
    ) throws -> String {
        let base = try exampleConfig(smtpURL: smtpURL, startTLS: startTLS, timeout: timeout)
        let line = "  starttls: \(startTLS)\n"
        guard base.contains(line) else {
            throw SMTPTestServer.Failure(description: "the example config has no `starttls:` line to extend")
        }
        return base.replacingOccurrences(
            of: line, with: line + "  username: \"\(username)\"\n  password_file: \"smtp-password\"\n")
    }

    /// Every regular file under the workspace's state folder (the store and its WAL/SHM/journal files).
    public func stateFiles() throws -> [URL] {
        let state = URL(fileURLWithPath: statePath).deletingLastPathComponent()
        guard let walker = FileManager.default.enumerator(at: state, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}

extension SMTPTestServer.Message {
    /// The message's `Message-ID` header, without angle brackets.
    public var messageID: String? {
        ReceivedMail(bytes: bytes).header("Message-ID").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        }
    }

    /// The raw header block (up to the first empty line), with unfolded lines split as received.
    public var headerBlock: String {
        let raw = text
        let end = raw.range(of: "\r\n\r\n") ?? raw.range(of: "\n\n")
        return end.map { String(raw[..<$0.lowerBound]) } ?? raw
    }

    /// The names of the header fields, in order, read from the raw bytes (continuation lines skipped).
    public var rawHeaderNames: [String] {
        headerBlock.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.first == " " || $0.first == "\t") }
            .map { line in line.firstIndex(of: ":").map { String(line[..<$0]) } ?? String(line) }
    }
}

extension SMTPTestServer {
    /// The Message-IDs of every accepted message, in order (duplicates kept, for counting them).
    public func receivedMessageIDs() throws -> [String] {
        try received().map { $0.messageID ?? "(none in message \($0.number))" }
    }
}
