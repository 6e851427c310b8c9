import Foundation
import Testing
@testable import AstroKit

@Suite struct NonlinearLeastSquaresTests {
    /// vison NL02 model: NL%(x) = A·exp(−(x − x0)/s) + P4(x), x = fluence/65536.
    static func nl02(_ x: Double, _ p: [Double]) -> Double {
        p[0] * exp(-(x - p[1]) / p[2]) + p[3] + x * (p[4] + x * (p[5] + x * (p[6] + x * p[7])))
    }

    /// vison's curve_fit bounds for NL02.
    static let nl02Bounds: [ParameterBound] = {
        let lowX0: Double = 10.0 / 65536
        let highX0: Double = 30000.0 / 65536
        let head: [ParameterBound] = [ParameterBound(-20...20), ParameterBound(lowX0...highX0), ParameterBound(1e-5...1)]
        return head + [ParameterBound](repeating: ParameterBound(-500...500), count: 5)
    }()

    static let truth: [Double] = [2.0, 0.01, 0.03, 0.5, -1.2, 2.0, -1.5, 0.8]
    static let xs: [Double] = (0..<60).map { (k: Int) -> Double in
        let adu: Double = 250 + Double(k) * (55536.0 - 250.0) / 59.0
        return adu / 65536
    }

    @Test func recoversNL02ParametersFromNoiselessData() throws {
        // A and x0 are degenerate (A·e^(x0/s) is all the data constrain), so x0 is fixed at
        // its true value through equal bounds; the other seven must come back to 1e-6.
        var bounds = Self.nl02Bounds
        bounds[1] = ParameterBound(Self.truth[1]...Self.truth[1])
        let y = Self.xs.map { Self.nl02($0, Self.truth) }
        let fit = try NonlinearLeastSquares().fit(x: Self.xs, y: y, initial: [1, 0.01, 0.05, 0, 0, 0, 0, 0],
                                                  bounds: bounds, model: Self.nl02)
        #expect(fit.converged)
        for (got, want) in zip(fit.parameters, Self.truth) { #expect(abs(got - want) < 1e-6, "\(got) vs \(want)") }
        #expect(fit.covariance[1].allSatisfy { $0 == 0 })
        #expect(fit.degreesOfFreedom == 60 - 7)
    }

    @Test func fullVisonNL02SetupReproducesTheCurve() throws {
        // All 8 parameters free within vison's bounds, from vison's start point.
        let y = Self.xs.map { Self.nl02($0, Self.truth) }
        let fit = try NonlinearLeastSquares().fit(x: Self.xs, y: y, initial: [1, 0.01, 0.05, 0, 0, 0, 0, 0],
                                                  bounds: Self.nl02Bounds, model: Self.nl02)
        #expect(fit.converged)
        let worst = Self.xs.map { abs(Self.nl02($0, fit.parameters) - Self.nl02($0, Self.truth)) }.max()!
        #expect(worst < 1e-6)
        #expect(zip(fit.parameters, Self.nl02Bounds).allSatisfy { $1.contains($0) })
    }

    @Test func noisyDataGiveParametersWithinTheirErrors() throws {
        var bounds = Self.nl02Bounds
        bounds[1] = ParameterBound(Self.truth[1]...Self.truth[1])
        var rng = SplitMix64(seed: 2026)
        let sigma = 0.02
        let y = Self.xs.map { Self.nl02($0, Self.truth) + sigma * rng.gaussian() }
        let fit = try NonlinearLeastSquares().fit(x: Self.xs, y: y, sigma: Array(repeating: sigma, count: y.count),
                                                  initial: [1, 0.01, 0.05, 0, 0, 0, 0, 0], bounds: bounds,
                                                  model: Self.nl02)
        #expect(fit.converged)
        let reducedChi2 = fit.chi2 / Double(fit.degreesOfFreedom)
        #expect(reducedChi2 > 0.5 && reducedChi2 < 1.6)
        for k in fit.parameters.indices where k != 1 {
            #expect(abs(fit.parameters[k] - Self.truth[k]) < 4 * fit.standardErrors[k],
                    "p\(k) = \(fit.parameters[k]) ± \(fit.standardErrors[k]), truth \(Self.truth[k])")
        }
    }

