import Foundation

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
            guard let last, !Self.precedes(last, number) else { return nil }
            var index = [String: Int](minimumCapacity: accepted.count * 2)
            for invoice in accepted { index[invoice.number] = invoice.line }
            lines = index
        }
        return lines?[number]
    }

    /// Whether `a` sorts before `b` by UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let c = memcmp(p, q, common)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let fast, let fast { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
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
