import Foundation
import RelanceCore
import Testing

/// A deferred message at its retry says nothing a reminder planned today would not say: settled, gone
/// and held invoices leave it; it is cancelled when what it was sent for is gone, or when a later step
/// is due; it waits while every invoice left is on hold.
@Suite struct RetryReviewTests {
    let planner = Fixtures.planner()
    let client = Fixtures.client("C1")
    /// F1 due 2026-11-16 reached `second` (this message's step); F2 due 2026-11-20 only its courtesy.
    let f1 = Fixtures.invoice("F1", due: "2026-11-16")
    let f2 = Fixtures.invoice("F2", due: "2026-11-20")
    let reached = [
        "F1": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast),
        "F2": ReachedStep(stepName: "courtesy", offsetDays: -3, at: .distantPast),
    ]

    func review(open: [Invoice], holds: [Hold] = [], today: String = "2026-11-25") -> RetryDecision {
        planner.reviewRetry(
            step: "second", listed: ["F1", "F2"], client: client, open: Invoice.byNumber(open), holds: holds,
            reached: reached, today: Fixtures.date(today))
    }

    @Test func aRetryStillOwedAndAtItsStepGoesWithItsInvoices() {
        #expect(review(open: [f1, f2]) == .send(invoices: ["F1", "F2"]))
    }

    @Test func settledInvoicesLeaveItAndNothingOwedCancelsIt() {
        #expect(review(open: [f1]) == .send(invoices: ["F1"]))
        guard case .cancel(let reason) = review(open: []) else {
            Issue.record("not cancelled")
            return
        }
        #expect(reason.contains("settled"))
    }

    @Test func theInvoiceItWasSentForPaidCancelsItInsteadOfRemindingTheOtherLate() {
        // F1 paid: F2 is not at `second`, and a second reminder about it would be wrong.
        guard case .cancel(let reason) = review(open: [f2]) else {
            Issue.record("a retry about F2 alone")
            return
        }
        #expect(reason.contains("the others go with their next step"))
    }

    @Test func heldInvoicesLeaveItAndAllHeldMakesItWait() {
        let dispute = Hold(id: 7, scope: .invoice("F2"), kind: .dispute(reason: "x", review: Fixtures.date("2026-12-31")))
        #expect(review(open: [f1, f2], holds: [dispute]) == .send(invoices: ["F1"]))
        let pause = Hold(id: 8, scope: .client("C1"), kind: .pause(until: Fixtures.date("2026-12-31"), reason: "x"))
        #expect(review(open: [f1, f2], holds: [pause]) == .wait(holds: [8]))
    }

    @Test func aLaterStepDueCancelsItSoThatNoStepIsSentLate() {
        // F1's call step falls on 2026-12-01: the second reminder is not retried after it.
        guard case .cancel(let reason) = review(open: [f1, f2], today: "2026-12-01") else {
            Issue.record("the second reminder would go after the call step is due")
            return
        }
        #expect(reason.contains("step call is due for F1"))
        #expect(review(open: [f1, f2], today: "2026-11-30") == .send(invoices: ["F1", "F2"]))
    }

    @Test func anOlderInvoiceFurtherUpItsLadderDoesNotCancelTheReminderOfANewerOne() {
        // A first reminder about F2 (due 2026-11-16) also lists F0, already at its call step: F0's `second`
        // threshold passed long ago, but F0 is past it; nothing is due late for F2.
        let f0 = Fixtures.invoice("F0", due: "2026-10-30")
        let f2 = Fixtures.invoice("F2", due: "2026-11-16")
        let reached = [
            "F0": ReachedStep(stepName: "call", offsetDays: 15, at: .distantPast),
            "F2": ReachedStep(stepName: "first", offsetDays: 1, at: .distantPast),
        ]
        let decision = planner.reviewRetry(
            step: "first", listed: ["F0", "F2"], client: client, open: Invoice.byNumber([f0, f2]), holds: [],
            reached: reached, today: Fixtures.date("2026-11-17"))
        #expect(decision == .send(invoices: ["F0", "F2"]))
        // Once F2's own second step is due, the first reminder is not retried late.
        let later = planner.reviewRetry(
            step: "first", listed: ["F0", "F2"], client: client, open: Invoice.byNumber([f0, f2]), holds: [],
            reached: reached, today: Fixtures.date("2026-11-24"))
        guard case .cancel(let reason) = later else {
            Issue.record("the first reminder would go after F2's second step is due")
            return
        }
        #expect(reason.contains("step second is due for F2"))
    }

    @Test func aDeferredFormalNoticeIsRetriedThoughTheLegalDayHasPassed() {
        // Approved late: the legal day (2026-11-01) is past, but the hand-over waits for the notice's time
        // to pay, which starts when it is delivered: nothing overtakes it.
        let f3 = Fixtures.invoice("F3", due: "2026-09-17")
        let decision = planner.reviewRetry(
            step: "notice", listed: ["F3"], client: client, open: Invoice.byNumber([f3]), holds: [],
            reached: ["F3": ReachedStep(stepName: "notice", offsetDays: 30, at: .distantPast)], today: Fixtures.date("2026-11-20"))
        #expect(decision == .send(invoices: ["F3"]))
    }

    @Test func aDeferredSecondReminderGivesWayToTheFirstLaterStepDueNotToTheHandOver() {
        // Every later day passed: the retry is cancelled for the first later step now due (the call, then
        // the notice, never skipped), not for the legal hand-over further on.
        let f3 = Fixtures.invoice("F3", due: "2026-09-17")
        let decision = planner.reviewRetry(
            step: "second", listed: ["F3"], client: client, open: Invoice.byNumber([f3]), holds: [],
            reached: ["F3": ReachedStep(stepName: "second", offsetDays: 8, at: .distantPast)], today: Fixtures.date("2026-11-20"))
        guard case .cancel(let reason) = decision else {
            Issue.record("the second reminder would go after the notice is due")
            return
        }
        #expect(reason.contains("step call is due for F3"), "\(reason)")
        #expect(!reason.contains("legal"), "\(reason)")
    }

    @Test func aRetryToAClientUnderCollectiveProceedingsIsCancelled() {
        var insolvent = client
        insolvent.insolvent = true
        guard case .cancel(let reason) = planner.reviewRetry(
            step: "second", listed: ["F1", "F2"], client: insolvent, open: Invoice.byNumber([f1, f2]), holds: [],
            reached: reached, today: Fixtures.date("2026-11-25"))
        else {
            Issue.record("a retry to an insolvent client would go")
            return
        }
        #expect(reason.contains("collective proceedings"))
    }

    @Test func aStepNoLongerInTheScheduleGoesAsItIs() {
        let decision = planner.reviewRetry(
            step: "renamed", listed: ["F1"], client: client, open: Invoice.byNumber([f1]), holds: [], reached: [:],
            today: Fixtures.date("2026-11-25"))
        #expect(decision == .send(invoices: ["F1"]))
    }
}