    // Reference: scipy 1.17.1 curve_fit(lambda x, a, t, c: a*exp(-x/t) + c, x, y, p0=[1, 1, 0],
    // xtol=ftol=gtol=1e-15) on x = 0..14 and the y below (5·e^(−x/3) + 1 + N(0, 0.05), rounded).
    static let ex: [Double] = (0..<15).map(Double.init)
    static let ey: [Double] = [5.9599, 4.5164, 3.5547, 2.8604, 2.3748, 1.9499, 1.649, 1.4456, 1.3849,
                               1.3307, 1.192, 1.0661, 1.0437, 1.1456, 1.0572]
    static func decay(_ x: Double, _ p: [Double]) -> Double { p[0] * exp(-x / p[1]) + p[2] }

    func expectMatrix(_ a: [[Double]], _ b: [[Double]], relative: Double) {
        for (ra, rb) in zip(a, b) { for (u, v) in zip(ra, rb) { #expect(abs(u - v) <= relative * abs(v), "\(u) vs \(v)") } }
    }

    @Test func matchesScipyCurveFit() throws {
        let fit = try NonlinearLeastSquares().fit(x: Self.ex, y: Self.ey, initial: [1, 1, 0], model: Self.decay)
        for (u, v) in zip(fit.parameters, [4.937295794108049, 3.032341419115597, 1.0053437994186658]) {
            #expect(abs(u - v) < 1e-8 * abs(v))
        }
        expectMatrix(fit.covariance, [
            [0.00190613398608491, -0.00031851341313616, -0.00035031593952277],
            [-0.00031851341313616, 0.00424189029071161, -0.00124113663554516],
            [-0.00035031593952277, -0.00124113663554516, 0.00062297041661806],
        ], relative: 1e-6)
        // sigma = 0.05 everywhere, absolute_sigma=True.
        var absolute = NonlinearLeastSquares()
        absolute.absoluteSigma = true
        let fa = try absolute.fit(x: Self.ex, y: Self.ey, sigma: Array(repeating: 0.05, count: 15),
                                  initial: [1, 1, 0], model: Self.decay)
        expectMatrix(fa.covariance, [
            [0.00204537419742049, -0.0003417803597207, -0.00037590598005257],
            [-0.0003417803597207, 0.0045517539225368, -0.00133179977483629],
            [-0.00037590598005257, -0.00133179977483629, 0.00066847745500729],
        ], relative: 1e-6)
    }

    @Test func activeBoundMatchesScipyTrf() throws {
        // curve_fit(..., p0=[1, 1, 0.5], bounds=([0, 0.1, 0], [10, 10, 0.9])): c ends on 0.9.
        let bounds = [ParameterBound(0...10), ParameterBound(0.1...10), ParameterBound(0...0.9)]
        let fit = try NonlinearLeastSquares().fit(x: Self.ex, y: Self.ey, initial: [1, 1, 0.5],
                                                  bounds: bounds, model: Self.decay)
        #expect(fit.converged)
        #expect(fit.atBound == [false, false, true])
        for (u, v) in zip(fit.parameters, [4.993639524769686, 3.252043566693235, 0.9]) {
            #expect(abs(u - v) < 1e-6 * abs(v))
        }
        expectMatrix(fit.covariance, [
            [0.00448426133285662, -0.0004913055621261, -0.00096614693093475],
            [-0.00049130556212609, 0.0119182295151459, -0.00356395375594398],
            [-0.00096614693093475, -0.00356395375594398, 0.00171354082470358],
        ], relative: 1e-4)
    }

    @Test func refusesAStartOutsideTheBounds() {
        #expect(throws: FitError.self) {
            try NonlinearLeastSquares().fit(x: Self.ex, y: Self.ey, initial: [1, 1, 2],
                                            bounds: [.unbounded, .unbounded, ParameterBound(0...0.9)],
                                            model: Self.decay)
        }
    }
}
