import Foundation
import Testing

@testable import RelanceConfig

/// Loading from disk: unreadable files, permissions, and the diagnostic format.
@Suite struct ConfigFileTests {
    @Test func missingFile() throws {
        let fixture = try Fixture()
        let path = fixture.folder + "/absent.yaml"
        do {
            _ = try ConfigurationLoader().load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == "\(path):1:1: cannot read the config file: No such file or directory")
        }
    }

    @Test func privateFileLoadsWithoutWarning() throws {
        let fixture = try Fixture()
        try fixture.write("relance.yaml", MinimalConfig.text, mode: 0o640)
        let loaded = try ConfigurationLoader().load(path: fixture.configPath)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.configuration.sourcePath == fixture.configPath)
    }

    @Test func worldReadableFileIsAWarning() throws {
        let fixture = try Fixture()
        try fixture.write("relance.yaml", MinimalConfig.text, mode: 0o664)
        let loaded = try ConfigurationLoader().load(path: fixture.configPath)
        #expect(
            loaded.warnings.map(\.description) == [
                "\(fixture.configPath):1:1: warning: the config file is readable by others and writable by group "
                    + "(mode 0664); chmod 640 it"
            ])
    }

    @Test func errorsOnDiskCarryThePathAsGiven() throws {
        let fixture = try Fixture()
        try fixture.write("relance.yaml", MinimalConfig.with([5: "  url: \"ftp://x\""]), mode: 0o600)
        do {
            _ = try ConfigurationLoader().load(path: fixture.configPath)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(fixture.configPath):5:8: `smtp.url` must start with smtp:// or smtps://"
                ])
            #expect(error.diagnostics.first?.severity == .error)
        }
    }

    @Test func diagnosticDescription() {
        let error = ConfigDiagnostic(file: "relance.yaml", line: 3, column: 10, message: "bad")
        #expect(error.description == "relance.yaml:3:10: bad")
        let warning = ConfigDiagnostic(
            file: "relance.yaml", line: 1, column: 1, message: "hmm", severity: .warning)
        #expect(warning.description == "relance.yaml:1:1: warning: hmm")
    }
}
