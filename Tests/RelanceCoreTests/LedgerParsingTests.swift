import RelanceCore
import Testing

@Suite struct LedgerParsingTests {
    let parser = LedgerParser(knownClients: ["C001", "C002"], baseFolder: "/srv/ledger")

    func parse(_ text: String) throws -> LedgerParseResult { try parser.parse(Array(text.utf8)) }

    @Test func readsQuotedFieldsBOMAndCRLF() throws {
        let text = "\u{FEFF}invoice,client,issued,due,amount,currency,paid,pdf,note\r\n"
            + "\"F-2026,001\",C001,2026-10-01,2026-10-31,\"1200.00\",EUR,300.00,f1.pdf,\"Café \"\"L'Époque\"\"\nligne 2\"\r\n"
            + "F-2026-002,C002,2026-10-02,2026-11-01,99.90,EUR,0,,\r\n"
        let result = try parse(text)
        #expect(result.rejected.isEmpty)
        #expect(result.invoices.map(\.number) == ["F-2026,001", "F-2026-002"])
        #expect(result.invoices[0].outstanding.plainText == "900.00")
        #expect(result.invoices[0].pdfPath == "/srv/ledger/f1.pdf")
        #expect(result.invoices[1].line == 4, "the quoted newline moves the next record to line 4")
        #expect(result.invoices[1].pdfPath == nil)
    }

    @Test func rejectsBadRowsWithLineAndReasonAndKeepsTheOthers() throws {
        let text = """
            client,invoice,issued,due,amount,currency,paid
            C001,A1,2026-10-01,2026-10-31,100.00,EUR,0
            C999,A2,2026-10-01,2026-10-31,100.00,EUR,0
            C001,A3,2026-10-01,2026-02-30,100.00,EUR,0
            C001,A4,2026-10-01,2026-10-31,12.345,EUR,0
            C001,A5,2026-10-01,2026-10-31,-5.00,EUR,0
            C001,A6,2026-10-01,2026-10-31,100.00,EUR,0
            C001,A6,2026-10-01,2026-10-31,100.00,EUR,100.00
            C002,A7,2026-10-01,2026-10-31,50,EUR,abc
            C002,A8,2026-10-01,2026-09-30,50,EUR,0
            C002,A9,2026-10-01,2026-10-31,50,EURO,0
            C002,A10,2026-10-01,2026-10-31,50,EUR,10
            """
        let result = try parse(text)
        #expect(result.invoices.map(\.number) == ["A1", "A10"])
        let byLine = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.line, $0) })
        #expect(byLine[3]?.field == "client" && byLine[3]?.reason.contains("unknown client") == true)
        #expect(byLine[4]?.field == "due")
        #expect(byLine[5]?.field == "amount")
        #expect(byLine[6]?.reason.contains("positive") == true)
        #expect(byLine[7]?.reason.contains("duplicate invoice number A6") == true)
        #expect(byLine[8]?.reason.contains("also on line 7") == true)
        #expect(byLine[9]?.field == "paid")
        #expect(byLine[10]?.reason.contains("before the issue date") == true)
        #expect(byLine[11]?.field == "currency")
        #expect(result.rejected.count == 9)
        #expect(result.rejected.first?.description == "line 3, field client: unknown client \"C999\"")
    }

    @Test func refusesALedgerWithoutItsColumns() {
        #expect(throws: LedgerFormatError.self) { try parse("invoice,client,amount\nA1,C001,10\n") }
        #expect(throws: LedgerFormatError.self) { try parse("") }
    }

    @Test func flagsAnUnterminatedQuote() throws {
        let result = try parse("invoice,client,issued,due,amount,currency,paid\n\"A1,C001,2026-10-01,2026-10-31,1,EUR,0\n")
        #expect(result.invoices.isEmpty)
        #expect(result.rejected.first?.reason == "unterminated quoted field")
    }

    /// An export written halfway stops a row before `paid`: that row is rejected, not read as paid 0 (an
    /// invoice paid in full would be reminded in full). An empty `paid` field is still 0.
    @Test func rejectsARowCutShortBeforePaid() throws {
        let text = """
            invoice,client,issued,due,amount,currency,paid,note
            T1,C001,2026-02-01,2026-03-31,1000.00,EUR
            T2,C001,2026-02-01,2026-03-31,500.00,EUR,,x
            T3,C001,2026-02-01,2026-03-31,700.00,EUR,700.00
            """
        let result = try parse(text)
        #expect(result.invoices.map(\.number) == ["T2", "T3"])
        #expect(result.invoices.first?.paid.plainText == "0.00")
        #expect(result.rejected.map(\.description) == [
            "line 2, field paid: the row is cut short: 6 field(s), and column paid is number 7 in the header",
        ])
    }

    /// Two `paid` columns: which one is true cannot be told; the ledger is refused, naming both.
    @Test func refusesAHeaderThatNamesAColumnTwice() throws {
        let error = #expect(throws: LedgerFormatError.self) {
            try parse("invoice,client,issued,due,amount,currency,paid,paid\nB1,C001,2026-10-01,2026-10-31,300.00,EUR,0,300.00\n")
        }
        #expect(error?.message == "line 1: column paid appears twice in the header (columns 7 and 8)")
        // Other columns may repeat: they are not read.
        let result = try parse("invoice,client,issued,due,amount,currency,paid,note,note\nB1,C001,2026-10-01,2026-10-31,3,EUR,0,a,b\n")
        #expect(result.invoices.map(\.number) == ["B1"])
    }

    /// A stray quote opens a field the next lines fall into: that row alone is rejected, and the rows after
    /// it are read, not swallowed (they would vanish from the ledger).
    @Test func aStrayQuoteDoesNotSwallowTheRowsAfterIt() throws {
        let text = """
            invoice,client,issued,due,amount,currency,paid,label
            P1,C001,2026-10-01,2026-10-31,100.00,EUR,0,"Pains 12"" x
            P2,C001,2026-10-01,2026-10-31,200.00,EUR,0,ok
            P3,C002,2026-10-01,2026-10-31,300.00,EUR,0,"quoted, fine"
            P4,C002,2026-10-01,2026-10-31,400.00,EUR,0,ok

            """
        let result = try parse(text)
        #expect(result.invoices.map(\.number) == ["P2", "P3", "P4"])
        #expect(result.invoices.map(\.line) == [3, 4, 5])
        #expect(result.rejected.count == 1 && result.rejected.first?.line == 2, "\(result.rejected)")
        #expect(result.rejected.first?.reason.contains("a quote opened on line 2 ran on to line 4") == true,
            "\(result.rejected)")
    }
}
