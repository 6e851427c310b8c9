import Testing
@testable import AstroKit

@Suite struct InterpolationTests {
    let xs: [Double] = [0.0, 0.5, 1.3, 2.0, 3.7, 5.0, 8.0]
    let ys: [Double] = [0.0, 0.4, 1.1, 1.5, 1.2, 2.5, 3.0]

    @Test func naturalSplineMatchesScipy() throws {
        // scipy.interpolate.CubicSpline(xs, ys, bc_type='natural')(q) and (q, 1), scipy 1.17.1.
        let s = try Interpolator(x: xs, y: ys, method: .naturalCubicSpline)
        let q: [Double] = [0.0, 0.25, 1.0, 2.5, 4.2, 6.0, 7.9, 8.0]
        let want = [0.0, 0.19573449736277282, 0.8413078289826702, 1.4394924968621237, 1.5856422308440477,
                    3.1401954144791984, 3.02590356776168, 2.999999999999999]
        let dwant = [0.7772506526014551, 0.7943126631503638, 0.8886015421062046, -0.339111852370327,
                     1.049864110451352, 0.308725291010426, -0.2580886201211745, -0.2595092063646123]
        for (got, w) in zip(try s.evaluate(q), want) { #expect(abs(got - w) < 1e-12) }
        for (t, w) in zip(q, dwant) { #expect(abs(try s.derivative(t) - w) < 1e-12) }
        #expect(throws: FitError.self) { try s(8.5) }
    }

    @Test func steffenIsMonotoneAndThroughTheKnots() throws {
        // Monotone data with a sharp step, where a spline overshoots.
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
        let y: [Double] = [0, 0, 0, 1, 1, 1, 1.5]
        let m = try Interpolator(x: x, y: y, method: .monotoneCubic)
        let spline = try Interpolator(x: x, y: y, method: .naturalCubicSpline)
        for (a, b) in zip(x, y) { #expect(abs(try m(a) - b) < 1e-14) }
        let grid = (0...600).map { Double($0) / 100 }
        let values = try m.evaluate(grid)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 + 1e-15 })
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1.5 })
        #expect(try spline.evaluate(grid).contains { $0 < -1e-3 })   // what Steffen avoids
        let line = try Interpolator(x: x, y: x.map { 3 * $0 - 1 }, method: .monotoneCubic)
        #expect(abs(try line(2.37) - (3 * 2.37 - 1)) < 1e-12)
    }

    @Test func linearAndInputChecks() throws {
        let l = try Interpolator(x: [0, 2], y: [1, 5], method: .linear)
        #expect(try l(0.5) == 2)
        #expect(throws: FitError.self) { try Interpolator(x: [0, 0, 1], y: [1, 2, 3], method: .linear) }
        #expect(throws: FitError.self) { try Interpolator(x: [0, 1], y: [1, 2], method: .naturalCubicSpline) }
    }

    @Test func specialFunctionsMatchScipy() {
        // scipy.special.expi and expit, scipy 1.17.1.
        let ei: [(Double, Double)] = [(-5, -1.1482955912753257e-03), (-1, -2.1938393439552051e-01),
                                      (-0.1, -1.8229239584193906e+00), (0.5, 4.5421990486317354e-01),
                                      (1, 1.8951178163559370e+00), (3, 9.9338325706254160e+00),
                                      (10, 2.4922289762418773e+03)]
        for (x, want) in ei { #expect(abs(SpecialFunctions.expintEi(x) - want) < 1e-13 * abs(want)) }
        #expect(SpecialFunctions.expintEi(0).isNaN)
        let ex: [(Double, Double)] = [(-800, 0), (-5, 0.00669285092428486), (0, 0.5),
                                      (2.5, 0.9241418199787566), (800, 1)]
        for (x, want) in ex { #expect(abs(SpecialFunctions.expit(x) - want) < 1e-16) }
        #expect(abs(SpecialFunctions.logit(SpecialFunctions.expit(1.7)) - 1.7) < 1e-14)
    }
}
