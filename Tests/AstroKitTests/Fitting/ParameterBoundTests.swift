import Testing
@testable import AstroKit

@Suite struct ParameterBoundTests {
    @Test func transformsRoundTripInsideTheBounds() {
        let cases: [(ParameterBound, [Double])] = [
            (ParameterBound(-20...20), [-19.5, -3, 0, 0.7, 19.99]),
            (ParameterBound(1e-5...1), [2e-5, 0.05, 0.999]),
            (ParameterBound(0...Double.infinity), [0.001, 1, 1e4]),
            (ParameterBound(-Double.infinity...5), [-1e3, 0, 4.9]),
            (.unbounded, [-7, 0, 3e8]),
        ]
        for (bound, values) in cases {
            for p in values {
                let back = bound.external(bound.internal(p))
                #expect(abs(back - p) <= 1e-9 * max(1, abs(p)), "\(p) -> \(back) in [\(bound.lower), \(bound.upper)]")
            }
        }
    }

    @Test func everyInternalValueMapsInsideTheBounds() {
        let b = ParameterBound(-2...3)
        for u in stride(from: -50.0, through: 50, by: 0.37) { #expect(b.contains(b.external(u))) }
        let lower = ParameterBound(1...Double.infinity)
        for u in stride(from: -50.0, through: 50, by: 0.37) { #expect(lower.external(u) >= 1) }
    }

    @Test func startsOnABoundAreNudgedInside() {
        let b = ParameterBound(0...1)
        #expect(b.external(b.internal(0)) > 0 && b.external(b.internal(0)) < 2e-6)
        let lower = ParameterBound(0...Double.infinity)
        #expect(lower.external(lower.internal(0)) > 0 && lower.external(lower.internal(0)) < 1e-6)
    }

    @Test func aStartOnAOneSidedBoundStillMoves() throws {
        // y = 2 + 0.5x with the intercept bounded below by 0 and started on that bound.
        let x: [Double] = (0..<10).map(Double.init)
        let y = x.map { 2 + 0.5 * $0 }
        let fit = try NonlinearLeastSquares().fit(x: x, y: y, initial: [0, 0],
                                                  bounds: [ParameterBound(0...Double.infinity), .unbounded]) { x, p in
            p[0] + p[1] * x
        }
        #expect(abs(fit.parameters[0] - 2) < 1e-8 && abs(fit.parameters[1] - 0.5) < 1e-8)
    }

    @Test func allParametersFixedReportsTheModel() throws {
        let fit = try NonlinearLeastSquares().fit(x: [0, 1, 2], y: [1, 2, 4], initial: [1, 1],
                                                  bounds: [ParameterBound(1...1), ParameterBound(1...1)]) { x, p in
            p[0] + p[1] * x
        }
        #expect(fit.parameters == [1, 1] && fit.chi2 == 1 && fit.iterations == 0)
    }
}
