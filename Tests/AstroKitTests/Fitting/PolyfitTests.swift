import Testing
@testable import AstroKit

@Suite struct PolyfitTests {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    let y: [Double] = [1.2, 2.9, 7.1, 13.2, 20.8, 31.1, 43.2, 56.8, 72.9, 91.2, 110.8, 133.1]

    func expectClose(_ a: [[Double]], _ b: [[Double]], relative: Double) {
        for (ra, rb) in zip(a, b) {
            for (u, v) in zip(ra, rb) { #expect(abs(u - v) <= relative * abs(v), "\(u) vs \(v)") }
        }
    }

    @Test func matchesNumpyPolyfitWithCovariance() throws {
        // c, cov = np.polyfit(x, y, 2, cov=True) with numpy 2.4.6; chi2 = Σ (y − polyval(c, x))².
        let fit = try polyfit(x: x, y: y, degree: 2)
        let c = [1.0021728271728272, 0.9666583416583384, 1.1167582417582258]
        for (u, v) in zip(fit.coefficients, c) { #expect(abs(u - v) < 1e-12 * max(1, abs(v))) }
        expectClose(fit.covariance, [
            [2.5262574588249901e-05, -2.7788832047074901e-04, 4.6314720078458163e-04],
            [-2.7788832047074896e-04, 3.2925555546685710e-03, -6.3914313708272200e-03],
            [4.6314720078458169e-04, -6.3914313708272217e-03, 1.8433258591226305e-02],
        ], relative: 1e-9)
        #expect(abs(fit.chi2 - 0.30345404595404246) < 1e-12)
        #expect(fit.degreesOfFreedom == 9)
        #expect(abs(fit.residuals.reduce(0) { $0 + $1 * $1 } - fit.chi2) < 1e-12)
        #expect(abs(fit.evaluate(2) - (4 * c[0] + 2 * c[1] + c[2])) < 1e-12)
    }

    @Test func weightsFollowNumpyConvention() throws {
        // w multiplies residuals: np.polyfit(x, y, 2, w=w, cov=True) and cov='unscaled'.
        let w: [Double] = [1, 2, 1, 0.5, 1, 1, 2, 1, 1, 0.5, 1, 1]
        let fit = try polyfit(x: x, y: y, degree: 2, weights: w)
        for (u, v) in zip(fit.coefficients, [0.9970211957234953, 1.0324709315904725, 0.9638860779322909]) {
            #expect(abs(u - v) < 1e-12)
        }
        expectClose(fit.covariance, [
            [2.4456723311593842e-05, -2.4925318311931654e-04, 3.6380477718702254e-04],
            [-2.4925318311931659e-04, 2.7847375061632183e-03, -4.8633273549494906e-03],
            [3.6380477718702292e-04, -4.8633273549494932e-03, 1.3552630395312364e-02],
        ], relative: 1e-9)
        let unscaled = try polyfit(x: x, y: y, degree: 2, weights: w, scaling: .unscaled)
        expectClose(unscaled.covariance, [
            [0.00055344984432107, -0.0056405403796886, 0.00823281576735052],
            [-0.0056405403796886, 0.06301794887340668, -0.11005594384768702],
            [0.00823281576735052, -0.11005594384768709, 0.3066928094521503],
        ], relative: 1e-9)
    }

    @Test func handlesPTCScaledAbscissae() throws {
        // A photon-transfer-like curve in ADU (x up to 4e4, x² up to 1.6e9):
        // np.polyfit(mu, var, 2, cov=True).
        let mu: [Double] = [1000, 2500, 5000, 8000, 12000, 16000, 20000, 25000, 30000, 35000, 40000]
        let v: [Double] = [290.5, 724.0, 1447.2, 2311.0, 3467.5, 4618.0, 5770.3, 7201.0, 8640.2, 10070.9, 11490.0]
        let fit = try polyfit(x: mu, y: v, degree: 2)
        let c = [-5.643437136547754e-08, 2.895946691346286e-01, 4.597037190098066e-02]
        for (u, want) in zip(fit.coefficients, c) { #expect(abs(u - want) < 1e-8 * abs(want)) }
        expectClose(fit.covariance, [
            [3.7553203588173435e-17, -1.4798708073911648e-12, 8.2564888830115134e-09],
            [-1.4798708073911646e-12, 6.2553045969215870e-08, -4.0025411070332640e-04],
            [8.2564888830115118e-09, -4.0025411070332629e-04, 3.8352374827876354e+00],
        ], relative: 1e-7)
    }

    @Test func refusesTooFewPoints() {
        #expect(throws: FitError.tooFewPoints(needed: 4, got: 3)) {
            try polyfit(x: [0, 1, 2], y: [1, 2, 3], degree: 2)
        }
        #expect(throws: FitError.lengthMismatch) { try polyfit(x: [0, 1], y: [1], degree: 1) }
    }
}
