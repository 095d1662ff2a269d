import Yams

/// One node of a YAML file as the config readers see it: a scalar with its resolved kind, a mapping or
/// a list, each with where it starts in the file.
///
/// Aliases are already resolved (an alias is the anchored node itself, sharing its storage), and a
/// plain scalar's kind is the tag Yams's default resolver would give it.
enum ConfigNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// What a scalar's resolved tag says it is.
    enum ScalarKind: UInt8, Sendable {
        case string, null, bool, int, float, timestamp
    }

    /// A scalar: its text as written (without quotes), its kind and its place.
    struct Scalar: Sendable {
        var string: String
        var kind: ScalarKind
        var position: Position
    }

    /// A mapping's pairs in file order (keys may be any node; the readers want scalars).
    struct Mapping: Sendable, RandomAccessCollection {
        var pairs: [(key: ConfigNode, value: ConfigNode)]
        var position: Position

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(index: Int) -> (key: ConfigNode, value: ConfigNode) { pairs[index] }
    }

    /// A list's items in file order.
    struct Sequence: Sendable, RandomAccessCollection {
        var items: [ConfigNode]
        var position: Position

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(index: Int) -> ConfigNode { items[index] }
    }

    /// Where the node starts in the file.
    var position: Position {
        switch self {
        case .scalar(let scalar): return scalar.position
        case .mapping(let mapping): return mapping.position
        case .sequence(let sequence): return sequence.position
        }
    }

    /// Whether the node is an explicit or implicit null (`key:`, `~`, `null`).
    var isNull: Bool {
        if case .scalar(let scalar) = self { return scalar.kind == .null }
        return false
    }

    /// The value of an integer scalar, as Yams reads it (`0x1F`, `0o17`, `1_000`); nil when the node
    /// is not an integer or is out of range.
    var int: Int? {
        guard case .scalar(let scalar) = self, scalar.kind == .int else { return nil }
        return Int.construct(from: Node.Scalar(scalar.string, Tag(.int)))
    }

    /// The value of a boolean scalar (`true`, `yes`, `off`…); nil when the node is not a boolean.
    var bool: Bool? {
        guard case .scalar(let scalar) = self, scalar.kind == .bool else { return nil }
        return Bool.construct(from: Node.Scalar(scalar.string, Tag(.bool)))
    }

    /// What the node is, for "expected X, found Y" messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return "nothing"
            case .bool: return "a boolean (`\(scalar.string)`)"
            case .int: return "an integer"
            case .float: return "a number"
            case .timestamp: return "a date"
            case .string: return "a string"
            }
        }
    }
}

extension ConfigNode.ScalarKind {
    /// The kind a resolved tag name stands for; any tag other than the five core types reads as a string.
    init(tag name: Tag.Name) {
        switch name {
        case .null: self = .null
        case .bool: self = .bool
        case .int: self = .int
        case .float: self = .float
        case .timestamp: self = .timestamp
        default: self = .string
        }
    }
}
