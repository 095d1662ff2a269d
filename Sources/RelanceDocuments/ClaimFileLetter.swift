import RelanceCore

/// A mise en demeure as it was posted: the PDF of `<state folder>/outbox/` and the day it is dated.
public struct ClaimFileLetter: Sendable, Hashable {
    /// The letter's date (the day its formal-notice email was first rendered).
    public var date: LocalDate
    /// The PDF, byte for byte.
    public var pdf: [UInt8]

    /// A letter of `date`.
    public init(date: LocalDate, pdf: [UInt8]) {
        self.date = date
        self.pdf = pdf
    }
}
