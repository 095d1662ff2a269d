import Foundation
import RelanceCore
@testable import RelanceMail

/// Shared values and small parsers for the mail tests.
enum Fixtures {
    static func address(_ text: String) -> EmailAddress {
        guard let address = EmailAddress(text) else { fatalError("bad test address \(text)") }
        return address
    }

    static func date(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return date
    }

    static func euros(_ text: String) -> Money {
        guard let money = Money(decimal: text, currency: .eur) else { fatalError("bad test amount \(text)") }
        return money
    }

    static let creditor = Creditor(
        name: "Atelier Dupont SARL", email: address("compta@atelier-dupont.fr"),
        replyTo: address("relances@atelier-dupont.fr"), phone: "+33 1 23 45 67 89",
        address: ["12 rue des Lilas", "75011 Paris"], siren: "123456789",
        iban: "FR76 3000 6000 0112 3456 7890 189", jurisdiction: .fr)

    static func client(
        name: String = "Boulangerie Martin SAS", contact: String? = "Mme Claire Martin", language: Language = .fr,
        kind: ClientKind = .business
    ) -> Client {
        Client(
            id: "C001", name: name, contact: contact, emails: [address("compta@boulangerie-martin.fr")],
            cc: [address("direction@boulangerie-martin.fr")], language: language, scheduleName: "standard",
            kind: kind, address: ["3 place du Marché", "69002 Lyon"])
    }

    static func invoice(_ number: String, amount: String, paid: String = "0", due: String = "2026-10-31") -> Invoice {
        Invoice(
            number: number, clientID: "C001", issued: date("2026-10-01"), due: date(due), amount: euros(amount),
            paid: euros(paid))
    }

    /// Two invoices, both late on 2026-11-18.
    static let today = date("2026-11-18")
    static var twoLines: [ReminderLine] {
        [
            ReminderLine(invoice: invoice("F-2026-101", amount: "1234.56"), today: today),
            ReminderLine(invoice: invoice("F-2026-117", amount: "800.00", paid: "300.00", due: "2026-11-10"), today: today),
        ]
    }

    /// 2026-11-17 08:00:00 UTC (09:00 in Paris).
    static let instant = Date(timeIntervalSince1970: 1_794_902_400)
    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    static var shippedTemplates: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/templates").path
    }
}

/// A message split the way a mail reader splits it.
struct ParsedMessage {
    /// Unfolded header fields, in order: (name, value).
    var fields: [(name: String, value: String)]
    /// Physical header lines, as sent.
    var headerLines: [String]
    var body: String

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let split = text.range(of: "\r\n\r\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        body = split.map { String(text[$0.upperBound...]) } ?? ""
        headerLines = head.components(separatedBy: "\r\n")
        fields = []
        for line in headerLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
                fields.append((String(line[..<colon]), String(value)))
            } else {
                fields.append((line, ""))
            }
        }
    }

    func value(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var names: [String] { fields.map(\.name) }
}

/// Every CR is followed by LF and every LF preceded by CR.
func hasOnlyCRLF(_ bytes: [UInt8]) -> Bool {
    for (index, byte) in bytes.enumerated() {
        if byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A) { return false }
        if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { return false }
    }
    return true
}

/// The decoded text of every quoted-printable part of a message, keyed by content type.
func decodedParts(_ bytes: [UInt8]) -> [String: String] {
    let text = String(decoding: bytes, as: UTF8.self)
    var parts: [String: String] = [:]
    for chunk in text.components(separatedBy: "\r\n--") {
        guard let split = chunk.range(of: "\r\n\r\n") else { continue }
        let head = ParsedMessage(Array(chunk[..<split.lowerBound].utf8) + Array("\r\n\r\n".utf8))
        guard let type = head.value("Content-Type"), head.value("Content-Transfer-Encoding") == "quoted-printable"
        else { continue }
        let subtype = type.hasPrefix("text/html") ? "html" : "plain"
        let body = String(chunk[split.upperBound...])
        parts[subtype] = String(decoding: QuotedPrintable.decode(body), as: UTF8.self)
    }
    return parts
}
