import RelanceCore

extension ConfigParser {
    static let sendingKeys = ["timezone", "days", "hours", "holidays", "min_gap_days"]
    static let holidayNames = ["FR", "UK", "DE", "none"]
    static let dayNames = Weekday.allCases.map(\.shortName)

    /// The optional `sending:` section; every key has a default. `holidays` and `timezone` default to the
    /// creditor's `jurisdiction`'s (FR: France and Europe/Paris, UK: the United Kingdom and Europe/London,
    /// DE: Germany and Europe/Berlin): a UK creditor that leaves them out keeps UK bank holidays.
    func parseSending(_ reader: MappingReader?, jurisdiction: Jurisdiction) -> SendingPolicy? {
        var policy = SendingPolicy()
        policy.holidays = jurisdiction.publicHolidays
        policy.timeZoneIdentifier = jurisdiction.timeZoneIdentifier
        guard let reader else { return policy }
        reader.rejectUnknownKeys(allowed: Self.sendingKeys)
        var valid = true

        if let zone = reader.text("timezone") {
            if checkTimeZone(zone, name: "sending.timezone") {
                policy.timeZoneIdentifier = zone.value
            } else {
                valid = false
            }
        } else if reader.entry("timezone") != nil {
            valid = false
        }
        if let days = parseDays(reader) {
            policy.days = days
        } else if reader.entry("days") != nil {
            valid = false
        }
        if let hours = reader.text("hours") {
            if let (opens, closes) = parseHours(hours) {
                policy.opens = opens
                policy.closes = closes
            } else {
                valid = false
            }
        } else if reader.entry("hours") != nil {
            valid = false
        }
        if let entry = reader.entry("holidays") {
            if let calendar = parseHolidays(entry.value) { policy.holidays = calendar } else { valid = false }
        }
        if let gap = optional(reader, "min_gap_days", valid: &valid, { reader.integer($0, minimum: 0, maximum: 3_650) }) {
            policy.minGapDays = gap.value
        }
        return valid ? policy : nil
    }

    /// `days: [mon, tue, …]`: at least one valid day name.
    private func parseDays(_ reader: MappingReader) -> Set<Weekday>? {
        guard let (entry, items) = reader.list("days") else { return nil }
        var days = Set<Weekday>()
        var valid = true
        for (index, item) in items.enumerated() {
            let name = "sending.days[\(index)]"
            guard let text = MappingReader.scalarText(item, name: name, log: log) else {
                valid = false
                continue
            }
            guard Self.dayNames.contains(text.value), let day = Weekday(shortName: text.value) else {
                let hint = Suggestion.hint(for: text.value, among: Self.dayNames)
                log.error(
                    "`\(name)`: `\(text.value)` is not a day; use mon, tue, wed, thu, fri, sat or sun\(hint)",
                    at: text.position)
                valid = false
                continue
            }
            days.insert(day)
        }
        if items.isEmpty {
            log.error("`sending.days` must name at least one day", at: entry.valuePosition)
            return nil
        }
        return valid ? days : nil
    }

    /// `hours: "09:00-17:00"`, opening before closing.
    private func parseHours(_ text: Located<String>) -> (LocalTime, LocalTime)? {
        let parts = text.value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let opens = LocalTime(text: String(parts[0]).trimmingWhitespace),
            let closes = LocalTime(text: String(parts[1]).trimmingWhitespace)
        else {
            log.error(
                "`sending.hours` must be HH:MM-HH:MM (e.g. 09:00-17:00), found `\(text.value)`",
                at: text.position)
            return nil
        }
        guard opens < closes else {
            log.error(
                "`sending.hours`: the window opens at \(opens) but closes at \(closes); "
                    + "the start must be before the end", at: text.position)
            return nil
        }
        return (opens, closes)
    }

    /// `holidays: FR | UK | DE | none`, or a list of ISO dates.
    private func parseHolidays(_ node: ConfigNode) -> HolidayCalendar? {
        if case .sequence(let sequence) = node {
            var dates = Set<LocalDate>()
            var valid = true
            for (index, item) in sequence.enumerated() {
                let name = "sending.holidays[\(index)]"
                guard let text = MappingReader.scalarText(item, name: name, log: log) else {
                    valid = false
                    continue
                }
                guard let date = LocalDate(iso: text.value) else {
                    log.error("`\(name)`: `\(text.value)` is not a date YYYY-MM-DD", at: text.position)
                    valid = false
                    continue
                }
                dates.insert(date)
            }
            return valid ? .dates(dates) : nil
        }
        guard let text = MappingReader.scalarText(node, name: "sending.holidays", log: log) else {
            return nil
        }
        switch text.value {
        case "FR": return .france
        case "UK": return .unitedKingdom
        case "DE": return .germany
        case "none": return HolidayCalendar.none
        default:
            let hint = Suggestion.hint(for: text.value, among: Self.holidayNames)
            log.error(
                "`sending.holidays` must be FR | UK | DE | none or a list of dates, found `\(text.value)`\(hint)",
                at: text.position)
            return nil
        }
    }
}
