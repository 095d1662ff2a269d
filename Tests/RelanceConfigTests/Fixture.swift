import Foundation
import Testing

@testable import RelanceConfig

/// A temporary folder holding a config's templates (and any other file a test needs); removed on deinit.
final class Fixture {
    /// The templates of the test schedules.
    static let standardTemplates = ["courtesy", "first-reminder", "second-reminder", "formal-notice"]

    let folder: String
    var configPath: String { folder + "/relance.yaml" }

    /// Creates the folder with `templates/<language>/<name>.subject.mustache` and `.txt.mustache`
    /// for every language and template given.
    init(languages: [String] = ["fr", "en"], templates: [String] = Fixture.standardTemplates) throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("relance-config-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for language in languages {
            for template in templates {
                try write("templates/\(language)/\(template).subject.mustache", "Facture {{invoice}}\n")
                try write("templates/\(language)/\(template).txt.mustache", "Bonjour {{contact}},\n")
            }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `content` at `relativePath` inside the folder, with `mode` permissions.
    @discardableResult
    func write(_ relativePath: String, _ content: String, mode: Int = 0o600) throws -> String {
        let path = folder + "/" + relativePath
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(atPath: folder + "/" + relativePath)
    }

    /// Loads `yaml` as if it were `relance.yaml` in the folder.
    func load(_ yaml: String) throws(ConfigurationError) -> LoadedConfiguration {
        try ConfigurationLoader().load(yaml: yaml, path: configPath)
    }

    /// The errors of a config that must be rejected, as `LINE:COLUMN: message` strings.
    func errors(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        do {
            let loaded = try load(yaml)
            Issue.record(
                "expected the config to be rejected, it loaded: \(loaded.configuration.clients.count) clients",
                sourceLocation: sourceLocation)
            return []
        } catch {
            for diagnostic in error.diagnostics {
                #expect(diagnostic.file == configPath, sourceLocation: sourceLocation)
            }
            return error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }
}

/// A minimal valid config, 17 lines, to which tests apply line-level edits (line numbers stay known).
enum MinimalConfig {
    static let lines = [
        "creditor:",  // 1
        "  name: \"Atelier Dupont SARL\"",  // 2
        "  email: \"compta@atelier-dupont.fr\"",  // 3
        "smtp:",  // 4
        "  url: \"smtp://127.0.0.1:2525\"",  // 5
        "state: \"state/relance.sqlite\"",  // 6
        "templates: \"templates\"",  // 7
        "ledger:",  // 8
        "  path: \"ledger.csv\"",  // 9
        "schedules:",  // 10
        "  standard:",  // 11
        "    - { step: first, offset_days: 1, action: email, template: first-reminder }",  // 12
        "clients:",  // 13
        "  - id: \"C001\"",  // 14
        "    name: \"Boulangerie Martin SAS\"",  // 15
        "    email: [\"compta@boulangerie-martin.fr\"]",  // 16
        "    schedule: standard",  // 17
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The minimal config with some lines (1-based) replaced, then `appending` added at the end.
    static func with(_ replacements: [Int: String] = [:], appending extra: [String] = []) -> String {
        var result = lines
        for (line, text) in replacements { result[line - 1] = text }
        return (result + extra).joined(separator: "\n") + "\n"
    }
}
