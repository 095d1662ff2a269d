import Foundation
import RelanceCore
import RelanceTestSupport
import Testing

/// Property-based tests of the ledger parser with a small seeded generator (no dependency).
///
/// - `RELANCE_FUZZ_ITERATIONS` (default 300): cases per property; CI stays within a few seconds.
/// - `RELANCE_FUZZ_SEED`: replays a run; each test prints the seed it used.
///
/// Properties, for any input: the parser never crashes; it either refuses the whole file
/// (`LedgerFormatError`) or returns rows; every accepted invoice has a positive amount, a non-negative
/// paid amount, real dates with `due >= issued`, a known client, a clean number, and is unique; every
/// rejected row and every accepted invoice names a line inside the file. For generated well-formed
/// CSV the outcome is known exactly: valid rows are accepted, a row with a bad field is rejected at
/// its line, naming that field.
@Suite struct LedgerParserFuzzTests {
    static let clients: Set<ClientID> = ["C001", "C002", "C-é,\"3"]
    let parser = LedgerParser(knownClients: clients, baseFolder: "/srv/ledger")
    static let iterations = LedgerFuzz.integer("RELANCE_FUZZ_ITERATIONS", default: 300)

    @Test func randomBytesNeverCrashAndKeepTheInvariants() throws {
        var rng = LedgerFuzz.generator("randomBytesNeverCrashAndKeepTheInvariants")
        let alphabet = Array("invoice,client,issued,due,amount,currency,paid\r\n\"\u{0}C0012026-02-30.5é€".utf8) + [0xFF, 0xC3, 0xFE]
        for _ in 0..<Self.iterations {
            let count = Int.random(in: 0...400, using: &rng)
            var bytes: [UInt8]
            if Bool.random(using: &rng) {
                bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                bytes = (0..<count).map { _ in alphabet.randomElement(using: &rng)! }
            }
            if Bool.random(using: &rng) {
                bytes = Array("invoice,client,issued,due,amount,currency,paid\n".utf8) + bytes
            }
            try check(bytes)
        }
    }

