import Foundation

/// Text order by UTF-8 bytes, as SQLite's BINARY collation orders it (`memcmp`, then the shorter
/// first): the order of invoice numbers in the store and in a `ledger.imported` digest. Inlinable:
/// a ledger sync compares several columns of every stored row with it.
public enum BinaryCollation {
    /// Negative, zero or positive as `a` sorts before, equal to, or after `b`.
    @inlinable public static func compare(_ a: String, _ b: String) -> Int {
        let result = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }
        if let result, let result { return result }
        return Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in compare(x, y) } }
    }

    /// `compare(_:_:)` of a string with UTF-8 bytes (a column read from SQLite, a date formatted on the stack).
    @inlinable public static func compare(_ a: String, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        if let result = a.utf8.withContiguousStorageIfAvailable({ compare($0, y) }) { return result }
        return Array(a.utf8).withUnsafeBufferPointer { compare($0, y) }
    }

    /// `compare(_:_:)` of two byte buffers.
    @inlinable public static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let c = memcmp(p, q, common)
            if c != 0 { return Int(c) }
        }
        return x.count - y.count
    }
}
