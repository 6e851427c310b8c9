import AstroKit
import Config_VIS
import Foundation

/// Fit quality bits of a PTC fit (vison `fqual`, same bit values).
public struct PTCQuality: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The fit could not be made (too few points, singular system): no gain.
    public static let fitFailed = PTCQuality(rawValue: 1)
    /// The relative gain error exceeds `PhotonTransferFit.poorFitLimit`.
    public static let poorFit = PTCQuality(rawValue: 2)
    /// A parameter error is 0, infinite or NaN.
    public static let badErrors = PTCQuality(rawValue: 4)

    public static let allNamed: [(PTCQuality, String)] = [(.fitFailed, "FIT_FAILED"), (.poorFit, "POOR_FIT"),
                                                          (.badErrors, "BAD_ERRORS")]
    /// The names of the bits set, e.g. ["POOR_FIT"]; empty for a good fit.
    public var names: [String] { Self.allNamed.filter { contains($0.0) }.map(\.1) }
}

/// The PTC of one quadrant: var = p0·μ² + p1·μ + p2 (μ in ADU, var in ADU²).
public struct PTCFitResult: Sendable, Hashable, Codable {
    public var quadrant: Quadrant
    /// [p0, p1, p2], highest power first (numpy.polyfit order), and their covariance.
    public var coefficients: [Double]
    public var covariance: [[Double]]
    /// e⁻/ADU = 1/p1.
    public var gain: Double
    /// σ(gain) = σ(p1)/p1² = σ(p1)·gain². vison codes σ(p1)/gain² ([quirk], VIS.md 8.6), which
    /// is smaller by a factor gain⁴ (~120 at gain 3.3).
    public var gainError: Double
    /// alpha = −p0 (ADU⁻¹), vison's sign: positive when the variance falls below the linear
    /// (Poisson) expectation at high signal, as brighter-fatter charge sharing makes it.
    public var alpha: Double
    /// p2, the variance at zero signal (read noise² + quantisation), ADU².
    public var intercept: Double
    /// Points in the final fit.
    public var npoints: Int
    public var quality: PTCQuality
    /// Blooming onset (see `Blooming`): > 0 where found, −(highest mean) when not reached.
    public var bloomADU: Double
    /// bloomADU × gain, e⁻ (same sign convention).
    public var bloomElectrons: Double

    /// The fitted variance at a mean of `mu` ADU.
    public func variance(at mu: Double) -> Double { (coefficients[0] * mu + coefficients[1]) * mu + coefficients[2] }
}

/// The PTC fit per quadrant (VIS.md 3.3.4 meta, `ptc.fitPTC`), pooling every pair and tile.
///
/// ```swift
/// let fit = PhotonTransferFit().fit(points.filter { $0.quadrant == .E }, quadrant: .E)
/// fit.gain; fit.gainError; fit.quality.names; fit.bloomADU
/// ```
public struct PhotonTransferFit: Sendable {
    /// Fit range of the means (ADU), inclusive.
    public var range: ClosedRange<Double> = 1_000...40_000
    /// Rejection threshold of the robust passes, in standard deviations.
    public var rejection = 5.0
    /// Smear pruning: 49 bins over [0.5, 1]·65536, a bin is dropped when the spread of its
    /// variances, (max − min)/mean, exceeds this.
    public var smearLimit = 0.1
    /// POOR_FIT when σ(gain)/gain exceeds this. vison tests σ(p1)/gain > 1e−3, i.e. σ(p1)/p1
    /// above ~1.1 % at gain 3.3; the same threshold is stated here as a relative gain error.
    public static let poorFitLimit = 0.011
    public var bloom = Blooming()

    public init() {}

    /// The sampling standard deviation of a tile variance: for N Gaussian deviates the sample
    /// variance has relative error √(2/(N − 1)).
    static func sigma(_ variance: Double, pixels: Int) -> Double {
        variance * (2 / Double(max(pixels - 1, 1))).squareRoot()
    }

