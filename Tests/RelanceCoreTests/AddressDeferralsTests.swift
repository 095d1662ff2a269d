import RelanceCore
import Testing

/// An address that keeps answering 4xx is treated like a 5xx; the network's failures are not its fault.
@Suite struct AddressDeferralsTests {
    let deferred451 = AddressDeferrals.Attempt(outcome: .deferred, code: 451, reply: "451 4.3.0 Try again later")
    let mailboxFull = AddressDeferrals.Attempt(outcome: .deferred, code: 452, reply: "452 4.2.2 Mailbox full")
    let refused = AddressDeferrals.Attempt(outcome: .deferred, code: nil, reply: "could not connect to smtp://relay: Connection refused; nothing was sent")
    let closing = AddressDeferrals.Attempt(outcome: .deferred, code: 421, reply: "421 4.3.2 Service shutting down")
    let authentication = AddressDeferrals.Attempt(outcome: .deferred, code: 454, reply: "authentication failed (454) at smtp://relay")
    let accepted = AddressDeferrals.Attempt(outcome: .sent, code: 250, reply: "250 2.0.0 Ok")
    let unknown = AddressDeferrals.Attempt(outcome: .unknown, code: nil, reply: "connection lost")

    @Test func consecutive4xxRepliesAreCounted() {
        #expect(AddressDeferrals.streak([deferred451, mailboxFull, deferred451]) == 3)
        #expect(AddressDeferrals.isUndeliverable([deferred451, mailboxFull, deferred451], limit: 3))
        #expect(!AddressDeferrals.isUndeliverable([deferred451, mailboxFull], limit: 3))
    }

    @Test func anAcceptanceStartsTheCountAgain() {
        #expect(AddressDeferrals.streak([deferred451, deferred451, accepted, deferred451]) == 1)
        #expect(AddressDeferrals.streak([deferred451, accepted]) == 0)
    }

    @Test func connectionFailuresNeitherCountNorBreakTheRun() {
        #expect(AddressDeferrals.verdict(refused) == .neutral)
        #expect(AddressDeferrals.verdict(closing) == .neutral, "421: the server closes the channel for everyone")
        #expect(AddressDeferrals.verdict(authentication) == .neutral, "a configuration problem, not the address")
        #expect(AddressDeferrals.verdict(unknown) == .neutral, "may have been delivered: neither")
        #expect(AddressDeferrals.streak([refused, refused, refused, refused, refused]) == 0)
        #expect(AddressDeferrals.streak([deferred451, refused, closing, deferred451, unknown]) == 2)
    }

    @Test func aLimitBelowOneMeansTheFirstDeferral() {
        #expect(AddressDeferrals.isUndeliverable([deferred451], limit: 0))
        #expect(!AddressDeferrals.isUndeliverable([], limit: 0))
    }
}
