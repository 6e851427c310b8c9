import AstroKit
import Config_VIS
import Foundation

/// Checks the flat source's flux against the chamber profile (VIS.md 3.3.3 flux): per CCD and
/// quadrant, flux = mean over the exposed frames below `ceiling` × 2^16 ADU of fluence / open
/// time, and the time to 2^16 ADU, 65536 / flux, must lie within the test's limits (the
/// chamber's tFWC_flat ± 10 %, ``TestLimits/saturationTime``). Out of limits: flag FLUX_OOL
/// naming CCD and quadrant; the run goes on.
///
/// [quirk] vison divides by the commanded exposure time; the shutter opens late and closes
/// late by a calibrated amount (``ShutterCalibration``, the chamber's table), which at PTC01's
/// 0.17 s is a large fraction of the exposure, so the open time of the calibration is used.
public struct CheckFlux: Primitive {
    public let name = "checkFlux"
    public let summary = "Flat-source flux: time to 2^16 ADU within the chamber profile's limits (flag FLUX_OOL)"
    public let parameters: [ParameterDeclaration] = [
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile whose time to 2^16 ADU and shutter table apply"),
        .real("ceiling", default: 0.8, range: 0.05...1, doc: "Frames at or above this fraction of 2^16 ADU are left out (saturation, non-linearity)"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let chamberName = try parameters.string("chamber")
        let chamber = try ChamberProfile.load(chamberName)
        let definition = try TestCatalog(chamber: chamber).definition(test)
        guard let range = definition.limits.saturationTime else {
            context.log.info("checkFlux: \(test) has no flux limit; nothing to check")
            return
        }
        let shutter = try ShutterCalibration.load(chamber.shutter ?? "B")
        let ceiling = try parameters.double("ceiling") * definition.limits.performance.fullScale
        let rows = context.ledger.rows(MeasureFluence.table)
        guard !rows.isEmpty else { throw VISStepError("checkFlux: no fluence measured; measureFluence must run first") }
        var failures: [String] = []
        for ccd in Set(rows.compactMap { $0.keys["ccd"] }).sorted() {
            for q in Quadrant.allCases {
                let fluxes = rows.filter { $0.keys["ccd"] == ccd && $0.keys["quadrant"] == q.rawValue }.compactMap { row -> Double? in
                    guard let f = row.values["fluence"], let t = row.values["exptime"], t > 0, f.isFinite, f < ceiling else { return nil }
                    let open = shutter.actualExposureTime(commanded: t)
                    return open > 0 ? f / open : nil
                }
                let flux = fluxes.isEmpty ? Double.nan : fluxes.reduce(0, +) / Double(fluxes.count)
                let time = 65536 / flux
                let pass = time.isFinite && range.contains(time)
                context.ledger.record(CheckCompliance.table, keys: ["check": "flux_time_to_2^16", "ccd": "CCD\(ccd)", "quadrant": q.rawValue],
                                      values: ["value": time, "low": range.lowerBound, "high": range.upperBound, "pass": pass ? 1 : 0])
                let detail = "CCD\(ccd) \(q.rawValue): flux \(String(format: "%.1f", flux)) ADU/s over \(fluxes.count) frames gives \(String(format: "%.3f", time)) s to 2^16 ADU, limits \(String(format: "%.3f", range.lowerBound))...\(String(format: "%.3f", range.upperBound)) s"
                context.compliance.append(ComplianceResult(name: "flux CCD\(ccd) \(q.rawValue)", passed: pass, detail: detail))
                if !pass { failures.append(detail) }
            }
        }
        if !failures.isEmpty {
            context.flags["FLUX_OOL"] = (context.flags["FLUX_OOL"].map { $0 + "; " } ?? "") + failures.joined(separator: "; ")
            context.log.warning("FLUX_OOL: \(failures[0])")
        }
    }
}
