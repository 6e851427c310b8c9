import AstroKit
import Config_VIS
import Foundation

/// The check statistics of one canonical quadrant (VIS.md 1.5, 3.3.1): levels and noise of the
/// prescan, image and overscan with vison's trims, over rows [vstart, min(vend, image rows)).
///
/// * Offsets (`offset_*`) are 4-sigma-clipped means (``RobustLocation``): [quirk] vison takes
///   medians, which on integer ADU move in 0.5 ADU steps; the clipped mean follows the level
///   to ~0.006 ADU and still ignores cosmic rays and hot pixels.
/// * Scan noise (`ron_pre`, `ron_ove`) is the plain std (ddof 0) as vison's, so it includes the
///   1/12 ADU² variance of rounding to integers: it estimates sqrt(RON² + 1/12).
/// * `ron_img` is the std of the image minus a degree-5 surface fitted to box means (BIAS0X
///   basic), after 4-sigma clipping ([quirk] vison does not clip, so one cosmic ray inflates it).
public enum ScanStatistics {
    public static let table = "scan"
    public static let offsetEstimator = "4-sigma-clipped mean (iterative, scipy.stats.sigmaclip semantics): not quantised like the median of integer ADU"
    public static let noiseEstimator = "std (ddof 0) of the trimmed scan regions, including the 1/12 ADU^2 of integer rounding; ron_img: 4-sigma-clipped std of image minus a degree-5 2-D polynomial on box means (null for flat-field tests, whose image holds light, unless measureScanStatistics:imageNoise=model)"

    static func samples(_ q: PixelArray<Float>, columns: Range<Int>, rows: Range<Int>) -> Samples {
        Samples(q, section: Section(x0: columns.lowerBound, x1: columns.upperBound, y0: rows.lowerBound, y1: rows.upperBound))
    }

    /// The unquantised level of a region (bad pixels excluded when asked).
    static func level(_ q: PixelArray<Float>, columns: Range<Int>, rows: Range<Int>, maskBad: Bool) -> Double {
        var copy = q
        if maskBad { for i in copy.values.indices where copy.values[i] == 0 || copy.values[i] == 65535 { copy.values[i] = .nan } }
        return RobustLocation(samples(copy, columns: columns, rows: rows), sigma: 4).value
    }

    /// Scratch memory one worker reuses from quadrant to quadrant (the residual image of
    /// `ron_img`, the histogram of the fluence medians), so that measuring hundreds of frames
    /// allocates nothing per frame.
    public struct Workspace {
        var residual: PixelArray<Float>?
        var histogram: [Int] = []
        public init() {}
    }

    /// What is measured beyond the scan levels and noise.
    public struct Options: Sendable, Hashable {
        /// `ron_img`, the image's std about a degree-5 surface: the bias and dark image noise. On
        /// a flat it measures shot noise and PRNU, which vison's flat checks do not compute (they
        /// take the plain std, `std_img`), and costs a third of the pass.
        public var imageNoise = true
        /// `fluence_median` and `n_saturated_img` (``MeasureFluence``'s figures: the image median
        /// above the prescan median, 0 excluded, 65535 kept), so a flat test reads each frame once
        /// for both.
        public var fluenceMedians = false
        public init(imageNoise: Bool = true, fluenceMedians: Bool = false) {
            self.imageNoise = imageNoise
            self.fluenceMedians = fluenceMedians
        }
    }

    /// Every statistic of one canonical quadrant of a raw frame.
    public static func measure(_ raw: PixelArray<Float>, frame: VISFrame, state: VISRunState) throws -> [String: Double] {
        var q = raw
        var workspace = Workspace()
        return try measure(masking: &q, frame: frame, state: state, workspace: &workspace)
    }

