import AstroKit
import Config_VIS
import Foundation

/// Checks each frame's fluence (``MeasureFluence``) against its structure column's limits
/// (VIS.md 3.3.3 and 3.3.4: min(r, 100 %) × 2^16 ADU ± 10 %, r the fraction of the chamber
/// profile's time to 2^16 ADU the shutter was open). [quirk] vison takes r from the commanded
/// exposure time (``TestLimits/columnFluence``); the shutter opens for longer than commanded
/// by a calibrated delay (``ShutterCalibration``, the chamber's table), which at PTC01's 5 %
/// (0.17 s) adds ~20 % of light, so every correct frame of that level would fail. Here r is
/// the calibrated open time over tFWC_flat, for columns that have a fluence limit. One compliance row per
/// column, CCD and quadrant (the column's mean); every frame and quadrant outside its limits is
/// named in the FLUENCE_OOL flag. The run goes on: the frames stay, the flag says what to doubt.
/// Columns without a fluence limit (backgrounds, NL02) are not checked.
public struct CheckFluence: Primitive {
    public let name = "checkFluence"
    public let summary = "Fluence of every frame and quadrant within its structure column's limits (flag FLUENCE_OOL)"
    public let parameters: [ParameterDeclaration] = [
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile the expected fluences come from"),
        .real("tolerance", default: 0, range: 0...1, doc: "Relative tolerance about the expected fluence; 0 keeps the test's (10 %)"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let chamber = try ChamberProfile.load(try parameters.string("chamber"))
        let definition = try TestCatalog(chamber: chamber).definition(test)
        let shutter = try ShutterCalibration.load(chamber.shutter ?? "B")
        let tolerance = try parameters.double("tolerance")
        let rows = context.ledger.rows(MeasureFluence.table)
        guard !rows.isEmpty else { throw VISStepError("checkFluence: no fluence measured; measureFluence must run first") }
        let performance = definition.limits.performance
        let fraction = tolerance > 0 ? tolerance : performance.flatFluenceTolerance
        func limits(_ label: String) -> ClosedRange<Double>? {
            guard let range = definition.limits.columnFluence[label] else { return nil }
            guard let column = definition.column(label), column.exposureTime > 0, let position = column.filterPosition,
                  let tFWC = chamber.timeToFullWell(.flat, filterPosition: position), tFWC > 0 else { return range }
            let open = shutter.actualExposureTime(commanded: column.exposureTime)
            let centre = min(open / tFWC, 1) * performance.fullScale
            return (centre * (1 - fraction))...(centre * (1 + fraction))
        }
        var outside: [String] = []
        var groups: [String: [MeasurementLedger.Row]] = [:]
        var order: [String] = []
        for row in rows {
            let key = [row.keys["column"] ?? "", row.keys["ccd"] ?? "", row.keys["quadrant"] ?? ""].joined(separator: "|")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        for key in order {
            let group = groups[key]!
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let (label, ccd, q) = (parts[0], parts[1], parts[2])
            guard let range = limits(label) else { continue }
            for row in group {
                let f = row.values["fluence"] ?? .nan
                if !(f.isFinite && range.contains(f)) {
                    outside.append("ObsID \(row.keys["obsid"] ?? "?") CCD\(ccd) \(q) (\(label)): \(String(format: "%.0f", f)) ADU, limits \(String(format: "%.0f", range.lowerBound))...\(String(format: "%.0f", range.upperBound))")
                }
            }
            let values = group.compactMap { $0.values["fluence"] }
            let mean = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
            let pass = group.allSatisfy { ($0.values["fluence"]).map { $0.isFinite && range.contains($0) } ?? false }
            let name = "fluence_\(label)"
            context.ledger.record(CheckCompliance.table, keys: ["check": name, "ccd": "CCD\(ccd)", "quadrant": q],
                                  values: ["value": mean, "low": range.lowerBound, "high": range.upperBound, "pass": pass ? 1 : 0])
            context.compliance.append(ComplianceResult(name: "\(name) CCD\(ccd) \(q)", passed: pass,
                                                       detail: "CCD\(ccd) \(q) \(label) mean fluence \(mean) ADU, limits \(range.lowerBound)...\(range.upperBound)"))
        }
        if !outside.isEmpty {
            context.flags["FLUENCE_OOL"] = (context.flags["FLUENCE_OOL"].map { $0 + "; " } ?? "") + outside.joined(separator: "; ")
            context.log.warning("FLUENCE_OOL: \(outside.count) frame quadrant(s) out of limits, e.g. \(outside[0])")
        }
    }
}
