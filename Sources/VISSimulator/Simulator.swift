import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS

/// What a run wrote.
public struct SimulationResult: Sendable {
    public var frames: [URL]
    public var exposureLogs: [URL]
    public var housekeeping: [URL]
    public var truthFile: URL
    public var truth: SimulationTruth
    /// Wall-clock seconds spent rendering each frame and writing each FITS file, in frame order.
    public var renderSeconds: [Double] = []
    public var writeSeconds: [Double] = []
    /// Process CPU seconds (all threads) spent rendering each frame: with both cores free, the
    /// render wall time is about half of it; on a loaded machine the wall time says little.
    public var renderCPUSeconds: [Double] = []
}

/// CPU time of the whole process so far, seconds.
func processCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Runs a campaign test's acquisition, as its ``TestDefinition`` describes it (see
/// ``Simulator/plan(_:)``), through the physics: one FITS file per CCD and exposure, the exposure logs (one per day), one HK file
/// per exposure and `truth.json`.
///
/// ```swift
/// var request = SimulationRequest(test: "PTC01", outputDirectory: out)
/// request.size = .small
/// let result = try Simulator.run(request)
/// result.truth.ccd(1)?.quadrant(.E)?.gain
/// ```
public enum Simulator {
    public static func run(_ request: SimulationRequest) throws -> SimulationResult {
        try run(try plan(request))
    }

    /// Renders and writes a planned run.
    public static func run(_ plan: SimulationPlan) throws -> SimulationResult {
        let request = plan.request, model = plan.model
        try FileManager.default.createDirectory(at: request.outputDirectory, withIntermediateDirectories: true)
        let renderer = FrameRenderer(model: model)
        let prnu = model.ccds.map { ExpectedValues.prnuStatistics(ccd: $0, geometry: model.geometry) }
        var frames: [URL] = [], hkFiles: [URL] = [], frameTruths: [FrameTruth] = []
        var renderSeconds: [Double] = [], writeSeconds: [Double] = [], renderCPU: [Double] = []

        for exposure in plan.exposures {
            for (index, (ccd, row)) in zip(model.ccds, exposure.rows).enumerated() {
                let began = Date(), beganCPU = processCPUTime()
                let frame = renderer.render(ccd: ccd.ccd, conditions: exposure.conditions, frameKey: UInt64(exposure.obsid))
                let rendered = Date()
                renderCPU.append(processCPUTime() - beganCPU)
                let url = request.outputDirectory.appendingPathComponent(row.fileName + ".fits")
                let header = FrameHeader.make(row: row, geometry: frame.geometry, size: request.size,
                                              sparse: request.sparseHeader)
                try FITSWriter.write(to: url.path, overwrite: true) { writer in
                    try writer.addPrimary()
                    try writer.addImage(frame.pixels, shape: frame.shape, header: header, extname: "ROE1_CCD\(ccd.ccd)")
                }
                renderSeconds.append(rendered.timeIntervalSince(began))
                writeSeconds.append(Date().timeIntervalSince(rendered))
                frames.append(url)
                frameTruths.append(TruthBuilder.frame(row: row, column: exposure.column, ccd: ccd, model: model,
                                                      conditions: exposure.conditions, prnu: prnu[index],
                                                      hits: frame.cosmicRays, geometry: frame.geometry))
            }
            if let commanded = exposure.rows.first {
                hkFiles.append(try HousekeepingSimulator.write(obsid: exposure.obsid, date: exposure.date, commanded: commanded,
                                                               ccdTemperature: request.ccdTemperature,
                                                               seed: request.seed, to: request.outputDirectory))
            }
        }
        let logs = try writeLogs(plan.rows, to: request.outputDirectory)
        let truth = TruthBuilder.truth(request: request, definition: plan.definition, model: model, chamber: plan.chamber,
                                       shutter: plan.shutter, prnu: prnu, frames: frameTruths)
        let truthURL = request.truthFile ?? request.outputDirectory.appendingPathComponent("truth.json")
        try truth.write(to: truthURL)
        return SimulationResult(frames: frames, exposureLogs: logs, housekeeping: hkFiles, truthFile: truthURL,
                                truth: truth, renderSeconds: renderSeconds, writeSeconds: writeSeconds,
                                renderCPUSeconds: renderCPU)
    }

    /// One exposure log per day, as ELVIS keeps them: `EXP_LOG_<DDMMYY>.txt`.
    static func writeLogs(_ rows: [ExposureLogRow], to folder: URL) throws -> [URL] {
        var days: [String] = []
        var byDay: [String: [ExposureLogRow]] = [:]
        for row in rows {
            guard let date = row.date, let name = VISFileName.exposureLog(day: date) else { continue }
            if byDay[name] == nil { days.append(name) }
            byDay[name, default: []].append(row)
        }
        return try days.map { name in
            let url = folder.appendingPathComponent(name)
            try ExposureLog.write(byDay[name]!, version: .v7_5_X, to: url)
            return url
        }
    }
}
