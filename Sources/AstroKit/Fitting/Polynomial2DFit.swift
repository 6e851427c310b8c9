import CGSL

/// The result of fitting a `Polynomial2D` to scattered samples.
///
/// ```swift
/// let fit = try Polynomial2D.fit(x: xs, y: ys, z: zs, degree: 5)
/// fit.model(1024, 1033)     // the surface at a pixel
/// fit.rms                   // √(χ²/n) of the samples about the surface
/// ```
public struct Polynomial2DFit: Sendable, Hashable {
    public var model: Polynomial2D
    /// Σ (w·(z − model))² over the samples.
    public var chi2: Double
    /// z − model at each sample.
    public var residuals: [Double]
    /// Covariance of the normalised-variable coefficients (`Polynomial2D.termOrder` order),
    /// scaled by χ²/(n − p). It describes the fit's statistical uncertainty; the
    /// raw-coordinate covariance is not formed because its entries span 30 decades.
    public var normalisedCovariance: [[Double]]

    public var rms: Double {
        residuals.isEmpty ? .nan : (residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)).squareRoot()
    }
}

extension Polynomial2D {
    /// Least-squares fit of a total-degree `degree` polynomial to samples z(x, y).
    ///
    /// - Parameter weights: multiply each residual, w = 1/σ for Gaussian errors (astropy's
    ///   LinearLSQFitter and numpy.polyfit convention); nil for an unweighted fit.
    /// - Throws: `FitError.tooFewPoints` when there are fewer than (d+1)(d+2)/2 + 1 samples
    ///   (one more than the terms, so the covariance scale is defined).
    public static func fit(x: [Double], y: [Double], z: [Double], degree: Int,
                           weights: [Double]? = nil) throws -> Polynomial2DFit {
        guard x.count == y.count, y.count == z.count, weights == nil || weights!.count == z.count else {
            throw FitError.lengthMismatch
        }
        guard degree >= 0 else { throw FitError.invalidArgument("negative polynomial degree \(degree)") }
        let order = termOrder(degree: degree)
        let n = x.count
        guard n > order.count else { throw FitError.tooFewPoints(needed: order.count + 1, got: n) }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite), z.allSatisfy(\.isFinite) else {
            throw FitError.invalidArgument("non-finite sample in a 2-D polynomial fit")
        }

        func normalisation(_ s: [Double]) -> (centre: Double, scale: Double) {
            let lo = s.min()!, hi = s.max()!
            let half = (hi - lo) / 2
            return ((lo + hi) / 2, half > 0 ? half : 1)
        }
        let (cx, sx) = normalisation(x)
        let (cy, sy) = normalisation(y)

        let design = GSLMatrix(rows: n, columns: order.count)
        var upow = [Double](repeating: 1, count: degree + 1)
        var vpow = [Double](repeating: 1, count: degree + 1)
        for k in 0..<n {
            let u = (x[k] - cx) / sx, v = (y[k] - cy) / sy
            for p in stride(from: 1, through: degree, by: 1) {
                upow[p] = upow[p - 1] * u
                vpow[p] = vpow[p - 1] * v
            }
            for (t, term) in order.enumerated() { design[k, t] = upow[term.x] * vpow[term.y] }
        }
        let solution = try linearLeastSquares(design: design, y: z, weights: weights.map { $0.map { $0 * $0 } },
                                              scaling: .residualVariance)
        var a = [[Double]](repeating: [Double](repeating: 0, count: degree + 1), count: degree + 1)
        for (t, term) in order.enumerated() { a[term.y][term.x] = solution.coefficients[t] }
        let model = Polynomial2D(degree: degree, xCentre: cx, xScale: sx, yCentre: cy, yScale: sy,
                                 normalised: a)
        let residuals = (0..<n).map { z[$0] - model(x[$0], y[$0]) }
        return Polynomial2DFit(model: model, chi2: solution.chi2, residuals: residuals,
                               normalisedCovariance: solution.covariance)
    }
}
