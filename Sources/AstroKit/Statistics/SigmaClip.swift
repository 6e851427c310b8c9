/// Iterative k-sigma clipping.
///
/// `.mean` reproduces `scipy.stats.sigmaclip(a, low, high)`: repeat { m = mean(c), s = std(c)
/// (ddof 0); keep c in [m − low·s, m + high·s] (inclusive) } until an iteration removes
/// nothing. `.median` is astropy's `sigma_clip` default: the same with the median as centre
/// (std still about the mean), optionally capped at `maxIterations` (astropy's maxiters=5).
///
/// ```swift
/// let r = Samples(flatPixels).sigmaClip(lower: 3, upper: 3)
/// let prnu = 100 * r.moments.std / r.moments.mean
/// (r.lower, r.upper)   // scipy's critlower, critupper from the last iteration
/// ```
///
/// Because every iteration only removes samples from the previous set, the surviving set is
/// the samples inside the intersection of all intervals so far, [max lower, min upper]. The
/// implementation scans the original samples against that interval instead of compacting a
/// copy, so clipping a section of an image allocates nothing (for the mean centre).
///
/// Arithmetic is in Double. scipy on float32 input computes the mean and std in float32, so on
/// float32 data a sample lying within ~1e-7 relative of a bound may be kept by one and
/// clipped by the other; on float64 input they agree exactly.
public struct SigmaClip: Sendable, Hashable {
    public enum Centre: Sendable, Hashable { case mean, median }

    public var lower: Double
    public var upper: Double
    public var centre: Centre
    /// nil: iterate until nothing changes (scipy).
    public var maxIterations: Int?

    public init(lower: Double = 4, upper: Double = 4, centre: Centre = .mean, maxIterations: Int? = nil) {
        precondition(lower > 0 && upper > 0, "clipping factors must be positive")
        self.lower = lower
        self.upper = upper
        self.centre = centre
        self.maxIterations = maxIterations
    }

    public struct Result: Sendable, Hashable {
        /// Moments of the surviving samples.
        public var moments: Moments
        /// The last interval computed (scipy's critlower, critupper).
        public var lower: Double
        public var upper: Double
        /// The interval the survivors lie in (Float bounds, inclusive) — use it with
        /// `Samples.gather(into:lo:hi:)` to extract the clipped values.
        public var keptLow: Float
        public var keptHigh: Float
        /// Iterations run, counting the final one that removed nothing.
        public var iterations: Int
        /// Samples before clipping.
        public var initialCount: Int
        /// Moments of every sample before clipping (its plain mean and std come free).
        public var initialMoments: Moments
    }

    /// Smallest Float >= x: `f >= x` (Float f, Double x) ⇔ `f >= ceilFloat(x)`.
    static func ceilFloat(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) < x ? f.nextUp : f
    }

    /// Largest Float <= x.
    static func floorFloat(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) > x ? f.nextDown : f
    }

    public func apply(to samples: Samples) -> Result {
        var scratch: [Float] = []
        return apply(to: samples, using: &scratch)
    }

    /// `scratch` is only used by the median centre.
    public func apply(to samples: Samples, using scratch: inout [Float]) -> Result {
        var lo = -Float.infinity
        var hi = Float.infinity
        var current = samples.moments(lo: lo, hi: hi)
        let initial = current
        var iterations = 0
        var critLow = Double.nan
        var critHigh = Double.nan
        while current.count > 0 {
            iterations += 1
            let centreValue: Double
            switch centre {
            case .mean:
                centreValue = current.mean
            case .median:
                let n = samples.gather(into: &scratch, lo: lo, hi: hi)
                centreValue = scratch.withUnsafeMutableBufferPointer {
                    Selection.median(UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
                }
            }
            critLow = centreValue - current.std * lower
            critHigh = centreValue + current.std * upper
            lo = max(lo, Self.ceilFloat(critLow))
            hi = min(hi, Self.floorFloat(critHigh))
            // One pass: the surviving set's mean is within a few σ of the current one.
            let next = samples.moments(lo: lo, hi: hi, near: current.mean)
            let changed = next.count != current.count
            current = next
            if !changed { break }
            if let maxIterations, iterations >= maxIterations { break }
        }
        return Result(moments: current, lower: critLow, upper: critHigh, keptLow: lo, keptHigh: hi,
                      iterations: iterations, initialCount: initial.count, initialMoments: initial)
    }
}

extension Samples {
    /// `scipy.stats.sigmaclip(samples, lower, upper)`; see `SigmaClip`.
    public func sigmaClip(lower: Double = 4, upper: Double = 4) -> SigmaClip.Result {
        SigmaClip(lower: lower, upper: upper).apply(to: self)
    }

    /// The samples that survive `clip`, as a new array.
    public func clippedValues(_ result: SigmaClip.Result) -> [Float] {
        var scratch: [Float] = []
        let n = gather(into: &scratch, lo: result.keptLow, hi: result.keptHigh)
        return Array(scratch[0..<n])
    }

    /// Median of the samples surviving a clip (vison's get_stats with clip, statistic median).
    public func clippedMedian(_ result: SigmaClip.Result, using scratch: inout [Float]) -> Double {
        let n = gather(into: &scratch, lo: result.keptLow, hi: result.keptHigh)
        return scratch.withUnsafeMutableBufferPointer {
            Selection.median(UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
        }
    }
}
