import Testing

@testable import RelanceConfig

@Suite struct TemplateExistenceTests {
    @Test func templateMissingInAClientsLanguage() throws {
        let fixture = try Fixture(languages: ["fr"])
        let yaml = MinimalConfig.with([17: "    schedule: standard\n    language: en"])
        #expect(
            fixture.errors(yaml) == [
                "12:63: template `first-reminder` is missing in language `en` (used by client C001, schedule "
                    + "`standard`): no en/first-reminder.subject.mustache, en/first-reminder.txt.mustache in "
                    + "\(fixture.folder)/templates"
            ])
    }

    @Test func onlyTheMissingFileIsNamed() throws {
        let fixture = try Fixture(languages: ["fr"])
        try fixture.remove("templates/fr/first-reminder.subject.mustache")
        #expect(
            fixture.errors(MinimalConfig.text) == [
                "12:63: template `first-reminder` is missing in language `fr` (used by client C001, schedule "
                    + "`standard`): no fr/first-reminder.subject.mustache in \(fixture.folder)/templates"
            ])
    }

    @Test func languagesNobodyUsesAreNotChecked() throws {
        let fixture = try Fixture(languages: ["fr"])
        let loaded = try fixture.load(MinimalConfig.text)
        #expect(loaded.configuration.clients.map(\.language) == [.fr])
    }

    @Test func schedulesNobodyUsesAreNotChecked() throws {
        let fixture = try Fixture(languages: ["fr"])
        let yaml = MinimalConfig.with([
            12: "    - { step: first, offset_days: 1, action: email, template: first-reminder }\n"
                + "  gentle:\n    - { step: hello, offset_days: 3, action: email, template: not-written-yet }"
        ])
        #expect(try fixture.load(yaml).configuration.schedules.keys.sorted() == ["gentle", "standard"])
    }

    @Test func missingTemplatesFolder() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([7: "templates: \"mail\""])) == [
                "7:12: `templates`: folder \(fixture.folder)/mail does not exist"
            ])
    }

    @Test func everyStepUsingAMissingTemplateIsReported() throws {
        let fixture = try Fixture(languages: ["fr"], templates: ["first-reminder"])
        let yaml = MinimalConfig.with([
            12: "    - { step: first, offset_days: 1, action: email, template: first-reminder }\n"
                + "    - { step: notice, offset_days: 30, action: formal-notice, template: formal-notice }"
        ])
        #expect(
            fixture.errors(yaml) == [
                "13:73: template `formal-notice` is missing in language `fr` (used by client C001, schedule "
                    + "`standard`): no fr/formal-notice.subject.mustache, fr/formal-notice.txt.mustache in "
                    + "\(fixture.folder)/templates"
            ])
    }
}
