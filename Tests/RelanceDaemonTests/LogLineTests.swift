import Logging
import Testing
@testable import RelanceDaemon

/// One event, one line: what operators tailing the journal rely on.
@Suite struct LogLineTests {
    @Test func eventComesFirstWithItsPriorityAndTheContractKeysInOrder() {
        let line = LogfmtLogHandler.render(
            level: .info, event: "reminder.sent",
            metadata: ["smtp_code": "250", "to": "a@b.fr", "client": "C001", "step": "first", "invoices": "F1,F2",
                       "message_id": "<x@y>", "attempt": "1"])
        #expect(line == "<6>event=reminder.sent client=C001 invoices=F1,F2 step=first to=a@b.fr smtp_code=250 message_id=<x@y> attempt=1\n")
    }

    @Test func dataWithLineBreaksNeverSplitsTheLine() {
        let line = LogfmtLogHandler.render(
            level: .warning, event: "ledger.row_rejected",
            metadata: ["reason": "bad \"amount\"\r\nevent=forged", "field": "amount"])
        #expect(line.filter { $0 == "\n" || $0 == "\r" }.count == 1 && line.hasSuffix("\n"))
        #expect(line == "<4>event=ledger.row_rejected field=amount reason=\"bad \\\"amount\\\"\\r\\nevent=forged\"\n")
    }

    @Test func jsonFormatIsOneObjectPerLine() {
        let line = LogfmtLogHandler.render(level: .error, event: "reminder.failed", metadata: ["client": "C1", "reply": "550 no\nsuch"], format: .json)
        #expect(line == "{\"priority\":3,\"event\":\"reminder.failed\",\"client\":\"C1\",\"reply\":\"550 no\\nsuch\"}\n")
    }

    @Test func unicodeLineSeparatorsAreEscapedToo() {
        let line = LogfmtLogHandler.render(level: .info, event: "x", metadata: ["name": "A\u{2028}B"])
        #expect(line == "<6>event=x name=\"A\\u2028B\"\n")
    }
}
