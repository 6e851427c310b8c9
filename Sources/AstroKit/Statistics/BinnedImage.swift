/// Box binning of an image section (vison `ccd_aux.rebin`): the section is trimmed to a
/// whole number of boxes (the remainder on the high-x and high-y sides is dropped), then each
/// box is reduced to its mean or median over unmasked, non-NaN pixels.
///
/// ```swift
/// // BIAS0X basic: 300x300 mean bins of the image area, then a degree-5 surface
/// let bins = BinnedImage(quadrant, section: imageArea, box: 300, statistic: .mean, mask: dq)
/// let s = bins.validSamples
/// let fit = try Polynomial2D.fit(x: s.x, y: s.y, z: s.z, degree: 5)
/// ```
public struct BinnedImage: Sendable, Hashable {
    public enum Statistic: Sendable, Hashable { case mean, median }

    /// Where a bin's sample is placed.
    public enum CentreConvention: Sendable, Hashable {
        /// The mean coordinate of the box's pixels, k·box + (box − 1)/2 from the section's
        /// origin: the position the box mean actually describes.
        case geometric
        /// vison's k·box + box/2 (half a pixel further), to reproduce its 2-D models exactly.
        case vison
    }

    public var boxWidth: Int
    public var boxHeight: Int
    /// Bins along x and y.
    public var nx: Int
    public var ny: Int
    /// Row-major (x fastest) bin values; NaN where a box has no valid pixel.
    public var values: [Double]
    /// Valid pixels per bin.
    public var counts: [Int]
    /// Bin centres in the image's pixel coordinates.
    public var xCentres: [Double]
    public var yCentres: [Double]

    public init(_ image: PixelArray<Float>, section: Section? = nil, box: Int,
                statistic: Statistic, mask: PixelArray<UInt16>? = nil, excludedBits: UInt16 = .max,
                centres: CentreConvention = .geometric) {
        self.init(image, section: section, boxWidth: box, boxHeight: box, statistic: statistic,
                  mask: mask, excludedBits: excludedBits, centres: centres)
    }

    public init(_ image: PixelArray<Float>, section: Section? = nil, boxWidth: Int, boxHeight: Int,
                statistic: Statistic, mask: PixelArray<UInt16>? = nil, excludedBits: UInt16 = .max,
                centres: CentreConvention = .geometric) {
        precondition(boxWidth > 0 && boxHeight > 0, "box sizes must be positive")
        let s = section ?? Section(x0: 0, x1: image.width, y0: 0, y1: image.height)
        self.boxWidth = boxWidth
        self.boxHeight = boxHeight
        nx = max(s.width, 0) / boxWidth
        ny = max(s.height, 0) / boxHeight
        let offset: (Int) -> Double = centres == .geometric ? { Double($0 - 1) / 2 } : { Double($0) / 2 }
        xCentres = (0..<nx).map { Double(s.x0 + $0 * boxWidth) + offset(boxWidth) }
        yCentres = (0..<ny).map { Double(s.y0 + $0 * boxHeight) + offset(boxHeight) }
        values = []
        counts = []
        values.reserveCapacity(nx * ny)
        counts.reserveCapacity(nx * ny)
        var scratch = [Float](repeating: 0, count: boxWidth * boxHeight)
        for by in 0..<ny {
            for bx in 0..<nx {
                let x0 = s.x0 + bx * boxWidth, y0 = s.y0 + by * boxHeight
                let boxSamples = Samples(image, section: Section(x0: x0, x1: x0 + boxWidth,
                                                                 y0: y0, y1: y0 + boxHeight),
                                         mask: mask, excludedBits: excludedBits)
                switch statistic {
                case .mean:
                    let m = boxSamples.moments
                    values.append(m.mean)
                    counts.append(m.count)
                case .median:
                    let n = boxSamples.gather(into: &scratch)
                    values.append(scratch.withUnsafeMutableBufferPointer {
                        Selection.median(UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
                    })
                    counts.append(n)
                }
            }
        }
    }

    public subscript(bx: Int, by: Int) -> Double { values[by * nx + bx] }

    /// Centres and values of the bins that hold at least one valid pixel, ready for
    /// `Polynomial2D.fit` (masked pixels never reach the fit, as in vison).
    public var validSamples: (x: [Double], y: [Double], z: [Double]) {
        var x: [Double] = [], y: [Double] = [], z: [Double] = []
        for by in 0..<ny {
            for bx in 0..<nx where counts[by * nx + bx] > 0 {
                x.append(xCentres[bx]); y.append(yCentres[by]); z.append(values[by * nx + bx])
            }
        }
        return (x, y, z)
    }
}
