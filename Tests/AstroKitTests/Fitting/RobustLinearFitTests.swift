import Testing
@testable import AstroKit

@Suite struct RobustLinearFitTests {
    @Test func ignoresTwentyPercentOutliersOnAPTCLikeLine() throws {
        // var = 0.29·μ + 20 with Poisson-like scatter √var, and every 5th point thrown far off
        // low, as smeared or bloomed tiles would be.
        var rng = SplitMix64(seed: 11)
        var mu: [Double] = [], v: [Double] = []
        for k in 0..<200 {
            let m = 1000 + Double(k) * 195
            var value = 0.29 * m + 20 + (0.29 * m + 20).squareRoot() * rng.gaussian()
            if k % 5 == 0 { value *= 0.5 }
            mu.append(m); v.append(value)
        }
        let line = try RobustLinearFit(x: mu, y: v)
        #expect(line.converged)
        #expect(abs(line.slope - 0.29) < 0.003)
        let plain = try polyfit(x: mu, y: v, degree: 1)
        #expect(abs(plain.coefficients[0] - 0.29) > 0.01)   // least squares is dragged away
        let keep = line.inliers(x: mu, y: v, k: 5)
        for k in 0..<200 { #expect(keep[k] == (k % 5 != 0), "point \(k)") }
        #expect(line.weights.count == 200)
    }

    @Test func isDeterministic() throws {
        let x: [Double] = (0..<30).map(Double.init)
        let y = x.map { 2 * $0 + 1 + ($0 == 7 ? 40 : 0) }
        let a = try RobustLinearFit(x: x, y: y), b = try RobustLinearFit(x: x, y: y)
        #expect(a == b)
        #expect(abs(a.slope - 2) < 1e-9 && abs(a.intercept - 1) < 1e-8)
    }
}
