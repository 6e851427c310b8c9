import AstroKit
import Config_VIS
import Foundation

/// Finds defects in a stacked product, per CCD and quadrant (VIS.md 3.3.2, 3.3.9): the
/// background (``BackgroundModel``, fitted to the image area) is subtracted (`dark`) or divided
/// out (`flat`), pixels outside [low, high] are flagged, then every column with at least
/// `columnPixels` flagged pixels is flagged whole. Pre- and overscans are never flagged.
/// The mask goes to `<TEST>/` (MASK, and the residual as DEFECTS); counts to ledger `defects`.
public struct FindDefects: Primitive {
    public let name = "findDefects"
    public let summary = "Flag pixels of a stack far from its background, and whole bad columns"
    public let parameters: [ParameterDeclaration] = [
        .choice("stack", default: "MASTER_DARK", choices: ["MASTER_DARK", "DARK_STACK", "FLAT_STACK", "MASTER_BIAS"], doc: "Which stack to search"),
        .choice("mode", default: "dark", choices: ["dark", "flat"], doc: "Subtract (dark) or divide by (flat) the background"),
        .real("low", default: -1000, doc: "Lowest accepted residual (ADU for dark, ratio for flat)"),
        .real("high", default: 50, doc: "Highest accepted residual"),
        .integer("columnPixels", default: 200, range: 1...1_000_000, doc: "Flagged pixels that make a whole column bad"),
        .boolean("partial", default: false,
                 doc: "The mask is one part of a mask merged later (COSMETICS00): PROCTYPE 'MASKPART', not a calibration on its own"),
    ]
    public init() {}
    public static let table = "defects"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let stack = try parameters.string("stack"), mode = try parameters.string("mode")
        let low = try parameters.double("low"), high = try parameters.double("high"), columnPixels = try parameters.int("columnPixels")
        guard low < high else { throw VISStepError("findDefects: low (\(low)) must be below high (\(high))") }
        guard let masters = state.masters[stack], !masters.isEmpty else {
            throw VISStepError("findDefects: no \(stack) was made; stackFrames(product=\(stack)) must come first")
        }
        let kind = mode == "flat" ? "FLAT" : "DARK"
        let partial = try parameters.bool("partial")
        let frames = try context.stream().map { try VISFrame($0) }
        for (ccdName, product) in masters.sorted(by: { $0.key < $1.key }) {
            guard let frame = frames.first(where: { "CCD\($0.ccd)" == ccdName }) else { continue }
            let g = frame.geometry
            let image = try ProductFiles.readStaged(context, product, hdu: 1)
            var mask = PixelArray<Int32>(width: image.width, height: image.height, repeating: 0)
            var residualFrame = PixelArray<Float>(width: image.width, height: image.height, repeating: 0)
            for q in Quadrant.allCases {
                let canonical = g.canonicalQuadrant(q, of: image)
                let area = Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: 0, y1: g.imageRows)
                let model = try BackgroundModel.fit(canonical, section: area, state: state, name: product)
                let background = model.evaluate(on: area)
                let flat = mode == "flat"
                var residual = PixelArray<Float>(width: canonical.width, height: canonical.height, repeating: flat ? 1 : 0)
                var flags = PixelArray<Int32>(width: canonical.width, height: canonical.height, repeating: 0)
                var perColumn = [Int](repeating: 0, count: g.imageColumns)
                // Raw buffers and the mode decided once: this loop visits every pixel of the CCD
                // (subscripts and a string comparison per pixel cost seconds per CCD).
                let w = canonical.width, bw = background.width, x0 = g.prescanColumns, columns = g.imageColumns
                canonical.values.withUnsafeBufferPointer { v in
                    background.values.withUnsafeBufferPointer { b in
                        residual.values.withUnsafeMutableBufferPointer { out in
                            flags.values.withUnsafeMutableBufferPointer { f in
                                perColumn.withUnsafeMutableBufferPointer { counts in
                                    for y in 0..<g.imageRows {
                                        for i in 0..<columns {
                                            let k = y * w + x0 + i, model = b[y * bw + i]
                                            let r = flat ? v[k] / model : v[k] - model
                                            out[k] = r
                                            // A pixel no frame could give (NaN) is as lost as a flagged one.
                                            if !(Double(r) >= low && Double(r) <= high) { f[k] = 1; counts[i] += 1 }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                var badColumns = 0
                for i in 0..<g.imageColumns where perColumn[i] >= columnPixels {
                    badColumns += 1
                    for y in 0..<g.imageRows { flags.values[y * canonical.width + g.prescanColumns + i] = 1 }
                }
                let count = flags.values.reduce(0) { $0 + Int($1) }
                g.placeCanonical(q, flags, into: &mask)
                g.placeCanonical(q, residual, into: &residualFrame)
                context.ledger.record(Self.table, keys: ["ccd": ccdName, "quadrant": q.rawValue, "mask": kind],
                                      values: ["n": Double(count), "ncols": Double(badColumns),
                                               "pixlost_pc": 100 * Double(count) / Double(g.imageColumns * g.imageRows)])
            }
            let ccd = frame.ccd
            let name = "\(test)/EUC_\(kind == "DARK" ? "DKMSK" : "FLMSK")_CCD\(ccd).fits"
            var header = ProductFiles.primaryHeader(kind: partial ? "MASKPART" : "MASK", test: test, ccd: ccd,
                                                    inputs: [URL(fileURLWithPath: product).lastPathComponent],
                                                    summary: "\(kind.lowercased()) defects of \(stack)")
            header.set("THRLOW", .real(low), comment: "lowest accepted residual")
            header.set("THRHIGH", .real(high), comment: "highest accepted residual")
            header.set("COLPIX", .integer(columnPixels), comment: "flagged pixels making a bad column")
            ProductFiles.addMatchingKeywords(&header, frames: frames.filter { $0.ccd == ccd })
            try ProductFiles.writeMask(context, name: name, mask: mask, image: residualFrame, header: header,
                                       summary: "\(kind.lowercased()) defect mask of CCD\(ccd)")
            state.masks[kind, default: [:]][ccdName] = name
        }
        try state.save(context)
    }
}

/// The merged defect mask of each CCD: the union (OR) of its dark and flat masks (VIS.md
/// 3.3.9), the mask later tests' preparation uses.
public struct MergeMasks: Primitive {
    public let name = "mergeMasks"
    public let summary = "Merge the dark and flat defect masks of each CCD (union)"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let kinds = ["DARK", "FLAT"].filter { state.masks[$0] != nil }
        guard !kinds.isEmpty else { throw VISStepError("mergeMasks: no defect mask was made; findDefects must come first") }
        let frames = try context.stream().map { try VISFrame($0) }
        let ccds = Set(kinds.flatMap { state.masks[$0]!.keys }).sorted()
        for ccdName in ccds {
            guard let frame = frames.first(where: { "CCD\($0.ccd)" == ccdName }) else { continue }
            let sources = kinds.compactMap { state.masks[$0]?[ccdName] }
            var merged: PixelArray<Float>? = nil
            for source in sources {
                let mask = try ProductFiles.readStaged(context, source, hdu: 1)
                if var m = merged {
                    for i in m.values.indices where mask.values[i] != 0 { m.values[i] = 1 }
                    merged = m
                } else { merged = mask }
            }
            let mask = PixelArray<Int32>(shape: merged!.shape, values: merged!.values.map { $0 != 0 ? 1 : 0 })
            let g = frame.geometry
            for q in Quadrant.allCases {
                let canonical = g.canonicalQuadrant(q, of: merged!)
                var count = 0, columns = 0
                for i in 0..<g.imageColumns {
                    var inColumn = 0
                    for y in 0..<g.imageRows where canonical[g.prescanColumns + i, y] != 0 { inColumn += 1 }
                    count += inColumn
                    if inColumn == g.imageRows { columns += 1 }
                }
                context.ledger.record(FindDefects.table, keys: ["ccd": ccdName, "quadrant": q.rawValue, "mask": "MERGED"],
                                      values: ["n": Double(count), "ncols": Double(columns),
                                               "pixlost_pc": 100 * Double(count) / Double(g.imageColumns * g.imageRows)])
            }
            let name = "\(test)/EUC_MASK_CCD\(frame.ccd).fits"
            var header = ProductFiles.primaryHeader(kind: "MASK", test: test, ccd: frame.ccd,
                                                    inputs: sources.map { URL(fileURLWithPath: $0).lastPathComponent },
                                                    summary: "merged (dark OR flat) defect mask")
            ProductFiles.addMatchingKeywords(&header, frames: frames.filter { $0.ccd == frame.ccd })
            try ProductFiles.writeMask(context, name: name, mask: mask, image: nil, header: header, summary: "merged defect mask of CCD\(frame.ccd)")
            state.masks["MERGED", default: [:]][ccdName] = name
        }
        try state.save(context)
    }
}
