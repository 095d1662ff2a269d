/// When messages may leave: days, hours (client-local), holidays and the minimum gap per client.
public struct SendingPolicy: Sendable, Hashable {
    /// Default IANA time zone for clients without one.
    public var timeZoneIdentifier: String
    public var days: Set<Weekday>
    /// Opening of the daily window, inclusive.
    public var opens: LocalTime
    /// Closing of the daily window, exclusive.
    public var closes: LocalTime
    public var holidays: HolidayCalendar
    /// At most one message per client in this many days.
    public var minGapDays: Int

    public init(
        timeZoneIdentifier: String = "Europe/Paris",
        days: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday],
        opens: LocalTime = LocalTime(hour: 9, minute: 0)!, closes: LocalTime = LocalTime(hour: 17, minute: 0)!,
        holidays: HolidayCalendar = .france, minGapDays: Int = 5
    ) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.days = days
        self.opens = opens
        self.closes = closes
        self.holidays = holidays
        self.minGapDays = minGapDays
    }
}
