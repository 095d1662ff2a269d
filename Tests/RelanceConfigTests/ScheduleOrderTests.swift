import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct ScheduleOrderTests {
    @Test func stepsOutOfOrderAreEachReportedAtTheirOffset() throws {
        let fixture = try Fixture()
        let steps = [
            "    - { step: first, offset_days: 8, action: email, template: first-reminder }",  // 12
            "    - { step: second, offset_days: 1, action: email, template: second-reminder }",  // 13
            "    - { step: third, offset_days: 1, action: call }",  // 14
        ].joined(separator: "\n")
        #expect(
            fixture.errors(MinimalConfig.with([12: steps])) == [
                "13:36: steps must be ordered by increasing offset_days: step `second` (1) comes after step `first` (8)",
                "14:35: steps must be ordered by increasing offset_days: step `third` (1) comes after step `second` (1)",
            ])
    }

    @Test func orderedStepsKeepTheirOrder() throws {
        let fixture = try Fixture()
        let steps = [
            "    - { step: courtesy, offset_days: -3, action: email, template: courtesy }",
            "    - { step: first, offset_days: 1, business_days: true, action: email, template: first-reminder }",
            "    - { step: call, offset_days: 15, action: call }",
        ].joined(separator: "\n")
        let schedule = try #require(
            try fixture.load(MinimalConfig.with([12: steps])).configuration.schedules["standard"])
        #expect(schedule.steps.map(\.name) == ["courtesy", "first", "call"])
        #expect(schedule.steps.map(\.offsetDays) == [-3, 1, 15])
        #expect(schedule.steps.map(\.businessDays) == [false, true, false])
    }

    @Test func duplicateStepNameIsReportedAtTheSecond() throws {
        let fixture = try Fixture()
        let steps = [
            "    - { step: first, offset_days: 1, action: email, template: first-reminder }",
            "    - { step: first, offset_days: 9, action: call }",
        ].joined(separator: "\n")
        #expect(
            fixture.errors(MinimalConfig.with([12: steps])) == [
                "13:15: duplicate step `first` in schedule `standard` (first at line 12, column 15)"
            ])
    }

    @Test func unknownActionGetsAHint() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, offset_days: 1, action: emial, template: first-reminder }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:46: `schedules.standard[0].action` must be email | call | letter | formal-notice | legal, "
                    + "found `emial`; did you mean `email`?"
            ])
    }

    /// The legal hand-over stands on a mise en demeure, which is sent once something is late: a ladder with
    /// `legal` and no notice before it, or a notice before the due date, is refused.
    @Test func legalNeedsANoticeBeforeItAndANoticeComesAfterTheDueDate() throws {
        let fixture = try Fixture()
        let noNotice = [
            "    - { step: first, offset_days: 1, action: email, template: first-reminder }",
            "    - { step: legal, offset_days: 45, action: legal }",
        ].joined(separator: "\n")
        #expect(fixture.errors(MinimalConfig.with([12: noNotice])) == [
            "13:47: step `legal`: a `legal` step needs a `formal-notice` step before it in the schedule: the hand-over "
                + "(injonction de payer, lawyer, agency) stands on the mise en demeure",
        ])
        let legalFirst = [
            "    - { step: legal, offset_days: 30, action: legal }",
            "    - { step: notice, offset_days: 45, action: formal-notice, template: first-reminder }",
        ].joined(separator: "\n")
        #expect(fixture.errors(MinimalConfig.with([12: legalFirst])).first?.contains("needs a `formal-notice` step before it") == true)
        let early = "    - { step: notice, offset_days: -3, action: formal-notice, template: first-reminder }"
        #expect(fixture.errors(MinimalConfig.with([12: early])) == [
            "12:36: step `notice`: a `formal-notice` comes after the due date (offset_days 1 or more), found -3: nothing is "
                + "late before it",
        ])
    }

    @Test func emailAndFormalNoticeStepsNeedATemplate() throws {
        let fixture = try Fixture()
        let steps = [
            "    - { step: first, offset_days: 1, action: email }",
            "    - { step: notice, offset_days: 30, action: formal-notice }",
            "    - { step: legal, offset_days: 45, action: legal }",
        ].joined(separator: "\n")
        #expect(
            fixture.errors(MinimalConfig.with([12: steps])) == [
                "12:7: step `first` with action `email` needs a `template`",
                "13:7: step `notice` with action `formal-notice` needs a `template`",
            ])
    }

    @Test func scheduleWithoutSteps() throws {
        let fixture = try Fixture()
        #expect(
            fixture.errors(MinimalConfig.with([11: "  standard: []", 12: "  # no steps"])) == [
                "11:3: schedule `standard` has no steps"
            ])
    }

    @Test func approvalMustBeRequiredOrNone() throws {
        let fixture = try Fixture()
        let step =
            "    - { step: first, offset_days: 1, action: email, template: first-reminder, approval: maybe }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:89: `schedules.standard[0].approval` must be required | none, found `maybe`"
            ])
    }

    @Test func templateNameCannotLeaveTheTemplatesFolder() throws {
        let fixture = try Fixture()
        let step = "    - { step: first, offset_days: 1, action: email, template: ../secret }"
        #expect(
            fixture.errors(MinimalConfig.with([12: step])) == [
                "12:63: `schedules.standard[0].template`: `../secret` is not a template name "
                    + "(letters, digits, -, _ and . only)"
            ])
    }
}
