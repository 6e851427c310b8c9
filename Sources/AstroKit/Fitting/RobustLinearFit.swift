import CGSL

/// A robust straight line y = intercept + slope·x, for the first pass of the PTC fit
/// (vison uses sklearn's RANSACRegressor there and then keeps |var − pred|/√pred < 5).
///
/// Choice: GSL's iteratively-reweighted M-estimator with Tukey's bisquare weights
/// (gsl_multifit_robust), not RANSAC. It is deterministic (no seed, no dependence on the
/// order of the points), it uses every good point rather than the best random 2-point
/// consensus, and it reaches a 50% breakdown for outliers in y, which is the PTC's failure
/// mode (smeared or bloomed tiles with low variance, cosmic-ray pairs with high variance).
/// RANSAC's result changes with its random draws; sklearn's is reproducible only through a
/// seed that vison does not set.
///
/// ```swift
/// let line = try RobustLinearFit(x: mu, y: variance)
/// let keep = line.inliers(x: mu, y: variance, k: 5)   // |y − pred| / √pred < 5
/// let ptc = try polyfit(x: mu.indices.filter { keep[$0] }.map { mu[$0] },
///                       y: variance.indices.filter { keep[$0] }.map { variance[$0] }, degree: 2)
/// ```
public struct RobustLinearFit: Sendable, Hashable {
    public var intercept: Double
    public var slope: Double
    /// Covariance of (intercept, slope), in that order, as GSL estimates it.
    public var covariance: [[Double]]
    /// GSL's robust residual scale σ.
    public var sigma: Double
    /// False when the reweighting hit GSL's iteration limit (the fit is still returned).
    public var converged: Bool
    /// The final bisquare weight of each point (0 for a rejected outlier).
    public var weights: [Double]

    public init(x: [Double], y: [Double]) throws {
        guard x.count == y.count else { throw FitError.lengthMismatch }
        let n = x.count
        guard n >= 3 else { throw FitError.tooFewPoints(needed: 3, got: n) }
        let design = GSLMatrix(rows: n, columns: 2)
        for i in 0..<n {
            design[i, 0] = 1
            design[i, 1] = x[i]
        }
        let yv = GSLVector(y)
        let c = GSLVector(count: 2)
        let cov = GSLMatrix(rows: 2, columns: 2)
        guard let work = gsl_multifit_robust_alloc(astrokit_robust_bisquare(), n, 2) else {
            throw FitError.invalidArgument("cannot allocate a robust-fit workspace for \(n) points")
        }
        defer { gsl_multifit_robust_free(work) }
        let status = gsl_multifit_robust(design.pointer, yv.pointer, c.pointer, cov.pointer, work)
        // GSL_EMAXITER still leaves the last estimate in c; report it as not converged.
        if status != GSL_EMAXITER { try GSL.check(status) }
        let stats = gsl_multifit_robust_statistics(work)
        intercept = c[0]
        slope = c[1]
        covariance = cov.rowMajor
        sigma = stats.sigma
        converged = status == GSL_SUCCESS
        weights = stats.weights.map { w in (0..<n).map { gsl_vector_get(w, $0) } } ?? []
    }

    public func predict(_ x: Double) -> Double { intercept + slope * x }

    /// Points whose residual is within k Poisson-like standard deviations of the line,
    /// |y − pred| / √pred < k (vison ptc.fitPTC). A non-positive prediction fails the test.
    public func inliers(x: [Double], y: [Double], k: Double) -> [Bool] {
        precondition(x.count == y.count, "x and y differ in length")
        return zip(x, y).map { xi, yi in
            let p = predict(xi)
            return p > 0 && abs(yi - p) / p.squareRoot() < k
        }
    }
}
