import RelanceCore
import Testing

/// Invoice numbers order by their UTF-8 bytes, as SQLite's BINARY collation orders them.
@Suite struct BinaryCollationTests {
    @Test func bytesDecideThenLength() {
        #expect(BinaryCollation.compare("F10", "F2") < 0)  // '1' < '2', whatever the numbers say
        #expect(BinaryCollation.compare("F2", "F2") == 0)
        #expect(BinaryCollation.compare("F2", "F20") < 0)  // a prefix first
        #expect(BinaryCollation.compare("f1", "F1") > 0)  // lower case after upper case
        #expect(BinaryCollation.compare("é", "z") > 0)  // 0xC3 after 0x7A
        #expect(BinaryCollation.compare("", "A") < 0)
    }

    @Test func stringAndBytesCompareAlike() {
        for (a, b) in [("F10", "F2"), ("F2", "F2"), ("F20", "F2"), ("é", "z")] {
            let bytes = Array(b.utf8)
            let mixed = bytes.withUnsafeBufferPointer { BinaryCollation.compare(a, $0) }
            #expect(mixed.signum() == BinaryCollation.compare(a, b).signum(), "\(a) \(b)")
        }
    }
}