    /// Drops every point of a bin in [0.5, 1]·65536 whose spread exceeds the limit (smear or
    /// unstable illumination). Two departures from vison, which tests (max − min)/mean of the
    /// variances: (1) the spread is taken of var/μ, so the ~2 % rise of the variance across one
    /// 669-ADU bin is not counted as smear; (2) the limit is never tighter than the range pure
    /// sampling noise gives to n tiles of N pixels, (2√(2 ln n) + 3)·√(2/(N−1)). At vison's
    /// 301² pixels and 36 tiles that is 0.04, so the 0.1 applies unchanged at full size; with
    /// small test tiles it stops good bins from being dropped.
    func pruneSmear(_ points: [PTCPoint]) -> [PTCPoint] {
        let lo = 0.5 * 65536.0, hi = 65536.0, bins = 49
        var groups = [[Int]](repeating: [], count: bins)
        for (i, p) in points.enumerated() where p.mean >= lo && p.mean <= hi {
            groups[min(bins - 1, Int((p.mean - lo) / (hi - lo) * Double(bins)))].append(i)
        }
        var drop = Set<Int>()
        for g in groups where g.count > 1 {
            let ratio = g.map { points[$0].variance / points[$0].mean }
            let mean = ratio.reduce(0, +) / Double(ratio.count)
            let minPixels = g.map { points[$0].pixels }.min()!
            let n = Double(g.count)
            let noiseRange = (2 * (2 * log(n)).squareRoot() + 3) * (2 / Double(max(minPixels - 1, 1))).squareRoot()
            if (ratio.max()! - ratio.min()!) / mean > max(smearLimit, noiseRange) { drop.formUnion(g) }
        }
        return points.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    public func fit(_ input: [PTCPoint], quadrant: Quadrant) -> PTCFitResult {
        let sorted = input.filter { $0.quadrant == quadrant && $0.mean.isFinite && $0.variance.isFinite }
            .sorted { ($0.mean, $0.pair, $0.tile) < ($1.mean, $1.pair, $1.tile) }
        let candidates = pruneSmear(sorted).filter { range.contains($0.mean) }
        var result = PTCFitResult(quadrant: quadrant, coefficients: [.nan, .nan, .nan],
                                  covariance: Array(repeating: [.nan, .nan, .nan], count: 3), gain: .nan,
                                  gainError: .nan, alpha: .nan, intercept: .nan, npoints: 0,
                                  quality: .fitFailed, bloomADU: .nan, bloomElectrons: .nan)
        guard let polynomial = robustQuadratic(candidates) else { return result }
        let (p, cov) = (polynomial.fit.coefficients, polynomial.fit.covariance)
        result.coefficients = p
        result.covariance = cov
        result.gain = 1 / p[1]
        let sigmaP1 = cov[1][1].squareRoot()
        result.gainError = sigmaP1 / (p[1] * p[1])
        result.alpha = -p[0]
        result.intercept = p[2]
        result.npoints = polynomial.used
        var quality: PTCQuality = []
        if !(p[1] > 0) || !result.gain.isFinite { quality.insert(.fitFailed) }
        let errors = (0..<3).map { cov[$0][$0].squareRoot() }
        if errors.contains(where: { !$0.isFinite || $0 == 0 }) { quality.insert(.badErrors) }
        if !(result.gainError / abs(result.gain) <= Self.poorFitLimit) { quality.insert(.poorFit) }
        result.quality = quality
        let onset = bloom.find(sorted, model: { (p[0] * $0 + p[1]) * $0 + p[2] })
        result.bloomADU = onset
        result.bloomElectrons = onset * result.gain
        return result
    }

    /// Robust first pass, then the quadratic least-squares fit.
    ///
    /// vison's first pass is RANSAC on [1, x] — a robust *line* — keeping |var − pred|/√pred < 5.
    /// Two changes, both to make the rejection a real 5σ test: (1) the scale is the sampling
    /// error of a tile variance, pred·√(2/(N−1)), not √pred (which is no standard deviation of
    /// a variance: at 1e4 ADU² and 301² pixels it is ~10σ, with small tiles < 2σ); (2) after
    /// the robust line (GSL bisquare M-estimator: deterministic, unlike unseeded RANSAC) starts
    /// the inlier set, the rejection is iterated about the *quadratic* fit until the set is
    /// stable, so the curvature of a real PTC (brighter-fatter) is not mistaken for outliers.
    /// The least-squares fit is weighted by 1/σ (the variance errors grow ∝ var; the unweighted
    /// fit of vison lets the noisiest high-signal points dominate p1). Its covariance is scaled
    /// by χ²/(n − 3), numpy's polyfit(cov=True), so σ(p1) follows the actual scatter.
    func robustQuadratic(_ points: [PTCPoint]) -> (fit: PolynomialFit, used: Int)? {
        guard points.count >= 4 else { return nil }
        let x = points.map(\.mean), y = points.map(\.variance)
        guard let line = try? RobustLinearFit(x: x, y: y) else { return nil }
        func inliers(_ predict: (Double) -> Double) -> [Bool] {
            points.indices.map { i in
                let pred = predict(x[i])
                return pred > 0 && abs(y[i] - pred) < rejection * Self.sigma(pred, pixels: points[i].pixels)
            }
        }
        var keep = inliers(line.predict)
        var weightsFrom: (Double) -> Double = line.predict
        var last: PolynomialFit?
        // At least two rounds, so the final weights come from a quadratic, not from the line.
        for round in 0..<20 {
            let idx = points.indices.filter { keep[$0] }
            guard idx.count >= 4 else { return nil }
            let w = idx.map { 1 / Self.sigma(max(weightsFrom(x[$0]), 1e-9), pixels: points[$0].pixels) }
            guard let fit = try? polyfit(x: idx.map { x[$0] }, y: idx.map { y[$0] }, degree: 2, weights: w) else {
                return nil
            }
            last = fit
            let next = inliers(fit.evaluate)
            if next == keep && round > 0 { break }
            keep = next
            weightsFrom = fit.evaluate
        }
        guard let fit = last else { return nil }
        return (fit, fit.degreesOfFreedom + 3)
    }
}
