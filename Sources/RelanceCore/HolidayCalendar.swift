/// Public holidays on which nothing is sent and which business-day offsets skip.
public enum HolidayCalendar: Sendable, Hashable {
    /// French public holidays (metropolitan), Easter-based ones included.
    case france
    /// England and Wales bank holidays (first-Monday / last-Monday rules, Easter; no substitute days
    /// for Christmas falling on a weekend other than the standard ones).
    case unitedKingdom
    /// German nationwide holidays.
    case germany
    /// No holidays.
    case none
    /// An explicit list of dates.
    case dates(Set<LocalDate>)

    /// Whether `date` is a public holiday of this calendar.
    public func isHoliday(_ date: LocalDate) -> Bool {
        switch self {
        case .none: return false
        case .dates(let set): return set.contains(date)
        case .france, .unitedKingdom, .germany: return holidays(in: date.year).contains(date)
        }
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool { !date.weekday.isWeekend && !isHoliday(date) }

    /// Moves `days` working days from `date` (backwards when negative); 0 returns `date` unchanged.
    public func adding(workingDays days: Int, to date: LocalDate) -> LocalDate {
        var d = date
        var left = abs(days)
        let step = days < 0 ? -1 : 1
        while left > 0 {
            d = d.adding(days: step)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// The holidays of a year for the built-in calendars.
    public func holidays(in year: Int) -> Set<LocalDate> {
        func d(_ m: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: m, day: day)! }
        let easter = HolidayCalendar.easterSunday(year)
        switch self {
        case .none: return []
        case .dates(let set): return set.filter { $0.year == year }
        case .france:
            return [
                d(1, 1), easter.adding(days: 1), d(5, 1), d(5, 8), easter.adding(days: 39),
                easter.adding(days: 50), d(7, 14), d(8, 15), d(11, 1), d(11, 11), d(12, 25),
            ]
        case .germany:
            return [
                d(1, 1), easter.adding(days: -2), easter.adding(days: 1), d(5, 1), easter.adding(days: 39),
                easter.adding(days: 50), d(10, 3), d(12, 25), d(12, 26),
            ]
        case .unitedKingdom:
            func firstMonday(_ m: Int) -> LocalDate {
                var x = d(m, 1)
                while x.weekday != .monday { x = x.adding(days: 1) }
                return x
            }
            func lastMonday(_ m: Int) -> LocalDate {
                var x = d(m, 1).endOfMonth
                while x.weekday != .monday { x = x.adding(days: -1) }
                return x
            }
            func substitute(_ x: LocalDate, after taken: Set<LocalDate>) -> LocalDate {
                var y = x
                while y.weekday.isWeekend || taken.contains(y) { y = y.adding(days: 1) }
                return y
            }
            var set: Set<LocalDate> = [
                easter.adding(days: -2), easter.adding(days: 1), firstMonday(5), lastMonday(5), lastMonday(8),
            ]
            set.insert(substitute(d(1, 1), after: set))
            let christmas = substitute(d(12, 25), after: set)
            set.insert(christmas)
            set.insert(substitute(d(12, 26), after: set))
            return set
        }
    }

    /// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }
}
