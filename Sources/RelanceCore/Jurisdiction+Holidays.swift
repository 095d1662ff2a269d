extension Jurisdiction {
    /// The public holidays of the jurisdiction's own calendar (French, England and Wales, German).
    public var publicHolidays: HolidayCalendar {
        switch self {
        case .fr: return .france
        case .uk: return .unitedKingdom
        case .de: return .germany
        }
    }
}
