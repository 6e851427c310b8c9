import Foundation

/// SplitMix64: turns any 64-bit key into well-mixed 64-bit words. Used to seed the main
/// generator and as a stateless hash, so that a stream can be named by (seed, CCD, frame, block)
/// and does not depend on the order in which threads ask for it.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of one word.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A key for a stream from its parts, e.g. `hash(seed, ccd, frame, block)`.
    public static func hash(_ parts: UInt64...) -> UInt64 {
        var h: UInt64 = 0x51_7CC1_B727_220A
        for part in parts { h = mix(h ^ mix(part &+ 0x9E37_79B9_7F4A_7C15)) }
        return h
    }
}

/// xoshiro256** (Blackman & Vigna): fast, 256-bit state, passes BigCrush. One value type per
/// stream, no allocation, so every row block of a frame owns its own generator.
public struct Xoshiro256: Sendable {
    private var s0, s1, s2, s3: UInt64
    /// The ziggurat tables, held by each generator so the per-pixel path reads no global.
    let ziggurat = Ziggurat.tables

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// A generator for the stream named by `parts` (see ``SplitMix64/hash(_:)``).
    public init(stream parts: UInt64...) {
        var h: UInt64 = 0x51_7CC1_B727_220A
        for part in parts { h = SplitMix64.mix(h ^ SplitMix64.mix(part &+ 0x9E37_79B9_7F4A_7C15)) }
        self.init(seed: h)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1), 53 bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe for logarithms.
    @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// Integer uniform in `0..<n` (Lemire's multiply-shift; the bias is below 2^-40 for our n).
    public mutating func index(below n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A Poisson deviate of mean `mean` (electrons). Exact below ``Xoshiro256/poissonNormalThreshold``
    /// (inversion by sequential search: one uniform, O(mean) steps); above it the normal
    /// approximation mean + √mean·N(0,1), whose skewness error (1/√mean < 0.1) is far below what
    /// any calibration statistic resolves. The large-mean value is not rounded: the electrons are
    /// divided by the gain and re-digitised anyway, and keeping it continuous keeps the variance
    /// exactly `mean`.
    @inline(__always)
    public mutating func poisson(_ mean: Double) -> Double {
        if mean <= 0 { return 0 }
        if mean >= Self.poissonNormalThreshold { return mean + mean.squareRoot() * gaussian() }
        return poissonInversion(mean, expMinusMean: Foundation.exp(-mean))
    }

    /// Exact Poisson by inversion, for means below the normal threshold, with e^−mean given:
    /// pixels of one column of a dark share their mean, so the caller computes it once.
    @inline(__always)
    public mutating func poissonInversion(_ mean: Double, expMinusMean: Double) -> Double {
        let u = uniform()
        var k = 0.0
        var probability = expMinusMean
        var cumulative = probability
        while u > cumulative && probability > 0 {
            k += 1
            probability *= mean / k
            cumulative += probability
        }
        return k
    }

    /// Means at or above this use the normal approximation.
    public static let poissonNormalThreshold = 100.0
}

/// A stateless per-pixel deviate: the same (key, x, y) always gives the same value, whatever
/// the frame, block or thread. Used for maps fixed per CCD (PRNU) so they need not be stored.
enum PixelHash {
    /// Approximately standard normal: the sum of four 16-bit uniforms (Irwin–Hall, n = 4),
    /// centred and scaled to unit variance exactly; bounded at ±√12 ≈ 3.46σ, which also keeps a
    /// 1 % PRNU map free of unphysical outliers.
    @inline(__always)
    static func normal(key: UInt64, x: Int, y: Int) -> Double {
        let word = SplitMix64.mix(key ^ (UInt64(truncatingIfNeeded: y) << 32 | UInt64(truncatingIfNeeded: x)))
        let a = Double(word & 0xFFFF), b = Double((word >> 16) & 0xFFFF)
        let c = Double((word >> 32) & 0xFFFF), d = Double(word >> 48)
        // Each (v + 0.5)/65536 is uniform on (0,1) with mean 1/2 and variance (1 - 2^-32)/12.
        let sum = (a + b + c + d + 2) * (1.0 / 65536.0)
        return (sum - 2) * scale
    }

    /// 1/σ of the sum of four discrete uniforms on 65536 levels.
    private static let scale = 1 / (4 * (1 - 0x1.0p-32) / 12).squareRoot()
}
