/// A location estimate for integer-valued data (raw ADU) that is not quantised.
///
/// The median of integer data can only be an integer or a half-integer, so a bias offset
/// measured by a median jumps in 0.5 ADU steps, while VIS offsets must be followed to
/// 0.05 ADU. The choice here is the **mean after iterative k-sigma clipping** about the mean
/// (scipy.stats.sigmaclip semantics, k = 4 by default):
/// * it is continuous in the data, so it resolves sub-ADU offset changes;
/// * clipping removes cosmic rays, hot pixels and injected-charge spill-over, the one-sided
///   outliers a plain mean would follow;
/// * k = 4 rather than 3: on integer data the clip bounds cut the tails at different
///   distances from the true offset, and with σ = 1.3 ADU that biases a 3σ-clipped mean by
///   up to 0.010 ADU, a 4σ one by under 0.0005 ADU (numpy Monte Carlo, 3000 trials of 20000
///   rounded Gaussian samples at offsets x.1, x.25, x.4);
/// * its noise equals that of the plain mean, σ_eff/√N with σ_eff² = σ² + 1/12 (the rounding
///   adds 1/12 ADU²), within 2% in the same simulation. For the VIS prescan (21 columns ×
///   2066 rows, σ ≈ 1.3 ADU) that is 0.006 ADU, and for one 301×301 tile 0.004 ADU, an
///   order of magnitude inside the 0.05 ADU requirement. The median of the same data never
///   moves off the integer: its error is up to 0.5 ADU whatever N.
///
/// ```swift
/// let off = RobustLocation(Samples(quadrant, section: prescan))
/// off.value            // e.g. 1234.37 ADU
/// off.standardError    // e.g. 0.006 ADU
/// ```
public struct RobustLocation: Sendable, Hashable {
    /// The clipped mean.
    public var value: Double
    /// std of the survivors / √count: the 1σ statistical error of `value`.
    public var standardError: Double
    /// std (ddof 0) of the survivors.
    public var std: Double
    /// Samples kept and samples offered.
    public var count: Int
    public var initialCount: Int
    /// Moments of all the samples offered, before clipping: their plain mean and std (ddof 0)
    /// without another pass over the data.
    public var unclipped: Moments

    public init(_ samples: Samples, sigma k: Double = 4) {
        let r = SigmaClip(lower: k, upper: k).apply(to: samples)
        self.init(moments: r.moments, initial: r.initialMoments)
    }
}
