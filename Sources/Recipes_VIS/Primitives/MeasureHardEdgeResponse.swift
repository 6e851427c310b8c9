import AstroKit
import Config_VIS
import Foundation

/// The serial hard-edge response of every CCD and quadrant (VIS.md 3.3.4 extract_HER,
/// ``HardEdge``): from the frame of each CCD whose fluence (``MeasureFluence``, mean over
/// quadrants) is closest to `target`, the mean normalised profile across the image→overscan
/// edge, prepared as the run prepares frames. Ledger table `her` (keys `ccd`, `quadrant`):
/// `her` (the profile at the first overscan pixel), `rows`, `obsid`, `profile_00`...`profile_24`
/// (10 image columns, then 15 overscan columns). |her| above the test's limit (1.5e-3) fails a
/// compliance check and raises HER_OOL.
public struct MeasureHardEdgeResponse: Primitive {
    public let name = "measureHardEdgeResponse"
    public let summary = "Hard-edge response (first serial-overscan pixel) from the flat nearest half full well"
    public let parameters: [ParameterDeclaration] = [
        .real("target", default: 32_768, range: 0...65_536, doc: "Fluence (ADU) of the frame measured: the nearest one is taken"),
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile of the test definition (for the limit)"),
    ]
    public init() {}
    public static let table = "her"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let definition = try TestCatalog(chamber: try parameters.string("chamber")).definition(test)
        let limit = definition.limits.hardEdgeResponseMaximum ?? definition.limits.performance.hardEdgeResponseMaximum
        let target = try parameters.double("target")
        let frames = try context.stream().map { try VISFrame($0) }.filter { $0.exposureTime > 0 }
        let offset: PreparedQuadrant.OffsetMethod = switch state.offsetMethod {
        case .row: .row
        case .median: .median
        case .none: .none
        }
        var failures: [String] = []
        for ccd in Set(frames.map(\.ccd)).sorted() {
            let candidates = frames.filter { $0.ccd == ccd }
            let fluences = candidates.map { f -> Double in
                let v = context.ledger.values(MeasureFluence.table, column: "fluence", where: ["file": f.fileName])
                return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
            }
            guard let i = HardEdge.nearestFrame(fluences: fluences, target: target) else {
                context.log.warning("measureHardEdgeResponse: CCD\(ccd) has no frame with a measured fluence")
                continue
            }
            let frame = candidates[i]
            let pixels = try frame.readRaw()
            for q in Quadrant.allCases {
                let prepared = PreparedQuadrant.extract(pixels, quadrant: q, geometry: frame.geometry, offset: offset,
                                                        maskADCLimits: state.maskBadPixels)
                var values: [String: Double] = ["obsid": Double(frame.obsid), "her": .nan, "rows": 0]
                if let her = HardEdge.measure(prepared, quadrant: q) {
                    values["her"] = her.her
                    values["rows"] = Double(her.rows)
                    for (k, v) in her.profile.enumerated() { values[String(format: "profile_%02d", k)] = v }
                }
                context.ledger.record(Self.table, keys: ["ccd": String(ccd), "quadrant": q.rawValue], values: values)
                let value = values["her"]!
                let pass = value.isFinite && abs(value) <= limit
                context.ledger.record(CheckCompliance.table, keys: ["check": "her", "ccd": "CCD\(ccd)", "quadrant": q.rawValue],
                                      values: ["value": value, "low": -limit, "high": limit, "pass": pass ? 1 : 0])
                let detail = "CCD\(ccd) \(q.rawValue) HER = \(value) (ObsID \(frame.obsid)), limit |HER| <= \(limit)"
                context.compliance.append(ComplianceResult(name: "her CCD\(ccd) \(q.rawValue)", passed: pass, detail: detail))
                if !pass { failures.append(detail) }
            }
        }
        if !failures.isEmpty {
            context.flags["HER_OOL"] = (context.flags["HER_OOL"].map { $0 + "; " } ?? "") + failures.joined(separator: "; ")
            context.log.warning("HER_OOL: \(failures[0])")
        }
    }
}
