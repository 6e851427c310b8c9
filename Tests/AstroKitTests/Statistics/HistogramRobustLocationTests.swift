import Foundation
import Testing
@testable import AstroKit

/// The clipped mean from a histogram of integer values against the one from the samples:
/// the same survivors, the same moments to rounding.
@Suite struct HistogramRobustLocationTests {
    @Test(arguments: [(1000.3, 1.3), (32_000.0, 180.0), (60_000.0, 250.0)])
    func equalsTheSampleClip(level: Double, sigma: Double) {
        var rng = SplitMix64(seed: UInt64(level))
        var values: [Float] = []
        var counts = [Int](repeating: 0, count: 65536)
        for _ in 0..<200_000 {
            var v = (level + sigma * rng.gaussian()).rounded()
            // Cosmic rays and hot pixels (one-sided), lost and saturated pixels (left out).
            if Double.random(in: 0..<1, using: &rng) < 0.01 { v += Double(Int.random(in: 50...3000, using: &rng)) }
            if Double.random(in: 0..<1, using: &rng) < 0.001 { v = 0 }
            v = min(max(v, 0), 65535)
            counts[Int(v)] += 1
            values.append(v == 0 || v == 65535 ? .nan : Float(v))
        }
        let fromSamples = RobustLocation(Samples(values))
        let fromCounts = RobustLocation(counts: counts, values: 1...65534)
        #expect(fromCounts.count == fromSamples.count && fromCounts.initialCount == fromSamples.initialCount)
        #expect(fromCounts.count < fromCounts.initialCount)
        #expect(abs(fromCounts.value - fromSamples.value) < 1e-10 * level)
        #expect(abs(fromCounts.std / fromSamples.std - 1) < 1e-9)
        #expect(abs(fromCounts.unclipped.std / fromSamples.unclipped.std - 1) < 1e-9)
        #expect(abs(fromCounts.standardError / fromSamples.standardError - 1) < 1e-9)
    }

    @Test func anEmptyHistogramHasNoLocation() {
        let none = RobustLocation(counts: [Int](repeating: 0, count: 16), values: 1...14)
        #expect(none.count == 0 && none.value.isNaN && none.standardError.isNaN)
        let outside = RobustLocation(counts: [5, 0, 0], values: 1...65534)
        #expect(outside.count == 0 && outside.initialCount == 0)
    }
}
