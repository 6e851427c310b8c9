import AstroKit
import Config_VIS
import Foundation

/// A smooth background over an image section: a total-degree polynomial fitted to box means or
/// medians (vison's `get_region2Dmodel` with `poly2D`), used for the image noise of BIAS0X and
/// for the background removed before defects are sought.
///
/// The box is the state's (300 px for BIAS0X, 200 px for DARK01) but never so large that fewer
/// than 6 x 6 boxes cover the section, so small simulated frames still constrain a degree-5
/// surface (21 terms).
public enum BackgroundModel {
    public static func fit(_ image: PixelArray<Float>, section: Section, state: VISRunState, name: String) throws -> Polynomial2D {
        let box = max(1, min(state.backgroundBox, min(section.width, section.height) / 6))
        let statistic: BinnedImage.Statistic = state.backgroundStatistic == "median" ? .median : .mean
        let bins = BinnedImage(image, section: section, box: box, statistic: statistic)
        let s = bins.validSamples
        do {
            return try Polynomial2D.fit(x: s.x, y: s.y, z: s.z, degree: state.backgroundDegree).model
        } catch {
            throw VISStepError("\(name): the degree-\(state.backgroundDegree) background cannot be fitted to \(s.z.count) boxes of \(box) px (\(error))")
        }
    }
}

/// Declares the background model later steps use (image noise, defect search).
public struct FitBackground2D: Primitive {
    public let name = "fitBackground2D"
    public let summary = "Set the 2-D background model: total-degree polynomial on binned samples"
    public let parameters: [ParameterDeclaration] = [
        .integer("degree", default: 5, range: 0...8, doc: "Total degree of the polynomial"),
        .integer("box", default: 300, range: 4...2048, doc: "Bin size in pixels (reduced on small frames to keep 6 x 6 bins)"),
        .choice("statistic", default: "mean", choices: ["mean", "median"], doc: "Statistic of each bin"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let degree = try parameters.int("degree"), box = try parameters.int("box"), statistic = try parameters.string("statistic")
        try VISRunState.update(context) { s in
            s.backgroundDegree = degree
            s.backgroundBox = box
            s.backgroundStatistic = statistic
        }
    }
}
