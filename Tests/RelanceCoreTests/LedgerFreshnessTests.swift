import Foundation
import RelanceCore
import Testing

@Suite struct LedgerFreshnessTests {
    @Test func holdsSendsWhenTheLedgerIsTooOld() {
        let modified = Fixtures.paris("2026-11-16 08:00")
        #expect(LedgerFreshness(modified: modified, now: Fixtures.paris("2026-11-17 19:59"), maxAgeHours: 36) == .fresh)
        let stale = LedgerFreshness(modified: modified, now: Fixtures.paris("2026-11-17 20:01"), maxAgeHours: 36)
        #expect(stale.heldReason?.hasPrefix("ledger is 36 h old (max_age_hours 36)") == true)
        // A pretend instant before the file's time is not "old".
        #expect(LedgerFreshness(modified: modified, now: Fixtures.paris("2026-11-01 08:00"), maxAgeHours: 36) == .fresh)
    }

    @Test func retriesWithAGrowingDelay() {
        let policy = RetryPolicy()
        #expect([1, 2, 3, 4].map { policy.delay(afterAttempt: $0) } == [900, 1800, 3600, 7200])
        #expect(policy.delay(afterAttempt: 40) == 86_400)
    }
}
