import AstroKit
import Config_VIS
import Dispatch
import Foundation
import Synchronization

/// FLAT0X's indivflats and masterflat (VIS.md 3.3.3), per CCD and fluence level (acquisition
/// column): each prepared frame divided by a smooth model of itself (``FlatField``), then the
/// pixel-wise median of those flats with its error, and the PRNU of each quadrant.
///
/// Two passes over each frame, neither holding more than a couple of frames: the first reads
/// each frame whole (two at a time, one per core) for its 25×25-median model and its fluence;
/// the second streams the frames band by band into ``FrameStacker``, dividing each band by the
/// model as it arrives (``FlatFieldRowSource``), so no individual flat is written or kept.
///
/// Products: `<TEST>/EUC_MASTERFLAT_<label>_CCD<n>.fits` (FLAT, EFLAT, MASK). Ledger table
/// `flatLevels`, one row per CCD, quadrant and level: `fluence_adu` (median over frames of the
/// image median above the prescan: [quirk] vison measures it against the overscan, which holds
/// the serial CTI tail of the image), `prnu_pc` (the master's 3σ-clipped std with its residual
/// shot noise removed in quadrature — vison's figure grows as the shot noise of its N frames,
/// +3 % at 25 % of full well with 5 frames), `prnu_vison_pc` (vison's), `nframes`.
public struct MakeFlatField: Primitive {
    public let name = "makeFlatField"
    public let summary = "Individual flats (frame / smooth model) and the master flat, its error and PRNU per level and CCD"
    public let parameters: [ParameterDeclaration] = [
        .integer("box", default: FlatField.box, range: 5...500, doc: "Median box of the smooth model, pixels (vison: 25)"),
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile the test's columns (levels) are defined in"),
        .integer("memory", default: 512, range: 1...65536, doc: "Memory budget for the stacked bands, MB"),
    ]
    public init() {}
    public static let table = "flatLevels"
    public static let productKind = "MASTER_FLAT"

    public static func productName(test: String, label: String, ccd: Int) -> String {
        "\(test)/EUC_MASTERFLAT_\(label)_CCD\(ccd).fits"
    }

