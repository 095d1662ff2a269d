/// A day of the week, numbered as ISO 8601 does (Monday = 1).
public enum Weekday: Int, CaseIterable, Sendable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Parses the contract's three-letter names (`mon` … `sun`).
    public init?(shortName: String) {
        switch shortName.lowercased() {
        case "mon": self = .monday
        case "tue": self = .tuesday
        case "wed": self = .wednesday
        case "thu": self = .thursday
        case "fri": self = .friday
        case "sat": self = .saturday
        case "sun": self = .sunday
        default: return nil
        }
    }

    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
