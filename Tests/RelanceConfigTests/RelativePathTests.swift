import Foundation
import Testing

@testable import RelanceConfig

@Suite struct RelativePathTests {
    @Test func relativePathsAreResolvedAgainstTheConfigFolder() throws {
        let fixture = try Fixture()
        try fixture.write("secrets/smtp", "pw\n")
        let yaml = MinimalConfig.with(
            [
                5: "  url: \"smtp://127.0.0.1:2525\"\n  password_file: \"./secrets/smtp\"",
                9: "  path: \"exports/../ledger.csv\"\n  payments: \"payments.csv\"",
            ],
            appending: ["rates: \"rates\""])
        let config = try fixture.load(yaml).configuration
        #expect(config.sourcePath == fixture.configPath)
        #expect(config.statePath == fixture.folder + "/state/relance.sqlite")
        #expect(config.templatesPath == fixture.folder + "/templates")
        #expect(config.ledger.path == fixture.folder + "/ledger.csv")
        #expect(config.ledger.paymentsPath == fixture.folder + "/payments.csv")
        #expect(config.ratesPath == fixture.folder + "/rates")
        #expect(config.smtp.passwordFile == fixture.folder + "/secrets/smtp")
    }

    @Test func absolutePathsAreKept() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            6: "state: \"/var/lib/relance/relance.sqlite\"", 9: "  path: \"/srv/compta/ledger.csv\"",
        ])
        let config = try fixture.load(yaml).configuration
        #expect(config.statePath == "/var/lib/relance/relance.sqlite")
        #expect(config.ledger.path == "/srv/compta/ledger.csv")
    }

    @Test func relativeConfigPathIsMadeAbsolute() throws {
        let fixture = try Fixture()
        let cwd = FileManager.default.currentDirectoryPath
        let relative = "some/where/relance.yaml"
        do {
            let config = try ConfigurationLoader().load(
                yaml: MinimalConfig.with([7: "templates: \"\(fixture.folder)/templates\""]), path: relative
            ).configuration
            #expect(config.sourcePath == cwd + "/some/where/relance.yaml")
            #expect(config.statePath == cwd + "/some/where/state/relance.sqlite")
        } catch {
            Issue.record("unexpected errors: \(error)")
        }
    }

    @Test func folding() {
        #expect(ConfigParser.absolutePath("a/./b/../c", relativeTo: "/etc/relance") == "/etc/relance/a/c")
        #expect(ConfigParser.absolutePath("../../../x", relativeTo: "/etc") == "/x")
        #expect(ConfigParser.absolutePath("/abs//path/", relativeTo: "/etc") == "/abs/path")
    }
}
