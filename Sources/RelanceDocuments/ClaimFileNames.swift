/// File names inside a claim file.
enum ClaimFileNames {
    static let summary = "summary.pdf"
    static let formalNotice = "mise-en-demeure.pdf"
    static let registeredLetter = "registered-letter.txt"
    static let journal = "journal.txt"
    static let csv = "claim.csv"
    static let invoices = "invoices"
    static let reminders = "reminders"

    /// Keeps ASCII letters, digits, `.`, `_`, `-`; anything else becomes `-` (never empty, never `..`).
    static func safe(_ name: String) -> String {
        let mapped = String(name.unicodeScalars.map { scalar -> Character in
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-")
            return ok ? Character(scalar) : "-"
        })
        let trimmed = mapped.drop { $0 == "." }
        return trimmed.isEmpty ? "file" : String(trimmed)
    }

    /// The file of a formal notice: `mise-en-demeure.pdf` when the claim file holds one,
    /// `mise-en-demeure-2026-11-18.pdf` (its date) when it holds several.
    static func formalNotice(_ letter: ClaimFileLetter, among count: Int) -> String {
        count == 1 ? formalNotice : "mise-en-demeure-\(letter.date.description).pdf"
    }

    /// Whether `name` is the file of a formal notice.
    static func isFormalNotice(_ name: String) -> Bool {
        name == formalNotice || (name.hasPrefix("mise-en-demeure-") && name.hasSuffix(".pdf"))
    }

    /// The base name of the reminder files: `01-2026-11-18-first`.
    static func reminder(_ index: Int, _ reminder: ClaimFileReminder) -> String {
        let number = index < 9 ? "0\(index + 1)" : String(index + 1)
        return "\(number)-\(reminder.date.description)-\(safe(reminder.step))"
    }
}
