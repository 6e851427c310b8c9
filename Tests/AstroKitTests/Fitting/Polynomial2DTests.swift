import Testing
@testable import AstroKit

@Suite struct Polynomial2DTests {
    /// A degree-5 surface of bias-like size over a 2048x2066 quadrant: raw coefficient of
    /// xⁱyʲ = k / 1000^(i+j), so every term contributes O(1–100) ADU.
    static let known: Polynomial2D = {
        let order = Polynomial2D.termOrder(degree: 5)
        let ks: [Double] = [1000, 3, -2, 1.5, -0.7, 0.2, -4, 2.5, -1.1, 0.6, -0.15,
                            0.8, -0.3, 0.25, -0.05, 0.4, 0.1, -0.2, -0.35, 0.12, 0.07]
        return Polynomial2D(degree: 5, coefficients: zip(order, ks).map { term, k in
            k / pow1000(term.x + term.y)
        })
    }()

    static func pow1000(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 1000 } }

    @Test func termOrderIsAstropys() {
        // astropy Polynomial2D(2).param_names: c0_0, c1_0, c2_0, c0_1, c0_2, c1_1
        let order = Polynomial2D.termOrder(degree: 2).map { "c\($0.x)_\($0.y)" }
        #expect(order == ["c0_0", "c1_0", "c2_0", "c0_1", "c0_2", "c1_1"])
        #expect(Polynomial2D.termOrder(degree: 5).count == 21)
    }

    @Test func recoversAKnownSurfaceFromBinCentres() throws {
        // 6x6 bin centres of 300-px boxes plus a 7th row/column: 49 noiseless samples.
        var xs: [Double] = [], ys: [Double] = [], zs: [Double] = []
        for j in 0..<7 { for i in 0..<7 {
            let x = 149.5 + 300 * Double(i), y = 149.5 + 300 * Double(j)
            xs.append(x); ys.append(y); zs.append(Self.known(x, y))
        } }
        let fit = try Polynomial2D.fit(x: xs, y: ys, z: zs, degree: 5)
        #expect(fit.rms < 1e-9)
        let order = Polynomial2D.termOrder(degree: 5)
        for (k, (got, want)) in zip(fit.model.coefficients, Self.known.coefficients).enumerated() {
            let scale = Self.pow1000(order[k].x + order[k].y)   // compare in ADU contributed
            #expect(abs(got - want) * scale < 1e-9, "term \(order[k]): \(got) vs \(want)")
        }
        for (x, y) in [(0.0, 0.0), (2047.0, 2065.0), (1000.5, 33.0)] {
            #expect(abs(fit.model(x, y) - Self.known(x, y)) < 1e-9)
        }
    }

    @Test func binsFitsAndSubtractsOverAnImageSection() throws {
        // Image = surface + a checkerboard of ±1 (zero mean over every even box), with a
        // masked hot column that the binning must ignore.
        let w = 340, h = 320
        var img = PixelArray<Float>(width: w, height: h, repeating: 0)
        var mask = PixelArray<UInt16>(width: w, height: h, repeating: 0)
        for y in 0..<h { for x in 0..<w {
            img[x, y] = Float(Self.known(Double(x), Double(y)) + ((x + y) % 2 == 0 ? 1 : -1))
        } }
        for y in 0..<h { img[101, y] = 60000; mask[101, y] = DataQuality.badPixel.rawValue }
        let area = Section(x0: 30, x1: w, y0: 0, y1: h)   // 310x320: 15x16 boxes of 20, 10 columns trimmed
        let bins = BinnedImage(img, section: area, box: 20, statistic: .mean, mask: mask)
        #expect(bins.nx == 15 && bins.ny == 16)
        #expect(bins.xCentres[0] == 39.5 && bins.yCentres[1] == 29.5)
        let s = bins.validSamples
        let fit = try Polynomial2D.fit(x: s.x, y: s.y, z: s.z, degree: 5)
        // Box means of a smooth surface differ from its centre value by the curvature term
        // (~box²/24·∂²p), far below an ADU here; the checkerboard and the masked column cancel.
        var residual = img
        fit.model.render(into: &residual, section: area, subtract: true)
        let r = residual.samples(in: area, mask: mask)
        #expect(abs(r.mean) < 1e-3)
        #expect(abs(r.std - 1) < 1e-3)
        let model = fit.model.evaluate(on: Section(x0: 100, x1: 110, y0: 200, y1: 205))
        #expect(model.shape == [10, 5])
        #expect(abs(Double(model[3, 2]) - fit.model(103, 202)) < 1e-3)
    }

    @Test func medianBinsTrimToWholeBoxes() {
        var img = PixelArray<Float>(width: 25, height: 12, repeating: 0)
        for y in 0..<12 { for x in 0..<25 { img[x, y] = Float(x + 100 * y) } }
        let bins = BinnedImage(img, box: 5, statistic: .median, centres: .vison)
        #expect(bins.nx == 5 && bins.ny == 2)          // 25/5, 12/5 → the last 2 rows dropped
        #expect(bins[0, 0] == 202)                      // median of x 0..4 + 100·(0..4)
        #expect(bins[4, 1] == 22 + 700)
        #expect(bins.xCentres[1] == 7.5)                 // vison: k·box + box/2
    }
}
