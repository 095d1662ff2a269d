import Foundation

/// The reference-rate tables a claim is computed with, by name.
///
/// `RateTables.builtIn` holds the figures shipped with relance; the `rates:` folder of the config
/// only extends them (`merging(_:)`).
public struct RateTables: Sendable, Hashable {
    /// The tables by name.
    public private(set) var tables: [String: RateTable]

    /// Creates a set of tables; two tables with the same name are merged, the later one winning.
    public init(_ tables: [RateTable] = []) {
        var byName: [String: RateTable] = [:]
        for table in tables {
            byName[table.name] = byName[table.name].map { $0.merging(table) } ?? table
        }
        self.tables = byName
    }

    /// The table with this name, if any.
    public subscript(name: String) -> RateTable? { tables[name] }

    /// The rate in percent of table `name` on `date`, or `nil` when the table or the day is unknown.
    public func rate(_ name: String, on date: LocalDate) -> Decimal? { tables[name]?.rate(on: date) }

    /// These tables extended by `extra`: a period in `extra` replaces the one with the same `from`.
    public func merging(_ extra: [RateTable]) -> RateTables {
        var result = self
        for table in extra {
            result.tables[table.name] = result.tables[table.name].map { $0.merging(table) } ?? table
        }
        return result
    }

    /// The tables built into relance (see `BuiltInRates`).
    public static let builtIn = RateTables(BuiltInRates.tables)
}
