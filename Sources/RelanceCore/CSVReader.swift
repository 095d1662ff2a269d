/// A strict RFC 4180 reader for UTF-8 bytes: quoted fields with `""` escapes, commas and line breaks
/// inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark.
///
/// It yields records with the physical line number they start on, so errors can name the line.
/// Fields are cut from the buffer in runs (no per-byte copying): a million-row ledger reads in well
/// under a second.
public struct CSVReader: Sequence {
    public struct Record: Sendable {
        /// 1-based physical line number where the record starts.
        public var line: Int
        public var fields: [String]
        /// Set when the record is malformed (a quote in an unquoted field, an unterminated quote, bad UTF-8).
        public var problem: String?
    }

    private let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var i: Int
        var line = 1
        /// The field count of the previous record: the next one's array is reserved at that size.
        var width = 8

        init(bytes: [UInt8]) {
            self.bytes = bytes
            i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        }

        public mutating func next() -> Record? {
            // Skip blank lines between records.
            while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
            guard i < bytes.count else { return nil }
            var cursor = Cursor(i: i, line: line)
            let record = bytes.withUnsafeBufferPointer { cursor.record(in: $0, width: width) }
            i = cursor.i
            line = cursor.line
            width = Swift.max(record.fields.count, 1)
            return record
        }
    }
}

extension CSVReader {
    /// Reads one record from a position known to start one (not at a line end, not at the end).
    struct Cursor {
        var i: Int
        var line: Int

        static let comma: UInt8 = 0x2C
        static let quote: UInt8 = 0x22
        static let cr: UInt8 = 0x0D
        static let lf: UInt8 = 0x0A

        /// The record at `i`. A malformed one that ran over several lines (a stray quote opened a field the
        /// next lines fell into, up to a later quote or the end of the file) is cut back to its first line,
        /// and reading goes on at the next: the rows after it are read, named if bad, never swallowed.
        mutating func record(in b: UnsafeBufferPointer<UInt8>, width: Int) -> Record {
            let start = i
            var record = read(in: b, width: width)
            guard let problem = record.problem else { return record }
            var firstLineEnd = start
            while firstLineEnd < b.count, b[firstLineEnd] != Self.lf { firstLineEnd += 1 }
            guard i > firstLineEnd + 1 else { return record }
            let endLine = b[i - 1] == Self.lf ? line - 1 : line
            record.problem = problem + "; a quote opened on line \(record.line) ran on to line \(endLine): the lines "
                + "after line \(record.line) are read as rows of their own"
            i = firstLineEnd + 1
            line = record.line + 1
            return record
        }

        private mutating func read(in b: UnsafeBufferPointer<UInt8>, width: Int) -> Record {
            let startLine = line
            var fields: [String] = []
            fields.reserveCapacity(width)
            var problem: String?
            let n = b.count
            while true {
                // One field: quoted (with its tail up to the delimiter) or unquoted.
                var pending: [UInt8] = []
                var start = i
                var quotedTail = false
                if i < n, b[i] == Self.quote {
                    i += 1
                    start = i
                    var closed = false
                    while i < n {
                        let c = b[i]
                        if c == Self.quote {
                            if i + 1 < n, b[i + 1] == Self.quote {
                                pending.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...i]))
                                i += 2
                                start = i
                                continue
                            }
                            closed = true
                            break
                        }
                        if c == Self.lf { line += 1 }
                        i += 1
                    }
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    guard closed else {
                        problem = problem ?? "unterminated quoted field"
                        fields.append(Self.text(pending[...], problem: &problem))
                        return Record(line: startLine, fields: fields, problem: problem)
                    }
                    i += 1
                    start = i
                    quotedTail = true
                }
                // Up to the delimiter: a quote here is misplaced, and so is any text after a closing quote.
                while i < n {
                    let c = b[i]
                    if c == Self.comma || c == Self.lf || c == Self.cr { break }
                    if c == Self.quote {
                        problem = problem ?? "a quote inside an unquoted field (column \(fields.count + 1))"
                    } else if quotedTail {
                        problem = problem ?? "text after a closing quote (column \(fields.count + 1))"
                    }
                    i += 1
                }
                if quotedTail || !pending.isEmpty {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    fields.append(Self.text(pending[...], problem: &problem))
                } else {
                    fields.append(Self.text(UnsafeBufferPointer(rebasing: b[start..<i]), problem: &problem))
                }
                guard i < n else { return Record(line: startLine, fields: fields, problem: problem) }
                switch b[i] {
                case Self.comma:
                    i += 1
                case Self.cr where i + 1 < n && b[i + 1] == Self.lf:
                    i += 2
                    line += 1
                    return Record(line: startLine, fields: fields, problem: problem)
                default:  // LF, or a lone CR
                    i += 1
                    line += 1
                    return Record(line: startLine, fields: fields, problem: problem)
                }
            }
        }

        /// The field's text; invalid UTF-8 is decoded with replacement characters and noted.
        static func text<C: Collection>(_ bytes: C, problem: inout String?) -> String where C.Element == UInt8 {
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            problem = problem ?? "invalid UTF-8"
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
