import Foundation
import RelanceCore

/// Removes a secret (the SMTP password) from texts before they leave the transport: in clear, and
/// in base64 (as `AUTH PLAIN`/`AUTH LOGIN` would carry it), in case a server echoes it.
struct SMTPRedactor: Sendable {
    private let needles: [String]

    /// Secrets shorter than 4 characters are not searched for: replacing them would mangle every
    /// reply, and such a password offers no protection anyway.
    init(secret: String?) {
        guard let secret, secret.count >= 4 else {
            needles = []
            return
        }
        needles = [secret, Data(secret.utf8).base64EncodedString()]
    }

    func scrub(_ text: String) -> String {
        needles.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    func scrub(_ outcome: DeliveryOutcome) -> DeliveryOutcome {
        guard !needles.isEmpty else { return outcome }
        switch outcome {
        case .accepted(let code, let reply): return .accepted(code: code, reply: scrub(reply))
        case .transient(let code, let reply): return .transient(code: code, reply: scrub(reply))
        case .permanent(let code, let reply): return .permanent(code: code, reply: scrub(reply))
        case .unknown(let reason): return .unknown(reason: scrub(reason))
        }
    }
}
