import Config_VIS
import Foundation

/// Stage 1 of a frame: the electrons collected in the image area of each quadrant, in
/// canonical (readout-order) layout, `[quadrant][row][column]`, before readout. Light through
/// the PRNU map and column responses, dark current, hot pixels, Poisson noise, cosmic rays.
///
/// The buffer is reused from frame to frame; row blocks are filled in parallel, each from its own
/// random stream named by (seed, CCD, frame, block), so the result does not depend on scheduling.
final class ChargeImage {
    let columns: Int
    let rows: Int
    private(set) var electrons: [Float]

    static let blockRows = 64

    init(geometry: VISGeometry) {
        columns = geometry.imageColumns
        rows = geometry.imageRows
        electrons = [Float](repeating: 0, count: 4 * columns * rows)
    }

    var quadrantStride: Int { columns * rows }

    /// Fills the buffer for one CCD and exposure; returns the cosmic-ray hits deposited.
    func expose(ccd: CCDModel, conditions: ExposureConditions, cosmicModel: CosmicRayModel?,
                seed: UInt64, frameKey: UInt64) -> [CosmicHit] {
        let flux = conditions.photonFlux(meanGain: ccd.meanGain) * conditions.illuminatedTime
        let darkTime = conditions.exposureTime
        let columns = self.columns, rows = self.rows
        let blocksPerQuadrant = (rows + Self.blockRows - 1) / Self.blockRows
        // Per-column response and extra dark, per quadrant: bad columns without a per-pixel test.
        var columnResponse = [[Double]](repeating: [Double](repeating: 1, count: columns), count: 4)
        var columnDark = [[Double]](repeating: [Double](repeating: 0, count: columns), count: 4)
        for bad in ccd.badColumns {
            let qi = bad.quadrant.index
            columnResponse[qi][bad.column] *= bad.response
            columnDark[qi][bad.column] += bad.darkCurrent
        }
        let hotByQuadrant = (0..<4).map { qi in ccd.hotPixels.filter { $0.quadrant.index == qi } }
        let prnuRMS = ccd.prnuRMS
        let prnuKeys = (0..<4).map { SplitMix64.hash(ccd.prnuKey, UInt64($0)) }
        let ccdNumber = UInt64(ccd.ccd)

        let responses = columnResponse, darks = columnDark
        electrons.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedPointer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 4 * blocksPerQuadrant) { block in
                let base = shared.base
                let qi = block / blocksPerQuadrant
                let firstRow = (block % blocksPerQuadrant) * Self.blockRows
                let lastRow = min(rows, firstRow + Self.blockRows)
                var rng = Xoshiro256(stream: seed, ccdNumber, frameKey, 1, UInt64(block))
                let model = ccd.quadrants[qi]
                let response = responses[qi], extraDark = darks[qi]
                let key = prnuKeys[qi]
                // Without light every pixel of a column has the same mean: precompute it and,
                // for the exact small-mean Poisson, its e^−mean.
                let darkMean = (0..<columns).map { (model.darkCurrent + extraDark[$0]) * darkTime }
                let expMinusMean = darkMean.map { Foundation.exp(-$0) }
                let threshold = Xoshiro256.poissonNormalThreshold
                for row in firstRow..<lastRow {
                    let line = base + qi * columns * rows + row * columns
                    if flux <= 0 {
                        for column in 0..<columns {
                            let mean = darkMean[column]
                            line[column] = mean <= 0 ? 0
                                : Float(mean < threshold ? rng.poissonInversion(mean, expMinusMean: expMinusMean[column])
                                                         : rng.poisson(mean))
                        }
                        continue
                    }
                    for column in 0..<columns {
                        var light = flux * response[column]
                        if prnuRMS > 0, light > 0 {
                            light *= 1 + prnuRMS * PixelHash.normal(key: key, x: column, y: row)
                        }
                        line[column] = Float(rng.poisson(light + darkMean[column]))
                    }
                }
                for hot in hotByQuadrant[qi] where hot.row >= firstRow && hot.row < lastRow {
                    base[qi * columns * rows + hot.row * columns + hot.column] += Float(rng.poisson(hot.darkCurrent * darkTime))
                }
            }
        }
        guard let cosmicModel, conditions.exposureTime >= cosmicModel.minimumExposure else { return [] }
        var rng = Xoshiro256(stream: seed, ccdNumber, frameKey, 3)
        let hits = CosmicRays.draw(model: cosmicModel, exposureTime: conditions.exposureTime,
                                   columns: columns, rows: rows, rng: &rng)
        for hit in hits { deposit(hit) }
        return hits
    }

    /// Adds a track's electrons along its segment, sampled every 0.25 pixel.
    private func deposit(_ hit: CosmicHit) {
        let steps = max(1, Int((hit.length * 4).rounded(.up)))
        let perStep = hit.electrons / Double(steps)
        let dx = Foundation.cos(hit.angle) * hit.length / Double(steps)
        let dy = Foundation.sin(hit.angle) * hit.length / Double(steps)
        let qi = hit.quadrant.index
        for s in 0..<steps {
            let x = Int((Double(hit.column) + 0.5 + (Double(s) + 0.5) * dx).rounded(.down))
            let y = Int((Double(hit.row) + 0.5 + (Double(s) + 0.5) * dy).rounded(.down))
            guard x >= 0, x < columns, y >= 0, y < rows else { continue }
            electrons[qi * quadrantStride + y * columns + x] += Float(perStep)
        }
    }
}

extension Quadrant {
    /// Position in E, F, G, H order.
    var index: Int {
        switch self {
        case .E: return 0
        case .F: return 1
        case .G: return 2
        case .H: return 3
        }
    }
}
