import Foundation

/// The stale-ledger guard: an export older than `ledger.max_age_hours` holds every send, because it may
/// not show payments received since.
public enum LedgerFreshness: Sendable, Hashable {
    case fresh
    /// Too old: nothing is sent; the reason says how old and what the limit is.
    case stale(reason: String)

    /// Judges a ledger modified at `modified`, at instant `now`. A modification time in the future of
    /// `now` (a pretend `--now` in the past) counts as fresh.
    public init(modified: Date, now: Date, maxAgeHours: Int) {
        let age = now.timeIntervalSince(modified)
        if age > TimeInterval(maxAgeHours) * 3600 {
            let hours = Int(age / 3600)
            self = .stale(reason: "ledger is \(hours) h old (max_age_hours \(maxAgeHours)); every send is held until a fresh export arrives")
        } else {
            self = .fresh
        }
    }

    public var heldReason: String? {
        if case .stale(let reason) = self { return reason }
        return nil
    }
}
