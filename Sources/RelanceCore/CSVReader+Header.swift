extension CSVReader.Iterator {
    /// Reads the header row: lower-cased, trimmed column names to their index (the first of duplicates).
    /// Throws, naming `what` and the header's line, when the file is empty, a required column is missing,
    /// or a column of `unique` (those relance reads) appears twice: which one is true cannot be told, and
    /// guessing could read `paid` from the wrong one.
    mutating func header(requiring required: [String], unique: [String] = [], in what: String)
        throws(LedgerFormatError) -> [String: Int]
    {
        guard let header = next() else { throw LedgerFormatError(message: "the \(what) is empty (no header row)") }
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingASCIISpaces().lowercased()
            if let first = column[key] {
                if unique.contains(key) {
                    throw LedgerFormatError(
                        message: "line \(header.line): column \(key) appears twice in the header (columns \(first + 1) "
                            + "and \(i + 1))")
                }
            } else {
                column[key] = i
            }
        }
        let missing = required.filter { column[$0] == nil }
        guard missing.isEmpty else {
            throw LedgerFormatError(message: "line \(header.line): missing column(s) \(missing.joined(separator: ", ")) in the header")
        }
        return column
    }
}

extension CSVReader.Record {
    /// The trimmed field of a column, or "" when the row is short or the column absent.
    func value(_ name: String, in column: [String: Int]) -> String {
        value(at: column[name])
    }

    /// The trimmed field at a column index, or "" when the row is short or the column absent.
    func value(at index: Int?) -> String {
        guard let i = index, i < fields.count else { return "" }
        return fields[i].trimmingASCIISpaces()
    }
}
