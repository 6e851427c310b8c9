import Config_VIS
import Foundation
import Recipes_VIS

/// Assembles ``SimulationTruth`` from the model and what each frame was given.
enum TruthBuilder {
    static func frame(row: ExposureLogRow, column: AcquisitionColumn, ccd: CCDModel, model: DetectorModel,
                      conditions: ExposureConditions, prnu: [Quadrant: (mean: Double, rms: Double)],
                      hits: [CosmicHit], geometry g: VISGeometry) -> FrameTruth {
        let quadrants = Quadrant.allCases.map { q -> FrameQuadrantTruth in
            let qm = ccd.model(q)
            let electrons = ExpectedValues.meanElectrons(ccd: ccd, quadrant: q, conditions: conditions,
                                                         geometry: g, prnuMean: prnu[q]?.mean ?? 1)
            let signal = ExpectedValues.meanSignal(electrons: electrons, gain: qm.gain, nonLinearity: model.nonLinearity)
            let level = qm.offset + signal
            // Saturated when a pixel 4σ above the mean (PRNU and shot noise) would clip.
            let spread = (signal * signal * ccd.prnuRMS * ccd.prnuRMS + electrons / (qm.gain * qm.gain)).squareRoot()
            let shotElectrons = conditions.photonFlux(meanGain: ccd.meanGain) * conditions.illuminatedTime
                + qm.darkCurrent * conditions.exposureTime
            return FrameQuadrantTruth(
                quadrant: q, electrons: electrons, signal: signal, level: level,
                saturated: level + 4 * spread >= 65535,
                ptcVariance: ExpectedValues.ptcVariance(electrons: shotElectrons, gain: qm.gain,
                                                        readNoise: qm.readNoise, bf: model.brighterFatter),
                correlations: model.brighterFatter.map { ExpectedValues.brighterFatter($0, signal: shotElectrons).correlations })
        }
        let cosmic = hits.map { hit -> CosmicRayTruth in
            let p = g.filePosition(hit.quadrant, canonicalX: g.prescanColumns + hit.column, canonicalY: hit.row)
            return CosmicRayTruth(hit: hit, fileX: p.x, fileY: p.y)
        }
        return FrameTruth(obsid: row.obsid, ccd: ccd.ccd, fileName: row.fileName, test: row.test ?? "",
                          column: column.label, date: row.date.flatMap(VISDate.format) ?? "",
                          exposureTime: conditions.exposureTime, illuminatedTime: conditions.illuminatedTime,
                          filterPosition: column.filterPosition, wavelength: column.wavelength,
                          vstart: conditions.vstart, vend: conditions.vend, quadrants: quadrants, cosmicRays: cosmic)
    }

    static func ccd(_ ccd: CCDModel, geometry g: VISGeometry, prnu: [Quadrant: (mean: Double, rms: Double)]) -> CCDTruth {
        let quadrants = ccd.quadrants.map { q in
            QuadrantTruth(quadrant: q.quadrant, offset: q.offset, readNoise: q.readNoise, gain: q.gain,
                          darkCurrent: q.darkCurrent, prnuRealized: prnu[q.quadrant]?.rms ?? 0,
                          prnuMean: prnu[q.quadrant]?.mean ?? 1, expectedPrescanLevel: q.offset,
                          expectedPrescanNoise: ExpectedValues.measuredNoise(readNoise: q.readNoise),
                          expectedPTCGain: q.gain, expectedPTCIntercept: ExpectedValues.ptcIntercept(readNoise: q.readNoise),
                          readNoiseElectrons: q.readNoise * q.gain)
        }
        let hot = ccd.hotPixels.map { h -> DefectTruth in
            let p = g.filePosition(h.quadrant, canonicalX: g.prescanColumns + h.column, canonicalY: h.row)
            return DefectTruth(kind: "hot pixel", quadrant: h.quadrant, column: h.column, row: h.row,
                               fileX: p.x, fileY: p.y, darkCurrent: h.darkCurrent, response: 1)
        }
        let columns = ccd.badColumns.map { b -> DefectTruth in
            let p = g.filePosition(b.quadrant, canonicalX: g.prescanColumns + b.column, canonicalY: 0)
            return DefectTruth(kind: "\(b.kind.rawValue) column", quadrant: b.quadrant, column: b.column, row: nil,
                               fileX: p.x, fileY: nil, darkCurrent: b.darkCurrent, response: b.response)
        }
        return CCDTruth(ccd: ccd.ccd, serial: ccd.serial, prnuRMS: ccd.prnuRMS, quadrants: quadrants,
                        hotPixels: hot, badColumns: columns)
    }

    static func truth(request: SimulationRequest, definition: TestDefinition, model: DetectorModel,
                      chamber: ChamberProfile, shutter: ShutterCalibration,
                      prnu: [[Quadrant: (mean: Double, rms: Double)]], frames: [FrameTruth]) -> SimulationTruth {
        SimulationTruth(test: definition.name, seed: model.seed, size: model.size, geometry: GeometryTruth(model.geometry),
                        block: model.block, chamber: chamber.name, shutter: shutter.name, options: request.physics,
                        nonLinearity: model.nonLinearity, brighterFatter: model.brighterFatter, cosmicRays: model.cosmicRays,
                        conventions: SimulationTruth.conventionNotes,
                        ccds: zip(model.ccds, prnu).map { ccd($0, geometry: model.geometry, prnu: $1) },
                        frames: frames)
    }
}
