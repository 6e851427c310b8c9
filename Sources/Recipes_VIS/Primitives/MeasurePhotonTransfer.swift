import AstroKit
import Config_VIS
import Dispatch
import Foundation
import Synchronization

/// Measures the photon-transfer points of every pair (``PairFrames``), CCD and quadrant (VIS.md
/// 3.3.4 extract_PTC): per tile, median(A) and var(A − B)/2 of the prepared frames (the run's
/// preparation: ``MaskBadPixels``, ``SubtractOffset``), mask-aware, no clipping
/// (``PhotonTransfer/measure``). Points go to ``PhotonTransferPoints``; ledger table `ptc_pairs`
/// gets, per CCD, pair and quadrant, `npoints`, `saturated_a`, `saturated_b`, `rejected`.
///
/// Each frame is read once, as raw 16-bit pixels; two pairs are measured at a time (one per
/// core), a quadrant at a time, so at most four raw frames and four prepared quadrants are
/// resident whatever the number of frames.
///
/// Saturated pixels (65535) are excluded with the bad pixels. In a pair whose fluence lies
/// below `saturationBelow` (the top of the gain fit) there should be none: such pixels raise
/// PTC_SATURATION, naming the CCD, quadrant, ObsIDs and counts. Higher levels approach the ADC
/// ceiling by design (a 90 % level of a low-gain quadrant clips), and are not flagged.
public struct MeasurePhotonTransfer: Primitive {
    public let name = "measurePhotonTransfer"
    public let summary = "Per pair, quadrant and tile: median(A) and var(A-B)/2 of the prepared flats (PTC points)"
    public let parameters: [ParameterDeclaration] = [
        .integer("tileSize", default: 300, range: 8...2048,
                 doc: "Tile step of vison's tiling (tiles of size+1 pixels); when fewer than 2x2 fit (small frames), 4x4 tiles cover the image"),
        .real("minimumValid", default: 0.5, range: 0...1, doc: "Fraction of a tile's pixels that must be valid in both frames"),
        .real("saturationBelow", default: 40_000, range: 0...65_536,
              doc: "Saturated pixels in a pair whose fluence (ADU) is below this raise PTC_SATURATION"),
    ]
    public init() {}
    public static let table = "ptc_pairs"

    struct PairJob: Sendable {
        var ccd: Int, pair: Int, obsidB: Int, label: String
        var pathA: String, pathB: String, geometry: VISGeometry
        var rejected: Bool, fluence: Double
        /// Defect masks of the two frames (``ApplyDefectMask``), when the recipe asked for one.
        var defectsA: String? = nil, defectsB: String? = nil
    }

    struct QuadrantOutcome: Sendable {
        var points: [PTCPoint]
        var saturatedA: Int, saturatedB: Int
    }

