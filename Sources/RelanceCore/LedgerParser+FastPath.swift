/// The common ledger row read straight from the file's bytes: no quotes, no padding, ASCII, every field
/// valid. Such a row gives exactly the `Invoice` the general path (`CSVReader` records, `row`) gives;
/// any other row, valid or not, is left to the general path, which words the errors.
extension LedgerParser {
    struct FastRows {
        let bytes: UnsafeBufferPointer<UInt8>
        let columns: LedgerColumns
        let knownClients: Set<ClientID>
        let baseFolder: String
        /// Where each field of the current record starts and ends (first `Self.maxFields` fields).
        private var starts = [Int](repeating: 0, count: FastRows.maxFields)
        private var ends = [Int](repeating: 0, count: FastRows.maxFields)
        private var count = 0

        static let maxFields = 64

        init(bytes: UnsafeBufferPointer<UInt8>, columns: LedgerColumns, knownClients: Set<ClientID>, baseFolder: String) {
            (self.bytes, self.columns, self.knownClients, self.baseFolder) = (bytes, columns, knownClients, baseFolder)
        }

        /// The invoice of the record starting at `start` (physical line `line`) and the position after the
        /// record, or nil when the general path must read it.
        mutating func row(at start: Int, line: Int, currency lastCurrency: inout Currency?) -> (Invoice, next: Int)? {
            let b = bytes
            let n = b.count
            var i = start
            var ascii: UInt8 = 0
            count = 0
            var fieldStart = i
            while i < n {
                let c = b[i]
                if c == 0x2C || c == 0x0A || c == 0x0D {
                    if count < Self.maxFields {
                        starts[count] = fieldStart
                        ends[count] = i
                    }
                    count += 1
                    if c != 0x2C { break }
                    fieldStart = i + 1
                } else if c == 0x22 {
                    return nil  // quoted fields: the general path
                }
                ascii |= c
                i += 1
            }
            if i == n {
                if count < Self.maxFields {
                    starts[count] = fieldStart
                    ends[count] = n
                }
                count += 1
            }
            guard ascii < 0x80, count > columns.last.index else { return nil }
            let next: Int
            if i == n {
                next = n
            } else if b[i] == 0x0A {
                next = i + 1
            } else if i + 1 < n, b[i + 1] == 0x0A {
                next = i + 2
            } else {
                return nil  // a lone CR
            }

            guard let number = field(columns.invoice), !number.isEmpty, number.count <= 64,
                !number.contains(where: { $0 < 0x20 || $0 == 0x7F }),
                let clientBytes = field(columns.client)
            else { return nil }
            let client = String(decoding: clientBytes, as: UTF8.self)
            guard knownClients.contains(client),
                let issuedBytes = field(columns.issued), let issued = LocalDate(isoUTF8: issuedBytes),
                let dueBytes = field(columns.due), let due = LocalDate(isoUTF8: dueBytes), due >= issued,
                let code = field(columns.currency)
            else { return nil }
            let currency: Currency
            if let last = lastCurrency, last.code.utf8.elementsEqual(code) {
                currency = last
            } else {
                guard let known = Currency(code: String(decoding: code, as: UTF8.self)) else { return nil }
                currency = known
                lastCurrency = known
            }
            guard let amountBytes = field(columns.amount),
                let amount = Money(decimalUTF8: amountBytes, currency: currency), amount.isPositive,
                let paidBytes = field(columns.paid)
            else { return nil }
            let paid: Money
            if paidBytes.isEmpty {
                paid = .zero(currency)
            } else {
                guard let value = Money(decimalUTF8: paidBytes, currency: currency), value.minorUnits >= 0 else { return nil }
                paid = value
            }
            guard let pdfBytes = field(columns.pdf) else { return nil }
            var pdfPath: String?
            if !pdfBytes.isEmpty {
                let pdf = String(decoding: pdfBytes, as: UTF8.self)
                pdfPath = pdf.hasPrefix("/") ? pdf : baseFolder + "/" + pdf
            }
            let invoice = Invoice(
                number: String(decoding: number, as: UTF8.self), clientID: client, issued: issued, due: due,
                amount: amount, paid: paid, pdfPath: pdfPath, line: line)
            return (invoice, next)
        }

        /// The field of a column ("" when the column is absent or the row short, as `value(at:)`), or nil
        /// when it has spaces or tabs to trim (the general path trims).
        private func field(_ column: Int?) -> UnsafeBufferPointer<UInt8>? {
            guard let column, column < count else { return UnsafeBufferPointer(start: nil, count: 0) }
            guard column < Self.maxFields else { return nil }
            let field = UnsafeBufferPointer(rebasing: bytes[starts[column]..<ends[column]])
            if let first = field.first, let last = field.last,
                first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
            {
                return nil
            }
            return field
        }
    }
}
