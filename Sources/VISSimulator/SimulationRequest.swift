import Config_VIS
import Foundation
import Recipes_VIS

/// What to simulate and where: the arguments of `vissim`.
public struct SimulationRequest: Sendable {
    /// A campaign test name, e.g. `PTC01`.
    public var test: String
    public var outputDirectory: URL
    public var ccds: [Int] = [1, 2, 3]
    /// Frames per acquisition column instead of the test definition's count.
    public var framesPerLevel: Int?
    public var size: FrameSize = .full
    public var seed: UInt64 = 1
    /// Where truth.json goes; `outputDirectory/truth.json` by default.
    public var truthFile: URL?
    /// Block whose nominal offsets to use (VIS.md 7.3); offsets are drawn per quadrant without one.
    public var block: String?
    public var chamber = "CHAMBER_B_EINSTEIN"
    public var physics = PhysicsOptions()
    /// Start of the first exposure. The default lies in the campaign era, so that names and logs
    /// look like campaign data and repeat exactly for a seed.
    public var start = SimulationRequest.campaignStart
    public var firstObsID = 1000
    /// CCD temperature written to the log and HK, °C (−120 is the operating point).
    public var ccdTemperature = -120.0
    /// Leave the exposure time and optical settings out of the FITS headers, as some ELVIS
    /// versions did, so that descriptors must come from the exposure log.
    public var sparseHeader = false
    /// Light of particular exposures scaled by a factor (ObsID → factor), the log unchanged:
    /// a lamp or shutter glitch, for testing the checks that must catch one (pair mismatch,
    /// fluence out of limits, saturation). The truth records the light actually received.
    public var illuminationScale: [Int: Double] = [:]

    public init(test: String, outputDirectory: URL) {
        self.test = test
        self.outputDirectory = outputDirectory
    }

    /// 4 June 2018, 09:00:00 UTC.
    public static let campaignStart = Date(timeIntervalSince1970: 1_528_102_800)
}

/// Why a simulation cannot run.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    case unsupportedAcquisition(test: String, column: String, acquisition: String)
    case invalidCCD(Int)
    case invalidFrameCount(Int)
    case missingTimeToFullWell(test: String, column: String, chamber: String)
    case unwritableDate(Date)

    public var description: String {
        switch self {
        case let .unsupportedAcquisition(test, column, acquisition):
            return "\(test) \(column) is a \(acquisition) acquisition; vissim simulates bias, dark and flat frames only"
        case .invalidCCD(let n): return "CCD\(n) does not exist: a block has CCD1, CCD2 and CCD3"
        case .invalidFrameCount(let n): return "--frames-per-level must be at least 1, not \(n)"
        case let .missingTimeToFullWell(test, column, chamber):
            return "\(test) \(column): chamber \(chamber) has no flat-source time to 2^16 ADU at this filter"
        case .unwritableDate(let d):
            return "\(d) cannot be written as an ELVIS date stamp (years 1970-2069 only)"
        }
    }
}

/// The acquisitions vissim can render, with the physics they need.
extension VISAcquisition {
    var isSimulated: Bool { self == .bias || self == .dark || self == .flat }
    /// The shutter opens for flats; bias and dark frames are taken with it closed.
    var opensShutter: Bool { self == .flat }
}

/// The readout window of a column in a frame of this geometry: the campaign's row numbers are
/// carried over, image rows mapping to image rows and parallel-overscan rows to parallel-overscan
/// rows, so `vend = 2086` (the whole quadrant) stays the whole quadrant in a small frame.
func window(vstart: Int, vend: Int, geometry g: VISGeometry) -> (vstart: Int, vend: Int) {
    (g.windowRow(campaignRow: vstart), g.windowRow(campaignRow: vend))
}
