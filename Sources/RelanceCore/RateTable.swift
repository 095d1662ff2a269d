import Foundation

/// A named table of dated reference rates (`ecb-mro`, `boe-base`, …).
///
/// Days that no period covers are *unknown*: `period(on:)` returns `nil` and the calculators say so,
/// they never take the nearest value.
public struct RateTable: Sendable, Hashable {
    /// The European Central Bank's main refinancing operations rate (France: + 10 points, B2B).
    public static let ecbMRO = "ecb-mro"
    /// France's legal interest rate, "autres cas" (the creditor is a professional).
    public static let frLegalProfessional = "fr-legal-professional"
    /// France's legal interest rate when the creditor is a private individual.
    public static let frLegalIndividual = "fr-legal-individual"
    /// The Bank of England base rate (UK: + 8 %, fixed for the debt).
    public static let boeBase = "boe-base"
    /// Germany's Basiszinssatz, § 247 BGB (+ 9 points B2B, + 5 consumers).
    public static let deBasiszins = "de-basiszins"

    /// Every table name relance knows and uses.
    public static let knownNames = [ecbMRO, frLegalProfessional, frLegalIndividual, boeBase, deBasiszins]

    /// The table's name, one of `knownNames` for the tables relance uses.
    public var name: String
    /// The periods, ordered by `from`.
    public private(set) var periods: [RatePeriod]

    /// Creates a table; the periods are sorted by their first day.
    public init(name: String, periods: [RatePeriod]) {
        self.name = name
        self.periods = periods.sorted { $0.from < $1.from }
    }

    /// The period in force on `date`, or `nil` when the rate of that day is unknown. When periods
    /// overlap, the one that starts last wins (a newer figure supersedes an older one).
    public func period(on date: LocalDate) -> RatePeriod? {
        periods.last { $0.contains(date) }
    }

    /// The rate in percent on `date`, or `nil` when unknown.
    public func rate(on date: LocalDate) -> Decimal? { period(on: date)?.rate }

    /// This table extended by `other`'s periods: a period of `other` replaces the one with the same
    /// `from`; the others are added.
    public func merging(_ other: RateTable) -> RateTable {
        var byStart: [LocalDate: RatePeriod] = [:]
        for period in periods { byStart[period.from] = period }
        for period in other.periods { byStart[period.from] = period }
        return RateTable(name: name, periods: Array(byStart.values))
    }
}
