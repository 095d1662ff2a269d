/// Works out the date on which a step becomes due for an invoice, counting calendar days or the
/// working days of a holiday calendar (holiday sets are computed once per year and kept).
public struct ThresholdCalendar: Sendable {
    public let holidays: HolidayCalendar
    private var cache: [Int: Set<LocalDate>] = [:]

    public init(holidays: HolidayCalendar) { self.holidays = holidays }

    /// The threshold date of `step` for an invoice due on `due`.
    public mutating func threshold(of step: Step, due: LocalDate) -> LocalDate {
        guard step.businessDays, step.offsetDays != 0 else { return due.adding(days: step.offsetDays) }
        var d = due
        var left = abs(step.offsetDays)
        let direction = step.offsetDays < 0 ? -1 : 1
        while left > 0 {
            d = d.adding(days: direction)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Monday to Friday and not a holiday.
    public mutating func isWorkingDay(_ date: LocalDate) -> Bool {
        guard !date.weekday.isWeekend else { return false }
        switch holidays {
        case .none: return true
        case .dates(let set): return !set.contains(date)
        case .france, .unitedKingdom, .germany:
            let year = date.year
            if let set = cache[year] { return !set.contains(date) }
            let set = holidays.holidays(in: year)
            cache[year] = set
            return !set.contains(date)
        }
    }
}
