import AstroKit
import Foundation

/// The Euclid VIS configuration: the types of raw VIS CCD files, campaign tests, products and
/// LE1 frames, and their descriptors.
///
/// ```swift
/// try ConfigurationRegistry.shared.register(VISConfiguration())
/// let ad = try AstroData.open("EUC_191_251116D150614T_ROE1_CCD1.fits")
/// ad.descriptor("obsid")    // 191
/// ad.descriptor("test")     // from TEST, else the exposure log beside the file
/// ```
///
/// Tools with an explicit exposure log (`adinfo --explog FILE`) register
/// `VISConfiguration(exposureLogs: [url])` before opening files; the registry keeps the first
/// VIS module registered, so register it before anything else does.
public struct VISConfiguration: ConfigurationModule {
    public let settings: VISSettings

    public init(exposureLogs: [URL]? = nil, chamber: String? = nil, blockID: String? = nil, gainTable: GainTable? = nil,
                calibrations: CalibrationDatabase? = nil) {
        settings = VISSettings(exposureLogs: exposureLogs, chamber: chamber, blockID: blockID, gainTable: gainTable,
                               calibrations: calibrations)
    }

    /// Registers the VIS configuration with a registry (once per process; later calls keep the first).
    public static func register(in registry: ConfigurationRegistry = .shared, exposureLogs: [URL]? = nil,
                                chamber: String? = nil, blockID: String? = nil, gainTable: GainTable? = nil,
                                calibrations: CalibrationDatabase? = nil) throws {
        try registry.register(VISConfiguration(exposureLogs: exposureLogs, chamber: chamber, blockID: blockID,
                                               gainTable: gainTable, calibrations: calibrations))
    }

    public var name: String { "VIS" }

    public var types: [TypeDefinition] { VISTypes.definitions }

    public var descriptorDefinitions: [DescriptorDefinition] {
        VISDescriptors.definitions + VISSidecarDescriptors.definitions + VISHousekeepingDescriptors.definitions
            + VISLE1Descriptors.definitions + VISProductDescriptors.definitions
    }

    public var descriptorProviders: [String: [DescriptorProvider]] {
        // Raw-frame descriptors: header and file name, then header-or-log, then housekeeping.
        ["VIS": VISDescriptors.providers + VISSidecarDescriptors.providers(settings)
                + VISHousekeepingDescriptors.providers(settings),
         "VIS_LE1": VISLE1Descriptors.providers].merging(VISProductDescriptors.providers(settings)) { a, _ in a }
    }

    /// How the calibration database matches VIS products to raw frames.
    public var calibrationRules: [CalibrationRule] { VISCalibrationRules.rules }

    /// What the type requirements of acquisitions and tests ask: header first, log row otherwise.
    public var classificationDescriptors: [DescriptorProvider] {
        let wanted: Set<String> = ["test", "test_acquisition", "exposure_time", "source", "filter", "chinj", "v_tpump", "s_tpump"]
        return VISSidecarDescriptors.providers(settings).filter { wanted.contains($0.descriptor) }
    }
}
