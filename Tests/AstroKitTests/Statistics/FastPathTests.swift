import Foundation
import Testing
@testable import AstroKit

/// The allocation-free and one-pass paths against plain references written independently:
/// a full sort for medians, two textbook passes for the moments.
@Suite struct FastPathTests {
    /// numpy's median by a full sort.
    static func sortedMedian(_ values: [Float]) -> Float {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : Float((Double(s[n / 2 - 1]) + Double(s[n / 2])) / 2)
    }

    @Test func stackMedianEqualsSortedMedianExactly() {
        var rng = SplitMix64(seed: 3)
        for n in 1...40 {
            for _ in 0..<25 {
                // Integer ADU with many ties, as raw frames have, and a few non-integers.
                let values: [Float] = (0..<n).map { _ in
                    Bool.random(using: &rng) ? Float(Int.random(in: 990...1010, using: &rng))
                                             : Float.random(in: 990...1010, using: &rng)
                }
                var copy = values
                let got = copy.withUnsafeMutableBufferPointer { PixelCombiner.median($0) }
                #expect(got == Self.sortedMedian(values), "n = \(n): \(values)")
            }
        }
    }

    @Test func stackedFramesEqualPixelBySortedMedian() throws {
        var rng = SplitMix64(seed: 5)
        let width = 37, height = 11, frames = 13
        let planes: [[Float]] = (0..<frames).map { _ in
            (0..<(width * height)).map { _ in
                Double.random(in: 0..<1, using: &rng) < 0.05 ? .nan : Float(1000 + 3 * rng.gaussian()).rounded()
            }
        }
        let sources: [any RowSource] = planes.enumerated().map {
            MemoryRowSource(PixelArray(shape: [width, height], values: $0.element), name: "f\($0.offset)")
        }
        // A budget of 3 rows per band, so bands and their edges are exercised too.
        let result = try FrameStacker.stack(sources, options: StackingOptions(method: .median,
                                                                              memoryBudget: 3 * width * frames * 4))
        #expect(result.bandHeight == 3)
        for p in 0..<(width * height) {
            let valid = planes.map { $0[p] }.filter { !$0.isNaN }
            #expect(result.usedCount.values[p] == UInt16(valid.count))
            if valid.isEmpty { #expect(result.stack.values[p].isNaN) } else {
                #expect(result.stack.values[p] == Self.sortedMedian(valid), "pixel \(p)")
            }
        }
    }

    /// Stacks without NaN take the eight-pixel sorting network (VectorMedian); odd and even
    /// frame counts, and band widths that leave a scalar tail, against a sort and a plain
    /// frame-order Double std, bit for bit.
    @Test func vectorMedianStackIsBitIdentical() throws {
        var rng = SplitMix64(seed: 17)
        let width = 29, height = 5
        for frames in [1, 2, 3, 9, 10, 13] {
            let planes: [[Float]] = (0..<frames).map { _ in
                (0..<(width * height)).map { _ in Float(2700 + 1.3 * rng.gaussian()).rounded() - 2712.4 }
            }
            let sources: [any RowSource] = planes.enumerated().map {
                MemoryRowSource(PixelArray(shape: [width, height], values: $0.element), name: "f\($0.offset)")
            }
            let result = try FrameStacker.stack(sources, options: StackingOptions(method: .median))
            for p in 0..<(width * height) {
                let values = planes.map { $0[p] }
                var sum = 0.0
                for v in values { sum += Double(v) }
                let mean = sum / Double(frames)
                var squares = 0.0
                for v in values { let d = Double(v) - mean; squares += d * d }
                #expect(result.stack.values[p] == Self.sortedMedian(values), "\(frames) frames, pixel \(p)")
                #expect(result.standardDeviation.values[p] == Float((squares / Double(frames)).squareRoot()))
                #expect(result.usedCount.values[p] == UInt16(frames))
            }
        }
    }

    /// Two passes in Double: the mean, then the mean squared deviation.
    static func reference(_ values: [Float]) -> (count: Int, mean: Double, variance: Double) {
        let kept = values.filter { !$0.isNaN }.map(Double.init)
        let mean = kept.reduce(0, +) / Double(kept.count)
        return (kept.count, mean, kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(kept.count))
    }

    @Test func onePassMomentsMatchTwoPasses() {
        var rng = SplitMix64(seed: 9)
        let width = 301, height = 97
        var values = (0..<(width * height)).map { _ in Float(30000 + 1.3 * rng.gaussian()).rounded() }
        // Outliers where the rough centre looks (its 31 evenly spaced pixels), NaNs elsewhere.
        for j in stride(from: 0, to: 31, by: 3) { values[(2 * j + 1) * values.count / 62] = 65535 }
        for i in stride(from: 7, to: values.count, by: 1000) { values[i] = .nan }
        let image = PixelArray(shape: [width, height], values: values)
        let m = Samples(image).moments
        let r = Self.reference(values)
        #expect(m.count == r.count)
        #expect(abs(m.mean - r.mean) < 1e-9 * r.mean)
        #expect(abs(m.variance - r.variance) < 1e-9 * r.variance)
        // A section and a clip interval through the same path.
        let section = Section(x0: 10, x1: 250, y0: 5, y1: 90)
        let clipped = Samples(image, section: section).moments(lo: 29990, hi: 30010)
        var inside: [Float] = []
        for y in 5..<90 { for x in 10..<250 { let v = values[y * width + x]; if v >= 29990 && v <= 30010 { inside.append(v) } } }
        let c = Self.reference(inside)
        #expect(clipped.count == c.count)
        #expect(abs(clipped.mean - c.mean) < 1e-9 * c.mean)
        #expect(abs(clipped.variance - c.variance) < 1e-9 * c.variance)
    }

    @Test func robustLocationKeepsTheUnclippedMoments() {
        var rng = SplitMix64(seed: 12)
        var values = (0..<20000).map { _ in Float(1000 + 1.3 * rng.gaussian()).rounded() }
        for i in stride(from: 0, to: values.count, by: 500) { values[i] = 5000 }
        let samples = Samples(values)
        let robust = RobustLocation(samples, sigma: 4)
        #expect(robust.unclipped == samples.moments)
        // The 40 cosmic rays go, and at most a few 4-sigma Gaussian tails with them.
        #expect(robust.count <= 20000 - 40 && robust.count >= 20000 - 50)
        #expect(abs(robust.value - 1000) < 0.05)
        #expect(robust.unclipped.count == 20000)
    }
}
