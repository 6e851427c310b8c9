import Testing
@testable import AstroKit

@Suite struct SampleStatisticsTests {
    // Reference values: python3 -c with numpy 2.4.6 / scipy 1.17.1 on
    // a = [3.5, -1.25, 7.0, 2.0, 2.0, 10.5, -4.0, 0.75, 5.5, 1.0, 8.25, 2.0]:
    // a.mean(), a.std(), np.median(a), a.sum(), np.percentile(a, qs),
    // scipy.stats.median_abs_deviation(a); "odd" is a[:-1].
    let a: [Float] = [3.5, -1.25, 7.0, 2.0, 2.0, 10.5, -4.0, 0.75, 5.5, 1.0, 8.25, 2.0]
    let qs = [0, 5, 25, 50, 62.5, 95, 100]

    @Test func momentsMatchNumpy() {
        let s = Samples(a)
        #expect(abs(s.mean - 3.1041666666666665) < 1e-14)
        #expect(abs(s.std - 3.9296659279836446) < 1e-14)
        #expect(s.sum == 37.25)
        #expect(s.count == 12)
    }

    @Test func medianPercentilesAndMADMatchNumpyForEvenCount() {
        let s = Samples(a)
        #expect(s.median == 2.0)
        var scratch: [Float] = []
        let p = s.percentiles(qs, using: &scratch)
        let expected = [-4.0, -2.4875, 0.9375, 2.0, 3.3125, 9.2625, 10.5]
        for (got, want) in zip(p, expected) { #expect(abs(got - want) < 1e-12) }
        #expect(s.mad == 2.375)
    }

    @Test func medianPercentilesAndMADMatchNumpyForOddCount() {
        let s = Samples(Array(a.dropLast()))
        #expect(s.median == 2.0)
        var scratch: [Float] = []
        let p = s.percentiles(qs, using: &scratch)
        let expected = [-4.0, -2.625, 0.875, 2.0, 4.0, 9.375, 10.5]
        for (got, want) in zip(p, expected) { #expect(abs(got - want) < 1e-12) }
        #expect(s.mad == 3.25)
    }

    @Test func emptySamplesGiveNaN() {
        let s = Samples([Float.nan, .nan])
        #expect(s.count == 0)
        #expect(s.mean.isNaN && s.median.isNaN && s.percentile(50).isNaN)
    }

    @Test func selectionAgreesWithSortingOnDuplicateHeavyData() {
        var rng = SplitMix64(seed: 7)
        for n in [1, 2, 3, 5, 10, 101, 1000, 4096] {
            // Integer ADU-like values with many ties, plus a sorted and a constant variant.
            let random = (0..<n).map { _ in Float(Int.random(in: 0..<7, using: &rng)) }
            for values in [random, random.sorted(), [Float](repeating: 3, count: n)] {
                let sorted = values.sorted()
                let want = n % 2 == 1 ? Double(sorted[n / 2])
                    : (Double(sorted[n / 2 - 1]) + Double(sorted[n / 2])) / 2
                #expect(Samples(values).median == want)
                let h = Double(n - 1) * 0.3
                let lo = Int(h)
                let p30 = lo + 1 < n ? Double(sorted[lo]) + (Double(sorted[lo + 1]) - Double(sorted[lo])) * (h - Double(lo))
                    : Double(sorted[lo])
                #expect(abs(Samples(values).percentile(30) - p30) < 1e-12)
            }
        }
    }

    @Test func sectionStatisticsHonourMaskAndNaNWithoutCopying() {
        // Reference: numpy on img[y, x] = ((7x + 13y) % 11) − 0.5y, 9x6, img[3, 4] = NaN,
        // mask at (x3, y2) and (x5, y4); sub = img[1:5, 2:7] without masked and NaN pixels:
        // size 17, mean 3.7941176470588234, std 2.975679969398056, median 4.0, sum 64.5,
        // percentiles 10 / 90: 0.10000000000000009 / 7.5.
        var img = PixelArray<Float>(width: 9, height: 6, repeating: 0)
        for y in 0..<6 { for x in 0..<9 { img[x, y] = Float((x * 7 + y * 13) % 11) - 0.5 * Float(y) } }
        img[4, 3] = .nan
        var mask = PixelArray<UInt16>(width: 9, height: 6, repeating: 0)
        mask[3, 2] = DataQuality.badPixel.rawValue
        mask[5, 4] = DataQuality.saturated.rawValue
        let s = img.samples(in: Section(x0: 2, x1: 7, y0: 1, y1: 5), mask: mask)
        #expect(s.count == 17)
        #expect(abs(s.mean - 3.7941176470588234) < 1e-13)
        #expect(abs(s.std - 2.975679969398056) < 1e-13)
        #expect(s.median == 4.0)
        #expect(s.sum == 64.5)
        var scratch: [Float] = []
        let p = s.percentiles([10, 90], using: &scratch)
        #expect(abs(p[0] - 0.10000000000000009) < 1e-12 && abs(p[1] - 7.5) < 1e-12)
        // Only the saturated bit excluded: the bad pixel (value at x3,y2) comes back.
        let partial = img.samples(in: Section(x0: 2, x1: 7, y0: 1, y1: 5), mask: mask,
                                  excludedBits: DataQuality.saturated.rawValue)
        #expect(partial.count == 18)
    }

    @Test func varianceIsAccurateAtLargeOffsets() {
        // A million pixels at 30000 ADU with unit spread: a naive Σx² − (Σx)²/n in Double
        // would lose most digits; the shifted two-pass sums must not.
        let n = 1 << 20
        let values = (0..<n).map { Float(30000 + ($0 % 2 == 0 ? 1 : -1)) }
        let m = Samples(values).moments
        #expect(m.mean == 30000)
        #expect(abs(m.variance - 1) < 1e-12)
    }
}
