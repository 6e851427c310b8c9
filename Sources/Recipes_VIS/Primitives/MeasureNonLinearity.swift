import AstroKit
import Config_VIS
import Dispatch
import Foundation
import Synchronization

/// NL02's extract and NL subtasks (VIS.md 3.3.6), per CCD and quadrant: each frame's tile
/// fluences above its own prescan level (``NL02Frame``; frames read once, two at a time), then
/// ``NonLinearity02/analyse(_:shutter:reference:)``: the shutter's actual exposure times, flux
/// tracking with the stability (STAB) frames, the NL of each set against its line in the
/// overlap of the two sources, and the exp + P4 model.
///
/// Ledger table `nonLinearity` (per CCD and quadrant): `max_nl_pc`, `flu_max_nl_adu`,
/// `stability_pc`, `npoints`, the model's `p0`…`p7` ([A, x0, s, c0…c4]) and `lowest_fluence_adu`.
/// Products `<TEST>/<TEST>_points.fits` (tables NL_POINTS: CCD, QUADRANT, OBSID, TILE,
/// FLUENCE, NL_PC, ROLE; NL_CURVE: the model at 400 fluences) and `<TEST>/<TEST>_points.csv`.
///
/// NL02 removes the offset in the analysis (against the prescan of each frame), so the recipe
/// must not subtract it; bad pixels (0, 65535) are masked when `maskBadPixels` ran.
public struct MeasureNonLinearity: Primitive {
    public let name = "measureNonLinearity"
    public let summary = "NL02: non-linearity of each quadrant from two sources, with shutter and flux-drift corrections"
    public let parameters: [ParameterDeclaration] = [
        .text("chamber", default: "CHAMBER_B_EINSTEIN", doc: "Chamber profile: its shutter table and the test's STAB column"),
        .text("shutter", default: "", doc: "Shutter calibration table (A, B); empty: the chamber profile's"),
        .integer("tile", default: 300, range: 8...2048, doc: "Tile step (vison: 300, tiles of 301 px); small frames use 4 x 4 tiles"),
        .choice("reference", default: "proportional", choices: ["proportional", "affine"],
                doc: "Linear reference in the overlap: F = a t (default) or vison's F = a t + b"),
    ]
    public init() {}
    public static let table = "nonLinearity"
    /// The flux tracking fits a quadratic in time: fewer STAB frames than this leave it undetermined.
    public static let minimumStabilityFrames = 4

    /// One input frame with what NL02 needs beyond ``VISFrame``.
    struct Input {
        var frame: VISFrame
        var wavelength: Int
        var time: Double
    }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let test = try state.requireTest()
        guard state.offsetMethod == .none else {
            throw VISStepError("measureNonLinearity: NL02 measures each frame against its own prescan; the recipe must not subtract the offset first (subtractOffset(method=\(state.offsetMethod.rawValue)))")
        }
        let chamberName = try parameters.string("chamber")
        let chamber = try ChamberProfile.load(chamberName)
        let shutter = try Self.shutter(named: try parameters.string("shutter"), chamber: chamber)
        let reference: NonLinearity02.LinearReference = try parameters.string("reference") == "affine" ? .affine : .proportional
        let inputs = try context.stream().map(Self.input)
        guard !inputs.isEmpty else { throw VISStepError("measureNonLinearity: no frame to measure") }
        let stab = try Self.stabilityColumn(test: test, chamber: chamber)
        for ccd in Set(inputs.map(\.frame.ccd)).sorted() {
            let n = inputs.filter { $0.frame.ccd == ccd && abs($0.frame.exposureTime - stab.time) < 1e-6 && $0.wavelength == stab.wavelength }.count
            guard n >= Self.minimumStabilityFrames else {
                throw VISStepError("measureNonLinearity: CCD\(ccd) has \(n) stability frame(s) (STAB: \(stab.time) s at \(stab.wavelength) nm); the flux tracking needs at least \(Self.minimumStabilityFrames)")
            }
        }
        let tileStep = try parameters.int("tile")
        let measured = try Self.measure(inputs, tileStep: tileStep, maskBad: state.maskBadPixels)

