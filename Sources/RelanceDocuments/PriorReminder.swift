import RelanceCore

/// An earlier reminder, listed in the formal notice's history: when it was sent and which step it was.
public struct PriorReminder: Sendable, Hashable {
    /// The day it was sent.
    public var date: LocalDate
    /// The step as the reader should see it (`premier rappel`, `second reminder`, or the step name).
    public var step: String

    /// Creates a history entry.
    public init(date: LocalDate, step: String) {
        self.date = date
        self.step = step
    }

    /// The reminders sent on `dates`, oldest first, named by their rank as the reader counts them
    /// (`premier rappel`, `deuxième rappel`…; `first reminder`, `second reminder`…), not by the config's
    /// step names.
    public static func numbered(_ dates: [LocalDate], language: Language) -> [PriorReminder] {
        dates.sorted().enumerated().map { PriorReminder(date: $1, step: rank($0 + 1, language: language)) }
    }

    /// `premier rappel`, `deuxième rappel`, …, `12e rappel`; `first reminder`, …, `12th reminder`.
    static func rank(_ n: Int, language: Language) -> String {
        switch language {
        case .fr:
            let words = ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième"]
            return (n <= words.count ? words[n - 1] : "\(n)e") + " rappel"
        case .en:
            let words = ["first", "second", "third", "fourth", "fifth", "sixth"]
            return (n <= words.count ? words[n - 1] : "\(n)th") + " reminder"
        }
    }
}
