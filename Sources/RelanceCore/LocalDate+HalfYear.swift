/// Half-years (semesters): the periods French, German and EU reference rates are fixed for.
extension LocalDate {
    /// 1 January or 1 July of this date's half-year.
    public var halfYearStart: LocalDate {
        LocalDate(year: year, month: month <= 6 ? 1 : 7, day: 1)!
    }

    /// 1 July or 1 January following this date's half-year.
    public var nextHalfYearStart: LocalDate {
        month <= 6 ? LocalDate(year: year, month: 7, day: 1)! : LocalDate(year: year + 1, month: 1, day: 1)!
    }

    /// `S1 2025` or `S2 2025`.
    public var halfYearLabel: String { "S\(month <= 6 ? 1 : 2) \(year)" }
}
