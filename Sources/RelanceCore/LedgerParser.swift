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
        let column = try reader.header(
            requiring: Self.requiredColumns, unique: Self.requiredColumns + ["pdf"], in: "ledger")
        var accepted: [Invoice] = []
        accepted.reserveCapacity(bytes.count / 48)
        var rejected: [LedgerRowError] = []
        var numbers = NumberIndex()
        var duplicated: [String: [Int]] = [:]
        let columns = LedgerColumns(column)
        var currency: Currency?
        func accept(_ invoice: Invoice) {
            if let first = numbers.firstLine(of: invoice.number, accepted: accepted) {
                duplicated[invoice.number, default: [first]].append(invoice.line)
            } else {
                numbers.insert(invoice.number, line: invoice.line)
                accepted.append(invoice)
            }
        }
        bytes.withUnsafeBufferPointer { b in
            var fast = FastRows(bytes: b, columns: columns, knownClients: knownClients, baseFolder: baseFolder)
            var width = 8
            while true {
                // Blank lines between records, as `CSVReader.Iterator` skips them.
                while reader.i < b.count, b[reader.i] == 0x0A || b[reader.i] == 0x0D {
                    if b[reader.i] == 0x0A { reader.line += 1 }
                    reader.i += 1
                }
                guard reader.i < b.count else { break }
                if let (invoice, next) = fast.row(at: reader.i, line: reader.line, currency: &currency) {
                    accept(invoice)
                    reader.i = next
                    reader.line += 1
                    continue
                }
                var cursor = CSVReader.Cursor(i: reader.i, line: reader.line)
                let record = cursor.record(in: b, width: width)
                (reader.i, reader.line) = (cursor.i, cursor.line)
                width = max(record.fields.count, 1)
                switch row(record, columns, currency: &currency) {
                case .success(let invoice): accept(invoice)
                case .failure(let error): rejected.append(error)
                }
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

    /// One row; `currency` carries the previous row's currency, so the common case of one currency is
    /// not looked up again.
    private func row(_ record: CSVReader.Record, _ columns: LedgerColumns, currency lastCurrency: inout Currency?)
        -> Result<Invoice, LedgerRowError>
    {
        let line = record.line
        func fail(_ field: String?, _ reason: String) -> Result<Invoice, LedgerRowError> {
            .failure(LedgerRowError(line: line, field: field, reason: reason))
        }
        if let problem = record.problem { return fail(nil, problem) }
        guard record.fields.count > columns.last.index else {
            return fail(columns.last.name,
                "the row is cut short: \(record.fields.count) field(s), and column \(columns.last.name) is number "
                    + "\(columns.last.index + 1) in the header")
        }
        let number = record.value(at: columns.invoice)
        guard !number.isEmpty else { return fail("invoice", "empty invoice number") }
        guard number.utf8.count <= 64, !number.hasControlCharacter
        else { return fail("invoice", "invoice number longer than 64 bytes or with control characters") }
        let client = record.value(at: columns.client)
        guard knownClients.contains(client) else {
            return fail("client", client.isEmpty ? "empty client id" : "unknown client \(client.debugDescription)")
        }
        let issuedText = record.value(at: columns.issued)
        guard let issued = LocalDate(iso: issuedText) else {
            return fail("issued", "not a date (YYYY-MM-DD): \(issuedText.debugDescription)")
        }
        let dueText = record.value(at: columns.due)
        guard let due = LocalDate(iso: dueText) else {
            return fail("due", "not a date (YYYY-MM-DD): \(dueText.debugDescription)")
        }
        guard due >= issued else { return fail("due", "due date \(due) is before the issue date \(issued)") }
        let code = record.value(at: columns.currency)
        let known = lastCurrency.flatMap { $0.code == code ? $0 : nil } ?? Currency(code: code)
        guard let currency = known else {
            return fail("currency", "not an ISO 4217 code: \(code.debugDescription)")
        }
        lastCurrency = currency
        let amountText = record.value(at: columns.amount)
        guard let amount = Money(decimal: amountText, currency: currency) else {
            return fail("amount", "not an amount with at most \(currency.minorDigits) decimals: \(amountText.debugDescription)")
        }
        guard amount.isPositive else { return fail("amount", "amount must be positive, got \(amount.plainText)") }
        let paidText = record.value(at: columns.paid)
        guard let paid = paidText.isEmpty ? .zero(currency) : Money(decimal: paidText, currency: currency) else {
            return fail("paid", "not an amount with at most \(currency.minorDigits) decimals: \(paidText.debugDescription)")
        }
        guard paid.minorUnits >= 0 else { return fail("paid", "paid amount is negative: \(paid.plainText)") }
        let pdf = record.value(at: columns.pdf)
        let pdfPath: String? = pdf.isEmpty ? nil : (pdf.hasPrefix("/") ? pdf : baseFolder + "/" + pdf)
        return .success(
            Invoice(number: number, clientID: client, issued: issued, due: due, amount: amount, paid: paid,
                pdfPath: pdfPath, line: line))
    }
}

extension String {
    /// Trims spaces and tabs (not other Unicode), as CSV exports pad fields.
    func trimmingASCIISpaces() -> String {
        // Nearly every field has nothing to trim: no copy then.
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// Whether any scalar is a control character (C0, DEL or C1); ASCII text is checked byte by byte.
    var hasControlCharacter: Bool {
        var ascii = true
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0x80 { ascii = false }
        }
        return ascii ? false : unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

/// The ledger's column indexes, looked up once from the header instead of once per field.
struct LedgerColumns {
    let invoice, client, issued, due, amount, currency, paid, pdf: Int?
    /// The required column that comes last in the header, and its index: a row with no field there is cut
    /// short (an export written halfway), never read as empty fields (an empty `paid` is 0).
    let last: (name: String, index: Int)

    init(_ column: [String: Int]) {
        (invoice, client, issued, due) = (column["invoice"], column["client"], column["issued"], column["due"])
        (amount, currency, paid, pdf) = (column["amount"], column["currency"], column["paid"], column["pdf"])
        last = LedgerParser.requiredColumns.compactMap { name in column[name].map { (name, $0) } }
            .max { $0.1 < $1.1 } ?? ("invoice", 0)
    }
}
