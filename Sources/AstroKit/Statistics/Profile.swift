/// 1-D profiles of an image section (vison `ccd_aux.get_1Dprofile`): collapse the section
/// along one axis with a statistic, masked and NaN pixels excluded.
///
/// ```swift
/// // 'hor': a profile along the serial direction, one value per column (statistic over rows)
/// let hor = Profile.collapse(quadrant, section: all, keeping: .x, statistic: .mean)
/// // 'ver': one value per row
/// let ver = Profile.collapse(quadrant, section: all, keeping: .y, statistic: .median)
/// ```
public enum Profile {
    public enum Axis: Sendable, Hashable {
        /// One value per column (vison 'hor').
        case x
        /// One value per row (vison 'ver').
        case y
    }

    /// The statistic per column (`.x`) or per row (`.y`); NaN where nothing is valid.
    public static func collapse(_ image: PixelArray<Float>, section: Section? = nil, keeping axis: Axis,
                                statistic: SampleStatistic, mask: PixelArray<UInt16>? = nil,
                                excludedBits: UInt16 = .max) -> [Double] {
        let s = section ?? Section(x0: 0, x1: image.width, y0: 0, y1: image.height)
        switch axis {
        case .y:
            // Rows are contiguous: each row is a Samples view, no copy.
            var scratch: [Float] = []
            return (s.y0..<s.y1).map { y in
                Samples(image, section: Section(x0: s.x0, x1: s.x1, y0: y, y1: y + 1), mask: mask,
                        excludedBits: excludedBits).value(statistic, using: &scratch)
            }
        case .x:
            // Columns are strided: gather each one into a contiguous buffer first.
            var column = [Float](repeating: 0, count: max(s.height, 0))
            var scratch: [Float] = []
            return (s.x0..<s.x1).map { x in
                var n = 0
                for y in s.y0..<s.y1 {
                    let i = y * image.width + x
                    if let mask, mask.values[i] & excludedBits != 0 { continue }
                    column[n] = image.values[i]
                    n += 1
                }
                return Samples(Array(column[0..<n])).value(statistic, using: &scratch)
            }
        }
    }
}
