import AstroKit
import Config_VIS
import Foundation

/// Stacks each CCD's prepared frames pixel by pixel (median or mean, optional sigma clipping,
/// bad pixels excluded) into a master written to `<TEST>/` with its STD and MASK. Frames are
/// prepared band by band as they stream into ``FrameStacker`` (``FramePreparation``), within
/// a memory budget: never the whole cube, never a prepared copy of a frame.
public struct StackFrames: Primitive {
    public let name = "stackFrames"
    public let summary = "Median or mean stack of each CCD's prepared frames into a master (STACK, STD, MASK)"
    public let parameters: [ParameterDeclaration] = [
        .choice("product", default: "MASTER_BIAS", choices: ["MASTER_BIAS", "MASTER_DARK", "DARK_STACK", "FLAT_STACK"],
                doc: "What the stack is; COSMETICS00 stacks its biases (DARK_STACK) and flats (FLAT_STACK) apart"),
        .choice("frames", default: "all", choices: ["all", "unexposed", "exposed"], doc: "Which frames: all, exposure time 0, or > 0"),
        .choice("method", default: "median", choices: ["median", "mean"], doc: "Pixel-wise statistic (vison: median)"),
        .real("sigma", default: 0, range: 0...100, doc: "Sigma-clipping threshold about the median; 0 for none (vison)"),
        .integer("memory", default: 128, range: 16...65536,
                 doc: "Memory budget for the input bands, MB (more only means fewer, taller bands: the result is the same)"),
    ]
    public init() {}

    public static func productName(_ kind: String, test: String, ccd: Int) -> String {
        switch kind {
        case "MASTER_BIAS": return "\(test)/EUC_MASTERBIAS_CCD\(ccd).fits"
        case "MASTER_DARK": return "\(test)/EUC_MASTERDARK_CCD\(ccd).fits"
        case "DARK_STACK": return "\(test)/EUC_DARKSTACK_CCD\(ccd).fits"
        default: return "\(test)/EUC_FLATSTACK_CCD\(ccd).fits"
        }
    }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let kind = try parameters.string("product"), which = try parameters.string("frames")
        let sigma = try parameters.double("sigma")
        let options = StackingOptions(method: try parameters.string("method") == "mean" ? .mean : .median,
                                      clipping: sigma > 0 ? .init(low: sigma, high: sigma) : nil,
                                      memoryBudget: try parameters.int("memory") << 20)
        let frames = try context.stream().map { try VISFrame($0) }.filter { f in
            which == "all" || (which == "unexposed" ? f.exposureTime == 0 : f.exposureTime > 0)
        }
        guard !frames.isEmpty else { throw VISStepError("stackFrames(product=\(kind)): no \(which) frame to stack") }
        for ccd in Set(frames.map(\.ccd)).sorted() {
            let ccdFrames = frames.filter { $0.ccd == ccd }
            let sources = try ccdFrames.map { frame -> any RowSource in
                let levels = state.offsetMethod == .median ? try FramePreparation.levels(frame, ledger: context.ledger, state: state) : [:]
                return try FramePreparation(geometry: frame.geometry, state: state, levels: levels).rowSource(frame)
            }
            let log = context.log
            let result = try FrameStacker.stack(sources, options: options) { band, bands in log.progress("CCD\(ccd)", done: band, total: bands) }
            let name = Self.productName(kind, test: test, ccd: ccd)
            let proctype = kind == "MASTER_DARK" ? "DARK" : kind == "MASTER_BIAS" ? "BIAS" : "STACK"
            var header = ProductFiles.primaryHeader(kind: proctype, test: test, ccd: ccd, inputs: ccdFrames.map(\.fileName),
                                                    summary: "\(options.method.rawValue) of \(ccdFrames.count) prepared frames")
            header.set("COMBINE", .string(options.method.rawValue), comment: "pixel-wise statistic")
            header.set("OFFSUB", .string(state.offsetMethod.rawValue), comment: "prescan level subtracted per quadrant")
            header.set("BADMASK", .logical(state.maskBadPixels), comment: "pixels at 0 or 65535 excluded")
            ProductFiles.addMatchingKeywords(&header, frames: ccdFrames)
            try ProductFiles.writeStack(context, name: name, result: result, header: header, inputs: ccdFrames.count,
                                        summary: "\(kind) of CCD\(ccd)")
            state.masters[kind, default: [:]]["CCD\(ccd)"] = name
        }
        try state.save(context)
    }
}
