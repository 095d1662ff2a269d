import Foundation
import GRDB
import RelanceCore

/// How values are written to and read from the store's columns (see `StoreSchema` for the conventions).
enum StoreCodec {
    /// An instant as integer milliseconds since 1970, rounded to the nearest millisecond.
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    static func date(millis: Int64?) -> Date? {
        millis.map { date(millis: $0) }
    }

    /// `YYYY-MM-DD`, without `String(format:)` (slow, and this runs for every ledger row).
    static func iso(_ date: LocalDate) -> String {
        let (year, month, day) = (date.year, date.month, date.day)
        guard (0...9999).contains(year) else { return date.description }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, _ digits: Int, at start: Int) {
                var v = value
                for i in stride(from: start + digits - 1, through: start, by: -1) {
                    buffer[i] = UInt8(0x30 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = 0x2D
            put(month, 2, at: 5)
            buffer[7] = 0x2D
            put(day, 2, at: 8)
            return 10
        }
    }

    static func localDate(_ text: String, column: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw StoreError.corrupt("\(column) \"\(text)\" is not a YYYY-MM-DD date") }
        return date
    }

    static func currency(_ code: String) throws -> Currency {
        guard let currency = Currency(code: code) else { throw StoreError.corrupt("currency \"\(code)\" is not an ISO 4217 code") }
        return currency
    }

    /// A JSON array of strings, as `JSONEncoder` writes it (no spaces, `/` escaped). Strings of plain
    /// printable ASCII (the usual invoice numbers and addresses) are written directly: a `JSONEncoder`
    /// per column of every message cost more than the rest of the insert.
    static func json(_ strings: [String]) throws -> String {
        guard strings.allSatisfy(isPlainJSON) else {
            return String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
        }
        return "[" + strings.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
    }

    /// The list `json(_:)` wrote. A list of plain strings (see `isPlainJSON`) in `json(_:)`'s exact form is
    /// read directly; anything else goes through `JSONDecoder`.
    static func strings(json: String, column: String) throws -> [String] {
        if let list = plainStrings(json: json) { return list }
        guard let list = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw StoreError.corrupt("\(column) \(json) is not a JSON array of strings")
        }
        return list
    }

    /// Printable ASCII that JSON writes as is: no `"`, `\\` or `/` (which `JSONEncoder` escapes).
    private static func isPlainJSON(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }
    }

    /// `["a","b"]` (plain strings, no spaces) as its strings, or nil for any other text.
    private static func plainStrings(json: String) -> [String]? {
        let bytes = json.utf8
        guard bytes.first == 0x5B, bytes.last == 0x5D else { return nil }
        let inner = json.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        var list: [String] = []
        for item in inner.split(separator: ",", omittingEmptySubsequences: false) {
            let utf8 = item.utf8
            guard utf8.count >= 2, utf8.first == 0x22, utf8.last == 0x22 else { return nil }
            let text = item.dropFirst().dropLast()
            guard isPlainJSON(text) else { return nil }
            list.append(String(text))
        }
        return list
    }

    static func messageState(_ text: String) throws -> MessageState {
        guard let state = MessageState(rawValue: text) else { throw StoreError.corrupt("unknown message state \"\(text)\"") }
        return state
    }

    /// The columns `messageRecord(_:)` reads, in a `SELECT`.
    static let messageColumns = messageColumnsWithoutBytes + ", bytes"

    /// The same columns with `bytes` as an empty blob, for a statement that does not use the bytes.
    static let messageColumnsWithEmptyBytes = messageColumnsWithoutBytes + ", x'' AS bytes"

    private static let messageColumnsWithoutBytes = """
        id, client_id, step, template, invoices, state, message_id, subject, recipients, attempts, \
        created_at, updated_at, next_attempt_at, last_code, last_reply, deferred_since
        """

    static func messageRecord(_ row: Row) throws -> MessageRecord {
        let bytes: Data = row["bytes"]
        return MessageRecord(
            id: row["id"], clientID: row["client_id"], stepName: row["step"], template: row["template"],
            invoices: try strings(json: row["invoices"], column: "messages.invoices"),
            state: try messageState(row["state"]), messageID: row["message_id"], subject: row["subject"],
            recipients: try strings(json: row["recipients"], column: "messages.recipients"),
            attempts: row["attempts"], createdAt: date(millis: row["created_at"] as Int64),
            updatedAt: date(millis: row["updated_at"] as Int64),
            nextAttemptAt: date(millis: row["next_attempt_at"] as Int64?), lastCode: row["last_code"],
            lastReply: row["last_reply"], bytes: [UInt8](bytes),
            deferredSince: date(millis: row["deferred_since"] as Int64?))
    }

    static func reachedStep(step: String, offsetDays: Int, at: Int64) -> ReachedStep {
        ReachedStep(stepName: step, offsetDays: offsetDays, at: date(millis: at))
    }
}
