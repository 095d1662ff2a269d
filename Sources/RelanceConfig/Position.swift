import Yams

/// A place in the config file: 1-based line and column (columns counted in Unicode scalars).
struct Position: Hashable, Sendable, Comparable {
    var line: Int
    var column: Int

    /// The first character of the file: where problems without a better place are reported.
    static let start = Position(line: 1, column: 1)

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }

    static func < (a: Position, b: Position) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A value read from the config, with where it was written.
struct Located<Value> {
    var value: Value
    var position: Position
}

extension Located: Sendable where Value: Sendable {}
