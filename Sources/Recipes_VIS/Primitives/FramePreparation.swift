import AstroKit
import Config_VIS
import Foundation

/// How one frame is prepared, applied to bands of file rows while pixels stream (to a stack,
/// or to a whole frame read for statistics): bad pixels (exactly 0 or 65535) become NaN, then
/// each quadrant's prescan level is subtracted.
///
/// The level is the 4-sigma-clipped mean of the prescan ([quirk] vison subtracts the median,
/// which on integer data moves in 0.5 ADU steps and leaves up to 0.5 ADU in a master bias; the
/// clipped mean is not quantised; the prescan is virtual, with no cosmic rays to resist).
public struct FramePreparation: Sendable {
    public let geometry: VISGeometry
    public let maskBadPixels: Bool
    public let method: VISRunState.OffsetMethod
    /// Canonical prescan columns measured.
    public let columns: Range<Int>
    /// Per-quadrant levels for the `median` method (one level per quadrant).
    public let levels: [Quadrant: Double]
    /// Processed calibrations per kind and frame file name (``VISRunState/calibrationFiles``).
    public let calibrationFiles: [String: [String: String]]

    public init(geometry: VISGeometry, state: VISRunState, levels: [Quadrant: Double] = [:]) {
        self.geometry = geometry
        maskBadPixels = state.maskBadPixels
        method = state.offsetMethod
        let c = state.offsetColumns
        columns = max(0, c.first ?? 25)..<min(geometry.prescanColumns, c.last ?? 46)
        self.levels = levels
        calibrationFiles = state.calibrationFiles
    }

    public var isIdentity: Bool { !maskBadPixels && method == .none && calibrationFiles.isEmpty }

    /// File columns of a quadrant's measured prescan in a full frame.
    func fileColumns(_ q: Quadrant) -> [Int] {
        let x0 = geometry.quadrant(q).whole.x0, w = geometry.quadrantWidth
        return columns.map { q.flipsX ? x0 + w - 1 - $0 : x0 + $0 }
    }

    /// Prepares file rows `rows` (full-width) held in `band`, in place.
    public func apply(rows: Range<Int>, width: Int, band: UnsafeMutableBufferPointer<Float>) throws {
        if maskBadPixels {
            for i in 0..<(rows.count * width) {
                let v = band[i]
                if v == 0 || v == 65535 { band[i] = .nan }
            }
        }
        guard method != .none else { return }
        let h = geometry.quadrantHeight, w = geometry.quadrantWidth
        // Per quadrant, once per band: where it starts in a file row, its prescan columns and,
        // for the `median` method, its single level.
        let bottom: [Quadrant] = [.E, .F], top: [Quadrant] = [.H, .G]
        var fixed: [Quadrant: Float] = [:]
        if method == .median {
            for q in Quadrant.allCases {
                guard let l = levels[q] else {
                    throw VISStepError("no prescan level for quadrant \(q.rawValue): measureScanStatistics must run before the offset is subtracted")
                }
                fixed[q] = Float(l)
            }
        }
        let columnsOf = Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0, fileColumns($0)) })
        var scan = [Float](repeating: 0, count: columns.count)
        for (k, y) in rows.enumerated() {
            let row = band.baseAddress! + k * width
            for q in y < h ? top : bottom {
                let level: Float
                if let l = fixed[q] {
                    level = l
                } else {
                    var n = 0
                    for x in columnsOf[q]! { let v = row[x]; if !v.isNaN { scan[n] = v; n += 1 } }
                    level = n > 0 ? Float(RobustLocation(Samples(Array(scan[0..<n])), sigma: 4).value) : .nan
                }
                let x0 = geometry.quadrant(q).whole.x0
                for x in x0..<(x0 + w) { row[x] -= level }
            }
        }
    }

    /// The frame's rows as a stack source, prepared band by band.
    public func rowSource(_ frame: VISFrame) throws -> any RowSource {
        let base = try FileRowSource(path: frame.path, hdu: VISFrame.hdu)
        if isIdentity { return base }
        let me = self, calibrations = try CalibrationApplication(frame: frame, files: calibrationFiles)
        return TransformedRowSource(base) { rows, width, band in
            try me.apply(rows: rows, width: width, band: band)
            calibrations?.apply(rows: rows, width: width, band: band)
        }
    }

    /// The whole frame, read and prepared.
    public func read(_ frame: VISFrame) throws -> PixelArray<Float> {
        var pixels = try frame.read()
        let calibrations = try CalibrationApplication(frame: frame, files: calibrationFiles)
        try pixels.values.withUnsafeMutableBufferPointer { band in
            try apply(rows: 0..<frame.height, width: frame.width, band: band)
            calibrations?.apply(rows: 0..<frame.height, width: frame.width, band: band)
        }
        return pixels
    }

    /// The per-quadrant prescan levels of a frame for the `median` method: from the scan
    /// statistics already measured (ledger table `scan`), else measured now.
    public static func levels(_ frame: VISFrame, ledger: MeasurementLedger, state: VISRunState) throws -> [Quadrant: Double] {
        var levels: [Quadrant: Double] = [:]
        for q in Quadrant.allCases {
            if let v = ledger.values(ScanStatistics.table, column: "offset_pre", where: ["file": frame.fileName, "quadrant": q.rawValue]).first {
                levels[q] = v
            }
        }
        if levels.count == 4 { return levels }
        let pixels = try frame.read()
        for q in Quadrant.allCases {
            let canonical = frame.geometry.canonicalQuadrant(q, of: pixels)
            levels[q] = ScanStatistics.level(canonical, columns: frame.geometry.trimmedPrescan, rows: frame.imageWindowRows, maskBad: state.maskBadPixels)
        }
        return levels
    }
}
