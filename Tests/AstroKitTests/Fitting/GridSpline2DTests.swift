import Testing
@testable import AstroKit

@Suite struct GridSpline2DTests {
    @Test func matchesTensorProductOfScipyNaturalSplines() throws {
        // Reference: scipy 1.17.1, coordinates clamped to the node range, then
        // CubicSpline(xn, V[j], bc_type='natural')(x) for each node row j and
        // CubicSpline(yn, those, bc_type='natural')(y).
        let xn: [Double] = [2, 7, 12, 17], yn: [Double] = [1, 5, 9]
        let v: [Double] = [1.0, 2.0, 1.5, 0.5, 2.5, 3.0, 2.0, 1.0, 1.0, 1.5, 3.5, 2.0]
        let s = try GridSpline2D(xNodes: xn, yNodes: yn, values: v)
        let expected: [(Int, Int, Double)] = [(0, 0, 1.0), (3, 2, 1.8039218750000001), (8, 4, 2.82790625),
                                              (12, 9, 3.5), (15, 6, 1.6692656250000002), (19, 10, 2.0),
                                              (5, 7, 2.2967250000000003)]
        let grid = s.evaluate(on: Section(x0: 0, x1: 20, y0: 0, y1: 11))
        for (x, y, want) in expected {
            #expect(abs(s(Double(x), Double(y)) - want) < 1e-12)
            #expect(abs(Double(grid[x, y]) - want) < 1e-6)    // Float storage
        }
    }

    @Test func refusesUnfilledGrids() {
        #expect(throws: FitError.self) {
            try GridSpline2D(xNodes: [0, 1, 2], yNodes: [0, 1, 2], values: [1, 2, 3, 4, .nan, 6, 7, 8, 9])
        }
        #expect(throws: FitError.self) { try GridSpline2D(xNodes: [0, 1], yNodes: [0, 1, 2], values: [1, 2, 3, 4, 5, 6]) }
    }
}
