import Foundation
import RelanceCore

/// Turns the YAML tree of one rate-table file into a `RateTable`, reporting every problem to its log.
struct RateTableFileParser {
    let log: DiagnosticLog

    /// The table and where each period starts, or `nil` when the file cannot be used at all.
    func parse(_ root: ConfigNode) -> (table: RateTable, lines: [LocalDate: (file: String, position: Position)])? {
        guard let top = MappingReader(root, path: "", position: root.position, log: log) else { return nil }
        top.rejectUnknownKeys(allowed: ["table", "description", "periods"])
        let name = top.text("table", required: true)
        if let name, !RateTable.knownNames.contains(name.value) {
            let hint = Suggestion.hint(for: name.value, among: RateTable.knownNames)
            log.error(
                "`table` must be \(RateTable.knownNames.joined(separator: " | ")), found `\(name.value)`\(hint)",
                at: name.position)
        }
        _ = top.text("description")
        var periods: [(period: RatePeriod, position: Position)] = []
        if let (_, items) = top.list("periods", required: true) {
            for (index, item) in items.enumerated() {
                if let parsed = period(item, path: "periods[\(index)]") { periods.append(parsed) }
            }
        }
        checkOverlaps(periods)
        guard let name, !log.hasErrors else { return nil }
        var lines: [LocalDate: (file: String, position: Position)] = [:]
        for (period, position) in periods { lines[period.from] = (log.file, position) }
        return (RateTable(name: name.value, periods: periods.map(\.period)), lines)
    }

    private func period(_ node: ConfigNode, path: String) -> (period: RatePeriod, position: Position)? {
        guard let reader = MappingReader(node, path: path, log: log) else { return nil }
        reader.rejectUnknownKeys(allowed: ["from", "to", "rate", "source"])
        let from = date(reader, "from", required: true)
        let to = date(reader, "to")
        let rate = percent(reader)
        let source = reader.text("source")
        if let from, let to, to.value < from.value {
            log.error("`\(path).to` (\(to.value)) is before `\(path).from` (\(from.value))", at: to.position)
            return nil
        }
        guard let from, let rate else { return nil }
        return (
            RatePeriod(from: from.value, to: to?.value, rate: rate, source: source?.value),
            node.position
        )
    }

    private func date(_ reader: MappingReader, _ key: String, required: Bool = false) -> Located<LocalDate>? {
        guard let text = reader.text(key, required: required) else { return nil }
        guard let date = LocalDate(iso: text.value) else {
            log.error(
                "`\(reader.qualified(key))` must be a date YYYY-MM-DD, found `\(text.value)`",
                at: text.position)
            return nil
        }
        return Located(value: date, position: text.position)
    }

    /// A percentage written as a plain decimal with a dot (`2.15`, `-0.88`, `10`), below 100 in size.
    private func percent(_ reader: MappingReader) -> Decimal? {
        guard let text = reader.text("rate", required: true) else { return nil }
        let body = text.value.hasPrefix("-") ? text.value.dropFirst() : Substring(text.value)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed =
            (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        guard wellFormed, parts[0].count <= 2, parts.count == 1 || parts[1].count <= 6,
            let value = Decimal(string: text.value, locale: Locale(identifier: "en_US_POSIX"))
        else {
            log.error(
                "`\(reader.qualified("rate"))` must be a percentage written with a dot, below 100 (2.15 for 2.15 %), "
                    + "found `\(text.value)`", at: text.position)
            return nil
        }
        return value
    }

    private func checkOverlaps(_ periods: [(period: RatePeriod, position: Position)]) {
        for (i, later) in periods.enumerated() {
            for earlier in periods[..<i] where earlier.period.overlaps(later.period) {
                let what = earlier.period.from == later.period.from ? "has the same `from` as" : "overlaps"
                log.error(
                    "period from \(later.period.from) \(what) the period from \(earlier.period.from) "
                        + "(line \(earlier.position.line))", at: later.position)
                break
            }
        }
    }
}
