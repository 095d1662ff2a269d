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

extension Node {
    /// Where the node starts in the file.
    var position: Position? { mark.map(Position.init) }

    /// The resolved tag's name (`Tag.name` is not public in Yams).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// Whether the node is an explicit or implicit null (`key:`, `~`, `null`).
    var isNull: Bool {
        if case .scalar = self { return tagName == .null }
        return false
    }

    /// What the node is, for "expected X, found Y" messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch tagName {
            case .null: return "nothing"
            case .bool: return "a boolean (`\(scalar.string)`)"
            case .int: return "an integer"
            case .float: return "a number"
            case .timestamp: return "a date"
            default: return "a string"
            }
        }
    }
}
