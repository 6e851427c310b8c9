import AstroKit
import Config_VIS
import Foundation

/// Checks the scan statistics against the test's performance limits (VIS.md 3.3): offsets
/// within the block's nominal ±50 ADU, image−prescan and overscan−prescan within ±10 ADU, scan
/// noise within [0.86, 1.44] ADU, the saturated fraction, lost pixels, and DARK01's fluence.
/// Each check is one row per CCD and quadrant of ledger table `compliance` (value = mean over
/// frames; a value on a limit passes: [quirk] vison fails CCD×Q values equal to the low limit).
/// Failures raise vison's flags: POORQUALDATA, RON_OOL, FLUENCE_OOL, SATURATION, LOSTPIXELS.
/// A limits file (JSON, ``LimitOverrides``) replaces any of the limits.
public struct CheckCompliance: Primitive {
    public let name = "checkCompliance"
    public let summary = "Check offsets, gradients, read noise, saturation and fluence against the test's limits"
    public let parameters: [ParameterDeclaration] = [
        .text("limits", default: "", doc: "JSON file overriding limits (offsetTolerance, imageGradient, overscanGradient, readoutNoise, saturatedFraction, darkFluence, offsets)"),
    ]
    public init() {}
    public static let table = "compliance"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        var limits = try PerformanceLimits.load()
        let overridesPath = try parameters.string("limits")
        let overrides = try overridesPath.isEmpty ? LimitOverrides() : LimitOverrides.read(overridesPath)
        overrides.apply(to: &limits)
        let frames = try context.stream().map { try VISFrame($0) }
        let regions: [String]
        switch test {
        case "DARK01": regions = ["pre", "ove"]
        case "COSMETICS00": regions = []
        // Flat-source tests check the bias regions only: the image holds the light (vison FlatTask, VIS.md 3.3.3).
        case _ where PhotonTransferResults.isPhotonTransfer(test) || test.hasPrefix("FLAT") || test.hasPrefix("NL0"):
            regions = ["pre", "ove"]
        default: regions = ["pre", "img", "ove"]
        }
        var failedFlags: [String: [String]] = [:]
        for ccd in Set(frames.map(\.ccd)).sorted() {
            let ccdFrames = frames.filter { $0.ccd == ccd }
            for q in Quadrant.allCases {
                let filter = ["ccd": String(ccd), "quadrant": q.rawValue]
                func mean(_ column: String) -> Double {
                    let v = context.ledger.values(ScanStatistics.table, column: column, where: filter)
                    return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
                }
                func check(_ name: String, _ value: Double, _ range: ClosedRange<Double>, flag: String) {
                    let pass = value.isFinite && range.contains(value)
                    context.ledger.record(Self.table, keys: ["check": name, "ccd": "CCD\(ccd)", "quadrant": q.rawValue],
                                          values: ["value": value, "low": range.lowerBound, "high": range.upperBound, "pass": pass ? 1 : 0])
                    let detail = "CCD\(ccd) \(q.rawValue) \(name) = \(value), limits \(range.lowerBound)...\(range.upperBound)"
                    context.compliance.append(ComplianceResult(name: "\(name) CCD\(ccd) \(q.rawValue)", passed: pass, detail: detail))
                    if !pass { failedFlags[flag, default: []].append(detail) }
                }
                let nominal = overrides.offsets?["CCD\(ccd)"]?[q.rawValue] ?? ccdFrames.compactMap { $0.nominalOffsets[q] }.first ?? 2800
                for region in regions {
                    check("offset_\(region)", mean("offset_\(region)"), (nominal - limits.offsetTolerance)...(nominal + limits.offsetTolerance), flag: "POORQUALDATA")
                    check("ron_\(region)", mean("std_\(region)"), limits.readoutNoise, flag: "RON_OOL")
                }
                if regions.contains("img") { check("gradient_img_pre", mean("offset_img") - mean("offset_pre"), limits.imageGradient, flag: "POORQUALDATA") }
                if regions.contains("ove") { check("gradient_ove_pre", mean("offset_ove") - mean("offset_pre"), limits.overscanGradient, flag: "POORQUALDATA") }
                if test == "DARK01" { check("fluence_img", mean("fluence_img"), limits.darkFluence, flag: "FLUENCE_OOL") }
                // Saturated fraction of the quadrant's read pixels, worst frame.
                let area = Double(ccdFrames.first.map { $0.geometry.quadrantWidth * $0.windowRows.count } ?? 1)
                let saturated = context.ledger.values(ScanStatistics.table, column: "n_saturated", where: filter).max() ?? 0
                check("saturated_fraction", saturated / area, limits.saturatedFraction, flag: "SATURATION")
                let zeros = context.ledger.rows(ScanStatistics.table, where: filter).filter { ($0.values["n_zero"] ?? 0) > 0 }
                if !zeros.isEmpty {
                    failedFlags["LOSTPIXELS", default: []].append("CCD\(ccd) \(q.rawValue): pixels at 0 in ObsID " + zeros.compactMap { $0.keys["obsid"] }.joined(separator: ", "))
                }
            }
        }
        for (flag, details) in failedFlags {
            context.flags[flag] = (context.flags[flag].map { $0 + "; " } ?? "") + details.joined(separator: "; ")
            context.log.warning("\(flag): \(details.count) check(s) out of limits, e.g. \(details[0])")
        }
    }
}

/// User overrides of the performance limits, from a JSON file: any subset of
/// `{"offsetTolerance": 50, "imageGradient": [-10, 10], "overscanGradient": [-10, 10],
/// "readoutNoise": [0.86, 1.44], "saturatedFraction": [0, 0.1], "darkFluence": [-2, 5],
/// "offsets": {"CCD1": {"E": 2700, ...}}}` (offsets replace the block's nominal values).
public struct LimitOverrides: Codable, Sendable {
    public var offsetTolerance: Double?
    public var imageGradient, overscanGradient, readoutNoise, saturatedFraction, darkFluence: [Double]?
    public var offsets: [String: [String: Double]]?

    public init() {}

    public static func read(_ path: String) throws -> LimitOverrides {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VISStepError("\(path): the limits file cannot be read (\(error.localizedDescription))")
        }
        let overrides: LimitOverrides
        do { overrides = try JSONDecoder().decode(LimitOverrides.self, from: data) } catch {
            throw VISStepError("\(path): the limits file is not valid JSON of known limits (\(error))")
        }
        for (name, pair) in [("imageGradient", overrides.imageGradient), ("overscanGradient", overrides.overscanGradient),
                             ("readoutNoise", overrides.readoutNoise), ("saturatedFraction", overrides.saturatedFraction),
                             ("darkFluence", overrides.darkFluence)] {
            if let pair, pair.count != 2 || pair[0] > pair[1] {
                throw VISStepError("\(path): \(name) must be [low, high] with low <= high, not \(pair)")
            }
        }
        return overrides
    }

    func apply(to limits: inout PerformanceLimits) {
        func range(_ pair: [Double]?) -> ClosedRange<Double>? { pair.map { $0[0]...$0[1] } }
        if let v = offsetTolerance { limits.offsetTolerance = v }
        if let r = range(imageGradient) { limits.imageGradient = r }
        if let r = range(overscanGradient) { limits.overscanGradient = r }
        if let r = range(readoutNoise) { limits.readoutNoise = r }
        if let r = range(saturatedFraction) { limits.saturatedFraction = r }
        if let r = range(darkFluence) { limits.darkFluence = r }
    }
}
