import AstroKit
import Foundation

/// Subtracts a master bias (the bias structure left after the prescan level) from every frame as
/// it streams. The master comes from the calibration database, matched per frame by
/// `VISCalibrationRules` (same CCD serial, readout mode and window, within 90 days), unless the
/// recipe or the user names the files: `-p subtractBias:files=EUC_MASTERBIAS_CCD1.fits,...`.
///
/// ```
/// subtractOffset(method=row)
/// subtractBias                      # DARK01: the master bias of the latest matching BIAS01
/// ```
public struct SubtractBias: Primitive {
    public let name = "subtractBias"
    public let summary = "Subtract the matching master bias (calibration database, or the files given) as frames stream"
    public let parameters: [ParameterDeclaration] = CalibrationStep.parameters(kind: "master bias")
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        try CalibrationStep.run(context, parameters, kind: "processed_bias", step: name)
    }
}

/// Excludes the pixels of a defect mask (DARK01's hot pixels and columns, COSMETICS00's merged
/// mask) from every statistic and stack: they become NaN as frames stream.
///
/// ```
/// applyDefectMask                   # PTC01: the mask of the latest matching DARK01 or COSMETICS00
/// ```
public struct ApplyDefectMask: Primitive {
    public let name = "applyDefectMask"
    public let summary = "Exclude the pixels of the matching defect mask (calibration database, or the files given)"
    public let parameters: [ParameterDeclaration] = CalibrationStep.parameters(kind: "defect mask")
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        try CalibrationStep.run(context, parameters, kind: "defect_mask", step: name)
    }
}

/// Divides every frame by the matching master flat (same CCD, readout, wavelength within 35 nm,
/// temperature within 2 K, 180 days) as it streams.
///
/// ```
/// divideByFlat(required=true)
/// ```
public struct DivideByFlat: Primitive {
    public let name = "divideByFlat"
    public let summary = "Divide by the matching master flat (calibration database, or the files given) as frames stream"
    public let parameters: [ParameterDeclaration] = CalibrationStep.parameters(kind: "master flat")
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        try CalibrationStep.run(context, parameters, kind: "processed_flat", step: name)
    }
}

/// What the calibration-applying steps share: their parameters and their run.
enum CalibrationStep {
    static func parameters(kind: String) -> [ParameterDeclaration] {
        [.textList("files", default: [], doc: "\(kind.capitalized) files, one per CCD, instead of the calibration database's choice (a warning when one does not match its frames)"),
         .boolean("required", default: false, doc: "Stop when a frame has no matching \(kind); otherwise it is reduced without one, with a warning")]
    }

    static func run(_ context: ReductionContext, _ parameters: ParameterValues, kind: String, step: String) throws {
        var state = try VISRunState.load(context)
        try CalibrationRequest(kind: kind, step: step, userFiles: try parameters.strings("files"),
                               required: try parameters.bool("required")).resolve(context, state: &state)
        try state.save(context)
    }
}
