import Config_VIS
import Foundation

/// `truth.json`: every parameter of a simulated data set and the values the calibration tests
/// should measure from it.
///
/// Coordinates: defects and cosmic rays carry canonical quadrant image coordinates (`column`,
/// `row`: 0 at the first image pixel read) and 0-based file coordinates (`fileX` along NAXIS1,
/// `fileY` along NAXIS2).
public struct SimulationTruth: Sendable, Codable {
    public var generator = "vissim"
    public var test: String
    public var seed: UInt64
    public var size: FrameSize
    public var geometry: GeometryTruth
    public var block: String?
    public var chamber: String
    public var shutter: String
    public var options: PhysicsOptions
    public var nonLinearity: NonLinearity?
    public var brighterFatter: BrighterFatter?
    public var cosmicRays: CosmicRayModel?
    /// The conventions behind the numbers, in words.
    public var conventions: [String]
    public var ccds: [CCDTruth]
    public var frames: [FrameTruth]

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    public static func read(_ url: URL) throws -> SimulationTruth {
        try JSONDecoder().decode(SimulationTruth.self, from: Data(contentsOf: url))
    }

    public func ccd(_ n: Int) -> CCDTruth? { ccds.first { $0.ccd == n } }

    public func frame(obsid: Int, ccd: Int) -> FrameTruth? { frames.first { $0.obsid == obsid && $0.ccd == ccd } }

    static let conventionNotes = [
        "ADU are digital numbers; offsets, signals and noise are in ADU unless the name says e-.",
        "Output pixels are offset + signal + N(0, readNoise) rounded to the nearest integer and clipped to 0...65535, so a measured std of unexposed pixels is sqrt(readNoise^2 + 1/12) (expectedPrescanNoise).",
        "gain is e- per ADU; the flat source gives 65536 * meanGain(CCD) / tFWC_flat e- per second per pixel, so a quadrant shows 65536 * t_actual / tFWC_flat * meanGain / gain ADU.",
        "t_actual is the commanded exposure time through the chamber's shutter calibration; dark current integrates over the commanded time; readout adds none.",
        "PRNU multiplies the light only; the map is fixed per CCD and seed; prnuRealized is its relative rms over each quadrant's image area without bad columns.",
        "signal (per frame and quadrant) is the expected mean over the whole image area above the offset, defects included, cosmic rays excluded, before clipping at 65535; saturated says the clip matters.",
        "Brighter-fatter (when on): q_i' = q_i + sum_n f_n (q_n - q_i) over the 4 neighbours inside the quadrant image, f_x = serialStrength * mu, f_y = parallelStrength * mu, mu the frame's expected e- in the quadrant.",
        "Non-linearity (when on): recorded = S * (1 + NL(S/65536)/100), S in ADU above the offset, NL(x) = sum_k coefficients[k-1] * x^k percent.",
        "Rows outside vstart...vend (canonical) are zero; pre/overscan and parallel overscan pixels get offset and noise only.",
        "Cosmic rays are listed per frame and are not defects.",
    ]
}

public struct GeometryTruth: Sendable, Codable, Equatable {
    public var prescanColumns, imageColumns, overscanColumns, imageRows, parallelOverscanRows: Int
    public var frameShape: [Int]

    init(_ g: VISGeometry) {
        prescanColumns = g.prescanColumns; imageColumns = g.imageColumns; overscanColumns = g.overscanColumns
        imageRows = g.imageRows; parallelOverscanRows = g.parallelOverscanRows; frameShape = g.frameShape
    }
}

public struct CCDTruth: Sendable, Codable {
    public var ccd: Int
    public var serial: String
    public var prnuRMS: Double
    public var quadrants: [QuadrantTruth]
    public var hotPixels: [DefectTruth]
    public var badColumns: [DefectTruth]

    public func quadrant(_ q: Quadrant) -> QuadrantTruth? { quadrants.first { $0.quadrant == q } }
}

public struct QuadrantTruth: Sendable, Codable {
    public var quadrant: Quadrant
    public var offset: Double
    public var readNoise: Double
    public var gain: Double
    /// e-/s/pixel of ordinary pixels.
    public var darkCurrent: Double
    public var prnuRealized: Double
    public var prnuMean: Double
    /// = offset: what a non-quantised estimator of the prescan level should give.
    public var expectedPrescanLevel: Double
    /// sqrt(readNoise^2 + 1/12).
    public var expectedPrescanNoise: Double
    /// The slope of a PTC is 1/gain.
    public var expectedPTCGain: Double
    /// Var(A-B)/2 at zero signal, ADU^2.
    public var expectedPTCIntercept: Double
    /// Read noise in electrons.
    public var readNoiseElectrons: Double
}

/// A hot pixel or a bad column (then `row` is nil: the whole column).
public struct DefectTruth: Sendable, Codable, Equatable {
    public var kind: String
    public var quadrant: Quadrant
    public var column: Int
    public var row: Int?
    public var fileX: Int
    public var fileY: Int?
    /// Extra e-/s.
    public var darkCurrent: Double
    /// Relative optical response.
    public var response: Double
}

public struct FrameTruth: Sendable, Codable {
    public var obsid: Int
    public var ccd: Int
    public var fileName: String
    public var test: String
    /// The acquisition column (vison's colNNN label).
    public var column: String
    public var date: String
    public var exposureTime: Double
    public var illuminatedTime: Double
    public var filterPosition: Int?
    public var wavelength: Int?
    public var vstart: Int
    public var vend: Int
    public var quadrants: [FrameQuadrantTruth]
    public var cosmicRays: [CosmicRayTruth]

    public func quadrant(_ q: Quadrant) -> FrameQuadrantTruth? { quadrants.first { $0.quadrant == q } }
}

public struct FrameQuadrantTruth: Sendable, Codable {
    public var quadrant: Quadrant
    /// Expected mean e- per image pixel.
    public var electrons: Double
    /// Expected mean image level above the offset, ADU.
    public var signal: Double
    /// Expected mean image level, offset included, ADU.
    public var level: Double
    public var saturated: Bool
    /// Expected Var(A-B)/2 of a pair of such frames, ADU^2.
    public var ptcVariance: Double
    /// Shot-noise correlations of neighbours ("10" = next serial pixel, "01" = next row) when brighter-fatter is on.
    public var correlations: [String: Double]?
}

public struct CosmicRayTruth: Sendable, Codable, Equatable {
    public var hit: CosmicHit
    public var fileX: Int
    public var fileY: Int
}
