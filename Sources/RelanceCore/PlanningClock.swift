import Foundation

/// The time-zone arithmetic of one planning pass, done once per time zone instead of once per client or
/// invoice: today's date, the next window opening from a date, and the earliest next threshold.
///
/// Pure (everything derives from `now`) and exact: the instant of local midnight grows with the date in
/// any time zone, so the earliest threshold instant is the instant of the earliest threshold date.
struct PlanningClock {
    let now: Date
    private var todays: [String: LocalDate] = [:]
    private var openings: [OpeningKey: Date?] = [:]
    private var earliestThreshold: [String: LocalDate] = [:]

    private struct OpeningKey: Hashable {
        var zone: String
        var notBefore: LocalDate
    }

    init(now: Date) { self.now = now }

    /// The local date at `now` in the window's time zone (`zone` is its identifier).
    mutating func today(in zone: String, window: SendingWindow) -> LocalDate {
        if let known = todays[zone] { return known }
        let today = LocalDateTime(now, in: window.timeZone).date
        todays[zone] = today
        return today
    }

    /// `window.nextOpening(atOrAfter: now, notBefore:)`, computed once per zone and date.
    mutating func nextOpening(in zone: String, window: SendingWindow, notBefore: LocalDate) -> Date? {
        let key = OpeningKey(zone: zone, notBefore: notBefore)
        if let known = openings[key] { return known }
        let opening = window.nextOpening(atOrAfter: now, notBefore: notBefore)
        openings[key] = opening
        return opening
    }

    /// Notes a future threshold date (its midnight in `zone` is a wake-up candidate).
    mutating func noteThreshold(_ date: LocalDate, in zone: String) {
        if let known = earliestThreshold[zone], known <= date { return }
        earliestThreshold[zone] = date
    }

    /// The earliest noted threshold, as an instant: local midnight of its date in its zone.
    func nextThreshold(windows: [String: SendingWindow]) -> Date? {
        earliestThreshold.compactMap { zone, date in
            windows[zone].map { LocalDateTime(date: date, minutes: 0).instant(in: $0.timeZone) }
        }.min()
    }
}
