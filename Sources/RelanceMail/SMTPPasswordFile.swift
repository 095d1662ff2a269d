import Foundation
import RelanceCore

/// `smtp.password_file` could not be read. Its description names the file, never its content.
public struct SMTPPasswordFileError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be read.
    public let path: String
    /// Why, e.g. "No such file or directory".
    public let reason: String

    public var description: String { "cannot read smtp.password_file \(path): \(reason)" }
}

extension SMTPTransport {
    /// Reads the password named by `settings.passwordFile`: the file's content without its
    /// trailing line break(s). `nil` when the settings name no file.
    /// - Throws: ``SMTPPasswordFileError`` when the file cannot be read or is not UTF-8.
    public static func readPassword(for settings: SMTPSettings) throws(SMTPPasswordFileError) -> String? {
        guard let path = settings.passwordFile else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw SMTPPasswordFileError(path: path, reason: reason)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw SMTPPasswordFileError(path: path, reason: "not UTF-8 text")
        }
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        return text
    }
}