    /// Every statistic of one canonical quadrant of a raw frame, masking its lost and saturated
    /// pixels (NaN) in `q` itself rather than in a copy.
    public static func measure(masking q: inout PixelArray<Float>, frame: VISFrame, state: VISRunState,
                               workspace: inout Workspace, options: Options = Options()) throws -> [String: Double] {
        let g = frame.geometry
        let rows = frame.imageWindowRows
        guard !rows.isEmpty else { throw VISStepError("\(frame.fileName): the readout window \(frame.vstart)..\(frame.vend) holds no image row") }
        var out: [String: Double] = [:]
        var imageLevel: RobustLocation?
        if options.fluenceMedians {
            // Before the masking below turns 0 and 65535 into NaN: the raw counts are integers.
            let image = FluenceMedian(q, columns: g.trimmedImage, rows: rows, histogram: &workspace.histogram)
            // The image's clipped mean from the same histogram, 0 and 65535 left out as the
            // masking leaves them out: the clip passes add bins, not 4 million pixels.
            imageLevel = RobustLocation(counts: workspace.histogram, values: 1...65534, sigma: 4)
            let prescan = FluenceMedian(q, columns: g.trimmedPrescan, rows: rows, histogram: &workspace.histogram)
            out["fluence_median"] = image.median - prescan.median
            out["n_saturated_img"] = Double(image.saturated)
        }
        // Lost (0) and saturated (65535) pixels never enter a statistic.
        var zeros = 0, saturated = 0
        let window = frame.windowRows, w = g.quadrantWidth
        q.values.withUnsafeMutableBufferPointer { v in
            for i in (window.lowerBound * w)..<(window.upperBound * w) {
                let x = v[i]
                if x == 0 { zeros += 1; v[i] = .nan } else if x == 65535 { saturated += 1; v[i] = .nan }
            }
        }
        for (name, columns) in [("pre", g.trimmedPrescan), ("img", g.trimmedImage), ("ove", g.trimmedOverscan)] {
            let robust = name == "img" ? imageLevel ?? RobustLocation(samples(q, columns: columns, rows: rows), sigma: 4)
                                       : RobustLocation(samples(q, columns: columns, rows: rows), sigma: 4)
            out["offset_\(name)"] = robust.value
            out["offset_\(name)_error"] = robust.standardError
            // The plain std of the same samples: the clip's first pass computed it.
            out["std_\(name)"] = robust.unclipped.std
        }
        out["ron_pre"] = out["std_pre"]
        out["ron_ove"] = out["std_ove"]
        out["fluence_img"] = out["offset_img"]! - (out["offset_pre"]! + out["offset_ove"]!) / 2
        // The levels' errors add: the prescan (21 columns) and overscan (10) dominate the image's.
        out["fluence_img_error"] = (pow(out["offset_img_error"]!, 2)
            + (pow(out["offset_pre_error"]!, 2) + pow(out["offset_ove_error"]!, 2)) / 4).squareRoot()
        out["n_zero"] = Double(zeros)
        out["n_saturated"] = Double(saturated)
        out["ron_img"] = options.imageNoise ? try imageNoise(q, frame: frame, state: state, workspace: &workspace) : .nan
        return out
    }

    /// std of the image area (rows of the window, parallel overscan included) about a smooth
    /// background model, after clipping.
    static func imageNoise(_ q: PixelArray<Float>, frame: VISFrame, state: VISRunState) throws -> Double {
        var workspace = Workspace()
        return try imageNoise(q, frame: frame, state: state, workspace: &workspace)
    }

    static func imageNoise(_ q: PixelArray<Float>, frame: VISFrame, state: VISRunState,
                           workspace: inout Workspace) throws -> Double {
        let g = frame.geometry
        let area = Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns,
                           y0: frame.windowRows.lowerBound, y1: frame.windowRows.upperBound)
        // A frame whose image is mostly saturated or lost (PTC01's 100-120 % levels, NL02's top
        // frame) leaves too few boxes for the surface: its image noise is undefined (NaN, null in
        // the results), not a reason to set the frame aside.
        guard let model = try? BackgroundModel.fit(q, section: area, state: state, name: frame.fileName) else { return .nan }
        // The residual goes to the workspace's buffer (copied, not reallocated, after the first
        // quadrant); only the area's rows matter.
        if workspace.residual?.shape != q.shape {
            workspace.residual = PixelArray(width: q.width, height: q.height, repeating: 0)
        }
        q.values.withUnsafeBufferPointer { source in
            workspace.residual!.values.withUnsafeMutableBufferPointer { target in
                let start = area.y0 * q.width, count = area.height * q.width
                target.baseAddress!.advanced(by: start).update(from: source.baseAddress!.advanced(by: start), count: count)
            }
        }
        model.render(into: &workspace.residual!, section: area, subtract: true)
        return RobustLocation(Samples(workspace.residual!, section: area), sigma: 4).std
    }
}
