/// A strict RFC 4180 reader for UTF-8 bytes: quoted fields with `""` escapes, commas and line breaks
/// inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark.
///
/// It yields records with the physical line number they start on, so errors can name the line.
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
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var problem: String?
            var quoted = false
            var inQuotes = false
            func finish(_ f: inout [UInt8]) -> String {
                if let s = String(validating: f, as: UTF8.self) { return s }
                problem = problem ?? "invalid UTF-8"
                return String(decoding: f, as: UTF8.self)
            }
            while i < bytes.count {
                let c = bytes[i]
                if inQuotes {
                    if c == 0x22 {
                        if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                            field.append(0x22)
                            i += 2
                            continue
                        }
                        inQuotes = false
                        i += 1
                        continue
                    }
                    if c == 0x0A { line += 1 }
                    field.append(c)
                    i += 1
                    continue
                }
                switch c {
                case 0x2C:
                    fields.append(finish(&field))
                    field.removeAll(keepingCapacity: true)
                    quoted = false
                    i += 1
                case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                    i += 1
                case 0x0A, 0x0D:
                    i += 1
                    line += 1
                    fields.append(finish(&field))
                    return Record(line: startLine, fields: fields, problem: problem)
                case 0x22:
                    if field.isEmpty && !quoted {
                        quoted = true
                        inQuotes = true
                    } else {
                        problem = problem ?? "a quote inside an unquoted field (column \(fields.count + 1))"
                        field.append(c)
                    }
                    i += 1
                default:
                    if quoted {
                        problem = problem ?? "text after a closing quote (column \(fields.count + 1))"
                    }
                    field.append(c)
                    i += 1
                }
            }
            if inQuotes { problem = problem ?? "unterminated quoted field" }
            fields.append(finish(&field))
            return Record(line: startLine, fields: fields, problem: problem)
        }
    }
}
