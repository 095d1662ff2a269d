import RelanceCore
import Testing

@testable import RelanceDaemon

/// The letter's place line ("Paris, le 15 mai 2025") is the creditor's town, never its country.
@Suite struct LetterPlaceTests {
    static func creditor(_ address: [String]) -> Creditor {
        Creditor(name: "C", email: EmailAddress("c@example.fr")!, address: address)
    }

    @Test func thePlaceIsTheTownOfThePostcodeLine() {
        #expect(ReminderCycle.place(of: Self.creditor(["12 rue des Lilas", "75011 Paris"])) == "Paris")
        #expect(ReminderCycle.place(of: Self.creditor(["41 Riverside Walk", "London SE1 9PP", "United Kingdom"])) == "London")
        #expect(ReminderCycle.place(of: Self.creditor(["Hauptstraße 5", "10115 Berlin", "Deutschland"])) == "Berlin")
        #expect(ReminderCycle.place(of: Self.creditor(["Somewhere"])) == "Somewhere")
        #expect(ReminderCycle.place(of: Self.creditor([])) == "")
    }
}
