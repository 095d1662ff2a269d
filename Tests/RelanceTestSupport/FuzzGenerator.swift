import Foundation

/// A seeded random number generator for the fuzz tests (SplitMix64): the same seed gives the same
/// inputs on every machine, and every run prints its seed so a failure can be replayed.
public struct FuzzGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `$RELANCE_FUZZ_SEED`, or a random seed; printed with the test's name.
    public static func seeded(for test: String) -> FuzzGenerator {
        let seed = ProcessInfo.processInfo.environment["RELANCE_FUZZ_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(test): RELANCE_FUZZ_SEED=\(seed)")
        return FuzzGenerator(state: seed)
    }

    /// A positive integer from the environment (`RELANCE_FUZZ_ITERATIONS` …), else `fallback`.
    public static func integer(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? fallback
    }
}
