/// The outcome of reading a payments file: accepted payments and rejected rows.
public struct PaymentsParseResult: Sendable {
    /// The accepted payments, in file order.
    public var payments: [Payment]
    /// The rows that were not accepted, with their line and reason.
    public var rejected: [LedgerRowError]

    /// The accepted payments of one invoice.
    public func payments(for invoice: String) -> [Payment] { payments.filter { $0.invoice == invoice } }
}

/// Reads the contract's optional payments CSV (`ledger.payments`): `invoice, date, amount`, header
/// row, extra columns ignored, in any order. `date` is the day the funds reached the creditor.
///
/// A bad row is rejected with its line number and reason (like `LedgerParser`); the others go on.
/// An invoice may have several payments, on the same day too.
public struct PaymentsParser: Sendable {
    /// The columns every payments file must have.
    public static let requiredColumns = ["invoice", "date", "amount"]

    /// The ledger's invoices and their currencies: a payment's amount is read in its invoice's
    /// currency, and a payment for an invoice not in the ledger is rejected.
    public var invoiceCurrencies: [String: Currency]

    /// Creates a parser for the invoices of a ledger.
    public init(invoiceCurrencies: [String: Currency]) {
        self.invoiceCurrencies = invoiceCurrencies
    }

    /// Creates a parser for these invoices.
    public init(invoices: [Invoice]) {
        var currencies: [String: Currency] = [:]
        for invoice in invoices { currencies[invoice.number] = invoice.amount.currency }
        self.init(invoiceCurrencies: currencies)
    }

    /// Parses the bytes of a payments file.
    public func parse(_ bytes: [UInt8]) throws(LedgerFormatError) -> PaymentsParseResult {
        var reader = CSVReader(bytes: bytes).makeIterator()
        let column = try reader.header(requiring: Self.requiredColumns, unique: Self.requiredColumns, in: "payments file")
        var result = PaymentsParseResult(payments: [], rejected: [])
        while let record = reader.next() {
            switch row(record, column) {
            case .success(let payment): result.payments.append(payment)
            case .failure(let error): result.rejected.append(error)
            }
        }
        return result
    }

    private func row(_ record: CSVReader.Record, _ column: [String: Int]) -> Result<Payment, LedgerRowError> {
        func fail(_ field: String?, _ reason: String) -> Result<Payment, LedgerRowError> {
            .failure(LedgerRowError(line: record.line, field: field, reason: reason))
        }
        if let problem = record.problem { return fail(nil, problem) }
        func value(_ name: String) -> String { record.value(name, in: column) }
        let number = value("invoice")
        guard !number.isEmpty else { return fail("invoice", "empty invoice number") }
        guard let currency = invoiceCurrencies[number] else {
            return fail("invoice", "invoice \(number.debugDescription) is not in the ledger")
        }
        guard let date = LocalDate(iso: value("date")) else {
            return fail("date", "not a date (YYYY-MM-DD): \(value("date").debugDescription)")
        }
        guard let amount = Money(decimal: value("amount"), currency: currency) else {
            return fail(
                "amount",
                "not an amount with at most \(currency.minorDigits) decimals: \(value("amount").debugDescription)"
            )
        }
        guard amount.isPositive else {
            return fail("amount", "amount must be positive, got \(amount.plainText)")
        }
        return .success(Payment(invoice: number, date: date, amount: amount, line: record.line))
    }
}
