import AstroKit
import Foundation

/// NL02's model of the non-linearity (VIS.md 3.3.6 step 6, `nl.fitNL_taylored` with
/// addExp=True, NLdeg=4): NL(x) = A·exp(−(x − x0)/s) + c0 + c1·x + c2·x² + c3·x³ + c4·x⁴ in
/// percent, x = fluence/65536.
///
/// ```swift
/// let model = try NonLinearityModel.fit(fluence: f, percent: nl)
/// model(30_000)      // NL % at 30 000 ADU
/// ```
public struct NonLinearityModel: Sendable, Hashable, Codable {
    /// [A, x0, s, c0, c1, c2, c3, c4]: the polynomial in ascending powers (vison's Taylor order).
    public var coefficients: [Double]
    public var standardErrors: [Double]
    public var converged: Bool
    /// The lowest fluence fitted, ADU. Below it the exponential is an extrapolation that grows
    /// without bound when the fitted scale s is small, so curves start there.
    public var lowestFluence: Double

    /// Fluences (ADU) the fit uses: 250 < F < 55 536 (beyond, the ADC saturates at 65 535).
    public static let fitRange = 250.0...55_536.0
    /// curve_fit's start and bounds in vison.
    public static let initial: [Double] = [1, 0.01, 0.05, 0, 0, 0, 0, 0]
    public static let bounds: [ParameterBound] =
        [ParameterBound(-20...20), ParameterBound(10.0 / 65536...30_000.0 / 65536), ParameterBound(1e-5...1)]
        + Array(repeating: ParameterBound(-500...500), count: 5)

    public init(coefficients: [Double], standardErrors: [Double] = [], converged: Bool = true,
                lowestFluence: Double = NonLinearityModel.fitRange.lowerBound) {
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.converged = converged
        self.lowestFluence = lowestFluence
    }

    @inline(__always)
    static func evaluate(_ x: Double, _ p: [Double]) -> Double {
        p[0] * exp(-(x - p[1]) / p[2]) + p[3] + x * (p[4] + x * (p[5] + x * (p[6] + x * p[7])))
    }

    /// NL in percent at a fluence of `adu` ADU.
    public func callAsFunction(_ adu: Double) -> Double { Self.evaluate(adu / 65536, coefficients) }

    /// Unweighted bounded least squares over the points inside `fitRange` (vison: curve_fit
    /// 'trf' from `initial`; vison's noise weight W is computed but unused, so it is here).
    ///
    /// The model is degenerate: only A·e^(x0/s) is determined, not A and x0 apart, so a local
    /// solver started at vison's fixed point wanders along that valley (with GSL it stalls or
    /// overflows the exponential; vison's result depends on where TRF stops). The fit is made
    /// global and deterministic instead: for each s on a log grid over its bounds, with x0 at
    /// the lowest fluence fitted (which puts A at the value of the exponential there, where it
    /// is best constrained), the model is linear in A, c0…c4 and is solved exactly; the best
    /// grid point within |A| ≤ 20 is then polished by the bounded solver with every parameter
    /// free, and kept only if it lowers χ².
    public static func fit(fluence: [Double], percent: [Double]) throws -> NonLinearityModel {
        let keep = fluence.indices.filter {
            fluence[$0] > fitRange.lowerBound && fluence[$0] < fitRange.upperBound && percent[$0].isFinite
        }
        let x = keep.map { fluence[$0] / 65536 }, y = keep.map { percent[$0] }
        guard x.count > initial.count, let xmin = x.min() else {
            throw FitError.tooFewPoints(needed: initial.count + 1, got: x.count)
        }
        let x0 = min(max(xmin, bounds[1].lower), bounds[1].upper)
        var best: (p: [Double], chi2: Double)?
        for k in 0...60 {
            let scale = bounds[2].lower * pow(bounds[2].upper / bounds[2].lower, Double(k) / 60)
            guard let p = linearSolution(x: x, y: y, x0: x0, s: scale), abs(p[0]) <= bounds[0].upper,
                  p[3...].allSatisfy({ abs($0) <= 500 }) else { continue }
            let chi2 = Self.chi2(x, y, p)
            if best == nil || chi2 < best!.chi2 { best = (p, chi2) }
        }
        guard let start = best else { throw FitError.invalidArgument("no grid point of the NL model fits within the bounds") }
        if let polished = try? NonlinearLeastSquares().fit(x: x, y: y, initial: start.p, bounds: bounds, model: evaluate),
           polished.parameters.allSatisfy(\.isFinite), Self.chi2(x, y, polished.parameters) < start.chi2 {
            return NonLinearityModel(coefficients: polished.parameters, standardErrors: polished.standardErrors,
                                     converged: polished.converged, lowestFluence: xmin * 65536)
        }
        return NonLinearityModel(coefficients: start.p, standardErrors: [], converged: true, lowestFluence: xmin * 65536)
    }

    static func chi2(_ x: [Double], _ y: [Double], _ p: [Double]) -> Double {
        zip(x, y).reduce(0) { let r = $1.1 - evaluate($1.0, p); return $0 + r * r }
    }

    /// A, c0…c4 by linear least squares (normal equations) for fixed x0 and s.
    static func linearSolution(x: [Double], y: [Double], x0: Double, s: Double) -> [Double]? {
        let m = 6
        var ata = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        var aty = [Double](repeating: 0, count: m)
        var row = [Double](repeating: 0, count: m)
        for (xi, yi) in zip(x, y) {
            row[0] = exp(-(xi - x0) / s)
            var power = 1.0
            for j in 1..<m { row[j] = power; power *= xi }
            for a in 0..<m {
                aty[a] += row[a] * yi
                for b in 0..<m { ata[a][b] += row[a] * row[b] }
            }
        }
        guard let c = try? LinearSolve.solve(ata, aty), c.allSatisfy(\.isFinite) else { return nil }
        return [c[0], x0, s] + Array(c[1...])
    }

    /// The curve at `count` fluences evenly spread over the fitted part of `fitRange` (vison: 400
    /// points from 250 ADU; here from the lowest fluence fitted, see `lowestFluence`).
    public func curve(count: Int = 400) -> (fluence: [Double], percent: [Double]) {
        let lo = max(Self.fitRange.lowerBound, lowestFluence), hi = Self.fitRange.upperBound
        let f = (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
        return (f, f.map { self($0) })
    }
}
