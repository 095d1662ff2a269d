/// What a schedule step does when an invoice reaches it.
public enum StepAction: String, Sendable, Hashable, CaseIterable {
    /// Send the step's template by email.
    case email
    /// A task for a person: phone the client.
    case call
    /// A printable letter.
    case letter
    /// Mise en demeure: emailed and printed for registered post.
    case formalNotice = "formal-notice"
    /// Hand-over: the claim file for injonction de payer, lawyer or agency.
    case legal

    /// Whether reaching the step sends an email by itself (everything else opens a task).
    public var isEmail: Bool { self == .email }
}

/// One rung of a schedule: when (relative to the due date) and what.
public struct Step: Sendable, Hashable {
    public var name: String
    /// Days after the due date (negative: before it).
    public var offsetDays: Int
    /// Count working days of the holiday calendar instead of calendar days.
    public var businessDays: Bool
    public var action: StepAction
    /// Template name (required for `email` and `formal-notice`).
    public var template: String?
    /// A manual step's task holds the ladder until it is done or skipped (default: true for manual steps).
    public var gate: Bool
    /// The step is prepared but not applied until an operator approves it (default: formal-notice, legal).
    public var requiresApproval: Bool

    public init(
        name: String, offsetDays: Int, businessDays: Bool = false, action: StepAction, template: String? = nil,
        gate: Bool? = nil, requiresApproval: Bool? = nil
    ) {
        self.name = name
        self.offsetDays = offsetDays
        self.businessDays = businessDays
        self.action = action
        self.template = template
        self.gate = gate ?? !action.isEmail
        self.requiresApproval = requiresApproval ?? (action == .formalNotice || action == .legal)
    }
}

/// A named ladder of steps, ordered by offset.
public struct Schedule: Sendable, Hashable {
    public var name: String
    public var steps: [Step]

    public init(name: String, steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// The index of the step named `name`, if any.
    public func index(of name: String) -> Int? { steps.firstIndex { $0.name == name } }

    /// Whether some steps count working days and others calendar days: then the steps' days need not
    /// follow their order (10 working days can come after 12 calendar days).
    public var mixesDayCounts: Bool {
        steps.contains { $0.businessDays } && steps.contains { !$0.businessDays }
    }

    /// The index of the first formal-notice step after the step at `index` (-1: none reached), if any.
    public func firstFormalNotice(after index: Int) -> Int? {
        var i = index + 1
        while i < steps.count {
            if steps[i].action == .formalNotice { return i }
            i += 1
        }
        return nil
    }
}
