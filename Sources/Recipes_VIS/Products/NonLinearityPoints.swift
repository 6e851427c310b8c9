import AstroKit
import Foundation

/// NL02's points and curves as products: one row per (CCD, quadrant, frame, tile) point the
/// model was fitted to — fluence (ADU above the prescan, flux-tracked) and NL (%) against its
/// set's linear reference, and the frame's role — plus each quadrant's model at 400 fluences.
///
/// ```swift
/// var points = NonLinearityPoints()
/// points.add(result, ccd: "CCD1", quadrant: "E", obsids: obsids)
/// try points.write(context, fitsName: "NL02/NL02_points.fits", csvName: "NL02/NL02_points.csv", ...)
/// ```
struct NonLinearityPoints {
    var ccd: [String] = [], quadrant: [String] = [], obsid: [Int32] = [], tile: [Int32] = []
    var fluence: [Double] = [], percent: [Double] = [], role: [String] = []
    var curveCCD: [String] = [], curveQuadrant: [String] = [], curveFluence: [Double] = [], curvePercent: [Double] = []

    /// `obsids`: the ObsID of each frame the result was analysed from, in the same order.
    mutating func add(_ r: NL02Result, ccd name: String, quadrant q: String, obsids: [Int]) {
        for k in r.fluence.indices {
            ccd.append(name); quadrant.append(q)
            obsid.append(Int32(obsids[r.pointFrames[k]])); tile.append(Int32(r.pointTiles[k]))
            fluence.append(r.fluence[k]); percent.append(r.percent[k])
            role.append(r.roles[r.pointFrames[k]].rawValue.uppercased())
        }
        let curve = r.model.curve()
        curveCCD += Array(repeating: name, count: curve.fluence.count)
        curveQuadrant += Array(repeating: q, count: curve.fluence.count)
        curveFluence += curve.fluence; curvePercent += curve.percent
    }

    var csv: String {
        var lines = ["CCD,QUADRANT,OBSID,TILE,FLUENCE,NL_PC,ROLE"]
        for k in fluence.indices {
            lines.append("\(ccd[k]),\(quadrant[k]),\(obsid[k]),\(tile[k]),\(fluence[k]),\(percent[k]),\(role[k])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func write(_ context: ReductionContext, fitsName: String, csvName: String, test: String,
               inputs: [String], shutter: String) throws {
        try context.writeProduct(name: fitsName, summary: "\(test) non-linearity points and model curves") { path in
            var header = ProductFiles.primaryHeader(kind: "TABLE", test: test, ccd: 0, inputs: inputs,
                                                    summary: "NL points (fluence, NL %) and model curves per quadrant")
            header.set("TABLETYP", .string("\(test)_POINTS"))
            header.set("SHUTTER", .string(shutter), comment: "shutter calibration table applied")
            header.set("NLMODEL", .string("A*exp(-(x-x0)/s)+c0+c1*x+c2*x^2+c3*x^3+c4*x^4"), comment: "%, x = ADU/65536")
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addBinaryTable([
                    TableColumn(name: "CCD", .strings(ccd, width: 4)),
                    TableColumn(name: "QUADRANT", .strings(quadrant, width: 1)),
                    TableColumn(name: "OBSID", .int32s(obsid)),
                    TableColumn(name: "TILE", .int32s(tile)),
                    TableColumn(name: "FLUENCE", unit: "ADU", .doubles(fluence)),
                    TableColumn(name: "NL_PC", unit: "%", .doubles(percent)),
                    TableColumn(name: "ROLE", .strings(role, width: 10)),
                ], extname: "NL_POINTS")
                try w.addBinaryTable([
                    TableColumn(name: "CCD", .strings(curveCCD, width: 4)),
                    TableColumn(name: "QUADRANT", .strings(curveQuadrant, width: 1)),
                    TableColumn(name: "FLUENCE", unit: "ADU", .doubles(curveFluence)),
                    TableColumn(name: "NL_PC", unit: "%", .doubles(curvePercent)),
                ], extname: "NL_CURVE")
            }
        }
        try context.writeProduct(text: csv, name: csvName, summary: "\(test) non-linearity points (CSV)")
    }
}