    /// A fluence level: the frames of one acquisition column.
    struct Level {
        var label: String
        var relativeFluence: Double?
        var wavelength: Int?
        var frames: [VISFrame]
    }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        let box = try parameters.int("box"), budget = try parameters.int("memory") << 20
        let definition = try TestCatalog(chamber: try parameters.string("chamber")).definition(test)
        let frames = try context.stream().map { try VISFrame($0) }.filter { $0.exposureTime > 0 }
        guard !frames.isEmpty else { throw VISStepError("makeFlatField: no exposed frame (exposure time > 0) among the inputs of \(test)") }
        for ccd in Set(frames.map(\.ccd)).sorted() {
            for level in Self.levels(frames.filter { $0.ccd == ccd }, definition: definition) {
                let preparations = try level.frames.map { frame in
                    let levels = state.offsetMethod == .median ? try FramePreparation.levels(frame, ledger: context.ledger, state: state) : [:]
                    return FramePreparation(geometry: frame.geometry, state: state, levels: levels)
                }
                context.log.info("\(test) CCD\(ccd) \(level.label): \(level.frames.count) frames")
                let models = try Self.models(level.frames, preparations: preparations, box: box)
                let sources: [any RowSource] = level.frames.indices.map {
                    FlatFieldRowSource(frame: level.frames[$0], preparation: preparations[$0], models: models[$0].surfaces)
                }
                let log = context.log
                let stacked = try FrameStacker.stack(sources, options: StackingOptions(method: .median, memoryBudget: budget)) { band, bands in
                    log.progress("CCD\(ccd) \(level.label)", done: band, total: bands)
                }
                try record(level, ccd: ccd, test: test, box: box, stacked: stacked, models: models, context: context, state: &state)
            }
        }
        try state.save(context)
    }

    /// Frames grouped by the acquisition column whose exposure time (and wavelength) they have;
    /// a frame matching none gets a level of its own exposure time.
    static func levels(_ frames: [VISFrame], definition: TestDefinition) -> [Level] {
        var levels: [Level] = []
        for frame in frames.sorted(by: { ($0.exposureTime, $0.obsid) < ($1.exposureTime, $1.obsid) }) {
            let column = definition.columns.first {
                $0.acquisition == .flat && abs($0.exposureTime - frame.exposureTime) <= 1e-6 * max(1, frame.exposureTime)
            }
            let label = column?.label ?? String(format: "t%gs", frame.exposureTime)
            if let k = levels.firstIndex(where: { $0.label == label }) { levels[k].frames.append(frame) }
            else { levels.append(Level(label: label, relativeFluence: column?.relativeFluence, wavelength: column?.wavelength, frames: [frame])) }
        }
        return levels.sorted { $0.label < $1.label }
    }

    /// Each frame's smooth model and fluence per quadrant, frames read concurrently.
    static func models(_ frames: [VISFrame], preparations: [FramePreparation], box: Int) throws
        -> [(surfaces: [Quadrant: GridSpline2D], fluence: [Quadrant: Double])] {
        let results = Mutex<[Int: (surfaces: [Quadrant: GridSpline2D], fluence: [Quadrant: Double])]>([:])
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: frames.count) { i in
            do {
                let frame = frames[i]
                let pixels = try preparations[i].read(frame)
                var surfaces: [Quadrant: GridSpline2D] = [:], fluence: [Quadrant: Double] = [:]
                for q in Quadrant.allCases {
                    let prepared = PreparedQuadrant(pixels: frame.geometry.canonicalQuadrant(q, of: pixels), geometry: frame.geometry)
                    do { surfaces[q] = try FlatField.surface(prepared, box: box) } catch {
                        throw VISStepError("\(frame.fileName): quadrant \(q.rawValue) has no smooth model (\(error))")
                    }
                    fluence[q] = prepared.samples(prepared.imageArea).median
                }
                results.withLock { $0[i] = (surfaces, fluence) }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = results.withLock { $0 }
        return frames.indices.map { all[$0]! }
    }

    /// PRNU per quadrant to the ledger; the master (FLAT, EFLAT, MASK) to the staging folder.
    func record(_ level: Level, ccd: Int, test: String, box: Int, stacked: StackResult,
                models: [(surfaces: [Quadrant: GridSpline2D], fluence: [Quadrant: Double])],
                context: ReductionContext, state: inout VISRunState) throws {
        let g = level.frames[0].geometry
        let n = level.frames.count
        let area = Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: 0, y1: g.imageRows)
        var header = ProductFiles.primaryHeader(kind: "FLAT", test: test, ccd: ccd, inputs: level.frames.map(\.fileName),
                                                summary: "master flat of level \(level.label): median of \(n) frame/model flats")
        header.set("LEVEL", .string(level.label), comment: "acquisition column (fluence level)")
        if let r = level.relativeFluence { header.set("RELFLU", .real(r), comment: "nominal fluence, % of 2^16 ADU") }
        if let nm = level.wavelength { header.set("WAVEL", .integer(nm), comment: "nm (0: ND source, 2000: open)") }
        header.set("NCOMB", .integer(n), comment: "individual flats combined (pixel-wise median)")
        header.set("MODELBOX", .integer(box), comment: "median box of each frame's smooth model, px")
        ProductFiles.addMatchingKeywords(&header, frames: level.frames)
        var fluences: [Double] = []
        for q in Quadrant.allCases {
            let master = MasterFlat(flat: Self.crop(g.canonicalQuadrant(q, of: stacked.stack), area),
                                    standardDeviation: Self.crop(g.canonicalQuadrant(q, of: stacked.standardDeviation), area),
                                    frames: n)
            let fluence = QuadrantResults.median(models.map { $0.fluence[q] ?? .nan })
            fluences.append(fluence)
            context.ledger.record(Self.table, keys: ["ccd": "CCD\(ccd)", "quadrant": q.rawValue, "level": level.label],
                                  values: ["fluence_adu": fluence, "prnu_pc": master.prnuNoiseCorrectedPercent,
                                           "prnu_vison_pc": master.prnuPercent, "nframes": Double(n),
                                           "relative_fluence_pc": level.relativeFluence ?? .nan])
            header.set("FLU_\(q.rawValue)", .real(fluence), comment: "ADU, median image level above the prescan")
            header.set("PRNU_\(q.rawValue)", .real(master.prnuNoiseCorrectedPercent), comment: "%, shot noise removed")
        }
        header.set("FLUENCE", .real(fluences.reduce(0, +) / Double(fluences.count)), comment: "ADU, mean over the quadrants")
        let scale = Float(MasterFlat.errorScale(frames: n))
        let error = PixelArray(shape: stacked.standardDeviation.shape, values: stacked.standardDeviation.values.map { $0 * scale })
        let mask = PixelArray(shape: stacked.usedCount.shape, values: stacked.usedCount.values.map { Int32($0 < UInt16(n) ? 1 : 0) })
        let name = Self.productName(test: test, label: level.label, ccd: ccd)
        try context.writeProduct(name: name, summary: "master flat \(level.label) of CCD\(ccd)") { path in
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addImage(stacked.stack, header: ProductFiles.extensionHeader(nil), extname: "FLAT")
                try w.addImage(error, header: ProductFiles.extensionHeader(nil), extname: "EFLAT")
                try w.addImage(mask, header: ProductFiles.extensionHeader(nil), extname: "MASK")
            }
        }
        state.masters["\(Self.productKind)_\(level.label)", default: [:]]["CCD\(ccd)"] = name
    }

    /// The pixels of `section` as an array of their own.
    static func crop(_ image: PixelArray<Float>, _ section: Section) -> PixelArray<Float> {
        var out = [Float](repeating: 0, count: section.width * section.height)
        for y in 0..<section.height {
            let from = (section.y0 + y) * image.width + section.x0
            out.replaceSubrange((y * section.width)..<((y + 1) * section.width), with: image.values[from..<(from + section.width)])
        }
        return PixelArray(shape: [section.width, section.height], values: out)
    }
}
