import RelanceCore
import Testing

/// Plain rows are read straight from the bytes, other rows through `CSVReader`: both must give the same
/// invoices and the same errors. Quoting every field sends every row down the general path, so a ledger
/// and its fully quoted copy must parse identically.
@Suite struct LedgerParserFastPathTests {
    let parser = LedgerParser(knownClients: ["C001", "C002", "C003"], baseFolder: "/srv/ledger")

    static let header = "invoice,client,issued,due,amount,currency,paid,pdf,note"
    static let rows = [
        "A1,C001,2026-10-01,2026-10-31,100.00,EUR,0,,",
        "A2,C002,2026-10-01,2026-10-31,100,EUR,,a2.pdf,x",
        "A3,C003,2024-02-29,2024-03-01,15000,JPY,15000,/abs/a3.pdf,",
        "A4,C001,2026-10-01,2026-10-31,12.500,EUR,12.5,,",
        "A5,C001,2026-10-01,2026-10-31,+7.10,EUR,0.10,,",
        // Rejected, each for one field.
        "B1,C999,2026-10-01,2026-10-31,100.00,EUR,0,,",
        "B2,C001,2026-02-30,2026-10-31,100.00,EUR,0,,",
        "B3,C001,2026-10-01,2026-09-30,100.00,EUR,0,,",
        "B4,C001,2026-10-01,2026-10-31,12.345,EUR,0,,",
        "B5,C001,2026-10-01,2026-10-31,-5.00,EUR,0,,",
        "B6,C001,2026-10-01,2026-10-31,0,EUR,0,,",
        "B7,C001,2026-10-01,2026-10-31,5,EURO,0,,",
        "B8,C001,2026-10-01,2026-10-31,5,eur,0,,",
        "B9,C001,2026-10-01,2026-10-31,5,EUR,-1,,",
        "B10,C001,2026-10-01,2026-10-31,5,EUR,1e3,,",
        ",C001,2026-10-01,2026-10-31,5,EUR,0,,",
        "B11,C001,26-10-01,2026-10-31,5,EUR,0,,",
        "B12,C001,2026-10-01",
        // Numbers out of order, then listed twice: every copy rejected.
        "A0,C001,2026-10-01,2026-10-31,1.00,EUR,0,,",
        "A2,C001,2026-10-01,2026-10-31,1.00,EUR,0,,",
        "Z9,C002,2026-10-01,2026-10-31,1.00,EUR,0,,",
        "Z9,C002,2026-10-01,2026-10-31,2.00,EUR,0,,",
    ]

    private func quoted(_ row: String) -> String {
        row.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }.joined(separator: ",")
    }

    private func parse(_ text: String) throws -> LedgerParseResult { try parser.parse(Array(text.utf8)) }

    @Test(arguments: ["\n", "\r\n"])
    func plainAndQuotedRowsParseIdentically(lineEnd: String) throws {
        let plain = try parse(([Self.header] + Self.rows).joined(separator: lineEnd) + lineEnd)
        let slow = try parse(([Self.header] + Self.rows.map(quoted)).joined(separator: lineEnd) + lineEnd)
        #expect(plain.invoices == slow.invoices)
        #expect(plain.rejected == slow.rejected)
        #expect(plain.invoices.map(\.number) == ["A1", "A3", "A4", "A5", "A0"])
        #expect(plain.invoices.map(\.line) == [2, 4, 5, 6, 20])
        #expect(plain.invoices[1].pdfPath == "/abs/a3.pdf" && plain.invoices[0].pdfPath == nil)
        #expect(plain.rejected.map(\.line) == [3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23])
        #expect(plain.rejected.first { $0.line == 3 }?.reason.contains("duplicate invoice number A2") == true)
    }

    @Test func paddedBlankLinedAndUnterminatedLedgersMatchTheGeneralPath() throws {
        // Padding, blank lines, a lone CR and no final line end: the plain rows around them still match.
        let text = Self.header + "\n\n" + Self.rows[0] + "\r\n" + " A7 ,C001,2026-10-01,2026-10-31,1.00,EUR,0,,\n"
            + Self.rows[1] + "\r" + Self.rows[2] + "\n\n\n" + Self.rows[3]
        let quotedText = Self.header + "\n\n" + quoted(Self.rows[0]) + "\r\n" + " A7 ,C001,2026-10-01,2026-10-31,1.00,EUR,0,,\n"
            + quoted(Self.rows[1]) + "\r" + quoted(Self.rows[2]) + "\n\n\n" + quoted(Self.rows[3])
        let plain = try parse(text)
        let slow = try parse(quotedText)
        #expect(plain.invoices == slow.invoices)
        #expect(plain.rejected == slow.rejected)
        #expect(plain.invoices.map(\.number) == ["A1", "A7", "A2", "A3", "A4"])
        #expect(plain.invoices.map(\.line) == [3, 4, 5, 6, 9])
    }
}
