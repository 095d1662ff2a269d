/// The invoice numbers a ledger parse accepted so far, to find numbers listed twice.
///
/// While the numbers come in ascending byte order (a ledger exported sorted) a repeat is impossible and
/// nothing is stored but the last number; from the first number out of order on, a dictionary of every
/// accepted number to its line answers instead.
struct NumberIndex {
    private var last: String?
    private var lines: [String: Int]?

    /// The line of the accepted invoice with this number, or nil when none has it.
    mutating func firstLine(of number: String, accepted: [Invoice]) -> Int? {
        if lines == nil {
            guard let last, BinaryCollation.compare(last, number) >= 0 else { return nil }
            var index = [String: Int](minimumCapacity: accepted.count * 2)
            for invoice in accepted { index[invoice.number] = invoice.line }
            lines = index
        }
        return lines?[number]
    }

    /// Records an accepted number (after `firstLine(of:accepted:)` returned nil for it).
    mutating func insert(_ number: String, line: Int) {
        if lines != nil {
            lines?[number] = line
        } else {
            last = number
        }
    }
}
