/// A reproducible random generator (SplitMix64). Randomised tests take their seed from
/// `MISH_TEST_SEED` when set, otherwise from a fixed default, and print it so a failure can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    public private(set) var state: UInt64
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    /// A generator seeded from `MISH_TEST_SEED` or `defaultSeed`; prints "<label>: seed N".
    public static func forTest(_ label: String, defaultSeed: UInt64) -> SeededGenerator {
        var seed = defaultSeed
        if let text = getenvString("MISH_TEST_SEED"), let s = UInt64(text) { seed = s }
        print("\(label): seed \(seed) (replay with MISH_TEST_SEED=\(seed))")
        return SeededGenerator(seed: seed)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func getenvString(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}
