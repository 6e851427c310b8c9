import AstroKit
import Config_VIS
import Foundation

/// Pairs the flats of each CCD for photon-transfer and covariance analyses (VIS.md 3.3.4
/// extract_PTC): within each structure column, frames in order of ObsID are paired (0, 1),
/// (2, 3), ...; an odd last frame stays unpaired (and is logged). [quirk] vison pairs nothing
/// in a column with an odd number of frames, losing a whole level for one missing frame.
///
/// Each pair is checked on its fluences (``MeasureFluence``, mean over quadrants): a pair whose
/// frames differ by more than `limit` (|f_A − f_B| / mean) is flagged PAIR_MISMATCH, named with
/// both ObsIDs, and excluded from the fit (``PhotonTransfer/checkPair``). Ledger table `pairs`:
/// keys `ccd`, `column`, `pair` (ObsID of A), `file_a`, `file_b`; values `obsid_a`, `obsid_b`,
/// `fluence_a`, `fluence_b`, `difference`, `rejected` (0 or 1), `relative_fluence`.
public struct PairFrames: Primitive {
    public let name = "pairFrames"
    public let summary = "Pair consecutive flats of each structure column; flag and exclude pairs whose fluences differ by more than 10 %"
    public let parameters: [ParameterDeclaration] = [
        .real("limit", default: PhotonTransfer.pairRejectionLimit, range: 0.001...1,
              doc: "Largest relative difference of the two fluences, |fA - fB| / mean"),
    ]
    public init() {}
    public static let table = "pairs"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let limit = try parameters.double("limit")
        let rows = context.ledger.rows(MeasureFluence.table)
        guard !rows.isEmpty else { throw VISStepError("pairFrames: no fluence measured; measureFluence must run first") }
        let frames = try context.stream().map { try VISFrame($0) }
        var fluence: [String: [Double]] = [:], column: [String: String] = [:], relative: [String: Double] = [:]
        for row in rows {
            guard let file = row.keys["file"] else { continue }
            if let f = row.values["fluence"] { fluence[file, default: []].append(f) }
            column[file] = row.keys["column"]
            relative[file] = row.values["relative_fluence"]
        }
        func meanFluence(_ file: String) -> Double {
            let v = fluence[file] ?? []
            return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
        }
        var mismatched: [String] = [], unpaired: [String] = []
        var count = 0
        for ccd in Set(frames.map(\.ccd)).sorted() {
            // Exposed frames of a column, in acquisition order; backgrounds are never paired.
            let exposed = frames.filter { $0.ccd == ccd && $0.exposureTime > 0 && (column[$0.fileName] ?? "none") != "none" }
                .sorted { $0.obsid < $1.obsid }
            var byColumn: [String: [VISFrame]] = [:]
            var order: [String] = []
            for f in exposed {
                let c = column[f.fileName]!
                if byColumn[c] == nil { order.append(c) }
                byColumn[c, default: []].append(f)
            }
            for label in order {
                let list = byColumn[label]!
                if list.count % 2 == 1 { unpaired.append("CCD\(ccd) \(label) ObsID \(list.last!.obsid)") }
                for k in stride(from: 0, to: list.count - 1, by: 2) {
                    let a = list[k], b = list[k + 1]
                    let check = PhotonTransfer.checkPair(fluenceA: meanFluence(a.fileName), fluenceB: meanFluence(b.fileName), limit: limit)
                    var values: [String: Double] = ["obsid_a": Double(a.obsid), "obsid_b": Double(b.obsid),
                                                    "fluence_a": check.fluenceA, "fluence_b": check.fluenceB,
                                                    "difference": check.relativeDifference, "rejected": check.rejected ? 1 : 0]
                    if let r = relative[a.fileName] { values["relative_fluence"] = r }
                    context.ledger.record(Self.table, keys: ["ccd": String(ccd), "column": label, "pair": String(a.obsid),
                                                             "file_a": a.fileName, "file_b": b.fileName], values: values)
                    count += 1
                    if check.rejected {
                        mismatched.append("CCD\(ccd) \(label) ObsID \(a.obsid)/\(b.obsid): fluences \(String(format: "%.0f", check.fluenceA)) and \(String(format: "%.0f", check.fluenceB)) ADU differ by \(String(format: "%.1f", check.relativeDifference * 100)) % (limit \(String(format: "%.0f", limit * 100)) %): pair excluded")
                    }
                }
            }
        }
        if !unpaired.isEmpty { context.log.info("pairFrames: unpaired frames (odd columns): \(unpaired.joined(separator: "; "))") }
        guard count > 0 else { throw VISStepError("pairFrames: no two exposed frames of one structure column to pair") }
        if !mismatched.isEmpty {
            context.flags["PAIR_MISMATCH"] = (context.flags["PAIR_MISMATCH"].map { $0 + "; " } ?? "") + mismatched.joined(separator: "; ")
            context.log.warning("PAIR_MISMATCH: \(mismatched.joined(separator: "; "))")
        }
    }
}