    /// vison's tiling, or 4×4 tiles when the image is too small for it.
    public static func tiling(_ g: VISGeometry, size: Int) -> Tiling {
        let standard = PhotonTransfer.standardTiling(g, size: size)
        if standard.xOrigins.count >= 2 && standard.yOrigins.count >= 2 { return standard }
        let side = max(2, min(g.imageColumns, g.imageRows) / 4)
        return Tiling(area: Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: 0, y1: g.imageRows),
                      tileWidth: side, tileHeight: side)
    }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let size = try parameters.int("tileSize"), minimumValid = try parameters.double("minimumValid")
        let saturationBelow = try parameters.double("saturationBelow")
        let frames = try context.stream().map { try VISFrame($0) }
        let byName = Dictionary(frames.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        let pairRows = context.ledger.rows(PairFrames.table)
        guard !pairRows.isEmpty else { throw VISStepError("measurePhotonTransfer: no pairs; pairFrames must run first") }
        let jobs: [PairJob] = try pairRows.map { row in
            guard let a = byName[row.keys["file_a"] ?? ""], let b = byName[row.keys["file_b"] ?? ""] else {
                throw VISStepError("measurePhotonTransfer: pair \(row.keys["pair"] ?? "?") names a frame that is not in the stream")
            }
            return PairJob(ccd: a.ccd, pair: a.obsid, obsidB: b.obsid, label: row.keys["column"] ?? "", pathA: a.path,
                           pathB: b.path, geometry: a.geometry, rejected: (row.values["rejected"] ?? 0) != 0,
                           fluence: max(row.values["fluence_a"] ?? .nan, row.values["fluence_b"] ?? .nan),
                           defectsA: state.calibrationFiles["defect_mask"]?[a.fileName],
                           defectsB: state.calibrationFiles["defect_mask"]?[b.fileName])
        }
        let offset: PreparedQuadrant.OffsetMethod = switch state.offsetMethod {
        case .row: .row
        case .median: .median
        case .none: .none
        }
        let mask = state.maskBadPixels
        let results = Mutex([Int: Result<[Quadrant: QuadrantOutcome], any Error>]())
        let done = Mutex(0)
        let log = context.log
        // Two pairs at a time: one per core; the tiles of a quadrant run in parallel within.
        let workers = 2
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var workspace = Workspace()
            for j in stride(from: worker, to: jobs.count, by: workers) {
                let job = jobs[j]
                let outcome = Result { try Self.measure(job, size: size, minimumValid: minimumValid, offset: offset, mask: mask,
                                                        workspace: &workspace) }
                results.withLock { $0[j] = outcome }
                let n = done.withLock { $0 += 1; return $0 }
                log.progress("pairs", done: n, total: jobs.count)
            }
        }
        var store = try PhotonTransferPoints.load(context)
        let measuredPairs = Set(jobs.map { "\($0.ccd)/\($0.pair)" })
        store.entries.removeAll { measuredPairs.contains("\($0.ccd)/\($0.point.pair)") }
        let all = results.withLock { $0 }
        var saturation: [String] = []
        for (j, job) in jobs.enumerated() {
            let quadrants = try all[j]!.get()
            for q in Quadrant.allCases {
                let o = quadrants[q]!
                store.entries += o.points.map { .init(ccd: job.ccd, point: $0, pairRejected: job.rejected, used: false) }
                context.ledger.record(Self.table, keys: ["ccd": String(job.ccd), "pair": String(job.pair), "quadrant": q.rawValue],
                                      values: ["npoints": Double(o.points.count), "saturated_a": Double(o.saturatedA),
                                               "saturated_b": Double(o.saturatedB), "rejected": job.rejected ? 1 : 0])
                if job.fluence < saturationBelow && o.saturatedA + o.saturatedB > 0 {
                    saturation.append("CCD\(job.ccd) \(q.rawValue) \(job.label) ObsID \(job.pair)/\(job.obsidB) (\(String(format: "%.0f", job.fluence)) ADU): \(o.saturatedA) + \(o.saturatedB) saturated pixels excluded")
                }
            }
        }
        let sample = jobs.first.map { Self.tiling($0.geometry, size: size) }
        store.tileSize = sample?.tileWidth ?? 0
        store.tiles = sample?.count ?? 0
        try store.save(context)
        if let sample, sample.tileWidth != size + 1 {
            context.log.info("measurePhotonTransfer: the image is too small for tiles of \(size + 1); \(sample.count) tiles of \(sample.tileWidth) used")
        }
        if !saturation.isEmpty {
            context.flags["PTC_SATURATION"] = (context.flags["PTC_SATURATION"].map { $0 + "; " } ?? "") + saturation.joined(separator: "; ")
            context.log.warning("PTC_SATURATION: \(saturation.joined(separator: "; "))")
        }
    }

    /// What one worker keeps from pair to pair: the two raw frames and the prepared quadrants'
    /// buffers, so measuring hundreds of frames allocates nothing per frame.
    struct Workspace {
        var rawA = PixelArray<UInt16>(width: 0, height: 0, repeating: 0)
        var rawB = PixelArray<UInt16>(width: 0, height: 0, repeating: 0)
        var quadrantA = PreparedQuadrant.Storage(), quadrantB = PreparedQuadrant.Storage()
    }


    static func measure(_ job: PairJob, size: Int, minimumValid: Double, offset: PreparedQuadrant.OffsetMethod,
                        mask: Bool, workspace: inout Workspace) throws -> [Quadrant: QuadrantOutcome] {
        try VISFrame.readRaw(job.pathA, into: &workspace.rawA)
        try VISFrame.readRaw(job.pathB, into: &workspace.rawB)
        let a = workspace.rawA, b = workspace.rawB
        let g = job.geometry
        guard a.shape == g.frameShape, b.shape == g.frameShape else {
            throw VISStepError("pair \(job.pair)/\(job.obsidB): the frames are not both \(g.frameShape[0]) x \(g.frameShape[1])")
        }
        let tiling = Self.tiling(g, size: size)
        var out: [Quadrant: QuadrantOutcome] = [:]
        let defectsA = try job.defectsA.map { try CalibrationPixels.shared.image($0, extension: "MASK") }
        let defectsB = try job.defectsB.map { try CalibrationPixels.shared.image($0, extension: "MASK") }
        for q in Quadrant.allCases {
            var qa = PreparedQuadrant.extract(a, quadrant: q, geometry: g, offset: offset, maskADCLimits: mask, storage: &workspace.quadrantA)
            var qb = PreparedQuadrant.extract(b, quadrant: q, geometry: g, offset: offset, maskADCLimits: mask, storage: &workspace.quadrantB)
            if let defectsA { qa.exclude(defectsA, quadrant: q) }
            if let defectsB { qb.exclude(defectsB, quadrant: q) }
            let points = PhotonTransfer.measure(qa, qb, quadrant: q, pair: job.pair, tiling: tiling, minimumValidFraction: minimumValid)
            out[q] = QuadrantOutcome(points: points, saturatedA: qa.saturatedImagePixels, saturatedB: qb.saturatedImagePixels)
            qa.release(to: &workspace.quadrantA)
            qb.release(to: &workspace.quadrantB)
        }
        return out
    }
}
