import AstroKit
import Config_VIS
import Foundation

/// One frame's individual flat field (VIS.md 3.3.3 indivflats) delivered band by band to a
/// stack: the prepared rows divided, quadrant by quadrant, by the frame's smooth model
/// (``FlatField/surface(_:box:)``, canonical coordinates), 1 outside the image areas (vison's
/// FLAT convention; pre- and overscans are not flat-fielded).
///
/// The model is evaluated only on the rows of the band asked for, so no whole flat (68 MB per
/// full frame) is ever held: a master of 80 frames keeps one band of each in memory.
///
/// ```swift
/// let source = FlatFieldRowSource(frame: f, preparation: p, models: surfaces)   // [Quadrant: GridSpline2D]
/// let master = try FrameStacker.stack(sources, options: StackingOptions(method: .median))
/// ```
public struct FlatFieldRowSource: RowSource {
    public let frame: VISFrame
    public let preparation: FramePreparation
    public let models: [Quadrant: GridSpline2D]
    public var width: Int { frame.width }
    public var height: Int { frame.height }
    public var name: String { frame.fileName }

    public init(frame: VISFrame, preparation: FramePreparation, models: [Quadrant: GridSpline2D]) {
        self.frame = frame
        self.preparation = preparation
        self.models = models
    }

    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try FITSFile.open(frame.path).readRows(hdu: VISFrame.hdu, rows: rows, into: buffer)
        let band = UnsafeMutableBufferPointer(rebasing: buffer[0..<(rows.count * width)])
        try preparation.apply(rows: rows, width: width, band: band)
        divide(rows: rows, band: band)
    }

    /// Divides the image pixels of `rows` by the model and sets every other pixel to 1.
    func divide(rows: Range<Int>, band: UnsafeMutableBufferPointer<Float>) {
        let g = frame.geometry, w = g.quadrantWidth, h = g.quadrantHeight
        for q in Quadrant.allCases {
            let whole = g.quadrant(q).whole
            let first = max(rows.lowerBound, whole.y0), end = min(rows.upperBound, whole.y0 + h)
            guard first < end else { continue }   // the band misses this quadrant
            let fileRows = first..<end
            // Canonical rows of these file rows: contiguous, reversed when the quadrant flips in y.
            func canonical(_ fy: Int) -> Int { q.flipsY ? h - 1 - (fy - whole.y0) : fy - whole.y0 }
            let c0 = min(canonical(fileRows.lowerBound), canonical(fileRows.upperBound - 1))
            let c1 = max(canonical(fileRows.lowerBound), canonical(fileRows.upperBound - 1)) + 1
            let imageRows = c0..<max(c0, min(c1, g.imageRows))
            let area = Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns, y0: imageRows.lowerBound,
                               y1: imageRows.upperBound)
            let model = models[q].map { imageRows.isEmpty ? nil : $0.evaluate(on: area) } ?? nil
            for fy in fileRows {
                let cy = canonical(fy)
                let base = (fy - rows.lowerBound) * width + whole.x0
                for cx in 0..<w {
                    let i = base + (q.flipsX ? w - 1 - cx : cx)
                    let inImage = cy < g.imageRows && cx >= g.prescanColumns && cx < g.prescanColumns + g.imageColumns
                    guard inImage else { band[i] = 1; continue }
                    guard let model else { band[i] = .nan; continue }
                    let level = model.values[(cy - imageRows.lowerBound) * area.width + cx - g.prescanColumns]
                    band[i] = level != 0 ? band[i] / level : .nan
                }
            }
        }
    }
}
