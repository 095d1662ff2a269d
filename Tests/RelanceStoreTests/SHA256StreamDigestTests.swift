import Testing
@testable import RelanceStore

/// `SHA256Stream` (CSHA256, fed in pieces through a 16 KiB buffer) against the
/// FIPS 180-2 test vectors, whatever the size of the pieces.
@Suite struct SHA256StreamDigestTests {
    @Test func shortMessagesMatchTheStandardVectors() {
        let empty = SHA256Stream()
        #expect(empty.finish() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let abc = SHA256Stream()
        abc.update(Array("a".utf8))
        abc.update(Array("bc".utf8))
        #expect(abc.finish() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aMillionBytesInUnevenPiecesMatchTheStandardVector() {
        let stream = SHA256Stream()
        var left = 1_000_000
        var size = 1
        while left > 0 {
            let piece = min(size, left)
            stream.update([UInt8](repeating: UInt8(ascii: "a"), count: piece))
            left -= piece
            size = size * 7 % 40_009 + 1  // pieces from 1 byte to beyond the 16 KiB buffer
        }
        #expect(stream.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256Hex.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
