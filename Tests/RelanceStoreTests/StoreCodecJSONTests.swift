import Foundation
import Testing
@testable import RelanceStore

/// The JSON string lists of the `messages` table (`invoices`, `recipients`): the direct writer and
/// reader of plain lists must agree with `JSONEncoder` and `JSONDecoder` byte for byte and value for value.
@Suite("StoreCodec JSON string lists")
struct StoreCodecJSONTests {
    static let lists: [[String]] = [
        [], [""], ["F-2026-101"], ["F-2026-101", "F-2026-117", "A 1"], ["compta@boulangerie-martin.fr"],
        ["a,b", "c"], ["say \"hi\""], ["back\\slash"], ["2026/11"], ["é", "ü"], ["tab\there"], ["line\nbreak"],
        ["[", "]"], ["\",\""], ["~!#$%&'()*+-.:;<=>?@^_`{|}"],
    ]

    @Test(arguments: lists) func writesWhatJSONEncoderWritesAndReadsItBack(list: [String]) throws {
        let text = try StoreCodec.json(list)
        #expect(text == String(decoding: try JSONEncoder().encode(list), as: UTF8.self))
        #expect(try StoreCodec.strings(json: text, column: "c") == list)
    }

    @Test func readsWhatOnlyJSONDecoderReads() throws {
        #expect(try StoreCodec.strings(json: "[ \"a\" , \"b\" ]", column: "c") == ["a", "b"])
        #expect(try StoreCodec.strings(json: "[\"a\\/b\",\"\\u00e9\"]", column: "c") == ["a/b", "é"])
        #expect(try StoreCodec.strings(json: "[\"a,b\",\"c\"]", column: "c") == ["a,b", "c"])
    }

    @Test(arguments: ["", "[", "[\"a\"", "[a]", "[\"a\" \"b\"]", "{}", "[1]", "[\"a\",\"b]"])
    func refusesWhatIsNotAListOfStrings(text: String) {
        #expect(throws: StoreError.self) { try StoreCodec.strings(json: text, column: "c") }
    }
}