    @Test func generatedLedgersAreReadExactly() throws {
        var rng = LedgerFuzz.generator("generatedLedgersAreReadExactly")
        var rows = 0
        var rejected = 0
        for _ in 0..<Self.iterations {
            let ledger = LedgerFuzz.Ledger.random(using: &rng, clients: Self.clients)
            let result = try #require(try check(ledger.bytes), "a generated ledger always has its header")
            rows += ledger.rows.count
            rejected += result.rejected.count
            let byLine = Dictionary(grouping: result.rejected, by: \.line)
            for row in ledger.rows {
                if let field = row.badField {
                    let errors = byLine[row.line] ?? []
                    #expect(errors.count == 1 && errors.first?.field == field,
                        "line \(row.line) should be rejected for \(field): \(errors) in \(ledger.text.debugDescription)")
                    #expect(!result.invoices.contains { $0.line == row.line })
                } else {
                    let invoice = result.invoices.first { $0.line == row.line }
                    #expect(invoice != nil, "line \(row.line) should be accepted: \(byLine[row.line] ?? []) in \(ledger.text.debugDescription)")
                    #expect(invoice?.number == row.number)
                    #expect(invoice?.amount.plainText == row.amountText)
                    #expect(invoice?.issued.description == row.issued && invoice?.due.description == row.due)
                }
            }
            #expect(result.invoices.count + result.rejected.count == ledger.rows.count)
        }
        print("ledger fuzz: \(Self.iterations) generated ledgers, \(rows) rows, \(rejected) rejected as expected")
    }

    @Test func mutatedLedgersNeverCrashAndKeepTheInvariants() throws {
        var rng = LedgerFuzz.generator("mutatedLedgersNeverCrashAndKeepTheInvariants")
        let hostile: [[UInt8]] = [[0], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x22], [0x0D], [0x0A], [0x2C], [0x22, 0x22],
            Array("\r\nBcc: x@evil.example".utf8), [0xEF, 0xBB, 0xBF]]
        for _ in 0..<Self.iterations {
            var bytes = LedgerFuzz.Ledger.random(using: &rng, clients: Self.clients).bytes
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes.insert(contentsOf: hostile.randomElement(using: &rng)!, at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                case 2: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
                default:
                    let end = min(bytes.count, at + Int.random(in: 0...40, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                }
            }
            try check(bytes)
        }
    }

    @Test func oneMegabyteFieldsAndAbsurdValues() throws {
        let header = "invoice,client,issued,due,amount,currency,paid,label\n"
        let mega = String(repeating: "x", count: 1 << 20)
        let cases: [(row: String, accepted: Bool)] = [
            ("F1,C001,2026-01-01,2026-01-31,10.00,EUR,0,\"\(mega)\"", true),
            ("\(mega),C001,2026-01-01,2026-01-31,10.00,EUR,0,", false),
            ("F2,C001,2026-01-01,2026-01-31,\(String(repeating: "9", count: 1 << 20)),EUR,0,", false),
            ("F3,C001,2026-01-01,2026-01-31,10.\(String(repeating: "0", count: 1 << 20)),EUR,0,", true),
            ("F4,C001,2026-01-01,2026-01-31,10000000000000.00,EUR,0,", true),
            ("F5,C001,2026-01-01,2026-01-31,10000000000001,EUR,0,", false),
            ("F6,C001,2026-01-01,2026-01-31,9223372036854775807,EUR,0,", false),
            ("F7,C001,2026-01-01,2026-01-31,10.00,EUR,9223372036854775808,", false),
            ("F8,C001,2026-02-28,2026-02-30,10.00,EUR,0,", false),
            ("F9,C001,2024-02-29,2024-02-29,10.00,EUR,0,", true),
            ("F10,C001,2025-02-29,2025-03-01,10.00,EUR,0,", false),
            ("F11,C001,0000-01-01,2026-01-01,10.00,EUR,0,", false),
            ("F12,C001,9999-12-31,9999-12-31,10.00,EUR,0,", true),
            ("F13,C001,2026-01-01,2026-01-31,1e3,EUR,0,", false),
            ("F14,C001,2026-01-01,2026-01-31,-0.00,EUR,0,", false),
            ("F15,C001,2026-01-01,2026-01-31,0.001,KWD,0,", true),
            ("F16,C001,2026-01-01,2026-01-31,0.5,JPY,0,", false),
            ("F17,C001,2026-01-01,2026-01-31,١٢٣,EUR,0,", false),
            ("F18,C001,2026-01-01,2026-01-31,12.34,EUR,-0.01,", false),
            ("\"F19\u{0}\",C001,2026-01-01,2026-01-31,12.34,EUR,0,", false),
            ("\"F20\r\nBcc: x@evil.example\",C001,2026-01-01,2026-01-31,12.34,EUR,0,", false),
        ]
        let text = header + cases.map(\.row).joined(separator: "\n") + "\n"
        let result = try #require(try check(Array(text.utf8)))
        for (i, c) in cases.enumerated() {
            let line = i + 2
            #expect(result.invoices.contains { $0.line == line } == c.accepted, "line \(line): \(c.row.prefix(80))")
            #expect(result.rejected.contains { $0.line == line } == !c.accepted, "line \(line): \(c.row.prefix(80))")
        }
        // A 1 MB field without a closing quote, and a 1 MB line of commas.
        try check(Array((header + "\"" + mega).utf8))
        try check(Array((header + String(repeating: ",", count: 1 << 20) + "\n").utf8))
        try check(Array((header + String(repeating: "\n", count: 1 << 16) + "F1,C001,2026-01-01,2026-01-31,1,EUR,0\n").utf8))
    }

    @Test func theHostileCorpusNeverCrashes() throws {
        let folder = LedgerFuzz.corpus.appendingPathComponent("ledger")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count >= 8, "the corpus is in Tests/Corpus/ledger")
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let result = try check(bytes, name: file)
            print("ledger corpus \(file): \(result?.invoices.count ?? 0) accepted, \(result?.rejected.count ?? 0) rejected")
        }
    }

    /// Parses, and checks every invariant; returns the result (nil when the whole file is refused).
    @discardableResult
    func check(_ bytes: [UInt8], name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> LedgerParseResult? {
        let result: LedgerParseResult
        do {
            result = try parser.parse(bytes)
        } catch {
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
            return nil
        }
        let lines = LedgerFuzz.physicalLines(bytes)
        let what = name ?? bytes.prefix(300).description
        for error in result.rejected {
            #expect((1...lines).contains(error.line), "rejected line \(error.line) outside 1...\(lines): \(what)", sourceLocation: sourceLocation)
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        }
        var numbers = Set<String>()
        for invoice in result.invoices {
            #expect((1...lines).contains(invoice.line), "invoice line \(invoice.line) outside 1...\(lines): \(what)", sourceLocation: sourceLocation)
            #expect(invoice.amount.isPositive, "\(invoice)", sourceLocation: sourceLocation)
            #expect(invoice.paid.minorUnits >= 0, "\(invoice)", sourceLocation: sourceLocation)
            #expect(invoice.issued <= invoice.due, "\(invoice)", sourceLocation: sourceLocation)
            #expect(LocalDate(iso: invoice.issued.description) == invoice.issued, sourceLocation: sourceLocation)
            #expect(LocalDate(iso: invoice.due.description) == invoice.due, sourceLocation: sourceLocation)
            #expect(Self.clients.contains(invoice.clientID), sourceLocation: sourceLocation)
            #expect(!invoice.number.isEmpty && invoice.number.utf8.count <= 64, sourceLocation: sourceLocation)
            #expect(!invoice.number.unicodeScalars.contains { $0.properties.generalCategory == .control },
                "\(invoice.number.debugDescription)", sourceLocation: sourceLocation)
            #expect(numbers.insert(invoice.number).inserted, "duplicate \(invoice.number)", sourceLocation: sourceLocation)
        }
        return result
    }
}

