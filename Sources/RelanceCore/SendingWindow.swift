import Foundation

/// The sending window of one time zone: allowed days, daily hours, holidays.
public struct SendingWindow: Sendable {
    public var policy: SendingPolicy
    public var timeZone: TimeZone

    public init(policy: SendingPolicy, timeZone: TimeZone) {
        self.policy = policy
        self.timeZone = timeZone
    }

    /// Whether messages may go out on this local date at all.
    public func isSendingDay(_ date: LocalDate) -> Bool {
        policy.days.contains(date.weekday) && !policy.holidays.isHoliday(date)
    }

    /// Whether `instant` falls inside the window.
    public func isOpen(at instant: Date) -> Bool {
        let local = LocalDateTime(instant, in: timeZone)
        return isSendingDay(local.date) && local.minutes >= policy.opens.minutes && local.minutes < policy.closes.minutes
    }

    /// The earliest instant at or after `instant`, on or after the local date `notBefore`, at which the
    /// window is open. `nil` when no sending day exists in the next two years (no days configured).
    public func nextOpening(atOrAfter instant: Date, notBefore: LocalDate? = nil) -> Date? {
        let local = LocalDateTime(instant, in: timeZone)
        var day = max(local.date, notBefore ?? local.date)
        for _ in 0..<800 {
            if isSendingDay(day) {
                if day == local.date {
                    if local.minutes >= policy.opens.minutes && local.minutes < policy.closes.minutes { return instant }
                    if local.minutes < policy.opens.minutes {
                        return LocalDateTime(date: day, minutes: policy.opens.minutes).instant(in: timeZone)
                    }
                } else {
                    return LocalDateTime(date: day, minutes: policy.opens.minutes).instant(in: timeZone)
                }
            }
            day = day.adding(days: 1)
        }
        return nil
    }
}
