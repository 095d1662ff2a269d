import CYaml
import Yams

/// Composes a config's YAML text into `ConfigNode`s straight from libyaml's events (the parser Yams
/// wraps), with the tags Yams's default resolver would give.
///
/// `Yams.compose` builds a tree of its own nodes (a `Tag` object and a resolver per scalar), resolves a
/// plain scalar's tag with up to seven regular expressions, and does so again each time a mapping key
/// is hashed for the duplicate-key check: most of the time of loading 10,000 clients. Here each event
/// becomes a small value directly; a plain scalar's tag is decided without a regular expression when the
/// text settles it (a word that is not `true`/`null`/…, a text with a space that cannot be a timestamp),
/// by Yams's default resolver otherwise; anchors and aliases share the anchored node. Whenever the text
/// is not a plain single document with unique keys (a syntax error, a duplicate key, a non-scalar key,
/// an undefined alias, several documents), the text is composed again by `Yams.compose` itself, so
/// every error is the one Yams reports.
enum YAMLComposer {
    /// The text's single document, or nil when the text holds none.
    static func compose(yaml: String) throws -> ConfigNode? {
        try compose(yaml: yaml, onClientItem: nil).root
    }

    /// The text's document, handing each item of the top-level `clients:` list to `onClientItem` as soon
    /// as it is composed. `streamed` is false when Yams composed the text instead (the items handed out
    /// then are not the tree's: ignore them).
    static func compose(yaml: String, onClientItem: ((Int, ConfigNode) -> Void)?) throws -> (root: ConfigNode?, streamed: Bool) {
        var text = yaml
        let fast = text.withUTF8 { bytes in
            var composer = EventComposer(bytes: bytes)
            composer.onClientItem = onClientItem
            return composer.compose()
        }
        if let fast { return (fast.root, true) }
        return (try composeWithYams(yaml), false)
    }

    /// `Yams.compose`, its tree converted.
    private static func composeWithYams(_ yaml: String) throws -> ConfigNode? {
        guard let node = try Yams.compose(yaml: yaml) else { return nil }
        var limit = 16 * yaml.utf8.count + 1024
        return try ConfigNode(yams: node, limit: &limit)
    }

    /// A text whose aliases would expand beyond any real config (composed by Yams, copied here).
    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "the YAML text's aliases expand to too many nodes" }
    }

    /// The kind Yams's default resolver gives a plain scalar with this text.
    static func kind(ofPlain text: String) -> ConfigNode.ScalarKind {
        settledKind(ofPlain: text) ?? ConfigNode.ScalarKind(tag: Resolver.default.resolveTag(of: Node.scalar(.init(text))))
    }

    /// The bool and null words of the default resolver; none is longer than five letters.
    private static let words: [String: ConfigNode.ScalarKind] = {
        var words: [String: ConfigNode.ScalarKind] = [:]
        for word in ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
            "ON", "off", "Off", "OFF"]
        {
            words[word] = .bool
        }
        for word in ["null", "Null", "NULL"] { words[word] = .null }
        return words
    }()

    /// The default resolver's kind for a scalar's text when the text alone settles it without a regular
    /// expression; nil otherwise.
    ///
    /// The default rules (bool, int, float, merge, null, timestamp, value) only match texts that start
    /// with a sign, a digit, `.`, `<`, `=`, `~`, or are one of the bool and null words; only a timestamp
    /// may hold a space, and it starts with `dddd-`. Texts ending in a line terminator or a non-ASCII
    /// byte are left to the regular expressions (`$` matches before a final line break).
    static func settledKind(ofPlain text: String) -> ConfigNode.ScalarKind? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, last < 0x80, last > 0x0D || last < 0x0A else { return nil }
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        // Most config texts are names and addresses: longer than any word, no lookup.
        if isLetter { return utf8.count > 5 ? .string : words[text] ?? .string }
        let startsLikeTimestamp = utf8.count >= 5 && utf8.prefix(4).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && utf8.dropFirst(4).first == 0x2D
        if !startsLikeTimestamp && utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return .string }
        return nil
    }
}
