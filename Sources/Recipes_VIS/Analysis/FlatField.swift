import AstroKit
import Config_VIS

/// The individual flat of one quadrant (VIS.md 3.3.3 indivflats, `produce_SingleFlatfield`):
/// the image area divided by a smooth model of itself, so that only the pixel-to-pixel
/// response (PRNU) and the shot noise remain.
///
/// The model: 25×25-pixel median bins of the image area (rows 0..<imageRows), interpolated by a
/// tensor-product natural spline through the bin centres (`GridSpline2D`, the well-defined
/// stand-in for vison's cubic griddata; beyond the outer bin centres the surface is held at its
/// edge value, vison's `recoveredges`).
///
/// The flat covers the image area only (imageColumns × imageRows, canonical), not the whole
/// quadrant with 1 elsewhere as vison writes it: that is what every later step reads, and it
/// keeps one full quadrant at 17 MB. Masked or non-finite pixels are NaN, which `FrameStacker`
/// and `Samples` skip.
///
/// ```swift
/// let single = try FlatField(prepared)            // one frame; the frame can then be released
/// sources.append(single.rowSource)                 // or write single.flat to disk and stack files
/// ```
public struct FlatField: Sendable {
    public static let box = 25

    /// image / model over the image area.
    public var flat: PixelArray<Float>
    /// The smooth model (ADU), same shape.
    public var model: PixelArray<Float>
    /// Median of the image area above the prescan, ADU (vison's AVFLUENCE, per frame).
    public var fluence: Double

    public init(_ q: PreparedQuadrant, box: Int = FlatField.box) throws {
        let area = q.imageArea
        let surface = try Self.surface(q, box: box)
        let modelImage = surface.evaluate(on: area)
        fluence = q.samples(area).median
        var flat = PixelArray<Float>(width: area.width, height: area.height, repeating: .nan)
        let w = q.pixels.width
        q.pixels.values.withUnsafeBufferPointer { v in
            modelImage.values.withUnsafeBufferPointer { m in
                flat.values.withUnsafeMutableBufferPointer { f in
                    let mask = q.mask?.values
                    for y in 0..<area.height {
                        for x in 0..<area.width {
                            let i = (area.y0 + y) * w + area.x0 + x
                            if let mask, mask[i] != 0 { continue }
                            let level = m[y * area.width + x]
                            if level != 0 { f[y * area.width + x] = v[i] / level }
                        }
                    }
                }
            }
        }
        self.flat = flat
        model = modelImage
    }

    /// The smooth model alone (canonical pixel coordinates of the quadrant), for a caller that
    /// divides the frame by it band by band instead of keeping a whole flat per frame.
    public static func surface(_ q: PreparedQuadrant, box: Int = FlatField.box) throws -> GridSpline2D {
        let bins = BinnedImage(q.pixels, section: q.imageArea, box: box, statistic: .median, mask: q.mask)
        return try GridSpline2D(xNodes: bins.xCentres, yNodes: bins.yCentres,
                                values: Self.filled(bins.values, nx: bins.nx, ny: bins.ny))
    }

    /// The flat as a row source for `FrameStacker` (master flats).
    public var rowSource: MemoryRowSource { MemoryRowSource(flat, name: "single flat") }

    /// Bins without a valid pixel (a masked block) take the mean of their valid neighbours,
    /// repeated until none is left: the spline needs finite nodes everywhere.
    static func filled(_ values: [Double], nx: Int, ny: Int) -> [Double] {
        var v = values
        guard v.contains(where: \.isFinite) else { return v.map { _ in 1 } }
        while v.contains(where: { !$0.isFinite }) {
            let previous = v
            for j in 0..<ny {
                for i in 0..<nx where !previous[j * nx + i].isFinite {
                    var sum = 0.0, n = 0.0
                    for (di, dj) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                        let a = i + di, b = j + dj
                        guard a >= 0, a < nx, b >= 0, b < ny, previous[b * nx + a].isFinite else { continue }
                        sum += previous[b * nx + a]; n += 1
                    }
                    if n > 0 { v[j * nx + i] = sum / n }
                }
            }
        }
        return v
    }
}
