import AstroKit
import Foundation

/// The VIS calibration-test primitives and recipes, registered after ``VISConfiguration``
/// (which defines the types; Config_VIS cannot import this module).
///
/// ```swift
/// try VISConfiguration.register()
/// try VISRecipesConfiguration.register()
/// ```
public struct VISRecipesConfiguration: ConfigurationModule {
    public init() {}

    public static func register(in registry: ConfigurationRegistry = .shared) throws {
        try registry.register(VISRecipesConfiguration())
    }

    public var name: String { "VIS_RECIPES" }
    public var types: [TypeDefinition] { [] }

    /// Every VIS type shares one set: a test's frames are of several leaf types (frames of
    /// another test mixed in must reach `checkStructure` to be flagged, not stop `reduce`).
    public var primitiveSets: [PrimitiveSet] {
        [PrimitiveSet(type: "VIS", [
            UseTest(), CheckStructure(), CheckHousekeeping(), MeasureScanStatistics(), CheckCompliance(),
            MaskBadPixels(), SubtractOffset(), FitBackground2D(), StackFrames(), FindDefects(), MergeMasks(),
            StoreProducts(), WriteReport(),
            SubtractBias(), ApplyDefectMask(), DivideByFlat(), StoreReadNoiseTable(),
            MeasureFluence(), CheckFluence(), CheckFlux(), PairFrames(), MeasurePhotonTransfer(),
            FitPhotonTransferCurve(), FindBlooming(), MeasureHardEdgeResponse(), StorePhotonTransferProducts(),
            MakeFlatField(), MeasureNonLinearity(),
        ])]
    }

    /// `recipes/VIS` of the repository, found from this source file whatever the working
    /// directory (`ASTROKIT_RECIPE_PATH` and `--recipe-path` come first in the search path).
    public var recipeFolders: [URL] { [Self.recipesFolder] }

    public static var recipesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("recipes/VIS")
    }
}
