// Times the statistics and 2-D modelling kernels on one VIS quadrant's image area
// (2048 x 2066 Float pixels). Build and run in release:
//   swift build -c release --product astrokit-bench && .build/release/astrokit-bench
// Each figure is the best of several runs (the machine is shared), in milliseconds.
import AstroKit
import Foundation

let width = 2048, height = 2066

/// A flat-field-like quadrant: a smooth gradient, Poisson-like noise and a few hot pixels.
func makeQuadrant() -> PixelArray<Float> {
    var state: UInt64 = 0x1234_5678
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var img = PixelArray<Float>(width: width, height: height, repeating: 0)
    img.values.withUnsafeMutableBufferPointer { v in
        for y in 0..<height {
            for x in 0..<width {
                let level = 30000 + 2 * Double(x) - 1.5 * Double(y) + 1e-3 * Double(x * y) / 10
                // Sum of 4 uniforms: a cheap near-Gaussian deviate of unit variance.
                let g = (uniform() + uniform() + uniform() + uniform() - 2) * 1.7320508075688772
                var value = (level + 100 * g).rounded()
                if uniform() < 1e-4 { value += 20000 }
                v[y * width + x] = Float(value)
            }
        }
    }
    return img
}

func best(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return fastest
}

func report(_ label: String, _ ms: Double, _ note: String) {
    print(label.padding(toLength: 52, withPad: " ", startingAt: 0), String(format: "%8.2f ms", ms), " ", note)
}

let quadrant = makeQuadrant()
let all = quadrant.samples()
var scratch = [Float](repeating: 0, count: width * height)
var sink = 0.0

report("mean + std (two-pass, Double)", best { sink += all.moments.std }, "\(all.count) px")
report("median (quickselect)", best { sink += all.median(using: &scratch) }, String(format: "%.1f", all.median))
report("percentiles 5, 50, 95", best { sink += all.percentiles([5, 50, 95], using: &scratch)[1] }, "")
let clip3 = all.sigmaClip(lower: 3, upper: 3)
report("sigma-clipped mean, 3σ (scipy semantics)", best { sink += all.sigmaClip(lower: 3, upper: 3).moments.mean },
       "\(clip3.iterations) iterations, kept \(clip3.moments.count)")
let clip4 = all.sigmaClip(lower: 4, upper: 4)
report("sigma-clipped mean, 4σ", best { sink += all.sigmaClip(lower: 4, upper: 4).moments.mean },
       "\(clip4.iterations) iterations")
report("median after 3σ clip", best {
    let r = all.sigmaClip(lower: 3, upper: 3)
    sink += all.clippedMedian(r, using: &scratch)
}, "")
report("MAD", best { sink += all.mad(using: &scratch) }, "")

let tiles = Tiling.vison(imageArea: Section(x0: 0, x1: width, y0: 0, y1: height))
report("36 tiles 301x301: median + 4σ-clipped std", best {
    for tile in tiles.sections {
        let s = quadrant.samples(in: tile)
        sink += s.median(using: &scratch) + s.sigmaClip(lower: 4, upper: 4).moments.std
    }
}, "\(tiles.count) tiles")

let area = Section(x0: 0, x1: width, y0: 0, y1: height)
var bins = BinnedImage(quadrant, section: area, box: 300, statistic: .mean)
report("300x300 mean binning", best { bins = BinnedImage(quadrant, section: area, box: 300, statistic: .mean) },
       "\(bins.nx)x\(bins.ny) bins")
report("200x200 median binning", best {
    sink += BinnedImage(quadrant, section: area, box: 200, statistic: .median).values[0]
}, "")
let samples = bins.validSamples
var fit = try Polynomial2D.fit(x: samples.x, y: samples.y, z: samples.z, degree: 5)
report("degree-5 2-D fit (36 bin samples)", try best { fit = try Polynomial2D.fit(x: samples.x, y: samples.y, z: samples.z, degree: 5) }, "")
var model = quadrant
report("degree-5 evaluation over 2048x2066", best { fit.model.render(into: &model, section: area) }, "")
report("bin + fit + subtract (BIAS0X RON path)", try best {
    var residual = quadrant
    let b = BinnedImage(residual, section: area, box: 300, statistic: .mean)
    let s = b.validSamples
    let f = try Polynomial2D.fit(x: s.x, y: s.y, z: s.z, degree: 5)
    f.model.render(into: &residual, section: area, subtract: true)
    sink += residual.samples().std
}, "")
let flatBins = BinnedImage(quadrant, section: area, box: 25, statistic: .median)
report("25x25 median binning (FLAT0X model input)", best(3) {
    sink += BinnedImage(quadrant, section: area, box: 25, statistic: .median).values[0]
}, "\(flatBins.nx)x\(flatBins.ny) bins")
let surface = try GridSpline2D(xNodes: flatBins.xCentres, yNodes: flatBins.yCentres, values: flatBins.values)
report("bicubic grid-spline evaluation over 2048x2066", best(3) {
    sink += Double(surface.evaluate(on: area).values[0])
}, "")
report("1-D profile: per-column median (vison 'hor')", best(3) {
    sink += Profile.collapse(quadrant, keeping: .x, statistic: .median)[0]
}, "")
report("1-D profile: per-row mean (vison 'ver')", best(3) {
    sink += Profile.collapse(quadrant, keeping: .y, statistic: .mean)[0]
}, "")
let frames = (0..<5).map { k in
    var f = quadrant
    f.values.withUnsafeMutableBufferPointer { v in for i in stride(from: k, to: v.count, by: 7) { v[i] += 3 } }
    return f
}
report("pixel-wise median + std of 5 quadrants", best(3) {
    sink += Double(try! PixelStack.combine(frames, method: .median).value.values[0])
}, "")
print("checksum", sink.isFinite)
