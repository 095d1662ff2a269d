import Foundation
import RelanceCore
import RelanceDocuments

/// Parties, invoices and claims for the document tests, and text extraction with poppler.
enum DocumentFixtures {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func money(_ text: String) -> Money { Money(decimal: text, currency: .eur)! }

    static let creditor = Creditor(
        name: "Atelier Dupont SARL", email: EmailAddress("compta@atelier-dupont.fr")!, phone: "+33 1 23 45 67 89",
        address: ["12 rue des Lilas", "75011 Paris"], siren: "123456789",
        iban: "FR76 3000 6000 0112 3456 7890 189")

    static func client(kind: ClientKind = .business, language: Language = .fr) -> Client {
        Client(
            id: kind == .business ? "C001" : "P042",
            name: kind == .business ? "Boulangerie Martin SAS" : "Jérôme Lefèvre",
            contact: kind == .business ? "Mme Claire Martin" : nil,
            emails: [EmailAddress("compta@boulangerie-martin.fr")!], language: language, scheduleName: "standard",
            kind: kind, address: ["3 place du Marché", "69002 Lyon"])
    }

    static func invoice(_ number: String, client: String = "C001", issued: String = "2025-03-01",
        due: String = "2025-03-31", amount: String = "1200.00", paid: String = "0") -> Invoice
    {
        Invoice(number: number, clientID: client, issued: date(issued), due: date(due), amount: money(amount),
            paid: money(paid))
    }

    /// The invoice with its claim on `asOf`, the ledger's `paid` counted on the due date.
    static func claimed(_ invoice: Invoice, kind: ClientKind = .business, asOf: String,
        options: LateInterestOptions = LateInterestOptions()) -> ClaimedInvoice
    {
        let payments = invoice.paid.isPositive
            ? [Payment(invoice: invoice.number, date: invoice.due, amount: invoice.paid)] : []
        let claim = LateInterestCalculator().claim(
            invoice: invoice, payments: payments, clientKind: kind, jurisdiction: .fr, asOf: date(asOf),
            options: options)
        return ClaimedInvoice(invoice: invoice, claim: claim)
    }

    /// A temporary folder for one test.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "relance-docs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a tool and returns its standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The PDF's text (pdftotext -layout), whitespace (incl. U+00A0, U+202F) collapsed to single spaces.
    static func text(ofPDFAt path: String) throws -> String {
        normalised(try run("/usr/bin/pdftotext", ["-layout", path, "-"]))
    }

    /// The text of PDF bytes (written to a temporary file first).
    static func text(of pdf: [UInt8]) throws -> String {
        let path = try temporaryFolder() + "/doc.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        return try text(ofPDFAt: path)
    }

    /// The page count reported by pdfinfo.
    static func pages(of pdf: [UInt8]) throws -> Int {
        let path = try temporaryFolder() + "/doc.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        let info = try run("/usr/bin/pdfinfo", [path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// Collapses every run of whitespace (U+00A0 and U+202F included) to one space.
    static func normalised(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{202F}" {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A French amount as the tests compare it (`1 234,56 €`, spaces normalised).
    static func french(_ money: Money) -> String { normalised(Language.fr.format(money)) }
}
