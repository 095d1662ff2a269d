import RelanceCore

/// A password file that cannot be used. The message names the file, never its content.
public struct PasswordFileError: Error, Sendable, CustomStringConvertible {
    /// Absolute path of the password file.
    public var path: String
    /// Why it could not be used.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot read password file PATH: REASON`.
    public var description: String { "cannot read password file \(path): \(reason)" }
}

/// Reads the SMTP password from `settings.passwordFile`, without one trailing newline
/// (`\n` or `\r\n`); `nil` when no password file is configured.
///
/// Call it when connecting, not at load time, and do not keep the result longer than needed:
/// the configuration never holds the password itself.
public func readPassword(_ settings: SMTPSettings) throws(PasswordFileError) -> String? {
    guard let path = settings.passwordFile else { return nil }
    let bytes: [UInt8]
    switch FileChecks.readAll(path) {
    case .success(let content): bytes = content
    case .failure(let failure): throw PasswordFileError(path: path, reason: failure.reason)
    }
    guard var password = String(validating: bytes, as: UTF8.self) else {
        throw PasswordFileError(path: path, reason: "not valid UTF-8")
    }
    if password.hasSuffix("\r\n") || password.hasSuffix("\n") {
        password.removeLast()  // "\r\n" is a single Character
    }
    return password
}
