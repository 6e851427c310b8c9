import AstroKit
import Config_VIS
import Foundation

/// The NL02 result of one quadrant.
public struct NL02Result: Sendable, Codable {
    public var model: NonLinearityModel
    /// The curve value with the largest |NL| over the fit range, %, and its fluence, ADU.
    public var maxNLPercent: Double
    public var fluenceAtMaxNL: Double
    /// Flux stability over the test, % (see `NonLinearity02.track`).
    public var stabilityPercent: Double
    /// The pooled points (fluence ADU, NL %) the model was fitted to, and the role of each frame.
    public var fluence: [Double]
    public var percent: [Double]
    public var roles: [NL02Role]
    /// For each pooled point: the index of its frame in the input and its tile.
    public var pointFrames: [Int]
    public var pointTiles: [Int]
}

/// NL02, non-linearity from two sources (VIS.md 3.3.6, `nl.wrap_fitNL_TwoFilters_Best`).
///
/// ```swift
/// let frames = quadrants.map { NL02Frame($0.q, tiling: t, commandedTime: $0.t, wavelength: $0.wave, time: $0.date) }
/// let r = try NonLinearity02.analyse(frames, shutter: try ShutterCalibration.load("B"))
/// r.maxNLPercent; r.fluenceAtMaxNL; r.model.coefficients; r.stabilityPercent
/// ```
///
/// The NL is measured against the straight line fitted, tile by tile, to each set's frames in
/// the overlap of the two sets (15–25 % of full well), so it is ~0 there by construction: a
/// pure NL02 measurement cannot know the absolute linear response.
public enum NonLinearity02 {
    /// Frames (of the 3 shortest HI times / 3 longest LO times) defining the linear reference.
    public static let referenceTimes = 3

    /// The linear reference fitted in the overlap.
    public enum LinearReference: String, Sendable, Hashable, Codable {
        /// F = a·t, NL = 100·(F − a·t)/(a·t). The default: the offset is already removed
        /// against the prescan and t is the shutter-corrected illumination time, so a linear
        /// detector has F ∝ t with no intercept.
        case proportional
        /// F = a·t + b, NL = 100·(F − YL)/(YL − b), as vison (`nl.getXYW_NL02`). The free b
        /// soaks up the curvature of the NL inside the overlap and returns it as a spurious
        /// −b/(a·t) term that diverges at low fluence (+9 % at 250 ADU for the simulator's
        /// 3x − 5x² %), which the exp + P4 model cannot follow to better than ~0.2 %.
        case affine
    }

    public static func analyse(_ frames: [NL02Frame], shutter: ShutterCalibration,
                               reference kind: LinearReference = .proportional) throws -> NL02Result {
        // Step 1: the time the shutter was really open. Without it the shutter's delay (0.1 →
        // 0.125 s in table B) would appear as a non-linearity of tens of % at short exposures.
        let t = frames.map { $0.commandedTime > 0 ? shutter.actualExposureTime(commanded: $0.commandedTime) : 0 }
        let roles = classify(frames, actual: t)
        let (factors, stability) = track(frames, roles: roles)
        let tiles = frames.map(\.fluences.count).max() ?? 0
        // Tracked fluences; whole frames that are 3σ outliers among frames of their exposure
        // time are NaN'd (step 5).
        var f = frames.indices.map { i in frames[i].fluences.map { $0 / factors[i] } }
        for i in rejectedFrames(frames, roles: roles, factors: factors) { f[i] = Array(repeating: .nan, count: f[i].count) }

        var fluence: [Double] = [], percent: [Double] = [], pointFrames: [Int] = [], pointTiles: [Int] = []
        for set in [Set([NL02Role.high, .stability]), [.low]] {
            let members = frames.indices.filter { set.contains(roles[$0]) && t[$0] > 0 }
            let times = Array(Set(members.map { t[$0] })).sorted()
            let referenceSet = set.contains(.low) ? Set(times.suffix(referenceTimes)) : Set(times.prefix(referenceTimes))
            let reference = members.filter { referenceSet.contains(t[$0]) }
            for tile in 0..<tiles {
                let ref = reference.filter { tile < f[$0].count && f[$0][tile].isFinite }
                guard Set(ref.map { t[$0] }).count >= 2 else { continue }
                let a: Double, b: Double
                switch kind {
                case .affine:
                    guard let line = try? polyfit(x: ref.map { t[$0] }, y: ref.map { f[$0][tile] }, degree: 1,
                                                  scaling: .unscaled) else { continue }
                    (a, b) = (line.coefficients[0], line.coefficients[1])
                case .proportional:
                    // Least squares through the origin: a = Σ F·t / Σ t².
                    a = ref.reduce(0) { $0 + f[$1][tile] * t[$1] } / ref.reduce(0) { $0 + t[$1] * t[$1] }
                    b = 0
                }
                for i in members where tile < f[i].count && f[i][tile].isFinite {
                    let yl = a * t[i] + b
                    fluence.append(f[i][tile])
                    percent.append(100 * (f[i][tile] - yl) / (yl - b))
                    pointFrames.append(i); pointTiles.append(tile)
                }
            }
        }
        let model = try NonLinearityModel.fit(fluence: fluence, percent: percent)
        let curve = model.curve()
        let k = curve.percent.indices.max { abs(curve.percent[$0]) < abs(curve.percent[$1]) }!
        return NL02Result(model: model, maxNLPercent: curve.percent[k], fluenceAtMaxNL: curve.fluence[k],
                          stabilityPercent: stability, fluence: fluence, percent: percent, roles: roles,
                          pointFrames: pointFrames, pointTiles: pointTiles)
    }

    /// Frames whose tracked mean fluence departs from the median of the frames of the same role
    /// and commanded time by more than max(3·1.4826·MAD, `frameTolerance`·median). vison clips
    /// at 3σ about the mean, which can never reject anything in NL02's groups of 4 frames (the
    /// largest possible deviation among 4 values is √3 ≈ 1.7σ); the median and MAD can, and the
    /// relative floor keeps frames that differ only by shot noise. Groups of fewer than 3 are
    /// left alone.
    public static let frameTolerance = 0.01

    static func rejectedFrames(_ frames: [NL02Frame], roles: [NL02Role], factors: [Double]? = nil) -> [Int] {
        var groups: [String: [Int]] = [:]
        for i in frames.indices where roles[i] != .background {
            groups["\(roles[i].rawValue)-\(frames[i].commandedTime)", default: []].append(i)
        }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted(); let n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
        var out: [Int] = []
        for members in groups.values where members.count >= 3 {
            let values = members.map { frames[$0].meanFluence / (factors?[$0] ?? 1) }
            guard values.allSatisfy(\.isFinite) else { continue }
            let centre = median(values)
            let mad = median(values.map { abs($0 - centre) })
            let limit = max(3 * 1.4826 * mad, frameTolerance * abs(centre))
            out += zip(members, values).filter { abs($0.1 - centre) > limit }.map(\.0)
        }
        return out.sorted()
    }
}
