import Foundation
import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct SMTPSettingsTests {
    @Test func urlMustBeSMTPOrSMTPS() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([5: "  url: \"http://mail.example.fr\""])) == [
                "5:8: `smtp.url` must start with smtp:// or smtps://"
            ])
    }

    @Test func smtpsIsAccepted() throws {
        let fixture = try Fixture()
        let smtp = try fixture.load(MinimalConfig.with([5: "  url: \"smtps://mail.example.fr:465\""]))
            .configuration.smtp
        #expect(smtp.url == "smtps://mail.example.fr:465")
    }

    @Test func passwordInTheURLIsRefusedWithoutEchoingIt() throws {
        let fixture = try Fixture()
        let errors = fixture.errors(
            MinimalConfig.with([5: "  url: \"smtp://relance:s3cret@mail.example.fr\""]))
        #expect(
            errors == [
                "5:8: `smtp.url` must not contain a password; write it to a file and set `smtp.password_file`"
            ])
        #expect(!errors.joined().contains("s3cret"))
    }

    /// A port out of range passed check-config, then every message was deferred at send time with a curl
    /// error and no place in the config.
    @Test func aPortOutOfRangeIsRefused() throws {
        let fixture = try Fixture()
        #expect(fixture.errors(MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:99999\""])) == [
            "5:8: `smtp.url` has port 99999: a port is 1 to 65535"
        ])
        #expect(fixture.errors(MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:0\""])).count == 1)
        #expect(try fixture.load(MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:65535\""])).configuration.smtp.url
            == "smtp://127.0.0.1:65535")
    }

    @Test func urlWithoutHost() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([5: "  url: \"smtp://\""])) == [
                "5:8: `smtp.url` has no host name"
            ])
    }

    @Test func startTLSMustBeKnown() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n  starttls: requird"])
        #expect(
            fixture.errors(yaml) == [
                "6:13: `smtp.starttls` must be required | optional | never, found `requird`; did you mean `required`?"
            ])
    }

    @Test func limitsMustBePositive() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            5:
                "  url: \"smtp://127.0.0.1:2525\"\n  timeout_seconds: -5\n  max_connections: 0\n  max_per_minute: 0"
        ])
        #expect(
            fixture.errors(yaml) == [
                "6:20: `smtp.timeout_seconds` must be at least 1, found -5",
                "7:20: `smtp.max_connections` must be at least 1, found 0",
                "8:19: `smtp.max_per_minute` must be at least 1, found 0",
            ])
    }

    @Test func missingPasswordFileIsReportedAtItsValue() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with([
            5: "  url: \"smtp://127.0.0.1:2525\"\n  password_file: \"secrets/smtp\""
        ])
        #expect(
            fixture.errors(yaml) == [
                "6:18: `smtp.password_file`: cannot read \(fixture.folder)/secrets/smtp: No such file or directory"
            ])
    }

    @Test func passwordFileThatIsAFolder() throws {
        let fixture = try Fixture()
        try fixture.write("secrets/placeholder", "")
        let yaml = MinimalConfig.with([5: "  url: \"smtp://127.0.0.1:2525\"\n  password_file: \"secrets\""])
        #expect(
            fixture.errors(yaml) == [
                "6:18: `smtp.password_file`: cannot read \(fixture.folder)/secrets: not a regular file"
            ])
    }

    @Test func privatePasswordFileLoadsWithoutWarningAndKeepsOnlyItsPath() throws {
        let fixture = try Fixture()
        try fixture.write("secrets/smtp", "hunter2\n", mode: 0o600)
        let yaml = MinimalConfig.with([
            5:
                "  url: \"smtp://127.0.0.1:2525\"\n  username: \"relance@example.fr\"\n  password_file: \"secrets/smtp\""
        ])
        let loaded = try fixture.load(yaml)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.configuration.smtp.passwordFile == fixture.folder + "/secrets/smtp")
        #expect(loaded.configuration.smtp.username == "relance@example.fr")
        #expect(!String(describing: loaded.configuration).contains("hunter2"))
        #expect(try readPassword(loaded.configuration.smtp) == "hunter2")
    }

    @Test func passwordFileReadableByOthersIsAWarning() throws {
        let fixture = try Fixture()
        try fixture.write("secrets/smtp", "hunter2\n", mode: 0o644)
        let yaml = MinimalConfig.with([
            5: "  url: \"smtp://127.0.0.1:2525\"\n  password_file: \"secrets/smtp\""
        ])
        let loaded = try fixture.load(yaml)
        #expect(
            loaded.warnings.map(\.description) == [
                "\(fixture.configPath):6:18: warning: password file \(fixture.folder)/secrets/smtp is readable by "
                    + "group and others (mode 0644); chmod 600 it"
            ])
        #expect(!loaded.warnings.map(\.description).joined().contains("hunter2"))
    }

    @Test func readPasswordStripsOneTrailingNewline() throws {
        let fixture = try Fixture()
        let path = try fixture.write("p1", "pa ss\n\n")
        #expect(try readPassword(SMTPSettings(url: "smtp://x.fr", passwordFile: path)) == "pa ss\n")
        let crlf = try fixture.write("p2", "secret\r\n")
        #expect(try readPassword(SMTPSettings(url: "smtp://x.fr", passwordFile: crlf)) == "secret")
        let bare = try fixture.write("p3", "secret")
        #expect(try readPassword(SMTPSettings(url: "smtp://x.fr", passwordFile: bare)) == "secret")
        #expect(try readPassword(SMTPSettings(url: "smtp://x.fr")) == nil)
    }

    @Test func readPasswordErrorNamesThePathOnly() throws {
        let settings = SMTPSettings(url: "smtp://x.fr", passwordFile: "/nonexistent/relance/smtp-password")
        #expect(throws: PasswordFileError.self) { try readPassword(settings) }
        do {
            _ = try readPassword(settings)
        } catch {
            #expect(
                error.description
                    == "cannot read password file /nonexistent/relance/smtp-password: No such file or directory"
            )
        }
    }
}
