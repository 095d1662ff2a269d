/// Why an invoice left the ladder.
public enum ClosureReason: String, Sendable, Hashable {
    case paid
    case writtenOff = "written-off"
    case cancelled
}

/// Where an invoice stands on the dunning ladder: the per-invoice state machine.
///
/// `current → reminded(step) → awaitingCall → awaitingLetter → formalNotice → legal → closed`, with
/// holds and approvals on the side. The stage is derived from recorded facts (the step reached, open
/// gating tasks, standing holds, approvals waiting, closures); every fact that moves it is journaled
/// with who caused it, so the stage at any past instant can be rebuilt from `relance history`.
public enum EscalationStage: Sendable, Hashable, CustomStringConvertible {
    /// Nothing reached yet (not due, or due and not yet acted on).
    case current
    /// An email step was reached.
    case reminded(step: String)
    /// A call task is open and gates the ladder.
    case awaitingCall(step: String)
    /// A letter task is open and gates the ladder.
    case awaitingLetter(step: String)
    /// The formal notice was reached (its registered-letter task may be open).
    case formalNotice(step: String)
    /// Handed over for legal action.
    case legal(step: String)
    /// A severe step is prepared and waits for an operator.
    case awaitingApproval(step: String)
    /// A promise, plan, dispute or pause stands.
    case held(kind: String)
    /// Off the ladder for good.
    case closed(ClosureReason)

    /// The stage of one invoice from the recorded facts.
    public static func of(
        settled: Bool, closure: ClosureReason?, hold: Hold?, waitingApproval: String?, reached: Step?, gateOpen: Bool
    ) -> EscalationStage {
        if let closure { return .closed(closure) }
        if settled { return .closed(.paid) }
        if let hold { return .held(kind: hold.kind.name) }
        if let waitingApproval { return .awaitingApproval(step: waitingApproval) }
        guard let reached else { return .current }
        switch reached.action {
        case .email: return .reminded(step: reached.name)
        case .call: return gateOpen ? .awaitingCall(step: reached.name) : .reminded(step: reached.name)
        case .letter: return gateOpen ? .awaitingLetter(step: reached.name) : .reminded(step: reached.name)
        case .formalNotice: return .formalNotice(step: reached.name)
        case .legal: return .legal(step: reached.name)
        }
    }

    /// `reminded(second)`, `awaiting-call(call)`, `held(promise)`, `closed(paid)` …
    public var description: String {
        switch self {
        case .current: return "current"
        case .reminded(let s): return "reminded(\(s))"
        case .awaitingCall(let s): return "awaiting-call(\(s))"
        case .awaitingLetter(let s): return "awaiting-letter(\(s))"
        case .formalNotice(let s): return "formal-notice(\(s))"
        case .legal(let s): return "legal(\(s))"
        case .awaitingApproval(let s): return "awaiting-approval(\(s))"
        case .held(let k): return "held(\(k))"
        case .closed(let r): return "closed(\(r.rawValue))"
        }
    }
}