/// The generator and helpers of the ledger fuzz tests.
enum LedgerFuzz {
    typealias Generator = FuzzGenerator

    static func integer(_ name: String, default fallback: Int) -> Int { FuzzGenerator.integer(name, default: fallback) }

    static func generator(_ test: String) -> Generator { FuzzGenerator.seeded(for: test) }

    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus")
    }

    /// Lines of a file as an editor counts them: LF, CRLF and a lone CR each end one.
    static func physicalLines(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                lines += 1
            } else if bytes[i] == 0x0D {
                lines += 1
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return lines
    }

    /// One generated row and what the parser must make of it.
    struct Row {
        var line: Int
        var number: String
        var issued: String
        var due: String
        var amountText: String
        /// The field the parser must reject first, nil when the row is valid.
        var badField: String?
    }

    /// A well-formed CSV (correct quoting) of rows whose validity is known.
    struct Ledger {
        var text: String
        var rows: [Row]
        var bytes: [UInt8] { Array(text.utf8) }

        static func random(using rng: inout Generator, clients: Set<ClientID>) -> Ledger {
            let extra = ["label", "pdf", "note"].filter { _ in Bool.random(using: &rng) }
            var columns = (LedgerParser.requiredColumns + extra).shuffled(using: &rng)
            columns = columns.map { name in
                var n = Bool.random(using: &rng) ? name.uppercased() : name
                if Int.random(in: 0..<5, using: &rng) == 0 { n = " " + n + "\t" }
                return n
            }
            let crlf = Bool.random(using: &rng)
            let eol = crlf ? "\r\n" : "\n"
            var text = Int.random(in: 0..<8, using: &rng) == 0 ? "\u{FEFF}" : ""
            text += columns.map { quote($0, force: false, rng: &rng) }.joined(separator: ",") + eol
            var line = 2
            var rows: [Row] = []
            let sortedClients = clients.sorted()
            for index in 0..<Int.random(in: 0...25, using: &rng) {
                var values: [String: String] = [:]
                var bad: String?
                func mark(_ field: String) { if bad == nil { bad = field } }
                let invalid = { (rng: inout Generator) in Int.random(in: 0..<12, using: &rng) == 0 }

                // Checked in the parser's order: invoice, client, issued, due, currency, amount, paid.
                var number = randomNumber(index, using: &rng)
                if invalid(&rng) {
                    number = ["", "   ", "F\u{0}\(index)", "F\(index)\r\nBcc: x@evil.example", "F\u{7}\(index)",
                        String(repeating: "N", count: 65) + "\(index)"].randomElement(using: &rng)!
                    mark("invoice")
                }
                values["invoice"] = number
                var client = sortedClients.randomElement(using: &rng)!
                if invalid(&rng) {
                    client = ["C999", "", "c001", "C001\u{0}"].randomElement(using: &rng)!
                    mark("client")
                }
                values["client"] = client
                let year = Int.random(in: 1990...2030, using: &rng)
                let month = Int.random(in: 1...12, using: &rng)
                var issued = String(format: "%04d-%02d-%02d", year, month, Int.random(in: 1...28, using: &rng))
                if invalid(&rng) {
                    issued = ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "",
                        "0000-01-01", "2026-1-01", "２０２６-01-01"].randomElement(using: &rng)!
                    mark("issued")
                }
                values["issued"] = issued
                var due = String(format: "%04d-%02d-%02d", year + Int.random(in: 0...1, using: &rng), month, 28)
                if invalid(&rng) {
                    due = ["2026-02-30", "2026-04-31", "", "tomorrow"].randomElement(using: &rng)!
                    mark("due")
                } else if bad == nil, invalid(&rng) {
                    due = String(format: "%04d-%02d-%02d", year - 1, month, 28)
                    mark("due")
                }
                values["due"] = due
                let currencies = [("EUR", 2), ("JPY", 0), ("KWD", 3), ("GBP", 2), ("XYZ", 2)]
                let (currency, digits) = currencies.randomElement(using: &rng)!
                values["currency"] = currency
                if invalid(&rng) {
                    values["currency"] = ["eur", "EURO", "", "€", "E1R"].randomElement(using: &rng)!
                    mark("currency")
                }
                let (amountText, amountInput) = randomAmount(digits: digits, using: &rng)
                values["amount"] = amountInput
                if invalid(&rng) {
                    values["amount"] = ["0", "0.00", "-5.00", "1e3", "1,5", "", "99999999999999999999", "--1", "NaN", ".",
                        "1.2.3", "10000000000001", digits == 0 ? "1.5" : "1." + String(repeating: "1", count: digits + 1)]
                        .randomElement(using: &rng)!
                    mark("amount")
                }
                values["paid"] = ["", "0", amountInput].randomElement(using: &rng)!
                if invalid(&rng) {
                    values["paid"] = ["-1", "abc", "-0.01", "1." + String(repeating: "7", count: digits + 1)].randomElement(using: &rng)!
                    mark("paid")
                }
                values["label"] = ["", "Café \"L'Époque\"", "a,b", "multi\nline", "\u{0}nul", "🍞"].randomElement(using: &rng)!
                values["pdf"] = ["", "f.pdf", "../x.pdf"].randomElement(using: &rng)!
                values["note"] = "n\(index)"

                let record = columns.map { column -> String in
                    let key = column.trimmingCharacters(in: .whitespaces).lowercased()
                    var value = values[key] ?? ""
                    // Pad with spaces the parser trims (not the label, never checked).
                    if key != "label", Int.random(in: 0..<6, using: &rng) == 0 { value = " " + value + " " }
                    return quote(value, force: Int.random(in: 0..<4, using: &rng) == 0, rng: &rng)
                }.joined(separator: ",")
                let trimmedNumber = number.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                rows.append(Row(line: line, number: trimmedNumber, issued: issued, due: due, amountText: amountText, badField: bad))
                text += record + eol
                line += 1 + record.utf8.filter { $0 == 0x0A }.count
                // Blank lines between records are skipped; they still count.
                if Int.random(in: 0..<10, using: &rng) == 0 {
                    text += eol
                    line += 1
                }
            }
            if Bool.random(using: &rng), text.hasSuffix(eol) { text.removeLast() }  // "\r\n" is one Character
            return Ledger(text: text, rows: rows)
        }

        /// A unique, valid invoice number, sometimes with commas, quotes, spaces or non-ASCII inside.
        static func randomNumber(_ index: Int, using rng: inout Generator) -> String {
            let pieces = ["F", "2026", "-", "/", ",", "\"", "é", "№", " ", "A", "0"]
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces.randomElement(using: &rng)! }
            return "F" + s + "#\(index)"
        }

        /// A valid positive amount: its canonical text and how it is written in the file.
        static func randomAmount(digits: Int, using rng: inout Generator) -> (String, String) {
            var whole: Int64 = [Int64.random(in: 0...999, using: &rng), Int64.random(in: 1...10_000_000_000_000, using: &rng), 1]
                .randomElement(using: &rng)!
            var fraction = digits == 0 ? 0 : Int64.random(in: 0..<Int64(pow(10, Double(digits))), using: &rng)
            if whole == 0 && fraction == 0 {
                if digits == 0 { whole = 1 } else { fraction = 1 }
            }
            let fractionText = digits == 0 ? "" : String(format: "%0\(digits)lld", fraction)
            let canonical = digits == 0 ? "\(whole)" : "\(whole).\(fractionText)"
            var written = canonical
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where digits > 0: written += "000"
            case 1: written = "+" + written
            case 2: written = "00" + written
            case 3 where digits == 0: written += "."
            default: break
            }
            return (canonical, written)
        }

        /// A CSV field, quoted when it must be (or when `force`), with `""` escapes.
        static func quote(_ value: String, force: Bool, rng: inout Generator) -> String {
            let needs = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            guard needs || force else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
