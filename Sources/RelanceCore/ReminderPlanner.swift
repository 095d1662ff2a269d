import Foundation

/// Decides, for an instant, which invoices reach which step, which messages go to which client and
/// when, and which tasks open. Pure: everything it knows is passed in.
public struct ReminderPlanner: Sendable {
    public let schedules: [String: Schedule]
    public let policy: SendingPolicy
    /// The public holidays that extend a formal notice's time to pay (the creditor's jurisdiction's).
    public let noticeHolidays: HolidayCalendar
    /// The creditor's jurisdiction: the law its tasks name (a mise en demeure and the injonction de payer
    /// in France, a county court claim in the UK, the Mahnverfahren in Germany).
    public let jurisdiction: Jurisdiction
    private let windows: [String: SendingWindow]
    /// The configured clients as given (the configuration's own array, not a copy).
    private let roster: [Client]
    /// Positions in `roster` in id order (the first of a repeated id), and each id's place in that
    /// order: invoices are grouped by it.
    private let ordered: [Int32]
    private let ordinals: [ClientID: Int]

    public init(configuration: RelanceConfiguration) {
        self.init(
            clients: configuration.clients, schedules: configuration.schedules, policy: configuration.sending,
            noticeHolidays: configuration.creditor.jurisdiction.publicHolidays,
            jurisdiction: configuration.creditor.jurisdiction)
    }

