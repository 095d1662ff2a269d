import Foundation
import RelanceCore
import RelanceMail

/// Addresses, messages and transports shared by the SMTP tests.
enum SMTPFixtures {
    static let sender = EmailAddress("compta@atelier-dupont.fr")!
    static let client = EmailAddress("compta@boulangerie-martin.fr")!
    static let other = EmailAddress("direction@boulangerie-martin.fr")!

    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    /// A small CRLF message with a UTF-8 body and a line that needs dot-stuffing.
    static func message(_ subject: String = "Relance facture F-2025-001", body: String = "Bonjour,") -> [UInt8] {
        let text = [
            "From: Atelier Dupont <compta@atelier-dupont.fr>",
            "To: compta@boulangerie-martin.fr",
            "Subject: \(subject)",
            "Message-ID: <\(UUID().uuidString)@atelier-dupont.fr>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            body,
            ".une ligne qui commence par un point",
            "..et une autre",
            "Montant dû : 1 200,00 €",
            "",
        ].joined(separator: "\r\n")
        return Array(text.utf8)
    }

    static func transport(
        _ url: String, startTLS: StartTLSPolicy = .never, timeout: Int = 5, username: String? = nil,
        passwordFile: String? = nil, password: String? = nil, ehloName: String? = nil
    ) -> SMTPTransport {
        let settings = SMTPSettings(
            url: url, startTLS: startTLS, username: username, passwordFile: passwordFile, timeoutSeconds: timeout)
        return SMTPTransport(settings: settings, password: password, ehloName: ehloName)
    }
}
