/// The rules for a deferred message at its retry, so that a retry never says what a new reminder
/// planned today would not say.
extension ReminderPlanner {
    /// Reviews a deferred message of `client` at step `stepName` that lists `listed`, on the client's
    /// local date `today`:
    /// - a client under collective proceedings (`insolvent`) is not chased: cancelled;
    /// - invoices settled or gone from the ledger (`open` has the open ones by number) leave it, and so do
    ///   invoices under a standing hold (`holds`), as the planner leaves them out of a new reminder;
    ///   nothing left: cancelled, or waiting while a hold stands;
    /// - it is cancelled when none of the invoices left has reached its step (`reached`): the invoices it
    ///   was sent for are paid, written off or on hold, and a "second reminder" about an invoice that
    ///   is not yet late would be wrong; the others go with their next step;
    /// - it is cancelled when a later step has become due for one of those invoices: the ladder does not
    ///   send a step late (as after downtime), the planner plans the step due today instead. Only invoices
    ///   at the message's step count: one further up its ladder was not moved by this message. A formal
    ///   notice is never overtaken (what follows it waits for its time to pay), nor is a step beyond one.
    /// A step or schedule no longer in the configuration cannot be judged: the message goes as it is.
    /// (The store gives back the steps a cancelled message, or an invoice a retry leaves out, had recorded.)
    public func reviewRetry(
        step stepName: String, listed: [String], client: Client, open: [String: Invoice], holds: [Hold],
        reached: [String: ReachedStep], today: LocalDate
    ) -> RetryDecision {
        // The law says stop: a client under collective proceedings is never chased again, retries included.
        guard !client.insolvent else {
            return .cancel(reason: "the client is under collective proceedings (insolvent): individual pursuit stops")
        }
        let owed = listed.compactMap { open[$0] }
        guard !owed.isEmpty else { return .cancel(reason: "every invoice in it is settled or gone from the ledger") }
        let unheld = owed.filter { invoice in !holds.contains { $0.covers(invoice: invoice.number, client: client.id) } }
        guard !unheld.isEmpty else {
            let holding = holds.filter { hold in owed.contains { hold.covers(invoice: $0.number, client: client.id) } }
            return .wait(holds: holding.map(\.id))
        }
        guard let schedule = schedules[client.scheduleName], let index = schedule.index(of: stepName) else {
            return .send(invoices: unheld.map(\.number))
        }
        let justifying = unheld.filter { (Self.reachedIndex(reached[$0.number], in: schedule) ?? -1) >= index }
        guard !justifying.isEmpty else {
            return .cancel(reason: "the invoices it was sent for are paid, written off or on hold; "
                + "the others go with their next step")
        }
        var thresholds = ThresholdCalendar(holidays: policy.holidays)
        // What the planner would plan instead: never past a formal notice (the ladder does not skip one),
        // and nothing after a notice this message is (its time to pay starts when it is delivered).
        guard schedule.steps[index].action != .formalNotice else { return .send(invoices: unheld.map(\.number)) }
        let later = schedule.steps[(index + 1)..<(schedule.firstFormalNotice(after: index).map { $0 + 1 } ?? schedule.steps.count)]
        // Only the invoices at this message's step: one already further up its ladder (an older invoice
        // at its call step, listed in a first reminder about a newer one) was not moved by this message,
        // and its own next step is no reason to withhold the newer invoice's reminder.
        for invoice in justifying where Self.reachedIndex(reached[invoice.number], in: schedule) == index {
            for later in later where thresholds.threshold(of: later, due: invoice.due) <= today {
                return .cancel(reason: "step \(later.name) is due for \(invoice.number): it is planned instead of "
                    + "this one late")
            }
        }
        return .send(invoices: unheld.map(\.number))
    }
}
