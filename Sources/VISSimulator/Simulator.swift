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

/// Runs a campaign test's acquisition, as its ``TestDefinition`` describes it, through the
/// physics: one FITS file per CCD and exposure, the exposure logs (one per day), one HK file
/// per exposure and `truth.json`.
///
/// ```swift
/// var request = SimulationRequest(test: "PTC01", outputDirectory: out)
/// request.size = .small
/// let result = try Simulator.run(request)
/// result.truth.ccd(1)?.quadrant(.E)?.gain
/// ```
public enum Simulator {
    /// Readout of a full frame, s, and the fixed overhead per exposure (VIS.md 6).
    public static let readoutTime = 71.0
    public static let exposureOverhead = 4.0

    public static func run(_ request: SimulationRequest) throws -> SimulationResult {
        for ccd in request.ccds where !(1...3).contains(ccd) { throw SimulationError.invalidCCD(ccd) }
        if let n = request.framesPerLevel, n < 1 { throw SimulationError.invalidFrameCount(n) }
        let model = try DetectorModel.make(seed: request.seed, ccds: request.ccds, size: request.size,
                                           block: request.block, options: request.physics)
        let chamber = try ChamberProfile.load(request.chamber)
        let shutter = try ShutterCalibration.load(chamber.shutter ?? "B")
        // Serials of all three CCDs go in every log row, simulated or not.
        let serials = (1...3).map {
            DetectorModel.makeCCD(seed: request.seed, ccd: $0, geometry: model.geometry, offsets: nil,
                                  options: request.physics).serial
        }
        let catalog = try TestCatalog(chamber: chamber, diffValues: [
            .sn_ccd1: .text(serials[0]), .sn_ccd2: .text(serials[1]), .sn_ccd3: .text(serials[2]),
        ])
        let definition = try catalog.definition(request.test)
        for column in definition.columns where !column.acquisition.isSimulated {
            throw SimulationError.unsupportedAcquisition(test: definition.name, column: column.label,
                                                         acquisition: column.acquisition.rawValue)
        }
        try FileManager.default.createDirectory(at: request.outputDirectory, withIntermediateDirectories: true)

        let renderer = FrameRenderer(model: model)
        let prnu = model.ccds.map { ExpectedValues.prnuStatistics(ccd: $0, geometry: model.geometry) }
        var frames: [URL] = [], hkFiles: [URL] = [], rows: [ExposureLogRow] = [], frameTruths: [FrameTruth] = []
        var renderSeconds: [Double] = [], writeSeconds: [Double] = [], renderCPU: [Double] = []
        var clock = request.start
        var obsid = request.firstObsID
        let context = RowContext(request: request, definition: definition)

        for column in definition.columns {
            let conditions = try Self.conditions(column, definition: definition, chamber: chamber,
                                                 shutter: shutter, geometry: model.geometry)
            for _ in 0..<(request.framesPerLevel ?? column.frames) {
                var exposureRows: [ExposureLogRow] = []
                for (index, ccd) in model.ccds.enumerated() {
                    guard let name = VISFileName.exposure(obsid: obsid, date: clock, ccd: ccd.ccd) else {
                        throw SimulationError.unwritableDate(clock)
                    }
                    let row = context.row(obsid: obsid, fileName: name, ccd: ccd.ccd, date: clock,
                                          column: column, conditions: conditions)
                    let began = Date(), beganCPU = processCPUTime()
                    let frame = renderer.render(ccd: ccd.ccd, conditions: conditions, frameKey: UInt64(obsid))
                    let rendered = Date()
                    renderCPU.append(processCPUTime() - beganCPU)
                    let url = request.outputDirectory.appendingPathComponent(name + ".fits")
                    let header = FrameHeader.make(row: row, geometry: frame.geometry, size: request.size,
                                                  sparse: request.sparseHeader)
                    try FITSWriter.write(to: url.path, overwrite: true) { writer in
                        try writer.addPrimary()
                        try writer.addImage(frame.pixels, shape: frame.shape, header: header, extname: "ROE1_CCD\(ccd.ccd)")
                    }
                    renderSeconds.append(rendered.timeIntervalSince(began))
                    writeSeconds.append(Date().timeIntervalSince(rendered))
                    frames.append(url)
                    exposureRows.append(row)
                    frameTruths.append(TruthBuilder.frame(row: row, column: column, ccd: ccd, model: model,
                                                          conditions: conditions, prnu: prnu[index], hits: frame.cosmicRays,
                                                          geometry: frame.geometry))
                }
                rows += exposureRows
                if let commanded = exposureRows.first {
                    hkFiles.append(try HousekeepingSimulator.write(obsid: obsid, date: clock, commanded: commanded,
                                                                   ccdTemperature: request.ccdTemperature,
                                                                   seed: request.seed, to: request.outputDirectory))
                }
                obsid += 1
                clock += exposureOverhead + readoutTime + column.exposureTime
            }
        }
        let logs = try writeLogs(rows, to: request.outputDirectory)
        let truth = TruthBuilder.truth(request: request, definition: definition, model: model, chamber: chamber,
                                       shutter: shutter, prnu: prnu, frames: frameTruths)
        let truthURL = request.truthFile ?? request.outputDirectory.appendingPathComponent("truth.json")
        try truth.write(to: truthURL)
        return SimulationResult(frames: frames, exposureLogs: logs, housekeeping: hkFiles, truthFile: truthURL,
                                truth: truth, renderSeconds: renderSeconds, writeSeconds: writeSeconds,
                                renderCPUSeconds: renderCPU)
    }

    /// The physical conditions of a column's frames.
    static func conditions(_ column: AcquisitionColumn, definition: TestDefinition, chamber: ChamberProfile,
                           shutter: ShutterCalibration, geometry: VISGeometry) throws -> ExposureConditions {
        let rows = window(vstart: Int(column.number(.vstart) ?? 0), vend: Int(column.number(.vend) ?? 2086),
                          geometry: geometry)
        let exptime = column.exposureTime
        var timeToFullWell: Double?
        if column.acquisition.opensShutter, exptime > 0 {
            guard let position = column.filterPosition,
                  let t = chamber.timeToFullWell(.flat, filterPosition: position) else {
                throw SimulationError.missingTimeToFullWell(test: definition.name, column: column.label, chamber: chamber.name)
            }
            timeToFullWell = t
        }
        let illuminated = timeToFullWell == nil ? 0 : shutter.actualExposureTime(commanded: exptime)
        return ExposureConditions(exposureTime: exptime, illuminatedTime: illuminated,
                                  timeToFullWell: timeToFullWell, vstart: rows.vstart, vend: rows.vend)
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
