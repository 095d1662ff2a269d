/// The time a mise en demeure (formal notice) gives the debtor to pay, counted from the day the debtor
/// receives it (legal-rules §5.2 item 7, §5.3).
///
/// A registered letter is received days after its date, on a day nobody knows when it is written, so a
/// letter states the time only ("sous huit jours à compter de la réception de la présente") and never a
/// calendar date: a date counted from the letter's own date would give the debtor fewer days than the
/// sentence promises. An email is received the day it is sent, so it may also state the last day, from
/// ``lastDay(receivedOn:days:holidays:)``.
public enum PaymentDeadline {
    /// The usual time to pay: 8 days for a business debtor, 15 for a consumer (the law asks for a
    /// "délai raisonnable", C. civ. 1231, and fixes no number; these are French practice).
    public static func days(for kind: ClientKind) -> Int {
        kind == .business ? 8 : 15
    }

    /// The last day to pay a notice received on `received`: `days` later or, when that day is a Saturday,
    /// a Sunday or a public holiday of `holidays`, the next working day (as art. 642 of the Code de
    /// procédure civile extends a time limit). Never earlier than `received` plus `days`.
    public static func lastDay(receivedOn received: LocalDate, days: Int, holidays: HolidayCalendar) -> LocalDate {
        var day = received.adding(days: days)
        while !holidays.isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }
}