        // One analysis per CCD and quadrant, spread over the cores.
        let keys = Set(inputs.map(\.frame.ccd)).sorted().flatMap { ccd in Quadrant.allCases.map { (ccd, $0) } }
        let results = Mutex<[Int: NL02Result]>([:])
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: keys.count) { k in
            let (ccd, q) = keys[k]
            let members = inputs.indices.filter { inputs[$0].frame.ccd == ccd }
            do {
                let result = try NonLinearity02.analyse(members.map { measured[$0][q]! }, shutter: shutter, reference: reference)
                results.withLock { $0[k] = result }
            } catch {
                failure.withLock { if $0 == nil { $0 = VISStepError("measureNonLinearity: CCD\(ccd) \(q.rawValue): the NL model cannot be fitted (\(error))") } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = results.withLock { $0 }

        var points = NonLinearityPoints()
        for (k, (ccd, q)) in keys.enumerated() {
            let r = all[k]!
            let members = inputs.indices.filter { inputs[$0].frame.ccd == ccd }
            var values: [String: Double] = ["max_nl_pc": r.maxNLPercent, "flu_max_nl_adu": r.fluenceAtMaxNL,
                                            "stability_pc": r.stabilityPercent, "npoints": Double(r.fluence.count),
                                            "lowest_fluence_adu": r.model.lowestFluence, "converged": r.model.converged ? 1 : 0]
            for (i, c) in r.model.coefficients.enumerated() { values["p\(i)"] = c }
            context.ledger.record(Self.table, keys: ["ccd": "CCD\(ccd)", "quadrant": q.rawValue], values: values)
            points.add(r, ccd: "CCD\(ccd)", quadrant: q.rawValue, obsids: members.map { inputs[$0].frame.obsid })
        }
        let base = "\(test)/\(test)_points"
        try points.write(context, fitsName: base + ".fits", csvName: base + ".csv", test: test,
                         inputs: inputs.map(\.frame.fileName), shutter: shutter.name)
        state.masters["NL_POINTS_FITS", default: [:]]["all"] = base + ".fits"
        state.masters["NL_POINTS_CSV", default: [:]]["all"] = base + ".csv"
        try state.save(context)
    }

    static func input(_ dataset: AstroData) throws -> Input {
        let frame = try VISFrame(dataset)
        let wave = dataset.descriptor("wavelength")
        guard let nm = wave.values.first?.value.intValue else {
            throw VISStepError("\(frame.fileName): the source wavelength is unavailable (\(wave.failure.map { "\($0)" } ?? "no value")); NL02 tells its two sources apart by it")
        }
        let date = dataset.descriptor("ut_datetime")
        guard case .date(let when)? = date.values.first?.value else {
            throw VISStepError("\(frame.fileName): the acquisition time is unavailable (\(date.failure.map { "\($0)" } ?? "no value")); the flux tracking needs it")
        }
        return Input(frame: frame, wavelength: nm, time: when.timeIntervalSince1970)
    }

    /// The table named, else the chamber profile's; an error when there is none.
    static func shutter(named name: String, chamber: ChamberProfile) throws -> ShutterCalibration {
        guard let table = name.isEmpty ? chamber.shutter : name else {
            throw VISStepError("measureNonLinearity: the chamber profile \(chamber.name) names no shutter calibration, and NL02 needs the actual exposure times; name a table with measureNonLinearity:shutter=B")
        }
        do { return try ShutterCalibration.load(table) } catch {
            throw VISStepError("measureNonLinearity: shutter calibration \(table) of chamber \(chamber.name) cannot be loaded (\(error))")
        }
    }

    /// The exposure time and source of the test's STAB column.
    static func stabilityColumn(test: String, chamber: ChamberProfile) throws -> (time: Double, wavelength: Int) {
        let definition = try TestCatalog(chamber: chamber).definition(test)
        guard let column = definition.columns.first(where: { $0.role == "STAB" }), let nm = column.wavelength else {
            throw VISStepError("measureNonLinearity: \(test) has no stability (STAB) column; it is not an NL02 test")
        }
        return (column.exposureTime, nm)
    }

    /// The tiling of a quadrant: vison's 301-px tiles every `step` px, or 4 × 4 tiles on an
    /// image too small for 2 × 2 of them (small simulated frames).
    static func tiling(_ g: VISGeometry, step: Int) -> Tiling {
        let size = min(step, min(g.imageColumns, g.imageRows) / 4 - 1)
        return PhotonTransfer.standardTiling(g, size: max(1, size))
    }

    /// Every frame's NL02 tile fluences per quadrant, frames read concurrently.
    static func measure(_ inputs: [Input], tileStep: Int, maskBad: Bool) throws -> [[Quadrant: NL02Frame]] {
        let results = Mutex<[Int: [Quadrant: NL02Frame]]>([:])
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            let input = inputs[i]
            do {
                let pixels = try input.frame.readRaw()
                let g = input.frame.geometry
                let tiles = tiling(g, step: tileStep)
                var frames: [Quadrant: NL02Frame] = [:]
                for q in Quadrant.allCases {
                    let prepared = PreparedQuadrant.extract(pixels, quadrant: q, geometry: g, offset: .none, maskADCLimits: maskBad)
                    frames[q] = NL02Frame(prepared, tiling: tiles, commandedTime: input.frame.exposureTime,
                                          wavelength: input.wavelength, time: input.time)
                }
                results.withLock { $0[i] = frames }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = results.withLock { $0 }
        return inputs.indices.map { all[$0]! }
    }
}
