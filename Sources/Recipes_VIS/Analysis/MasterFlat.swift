import AstroKit
import Foundation

/// The master flat of one quadrant and fluence level (VIS.md 3.3.3 masterflat): the pixel-wise
/// median of the individual flats, its error, and the PRNU.
///
/// Built with `FrameStacker`, so the individual flats can come from files (vison writes each
/// one, `EUC_FF_…_<ObsID>_<CCD>.fits`) and only a band of rows of each is resident, whatever
/// their number; or from `FlatField.rowSource` when they are in memory.
///
/// ```swift
/// let master = try MasterFlat(flats.map(\.rowSource))
/// master.prnuPercent                 // vison's PRNU_PC
/// master.prnuNoiseCorrectedPercent   // the same without the master's residual shot noise
/// ```
public struct MasterFlat: Sendable {
    /// Pixel-wise median of the flats (NaN where no flat had a valid pixel).
    public var flat: PixelArray<Float>
    /// Error of each master pixel: σ·√(f/N), σ the std of the flats with ddof 1 (unbiased; the
    /// stacker gives ddof 0) and f the variance penalty of a median, π/2 for many frames and 1
    /// for N ≤ 2, where the median is the mean (vison's EFLAT stores the std itself).
    public var error: PixelArray<Float>
    public var frames: Int
    /// 100 × std(master flat) after iterative 3σ clipping (scipy sigmaclip), vison's PRNU.
    public var prnuPercent: Double
    /// vison's PRNU includes the shot noise left in the master (e.g. 0.3 %/√N at half well):
    /// this removes it in quadrature, √(std² − mean error²), using the measured pixel errors.
    public var prnuNoiseCorrectedPercent: Double
    /// Mean of the clipped master (≈ 1 by construction).
    public var mean: Double

    public init(_ sources: [any RowSource], memoryBudget: Int = 256 << 20) throws {
        let stacked = try FrameStacker.stack(sources, options: StackingOptions(method: .median, memoryBudget: memoryBudget))
        self.init(flat: stacked.stack, standardDeviation: stacked.standardDeviation, frames: sources.count)
    }

    /// From a pixel-wise median stack of `frames` individual flats already made (e.g. the image
    /// area of one quadrant cut from a whole-CCD stack) and the stack's std (ddof 0).
    public init(flat: PixelArray<Float>, standardDeviation: PixelArray<Float>, frames: Int) {
        self.frames = frames
        self.flat = flat
        let scale = Float(Self.errorScale(frames: frames))
        error = PixelArray(shape: standardDeviation.shape, values: standardDeviation.values.map { $0 * scale })
        let clip = flat.samples().sigmaClip(lower: 3, upper: 3)
        prnuPercent = 100 * clip.moments.std
        mean = clip.moments.mean
        // The mean error variance over the pixels the clip kept.
        var sum = 0.0, count = 0.0
        for (value, e) in zip(flat.values, error.values)
            where value >= clip.keptLow && value <= clip.keptHigh && e.isFinite {
            sum += Double(e) * Double(e); count += 1
        }
        let noise = frames > 1 && count > 0 ? sum / count : 0
        prnuNoiseCorrectedPercent = 100 * max(0, clip.moments.variance - noise).squareRoot()
    }

    /// The factor from the stack's std (ddof 0) to the error of the median: √(N/(N−1)·f/N).
    public static func errorScale(frames: Int) -> Double {
        let n = Double(max(frames, 2))
        let penalty = frames <= 2 ? 1 : Double.pi / 2
        return (n / (n - 1) * penalty / n).squareRoot()
    }
}
