/// Multipart boundaries: random-looking, deterministic when a seed is given (tests, re-renders of
/// the same message), random otherwise.
///
/// Every boundary starts with `=_`, a sequence that neither quoted-printable nor base64 output
/// can contain, so a boundary never collides with a part's content.
public enum MIMEBoundary {
    /// `=_relance-<label>-<32 hex digits>`; the digits derive from `seed` and `label` when a seed
    /// is given.
    public static func make(seed: String?, label: String) -> String {
        var state: UInt64
        if let seed {
            state = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
            for byte in (seed + "\u{0}" + label).utf8 {
                state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        } else {
            state = UInt64.random(in: .min ... .max)
        }
        let high = splitMix(&state)
        let low = splitMix(&state)
        return "=_relance-" + label + "-" + hex(high) + hex(low)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
