import AstroKit
import Config_VIS
import Dispatch
import Foundation
import Synchronization

/// Measures the check statistics of every frame, CCD and quadrant (``ScanStatistics``) into the
/// ledger table `scan`. Frames are read in parallel, one per core, each worker reusing its own
/// buffers, so about one frame per core is resident whatever the test's size. A frame whose pixels cannot be read is
/// flagged BADDATA and set aside; the others are measured.
public struct MeasureScanStatistics: Primitive {
    public let name = "measureScanStatistics"
    public let summary = "Offsets and noise of prescan, image and overscan per frame and quadrant (canonical, vison trims)"
    public let parameters: [ParameterDeclaration] = [
        .choice("imageNoise", default: "auto", choices: ["auto", "model", "none"],
                doc: "ron_img about a degree-5 surface (model), or not measured (none); auto: none for flat-field tests, whose image holds light"),
    ]
    public init() {}

    /// What the pass measures for `test`: flat-field tests skip the image-noise model and take
    /// the fluence medians, so ``MeasureFluence`` need not read the frames again.
    static func options(test: String?, imageNoise: String) -> ScanStatistics.Options {
        let flat = test.flatMap(VISCampaign.acquisition(ofTest:)) == .flat
        let noise = imageNoise == "auto" ? !flat : imageNoise == "model"
        return ScanStatistics.Options(imageNoise: noise, fluenceMedians: flat)
    }

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var state = try VISRunState.load(context)
        let datasets = context.stream()
        guard !datasets.isEmpty else { throw VISStepError("measureScanStatistics: no frames to measure") }
        let options = Self.options(test: state.test, imageNoise: try parameters.string("imageNoise"))
        let frames = try datasets.map { try VISFrame($0) }
        let results = Mutex([Int: Result<[Quadrant: [String: Double]], any Error>]())
        let done = Mutex(0), next = Mutex(0)
        let frozen = state, log = context.log
        // One worker per core; each takes the next frame and keeps its own buffers (four
        // canonical quadrants, a band of file rows, a residual), so memory stays at about one
        // frame per core whatever the number of frames, and nothing is allocated per frame.
        let workers = max(1, min(frames.count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var quadrants: [PixelArray<Float>] = [], band: [Float] = []
            var workspace = ScanStatistics.Workspace()
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < frames.count else { break }
                let outcome = Result { () throws -> [Quadrant: [String: Double]] in
                    let frame = frames[i]
                    try frame.readCanonicalQuadrants(into: &quadrants, band: &band)
                    var out: [Quadrant: [String: Double]] = [:]
                    for (index, q) in Quadrant.allCases.enumerated() {
                        out[q] = try ScanStatistics.measure(masking: &quadrants[index], frame: frame, state: frozen,
                                                            workspace: &workspace, options: options)
                    }
                    return out
                }
                results.withLock { $0[i] = outcome }
                let n = done.withLock { $0 += 1; return $0 }
                log.progress("main", done: n, total: frames.count)
            }
        }
        var kept: [AstroData] = []
        var failures: [String] = []
        let all = results.withLock { $0 }
        for (i, frame) in frames.enumerated() {
            switch all[i]! {
            case .failure(let error):
                failures.append("\(frame.fileName): \(error)")
                state.excludedFiles[frame.fileName] = "\(error)"
            case .success(let quadrants):
                kept.append(datasets[i])
                for q in Quadrant.allCases {
                    context.ledger.record(ScanStatistics.table,
                                          keys: ["file": frame.fileName, "obsid": String(frame.obsid), "ccd": String(frame.ccd), "quadrant": q.rawValue],
                                          values: quadrants[q]!.merging(["exptime": frame.exposureTime], uniquingKeysWith: { a, _ in a }))
                }
            }
        }
        if !failures.isEmpty {
            let previous = context.flags["BADDATA"].map { $0 + "; " } ?? ""
            context.flags["BADDATA"] = previous + failures.joined(separator: "; ")
            context.log.warning("BADDATA: \(failures.joined(separator: "; "))")
            guard !kept.isEmpty else { throw VISStepError("no frame could be measured: \(failures.joined(separator: "; "))") }
            context.setStream("main", kept)
        }
        try state.save(context)
    }
}

/// Records that frames are to be prepared with bad pixels (0 or 65535) masked.
public struct MaskBadPixels: Primitive {
    public let name = "maskBadPixels"
    public let summary = "Mask lost (0) and saturated (65535) pixels when frames are prepared"
    public let parameters: [ParameterDeclaration] = []
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        try VISRunState.update(context) { $0.maskBadPixels = true }
    }
}

/// Records how each quadrant's offset is subtracted when frames are prepared: one prescan
/// level per quadrant (`median`, BIAS0X and COSMETICS00) or one per row (`row`, DARK01).
public struct SubtractOffset: Primitive {
    public let name = "subtractOffset"
    public let summary = "Subtract the prescan level per quadrant (single level or per row) when frames are prepared"
    public let parameters: [ParameterDeclaration] = [
        .choice("method", default: "median", choices: ["median", "row"], doc: "One level per quadrant, or one per row"),
        .integer("first", default: 25, range: 0...50, doc: "First canonical prescan column used"),
        .integer("last", default: 45, range: 0...50, doc: "Last canonical prescan column used (inclusive)"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let method = try parameters.string("method"), first = try parameters.int("first"), last = try parameters.int("last")
        guard first <= last else { throw VISStepError("subtractOffset: the first prescan column \(first) is after the last \(last)") }
        try VISRunState.update(context) { s in
            s.offsetMethod = VISRunState.OffsetMethod(rawValue: method) ?? .median
            s.offsetColumns = [first, last + 1]
        }
    }
}
