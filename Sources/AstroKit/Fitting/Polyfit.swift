import CGSL

/// How the parameter covariance of a linear fit is scaled.
public enum CovarianceScaling: Sendable, Hashable {
    /// (XᵀWX)⁻¹ · χ²/(n − p): the weights are relative and the residual scatter sets the
    /// error scale. This is numpy.polyfit(cov=True) since numpy 1.16 (numpy 2.4 source:
    /// `fac = resids / (len(x) - order)` with order = deg + 1; the older
    /// `len(x) - order - 2.0` was dropped in gh-11197), scipy curve_fit's default, and the
    /// standard unbiased residual-variance scaling wanted for PTC gain errors.
    case residualVariance
    /// (XᵀWX)⁻¹: weights are absolute 1/σ (numpy cov='unscaled').
    case unscaled
}

/// A 1-D polynomial least-squares fit, solved by GSL's SVD-based gsl_multifit_wlinear.
///
/// ```swift
/// // PTC: var = p0·μ² + p1·μ + p2
/// let fit = try polyfit(x: mu, y: variance, degree: 2)
/// let gain = 1 / fit.coefficients[1]
/// let gainError = fit.standardErrors[1] * gain * gain   // σ(p1)·gain²
/// fit.evaluate(20_000)
/// ```
public struct PolynomialFit: Sendable, Hashable {
    /// Highest power first, as numpy.polyfit: y = c[0]·x^deg + … + c[deg].
    public var coefficients: [Double]
    /// Covariance of `coefficients` in the same (highest-first) order, scaled as requested.
    public var covariance: [[Double]]
    /// Σ (w·(y − fit))² (the weighted residual sum of squares; numpy's `resids`).
    public var chi2: Double
    /// y − fit at each input point (unweighted).
    public var residuals: [Double]
    /// n − (deg + 1).
    public var degreesOfFreedom: Int

    public var degree: Int { coefficients.count - 1 }
    public var standardErrors: [Double] { (0...degree).map { covariance[$0][$0].squareRoot() } }

    /// Horner evaluation.
    public func evaluate(_ x: Double) -> Double {
        coefficients.reduce(0) { $0 * x + $1 }
    }
}

/// Least-squares polynomial of degree `degree` through (x, y).
///
/// - Parameters:
///   - weights: numpy's `w`: multiplies each residual, so w = 1/σ for Gaussian errors.
///   - scaling: see `CovarianceScaling`; the default matches numpy.polyfit(cov=True).
public func polyfit(x: [Double], y: [Double], degree: Int, weights: [Double]? = nil,
                    scaling: CovarianceScaling = .residualVariance) throws -> PolynomialFit {
    guard x.count == y.count, weights == nil || weights!.count == x.count else {
        throw FitError.lengthMismatch
    }
    guard degree >= 0 else { throw FitError.invalidArgument("negative polynomial degree \(degree)") }
    let n = x.count
    let p = degree + 1
    // Scaling the covariance by χ²/(n − p) needs n > p (numpy raises the same condition).
    let needed = scaling == .residualVariance ? p + 1 : p
    guard n >= needed else { throw FitError.tooFewPoints(needed: needed, got: n) }

    // Columns in ascending power; reversed to numpy's order at the end.
    let design = GSLMatrix(rows: n, columns: p)
    for i in 0..<n {
        var power = 1.0
        for j in 0..<p {
            design[i, j] = power
            power *= x[i]
        }
    }
    let result = try linearLeastSquares(design: design, y: y,
                                        weights: weights.map { $0.map { $0 * $0 } }, scaling: scaling)
    let coefficients = Array(result.coefficients.reversed())
    let covariance = (0..<p).map { i in (0..<p).map { j in result.covariance[p - 1 - i][p - 1 - j] } }
    let residuals = (0..<n).map { i in y[i] - coefficients.reduce(0) { $0 * x[i] + $1 } }
    return PolynomialFit(coefficients: coefficients, covariance: covariance, chi2: result.chi2,
                         residuals: residuals, degreesOfFreedom: n - p)
}

/// The solution of a general linear least-squares problem y ≈ X·c.
struct LinearSolution {
    var coefficients: [Double]
    var covariance: [[Double]]
    var chi2: Double
}

/// Solves min Σ wᵢ (yᵢ − (Xc)ᵢ)² with gsl_multifit_wlinear (SVD with column balancing, so
/// the widely different column norms of a Vandermonde matrix in ADU do not hurt).
/// `weights` are the GSL weights wᵢ (inverse variances); nil means all 1.
func linearLeastSquares(design: GSLMatrix, y: [Double], weights: [Double]?,
                        scaling: CovarianceScaling) throws -> LinearSolution {
    let n = design.rows
    let p = design.columns
    let yv = GSLVector(y)
    let wv = GSLVector(weights ?? [Double](repeating: 1, count: n))
    let c = GSLVector(count: p)
    let cov = GSLMatrix(rows: p, columns: p)
    var chi2 = 0.0
    guard let work = gsl_multifit_linear_alloc(n, p) else {
        throw FitError.invalidArgument("cannot allocate a \(n)x\(p) least-squares workspace")
    }
    defer { gsl_multifit_linear_free(work) }
    // wlinear returns the unscaled (XᵀWX)⁻¹ and the weighted χ².
    try GSL.check(gsl_multifit_wlinear(design.pointer, wv.pointer, yv.pointer, c.pointer,
                                       cov.pointer, &chi2, work))
    let factor = scaling == .residualVariance ? chi2 / Double(n - p) : 1
    let covariance = (0..<p).map { i in (0..<p).map { j in cov[i, j] * factor } }
    return LinearSolution(coefficients: c.array, covariance: covariance, chi2: chi2)
}
