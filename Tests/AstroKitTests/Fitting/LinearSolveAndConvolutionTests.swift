import Testing
@testable import AstroKit

@Suite struct LinearSolveAndConvolutionTests {
    @Test func solveMatchesNumpy() throws {
        // np.linalg.solve(A, b), numpy 2.4.6.
        let a: [[Double]] = [[4, -2, 1, 0.5], [3, 6, -4, 2], [2, 1, 8, -1], [1, -1, 2, 7]]
        let x = try LinearSolve.solve(a, [1, 2, 3, 4])
        let want = [0.24410686223153483, 0.27763226820324777, 0.3391828182294395, 0.47930853850183347]
        for (u, v) in zip(x, want) { #expect(abs(u - v) < 1e-15) }
        #expect(throws: FitError.self) { try LinearSolve.solve([[1, 2], [2, 4]], [1, 1]) }
    }

    /// img[y, x] = ((3x + 5y) % 7) − 2, 6x5.
    static let image: PixelArray<Double> = {
        var img = PixelArray<Double>(width: 6, height: 5, repeating: 0)
        for y in 0..<5 { for x in 0..<6 { img[x, y] = Double((3 * x + 5 * y) % 7) - 2 } }
        return img
    }()

    /// Builds a kernel from numpy-style rows k[y][x].
    static func kernel(_ rows: [[Double]]) -> PixelArray<Double> {
        PixelArray(shape: [rows[0].count, rows.count], values: rows.flatMap { $0 })
    }

    @Test func sameConvolutionMatchesScipy() {
        // scipy.signal.convolve2d(img, k, mode='same'), scipy 1.17.1, rows are y.
        let odd = Convolution.same(Self.image, Self.kernel([[0, 1, 0.5], [1, -4, 1], [0.25, 1, 0]]))
        let oddWant: [[Double]] = [[12, -1.5, -13.5, 6, -13, 11.5], [-13.75, 15.5, -5, 14.75, 1.25, -14.5],
                                   [1.75, -14, 7.5, -14.75, 15.5, -3], [12, -5, 14.75, 1.25, -14, 5],
                                   [-16.5, 8.5, -14.75, 11, -7, 10]]
        #expect(odd.values == oddWant.flatMap { $0 })
        let even = Convolution.same(Self.image, Self.kernel([[1, 2], [3, 4]]))
        let evenWant: [[Double]] = [[-2, -3, 6, 8, 3, 5], [-3, 0, 16, 18, 6, 15], [10, 15, 10, 5, 0, 16],
                                    [2, 16, 18, 6, 15, 10], [1, 10, 5, 0, 16, 18]]
        #expect(even.values == evenWant.flatMap { $0 })
    }
}
