import Foundation
import Testing
import Yams

@testable import RelanceConfig

/// `YAMLComposer` promises the tree `Yams.compose` gives, tags included, only faster. Each text here is
/// composed both ways and the trees compared node by node (tag, text, style, position).
@Suite struct YAMLComposerEquivalenceTests {
    /// Plain and quoted scalars whose tag the default resolver decides: every rule, and near misses.
    static let scalars = [
        "yes", "Yes", "NO", "on", "Off", "true", "False", "null", "Null", "~", "", "y", "n", "yes please",
        "0", "-1", "+7", "0o17", "0x1F", "1_000", "012", "3.14", "-.5", ".inf", "-.Inf", ".nan", "1e3", "6.8523015e+5",
        "2026-11-17", "2026-11-17 10:00:00", "2026-11-17T10:00:00+01:00", "2026-1-7", "2026-11-17x", "20261117",
        "<<", "=", "09:00-17:00", "+33 1 23 45 67 89", "FR76 3000 6000", "a: b", "Société Générale", "€40",
        "mon", "C001", "1.2.3", "12:30", "190:20:30", "-", "--", "0.", ".", "+.5e-3",
    ]

    /// The same tree, or the same error (a text that is not valid YAML fails both ways alike).
    static func assertSame(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        switch (Result { try YAMLComposer.compose(yaml: yaml) }, Result { try Yams.compose(yaml: yaml) }) {
        case (.success(let fast), .success(let yams)):
            #expect(fast == yams, "\(yaml.debugDescription)", sourceLocation: sourceLocation)
            if let fast, let yams { #expect(tags(fast) == tags(yams), "\(yaml.debugDescription)", sourceLocation: sourceLocation) }
        case (.failure(let fast), .failure(let yams)):
            #expect("\(fast)" == "\(yams)", "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (let fast, let yams):
            Issue.record("\(yaml.debugDescription): YAMLComposer \(fast), Yams \(yams)", sourceLocation: sourceLocation)
        }
    }

    /// Every scalar's resolved tag, in document order (the part of a node equality might not compare).
    static func tags(_ node: Node) -> [String] {
        switch node {
        case .scalar(let scalar): return [scalar.tag.rawValue + "|" + scalar.string]
        case .mapping(let mapping): return mapping.flatMap { tags($0.key) + tags($0.value) }
        case .sequence(let sequence): return sequence.flatMap(tags)
        case .alias: return ["alias"]
        }
    }

    @Test(arguments: scalars)
    func plainAndQuotedScalarsGetYamsTags(text: String) throws {
        try Self.assertSame("key: \(text)\n")
        try Self.assertSame("key: \"\(text)\"\n")
        try Self.assertSame("key: '\(text)'\n")
        try Self.assertSame("- \(text)\n- [\(text.isEmpty ? "x" : text)]\n")
    }

    @Test func theExampleConfigComposesTheSame() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/relance.yaml").path
        try Self.assertSame(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func blockScalarsExplicitTagsAndDuplicateKeys() throws {
        try Self.assertSame("a: |\n  line\n  yes\nb: >\n  folded 12\nc: !!str 12\nd: !!int \"7\"\n")
        #expect(throws: (any Error).self) { try YAMLComposer.compose(yaml: "a: 1\na: 2\n") }
    }
}
