import Config_VIS
import Foundation
import Recipes_VIS

/// One exposure of a planned run: its column, physical conditions and log rows (one per CCD).
public struct PlannedExposure: Sendable {
    public var obsid: Int
    public var date: Date
    public var column: AcquisitionColumn
    public var conditions: ExposureConditions
    public var rows: [ExposureLogRow]
}

/// Everything a run will do, before any pixel is made: the detector model, the test definition
/// (with `--frames-per-level` applied) and every exposure with its log rows. Planning alone is
/// cheap, so recipes and tests can check the structure of a full-size run without rendering it.
public struct SimulationPlan: Sendable {
    public var request: SimulationRequest
    public var model: DetectorModel
    public var definition: TestDefinition
    public var chamber: ChamberProfile
    public var shutter: ShutterCalibration
    public var exposures: [PlannedExposure]

    /// Every log row, in acquisition order.
    public var rows: [ExposureLogRow] { exposures.flatMap(\.rows) }
}

extension Simulator {
    public static func plan(_ request: SimulationRequest) throws -> SimulationPlan {
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
        var definition = try catalog.definition(request.test)
        for column in definition.columns where !column.acquisition.isSimulated {
            throw SimulationError.unsupportedAcquisition(test: definition.name, column: column.label,
                                                         acquisition: column.acquisition.rawValue)
        }
        if let n = request.framesPerLevel {
            definition.columns = definition.columns.map { var c = $0; c.frames = n; return c }
        }
        // The definition's own rows (ObsIDs, cadence, file names, settings), then what the
        // instrument adds and the frame's readout window.
        let ccds = model.ccds.map(\.ccd)
        let expected = definition.expectedLogRows(firstObsID: request.firstObsID, ccds: ccds, start: request.start)
        let context = RowContext(request: request, definition: definition)
        var exposures: [PlannedExposure] = []
        var next = 0
        for column in definition.columns {
            let conditions = try Self.conditions(column, definition: definition, chamber: chamber,
                                                 shutter: shutter, geometry: model.geometry)
            for _ in 0..<column.frames {
                let rows = expected[next..<(next + ccds.count)].map { context.complete($0, conditions: conditions) }
                next += ccds.count
                guard let first = rows.first, let date = first.date, VISDate.format(date) != nil else {
                    throw SimulationError.unwritableDate(rows.first?.date ?? request.start)
                }
                var actual = conditions
                if let factor = request.illuminationScale[first.obsid] { actual.illuminatedTime *= factor }
                exposures.append(PlannedExposure(obsid: first.obsid, date: date, column: column,
                                                 conditions: actual, rows: rows))
            }
        }
        return SimulationPlan(request: request, model: model, definition: definition, chamber: chamber,
                              shutter: shutter, exposures: exposures)
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
}
