import Testing

@testable import RelanceConfig

@Suite struct MultipleErrorsTests {
    @Test func everyProblemIsReportedInFileOrder() throws {
        let fixture = try Fixture()
        let yaml = """
            creditor:
              name: "Atelier Dupont SARL"
              email: "compta@atelier"
            smtp:
              url: "smtp://127.0.0.1:2525"
              starttls: sometimes
            state: "state/relance.sqlite"
            templates: "templates"
            ledger:
              path: "ledger.csv"
              max_age_hours: 0
            schedules:
              standard:
                - { step: first, offset_days: 8, action: email, template: first-reminder }
                - { step: second, offset_days: 1, action: email, template: second-reminder }
            clients:
              - id: "C001"
                name: "Boulangerie Martin SAS"
                email: ["compta@boulangerie-martin.fr"]
                schedule: standard
                langage: fr
              - id: "C001"
                name: "Café de l'Époque SARL"
                email: ["gerance@cafe-epoque.fr"]
                schedule: express

            """
        #expect(
            fixture.errors(yaml) == [
                "3:10: `creditor.email`: `compta@atelier` is not a valid email address",
                "6:13: `smtp.starttls` must be required | optional | never, found `sometimes`",
                "11:18: `ledger.max_age_hours` must be at least 1, found 0",
                "15:36: steps must be ordered by increasing offset_days: step `second` (1) comes after step `first` (8)",
                "21:5: unknown key `langage` in `clients[0]`; did you mean `language`?",
                "22:9: duplicate client id `C001` (first at line 17, column 9)",
                "25:15: `clients[1].schedule`: unknown schedule `express`",
            ])
    }

    @Test func errorDescriptionHasOneLinePerProblem() throws {
        let fixture = try Fixture()
        do {
            _ = try fixture.load(MinimalConfig.with([6: "state:", 7: "templates:"]))
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == """
                    \(fixture.configPath):6:1: `state` needs a value
                    \(fixture.configPath):7:1: `templates` needs a value
                    """)
        }
    }
}