    /// `noticeHolidays`: the creditor's jurisdiction's holidays (default: the sending calendar's).
    public init(
        clients: [Client], schedules: [String: Schedule], policy: SendingPolicy, noticeHolidays: HolidayCalendar? = nil,
        jurisdiction: Jurisdiction = .fr
    ) {
        self.noticeHolidays = noticeHolidays ?? policy.holidays
        self.jurisdiction = jurisdiction
        roster = clients
        let first = Dictionary(clients.indices.map { (clients[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        ordered = first.values.sorted { clients[$0].id < clients[$1].id }.map { Int32($0) }
        ordinals = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { (clients[Int($1)].id, $0) })
        self.schedules = schedules
        self.policy = policy
        var windows: [String: SendingWindow] = [:]
        for id in Set(clients.map { $0.timeZoneIdentifier ?? policy.timeZoneIdentifier } + [policy.timeZoneIdentifier]) {
            // The config loader rejects unknown identifiers; UTC is only a last resort for direct callers.
            windows[id] = SendingWindow(policy: policy, timeZone: TimeZone(identifier: id) ?? TimeZone(identifier: "UTC")!)
        }
        self.windows = windows
    }

    /// The sending window of a client (its own time zone, or the policy's).
    public func window(for client: Client) -> SendingWindow {
        windows[client.timeZoneIdentifier ?? policy.timeZoneIdentifier]!
    }

    /// Where an invoice stands on its ladder: the index of the highest step reached, if any.
    public static func reachedIndex(_ reached: ReachedStep?, in schedule: Schedule) -> Int? {
        guard let reached else { return nil }
        if let i = schedule.index(of: reached.stepName) { return i }
        // The step was renamed or removed: place the invoice by the offset it had reached.
        return schedule.steps.lastIndex { $0.offsetDays <= reached.offsetDays }
    }

    /// Plans at `now` for the open invoices of the ledger and the recorded past.
    public func plan(invoices: [Invoice], state: PlannerState, now: Date) -> Plan {
        var plan = Plan(now: now)
        var thresholds = ThresholdCalendar(holidays: policy.holidays)
        var clock = PlanningClock(now: now)
        // Invoice positions grouped by client in id order (a counting sort: a million invoices stay in
        // one array, and no array per client).
        var ordinalOf = [Int32](repeating: -1, count: invoices.count)
        var counts = [Int](repeating: 0, count: ordered.count + 1)
        for (position, invoice) in invoices.enumerated() where !invoice.isSettled {
            guard let ordinal = ordinals[invoice.clientID] else { continue }
            if !state.holds.isEmpty,
                state.holds.contains(where: { $0.covers(invoice: invoice.number, client: invoice.clientID) })
            {
                plan.heldInvoices.append(invoice.number)
                continue
            }
            ordinalOf[position] = Int32(ordinal)
            counts[ordinal + 1] += 1
        }
        for ordinal in ordered.indices { counts[ordinal + 1] += counts[ordinal] }
        var grouped = [Int32](repeating: 0, count: counts[ordered.count])
        var next = counts
        for (position, ordinal) in ordinalOf.enumerated() where ordinal >= 0 {
            grouped[next[Int(ordinal)]] = Int32(position)
            next[Int(ordinal)] += 1
        }
        ordinalOf = []
        var open: [Invoice] = []  // the client's open invoices, one buffer for every client
        // The names of the steps an advance skips, one shared array per schedule and span (most
        // advances of a catch-up skip the same steps).
        var skipped: [String: [Range<Int>: [String]]] = [:]
        func skippedNames(_ schedule: Schedule, from: Int, to: Int) -> [String] {
            guard from < to else { return [] }
            if let names = skipped[schedule.name]?[from..<to] { return names }
            let names = schedule.steps[from..<to].map(\.name)
            skipped[schedule.name, default: [:]][from..<to] = names
            return names
        }
        for (ordinal, position) in ordered.enumerated() where counts[ordinal + 1] > counts[ordinal] {
            open.removeAll(keepingCapacity: true)
            for invoice in grouped[counts[ordinal]..<counts[ordinal + 1]] { open.append(invoices[Int(invoice)]) }
            let client = roster[Int(position)]
            let clientID = client.id
            // The law says stop: a client under collective proceedings is never chased again.
            guard !client.insolvent else {
                plan.heldInvoices += open.map(\.number)
                continue
            }
            guard let schedule = schedules[client.scheduleName], !schedule.steps.isEmpty else { continue }
            let zone = client.timeZoneIdentifier ?? policy.timeZoneIdentifier
            let window = windows[zone]!
            let today = clock.today(in: zone, window: window)
            let mixesDayCounts = schedule.mixesDayCounts
            var emailAdvances: [(index: Int, advance: StepAdvance)] = []
            var messageTasks: [NewTask] = []
            for invoice in open {
                let reached = state.reached.isEmpty ? -1 : Self.reachedIndex(state.reached[invoice.number], in: schedule) ?? -1
                if !state.openGates.isEmpty && state.openGates.contains(invoice.number) {
                    plan.gatedInvoices.append(invoice.number)
                    continue
                }
                var due = -1
                for (i, step) in schedule.steps.enumerated() where thresholds.threshold(of: step, due: invoice.due) <= today {
                    due = i
                }
                // A passed step is skipped, never sent late, except a formal notice: what follows it (the
                // legal hand-over) stands on it, so an invoice that passed its notice's day unreached (a call
                // task done late, a long stop) gets the notice, not the step after it.
                if let notice = schedule.firstFormalNotice(after: reached), notice < due { due = notice }
                // And what follows a formal notice waits for its time to pay, which its email states (the
                // notice's day plus 8 days for a business, 15 for a consumer, to a working day), or the
                // registered letter's when its later receipt is recorded: the legal hand-over never comes
                // before the day the debtor was told it could still pay.
                if due > reached, reached >= 0, schedule.steps[reached].action == .formalNotice,
                    let noticed = state.reached[invoice.number]?.at
                {
                    let emailed = LocalDateTime(noticed, in: window.timeZone).date
                    let received = state.noticeReceived.isEmpty ? emailed : max(emailed, state.noticeReceived[invoice.number] ?? emailed)
                    let lastDay = PaymentDeadline.lastDay(
                        receivedOn: received, days: PaymentDeadline.days(for: client.kind), holidays: noticeHolidays)
                    if today <= lastDay {
                        clock.noteThreshold(lastDay.adding(days: 1), in: zone)
                        continue
                    }
                }
                if !state.resumeAtNext.isEmpty && state.resumeAtNext.contains(invoice.number) {
                    // One rung up; for an invoice already late, never a step before (or on) its due date: a
                    // courtesy "due on the 10th" sent on the 15th names a day already past.
                    var next = reached + 1
                    if invoice.due < today {
                        while next < due && schedule.steps[next].offsetDays <= 0 { next += 1 }
                    }
                    due = min(due, next)
                }
                let next = max(due, reached) + 1
                if next < schedule.steps.count {
                    var earliest = thresholds.threshold(of: schedule.steps[next], due: invoice.due)
                    // Working-day and calendar offsets mixed: a later step's day may come first.
                    if mixesDayCounts {
                        for later in schedule.steps[(next + 1)...] {
                            let day = thresholds.threshold(of: later, due: invoice.due)
                            if day > today && (day < earliest || earliest <= today) { earliest = day }
                        }
                    }
                    clock.noteThreshold(earliest, in: zone)
                }
                guard due > reached else { continue }
                let step = schedule.steps[due]
                let advance = StepAdvance(
                    invoice: invoice.number, clientID: clientID, stepName: step.name, offsetDays: step.offsetDays,
                    action: step.action, skipped: skippedNames(schedule, from: reached + 1, to: due))
                if step.requiresApproval
                    && !state.approved.contains(PlannerState.approvalKey(invoice: invoice.number, step: step.name))
                {
                    plan.approvalsNeeded.append(advance)
                } else if step.action.isEmail {
                    emailAdvances.append((due, advance))
                } else {
                    let task = NewTask(
                        clientID: clientID, invoice: invoice.number, stepName: step.name, action: step.action,
                        summary: Self.taskSummary(step: step, invoice: invoice, client: client, jurisdiction: jurisdiction),
                        gate: step.gate, stillDue: invoice.outstanding)
                    if step.action == .formalNotice && step.template != nil {
                        // The mise en demeure is emailed and also sent by registered post (a person's task).
                        emailAdvances.append((due, advance))
                        messageTasks.append(task)
                    } else {
                        plan.advances.append(advance)
                        plan.tasks.append(task)
                    }
                }
            }
            guard let highest = emailAdvances.map(\.index).max() else { continue }
            if state.clients[clientID]?.hasPendingMessage == true {
                plan.blockedClients.append(clientID)
                continue
            }
            let step = schedule.steps[highest]
            // A formal notice is a legal letter: it is about the invoices whose notice applies now (approved,
            // not waiting for a task), never about an invoice at an earlier step. Those wait for the client's
            // next message (`min_gap_days` later, at the step due then: a passed step is skipped, never late).
            if step.action == .formalNotice {
                emailAdvances.removeAll { schedule.steps[$0.index].action != .formalNotice }
            }
            // The message lists the invoices that reached the step and every other one past due, oldest
            // first (built in one array: a million-invoice plan keeps hundreds of thousands of lines). A
            // formal notice, and a step before the due date (an overdue invoice is not "due soon"), list
            // only their own invoices.
            var advances = emailAdvances.map(\.advance)
            advances.sort { $0.invoice < $1.invoice }
            let othersPastDue = step.action != .formalNotice && step.offsetDays >= 0
            let listed = { (invoice: Invoice) in
                (othersPastDue && invoice.due < today) || Self.contains(advances, invoice: invoice.number)
            }
            var lines: [PlannedLine] = []
            lines.reserveCapacity(open.reduce(0) { $0 + (listed($1) ? 1 : 0) })
            for invoice in open where listed(invoice) { lines.append(PlannedLine(invoice: invoice, today: today)) }
            lines.sort { ($0.invoice.due, $0.invoice.number) < ($1.invoice.due, $1.invoice.number) }
            var notBefore = today
            var reason: String?
            if let last = state.clients[clientID]?.lastMessageAt {
                let gapEnd = LocalDateTime(last, in: window.timeZone).date.adding(days: policy.minGapDays)
                if gapEnd > today {
                    notBefore = gapEnd
                    reason = "min_gap"
                }
            }
            let sendAt = clock.nextOpening(in: zone, window: window, notBefore: notBefore) ?? .distantFuture
            if reason == nil && sendAt > now { reason = "window" }
            plan.messages.append(
                PlannedMessage(
                    clientID: clientID, step: step, template: step.template ?? step.name,
                    advances: advances, lines: lines,
                    sendAt: sendAt, localDate: today, timeZoneIdentifier: window.timeZone.identifier, waitReason: reason,
                    tasks: messageTasks))
        }
        plan.nextThresholdAt = clock.nextThreshold(windows: windows)
        return plan
    }

    /// Whether `advances`, sorted by invoice number, has one for `invoice` (a binary search: a client
    /// may owe thousands of invoices).
    static func contains(_ advances: [StepAdvance], invoice: String) -> Bool {
        var low = 0
        var high = advances.count
        while low < high {
            let middle = (low + high) / 2
            if advances[middle].invoice < invoice { low = middle + 1 } else { high = middle }
        }
        return low < advances.count && advances[low].invoice == invoice
    }

    static func taskSummary(step: Step, invoice: Invoice, client: Client, jurisdiction: Jurisdiction) -> String {
        "\(taskAction(step.action, client: client, jurisdiction: jurisdiction)) about invoice \(invoice.number), "
            + "\(invoice.outstanding.plainText) \(invoice.amount.currency.code) due since \(invoice.due)"
    }

    /// What a person is asked to do at a step of `action` (the start of a task's summary), in the terms of
    /// the creditor's `jurisdiction`.
    public static func taskAction(_ action: StepAction, client: Client, jurisdiction: Jurisdiction) -> String {
        switch (action, jurisdiction) {
        case (.call, _): "call \(client.name)" + (client.phone.map { " (\($0))" } ?? "")
        case (.letter, _): "send a letter to \(client.name)"
        case (.formalNotice, .fr): "send the formal notice (mise en demeure) by registered post to \(client.name)"
        case (.formalNotice, .uk): "send the formal notice (letter before claim) by recorded delivery to \(client.name)"
        case (.formalNotice, .de): "send the formal notice (Mahnung) by registered post (Einschreiben) to \(client.name)"
        case (.legal, .fr): "hand the claim over (injonction de payer, lawyer or agency) for \(client.name)"
        case (.legal, .uk): "hand the claim over (county court claim, solicitor or agency) for \(client.name)"
        case (.legal, .de): "hand the claim over (gerichtliches Mahnverfahren, lawyer or agency) for \(client.name)"
        case (.email, _): "email \(client.name)"
        }
    }
}
