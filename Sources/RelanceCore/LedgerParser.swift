/// Reads the contract's ledger CSV: `invoice, client, issued, due, amount, currency, paid[, pdf]`, extra
/// columns ignored, in any order.
public struct LedgerParser: Sendable {
    public static let requiredColumns = ["invoice", "client", "issued", "due", "amount", "currency", "paid"]

    /// Client ids that exist in the config; rows naming another client are rejected.
    public var knownClients: Set<ClientID>
    /// Folder that relative `pdf` paths are resolved against.
    public var baseFolder: String

    public init(knownClients: Set<ClientID>, baseFolder: String) {
        self.knownClients = knownClients
        self.baseFolder = baseFolder
    }

    /// Parses the bytes of a ledger file. Rows sharing an invoice number are all rejected: relance cannot
    /// tell which one is true, and guessing could remind a paid invoice.
    public func parse(_ bytes: [UInt8]) throws(LedgerFormatError) -> LedgerParseResult {
        var reader = CSVReader(bytes: bytes).makeIterator()
        let column = try reader.header(requiring: Self.requiredColumns, in: "ledger")
        var accepted: [Invoice] = []
        var rejected: [LedgerRowError] = []
        var firstLine: [String: Int] = [:]
        var duplicated: [String: [Int]] = [:]
        while let record = reader.next() {
            switch row(record, column) {
            case .success(let invoice):
                if let first = firstLine[invoice.number] {
                    duplicated[invoice.number, default: [first]].append(record.line)
                } else {
                    firstLine[invoice.number] = record.line
                    accepted.append(invoice)
                }
            case .failure(let error): rejected.append(error)
            }
        }
        if !duplicated.isEmpty {
            accepted.removeAll { duplicated[$0.number] != nil }
            for (number, lines) in duplicated {
                for line in lines {
                    let others = lines.filter { $0 != line }.map(String.init).joined(separator: ", ")
                    rejected.append(LedgerRowError(line: line, field: "invoice",
                        reason: "duplicate invoice number \(number) (also on line \(others)); every copy is ignored"))
                }
            }
            rejected.sort { $0.line < $1.line }
        }
        return LedgerParseResult(invoices: accepted, rejected: rejected)
    }

    private func row(_ record: CSVReader.Record, _ column: [String: Int]) -> Result<Invoice, LedgerRowError> {
        let line = record.line
        func fail(_ field: String?, _ reason: String) -> Result<Invoice, LedgerRowError> {
            .failure(LedgerRowError(line: line, field: field, reason: reason))
        }
        if let problem = record.problem { return fail(nil, problem) }
        func value(_ name: String) -> String { record.value(name, in: column) }
        let number = value("invoice")
        guard !number.isEmpty else { return fail("invoice", "empty invoice number") }
        guard number.utf8.count <= 64, !number.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return fail("invoice", "invoice number longer than 64 bytes or with control characters") }
        let client = value("client")
        guard knownClients.contains(client) else {
            return fail("client", client.isEmpty ? "empty client id" : "unknown client \(client.debugDescription)")
        }
        guard let issued = LocalDate(iso: value("issued")) else {
            return fail("issued", "not a date (YYYY-MM-DD): \(value("issued").debugDescription)")
        }
        guard let due = LocalDate(iso: value("due")) else {
            return fail("due", "not a date (YYYY-MM-DD): \(value("due").debugDescription)")
        }
        guard due >= issued else { return fail("due", "due date \(due) is before the issue date \(issued)") }
        guard let currency = Currency(code: value("currency")) else {
            return fail("currency", "not an ISO 4217 code: \(value("currency").debugDescription)")
        }
        guard let amount = Money(decimal: value("amount"), currency: currency) else {
            return fail("amount", "not an amount with at most \(currency.minorDigits) decimals: \(value("amount").debugDescription)")
        }
        guard amount.isPositive else { return fail("amount", "amount must be positive, got \(amount.plainText)") }
        let paidText = value("paid")
        guard let paid = paidText.isEmpty ? .zero(currency) : Money(decimal: paidText, currency: currency) else {
            return fail("paid", "not an amount with at most \(currency.minorDigits) decimals: \(paidText.debugDescription)")
        }
        guard paid.minorUnits >= 0 else { return fail("paid", "paid amount is negative: \(paid.plainText)") }
        let pdf = value("pdf")
        let pdfPath: String? = pdf.isEmpty ? nil : (pdf.hasPrefix("/") ? pdf : baseFolder + "/" + pdf)
        return .success(
            Invoice(number: number, clientID: client, issued: issued, due: due, amount: amount, paid: paid,
                pdfPath: pdfPath, line: line))
    }
}

extension String {
    /// Trims spaces and tabs (not other Unicode), as CSV exports pad fields.
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
