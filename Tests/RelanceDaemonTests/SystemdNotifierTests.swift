import Foundation
import Glibc
import RelanceTestSupport
import Testing

@testable import RelanceDaemon

@Suite struct SystemdNotifierTests {
    @Test func readySendsExactlyReadyEqualsOneToTheSocketPath() throws {
        let listener = try NotifySocketListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.isEnabled)
        #expect(notifier.ready())
        #expect(listener.receive() == "READY=1")
        #expect(notifier.sentCount == 1)
        #expect(notifier.failureCount == 0)
    }

    @Test func abstractSocketNamesStartingWithAtAreReached() throws {
        let listener = try NotifySocketListener(abstract: ())
        #expect(listener.address.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        notifier.ready()
        #expect(listener.receive() == "READY=1")
    }

    @Test func eachStateIsOneDatagramInOrder() throws {
        let listener = try NotifySocketListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        notifier.status("3 sent, 1 deferred")
        notifier.reloading()
        notifier.ready()
        notifier.stopping()
        notifier.watchdog()
        #expect(listener.receive() == "STATUS=3 sent, 1 deferred")
        let reloading = try #require(listener.receive())
        #expect(reloading.wholeMatch(of: /RELOADING=1\nMONOTONIC_USEC=[0-9]+/) != nil, "\(reloading)")
        #expect(listener.receive() == "READY=1")
        #expect(listener.receive() == "STOPPING=1")
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(!listener.hasPendingDatagram())
        #expect(notifier.sentCount == 5)
    }

    @Test func reloadingCarriesTheCurrentMonotonicClock() throws {
        let listener = try NotifySocketListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let before = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        notifier.reloading()
        let datagram = try #require(listener.receive())
        let sent = try #require(UInt64(datagram.split(separator: "=").last!))
        #expect(sent >= before)
        #expect(sent - before < 5_000_000)
    }

    @Test func statusLineBreaksBecomeSpaces() throws {
        let listener = try NotifySocketListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        notifier.status("ledger stale\nholding sends\r\nnext check 09:00")
        #expect(listener.receive() == "STATUS=ledger stale holding sends next check 09:00")
    }

    @Test func fieldsAreSentInTheGivenOrderInOneDatagram() throws {
        let listener = try NotifySocketListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        notifier.notify(["READY": "1", "STATUS": "up\nand running"])
        #expect(listener.receive() == "READY=1\nSTATUS=up and running")
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingFails() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.status("x"))
        #expect(!notifier.reloading())
        #expect(!notifier.stopping())
        #expect(!notifier.watchdog())
        #expect(notifier.sentCount == 0)
        #expect(notifier.failureCount == 0)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled)
    }

    @Test func undeliverableNotificationsAreCountedNotThrown() {
        let missing = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/relance/notify.sock"])
        #expect(!missing.ready())
        let relative = SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative.sock"])
        #expect(!relative.ready())
        let tooLong = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)]
        )
        #expect(!tooLong.stopping())
        #expect(missing.failureCount == 1)
        #expect(missing.sentCount == 0)
        #expect(relative.failureCount == 1)
        #expect(tooLong.failureCount == 1)
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsec() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "300000000"])
        #expect(notifier.watchdogInterval == .seconds(150))
        let own = SystemdNotifier(environment: ["WATCHDOG_USEC": "10000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(own.watchdogInterval == .seconds(5))
    }

    @Test func watchdogIsDisabledForAnotherPidOrWithoutUsec() {
        let other = SystemdNotifier(environment: [
            "WATCHDOG_USEC": "10000000", "WATCHDOG_PID": "\(getpid() + 1)",
        ])
        #expect(other.watchdogInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogInterval == nil)
    }
}
