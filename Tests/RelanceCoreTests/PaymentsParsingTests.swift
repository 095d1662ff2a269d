import RelanceCore
import Testing

/// The optional payments file: `invoice, date, amount`; bad rows rejected with their line.
@Suite struct PaymentsParsingTests {
    let parser = PaymentsParser(invoiceCurrencies: ["F-1": .eur, "F-2": .eur, "Y-1": Currency(code: "JPY")!])

    func parse(_ text: String) throws -> PaymentsParseResult { try parser.parse(Array(text.utf8)) }

    @Test func readsPaymentsInAnyColumnOrderWithExtraColumns() throws {
        let result = try parse(
            """
            date,amount,invoice,bank
            2025-04-15,500.00,F-1,BNP
            2025-04-15, 200 ,F-1,
            2025-05-02,1200,F-2,
            2025-05-02,1500,Y-1,

            """)
        #expect(result.rejected.isEmpty)
        #expect(result.payments.map(\.amount.plainText) == ["500.00", "200.00", "1200.00", "1500"])
        #expect(result.payments(for: "F-1").map(\.line) == [2, 3])
        #expect(result.payments[0].date == LocalDate(iso: "2025-04-15"))
    }

    @Test func thePaidAmountOnADayIsTheSumOfThePaymentsUpToIt() throws {
        let result = try parse("invoice,date,amount\nF-1,2025-04-15,500.00\nF-1,2025-04-20,200.00\nF-2,2025-05-02,1200\n")
        #expect(result.paidByInvoice(upTo: LocalDate(iso: "2025-04-14")!).isEmpty)
        #expect(result.paidByInvoice(upTo: LocalDate(iso: "2025-04-15")!).mapValues(\.plainText) == ["F-1": "500.00"])
        #expect(result.paidByInvoice(upTo: LocalDate(iso: "2025-05-02")!).mapValues(\.plainText) == ["F-1": "700.00", "F-2": "1200.00"])
    }

    @Test func rejectsBadRowsWithLineAndReason() throws {
        let result = try parse(
            """
            invoice,date,amount
            F-1,2025-04-15,500.00
            F-9,2025-04-15,10
            F-1,2025-02-30,10
            F-1,2025-04-15,10.005
            F-2,2025-04-15,0
            ,2025-04-15,10
            F-2,2025-04-15,-3

            """)
        #expect(result.payments.count == 1)
        #expect(result.rejected.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(
            result.rejected.map { $0.field ?? "" } == [
                "invoice", "date", "amount", "amount", "invoice", "amount",
            ])
        #expect(
            result.rejected[0].description == "line 3, field invoice: invoice \"F-9\" is not in the ledger")
    }

    @Test func refusesAFileWithoutItsColumns() {
        #expect(throws: LedgerFormatError.self) { try parse("invoice,amount\nF-1,10\n") }
        #expect(throws: LedgerFormatError.self) { try parse("") }
    }
}
