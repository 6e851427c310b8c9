import Foundation
import Testing
@testable import AstroKit

@Suite struct ConcurrentFittingTests {
    /// Recipes fit 4 CCDs x 4 quadrants in parallel: each call owns its GSL workspace, and a
    /// shared Interpolator is only read, so concurrent results must equal serial ones.
    @Test func fitsAndInterpolationAreSafeToRunConcurrently() async throws {
        let x: [Double] = (0..<40).map { Double($0) / 4 }
        let spline = try Interpolator(x: x, y: x.map { sin($0) }, method: .naturalCubicSpline)
        func job(_ k: Int) throws -> [Double] {
            let y = x.map { Double(k + 1) * exp(-$0 / 2.5) + 0.3 }
            let fit = try NonlinearLeastSquares().fit(x: x, y: y, initial: [1, 1, 0]) { x, p in
                p[0] * exp(-x / p[1]) + p[2]
            }
            return fit.parameters + [try spline(Double(k) / 3)]
        }
        let serial = try (0..<16).map(job)
        let parallel = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            for k in 0..<16 { group.addTask { (k, try job(k)) } }
            var out = [[Double]](repeating: [], count: 16)
            for try await (k, r) in group { out[k] = r }
            return out
        }
        #expect(parallel == serial)
        for k in 0..<16 { #expect(abs(serial[k][0] - Double(k + 1)) < 1e-8) }
    }
}
