import Testing
@testable import AstroKit

@Suite struct SigmaClipTests {
    // 40 rounded draws of normal(100, 3) (numpy default_rng(20261121)) plus outliers
    // 140, 160, 60, 125, 111. References from scipy 1.17.1:
    // c, lo, hi = scipy.stats.sigmaclip(np.array(d, float), k, k); c.size, c.mean(), c.std().
    let d: [Float] = [101, 102, 101, 103, 102, 98, 99, 98, 101, 100, 100, 93, 97, 102, 101, 98, 104,
                      100, 102, 100, 100, 100, 96, 98, 95, 101, 99, 97, 104, 103, 99, 96, 94, 100, 100,
                      97, 99, 99, 91, 101, 140, 160, 60, 125, 111]

    func expectClip(_ r: SigmaClip.Result, count: Int, mean: Double, std: Double, lo: Double, hi: Double) {
        #expect(r.moments.count == count)
        #expect(abs(r.moments.mean - mean) < 1e-11)
        #expect(abs(r.moments.std - std) < 1e-11)
        #expect(abs(r.lower - lo) < 1e-10)
        #expect(abs(r.upper - hi) < 1e-10)
    }

    @Test func matchesScipySigmaclip() {
        let s = Samples(d)
        expectClip(s.sigmaClip(lower: 4, upper: 4), count: 41, mean: 99.5609756097561,
                   std: 3.335315690531059, lo: 86.21971284763187, hi: 112.90223837188033)
        expectClip(s.sigmaClip(lower: 3, upper: 3), count: 40, mean: 99.275,
                   std: 2.8371420479066605, lo: 90.76357385628002, hi: 107.78642614371999)
        expectClip(s.sigmaClip(lower: 2.5, upper: 2.5), count: 38, mean: 99.65789473684211,
                   std: 2.3426965545743235, lo: 93.8011533504063, hi: 105.51463612327792)
        // Asymmetric: scipy.stats.sigmaclip(d, 2, 3.5)
        expectClip(s.sigmaClip(lower: 2, upper: 3.5), count: 36, mean: 99.94444444444444,
                   std: 2.0540535052595725, lo: 95.8363374339253, hi: 107.13363171285295)
    }

    @Test func clippedValuesAreTheSurvivors() {
        let s = Samples(d)
        let r = s.sigmaClip(lower: 3, upper: 3)
        let kept = s.clippedValues(r)
        #expect(kept.count == 40)
        #expect(!kept.contains(140) && !kept.contains(60) && !kept.contains(111))
        var scratch: [Float] = []
        #expect(s.clippedMedian(r, using: &scratch) == Samples(kept).median)
    }

    @Test func medianCentredVariantFollowsAstropyAlgorithm() {
        // Reference: numpy loop of astropy sigma_clip's algorithm (centre = median,
        // scale = std, inclusive bounds, maxiters=None), sigma 2: 36 kept, mean
        // 99.94444444444444, std 2.0540535052595725, after 5 iterations.
        let r = SigmaClip(lower: 2, upper: 2, centre: .median).apply(to: Samples(d))
        #expect(r.moments.count == 36)
        #expect(abs(r.moments.mean - 99.94444444444444) < 1e-11)
        #expect(abs(r.moments.std - 2.0540535052595725) < 1e-11)
        #expect(r.iterations == 5)
        let capped = SigmaClip(lower: 2, upper: 2, centre: .median, maxIterations: 1).apply(to: Samples(d))
        #expect(capped.iterations == 1 && capped.moments.count > 36)
    }

    @Test func clipsASectionOfAnImageInPlace() {
        var img = PixelArray<Float>(width: 50, height: 20, repeating: 0)
        for (i, v) in d.enumerated() { img[10 + i % 9, 3 + i / 9] = v }
        let s = img.samples(in: Section(x0: 10, x1: 19, y0: 3, y1: 8))
        #expect(s.count == 45)
        let r = s.sigmaClip(lower: 3, upper: 3)
        #expect(r.moments.count == 40 && abs(r.moments.mean - 99.275) < 1e-11)
    }

    @Test func robustLocationResolvesSubADUOffsetsOnIntegerData() {
        // A bias-like prescan: 21 x 2066 rounded Gaussian samples, σ = 1.3 ADU, true offset
        // 1000.3, plus 1% cosmic-ray hits of +50..+500 ADU. The median is stuck on an
        // integer; the 4σ-clipped mean must land within 0.05 ADU (its expected error is
        // √(1.3² + 1/12)/√43386 ≈ 0.0064 ADU).
        var rng = SplitMix64(seed: 42)
        let values: [Float] = (0..<(21 * 2066)).map { _ in
            var v = (1000.3 + 1.3 * rng.gaussian()).rounded()
            if Double.random(in: 0..<1, using: &rng) < 0.01 { v += Double(Int.random(in: 50...500, using: &rng)) }
            return Float(v)
        }
        let loc = RobustLocation(Samples(values))
        #expect(abs(loc.value - 1000.3) < 0.05)
        #expect(abs(loc.standardError - 0.0064) < 0.001)
        #expect(loc.count < loc.initialCount)
        let median = Samples(values).median
        #expect(median == median.rounded())
    }
}
