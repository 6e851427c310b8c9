import AstroKit
import Config_VIS
import Foundation

/// One raw VIS frame of the `main` stream, as the test steps need it: where its pixels are,
/// who it is (ObsID, CCD), its readout window and geometry. Pixels are read on demand, one
/// frame at a time, never kept in the stream.
public struct VISFrame: Sendable {
    public let path: String
    public let fileName: String
    public let obsid: Int
    public let ccd: Int
    public let exposureTime: Double
    /// Canonical rows read, in this frame's rows (small simulated frames log their own height).
    public let vstart: Int
    public let vend: Int
    public let geometry: VISGeometry
    public let width: Int
    public let height: Int
    /// e-/ADU per quadrant, and where it came from (gain table or nominal).
    public let gains: [Quadrant: Double]
    public let gainSource: String
    /// The block's nominal offset per quadrant (ADU), the centre of the offset limits.
    public let nominalOffsets: [Quadrant: Double]
    /// The raw image is the first (only) extension: HDU 1 counted from the primary as 0.
    public static let hdu = 1

    public init(_ dataset: AstroData) throws {
        guard let path = dataset.path else { throw VISStepError("a dataset of the stream has no file; VIS tests read raw files") }
        self.path = path
        let file = dataset.fileName ?? path
        fileName = file
        func number(_ name: String) throws -> Double {
            let result = dataset.descriptor(name)
            guard let value = result.values.first?.value.doubleValue else {
                throw VISStepError("\(file): the descriptor \(name) is unavailable (\(result.failure.map { "\($0)" } ?? "no value"))")
            }
            return value
        }
        obsid = Int(try number("obsid"))
        ccd = Int(try number("ccd"))
        exposureTime = try number("exposure_time")
        let info = try FITSFile.open(path).info(hdu: Self.hdu)
        guard info.naxis.count == 2 else { throw VISStepError("\(file): HDU 1 is not a 2-D image (axes \(info.naxis))") }
        width = info.naxis[0]
        height = info.naxis[1]
        geometry = VISGeometry.from(header: dataset.extensions.first?.header ?? FITSHeader(), frameShape: info.naxis)
        guard geometry.frameShape == info.naxis else {
            throw VISStepError("\(file): the image is \(info.naxis[0]) x \(info.naxis[1]) but its geometry keywords describe \(geometry.frameShape[0]) x \(geometry.frameShape[1])")
        }
        vstart = Int((try? number("vstart")) ?? 0)
        vend = Int((try? number("vend")) ?? Double(geometry.quadrantHeight))
        var gains: [Quadrant: Double] = [:]
        let gainResult = dataset.descriptor("quadrant_gains")
        if case .named(let named)? = gainResult.values.first?.value {
            for item in named { if let q = Quadrant(rawValue: item.name), let g = item.value.doubleValue { gains[q] = g } }
        }
        self.gains = gains
        var offsets: [Quadrant: Double] = [:]
        if case .named(let named)? = dataset.descriptor("nominal_offsets").values.first?.value {
            for item in named { if let q = Quadrant(rawValue: item.name), let v = item.value.doubleValue { offsets[q] = v } }
        }
        nominalOffsets = offsets
        gainSource = gainResult.values.first?.source ?? "unavailable"
    }

    /// The whole frame as its raw 16-bit counts (35 MB at full size), for the analyses that
    /// prepare quadrants themselves (``PreparedQuadrant/extract(_:quadrant:geometry:offset:maskADCLimits:storage:)``).
    public func readRaw() throws -> PixelArray<UInt16> {
        var pixels = PixelArray<UInt16>(width: 0, height: 0, repeating: 0)
        try Self.readRaw(path, into: &pixels)
        return pixels
    }

    /// The same into `pixels`, whose storage is reused from frame to frame.
    public static func readRaw(_ path: String, into pixels: inout PixelArray<UInt16>) throws {
        do { try FITSFile.open(path).readPixels(hdu: hdu, into: &pixels) }
        catch { throw VISStepError("\(URL(fileURLWithPath: path).lastPathComponent): the pixels cannot be read (\(error))") }
    }

    /// The whole frame as Float (about 70 MB at full size).
    public func read() throws -> PixelArray<Float> {
        do { return try FITSFile.open(path).readImage(hdu: Self.hdu, as: Float.self).pixels }
        catch { throw VISStepError("\(fileName): the pixels cannot be read (\(error))") }
    }

    /// The four canonical quadrants (``VISGeometry/canonicalQuadrant(_:of:)``, in
    /// `Quadrant.allCases` order), read into `quadrants`, whose storage is reused from frame to
    /// frame: the file's rows stream through `band` (a few rows at a time) straight into their
    /// quadrants, so no whole frame is ever held and no new memory is touched once the buffers
    /// have their size (a fresh 70 MB array per frame costs as much in page faults as the read).
    public func readCanonicalQuadrants(into quadrants: inout [PixelArray<Float>], band: inout [Float]) throws {
        let w = geometry.quadrantWidth, h = geometry.quadrantHeight
        let all = Quadrant.allCases
        if quadrants.count != all.count || quadrants.contains(where: { $0.shape != [w, h] }) {
            quadrants = all.map { _ in PixelArray(width: w, height: h, repeating: 0) }
        }
        let bandRows = 64
        if band.count < bandRows * width { band = [Float](repeating: 0, count: bandRows * width) }
        do {
            let file = try FITSFile.open(path)
            let placements = all.map { q in (whole: geometry.quadrant(q).whole, flipsX: q.flipsX, flipsY: q.flipsY) }
            var start = 0
            while start < height {
                let rows = start..<min(height, start + bandRows)
                try band.withUnsafeMutableBufferPointer { b in
                    try file.readRows(hdu: Self.hdu, rows: rows, into: b)
                    for (index, place) in placements.enumerated() {
                        let y0 = max(rows.lowerBound, place.whole.y0), y1 = min(rows.upperBound, place.whole.y0 + h)
                        guard y0 < y1 else { continue }
                        quadrants[index].values.withUnsafeMutableBufferPointer { out in
                            for fy in y0..<y1 {
                                let cy = place.flipsY ? h - 1 - (fy - place.whole.y0) : fy - place.whole.y0
                                let source = b.baseAddress! + (fy - rows.lowerBound) * width + place.whole.x0
                                let target = out.baseAddress! + cy * w
                                if place.flipsX {
                                    for x in 0..<w { target[x] = source[w - 1 - x] }
                                } else {
                                    target.update(from: source, count: w)
                                }
                            }
                        }
                    }
                }
                start = rows.upperBound
            }
        } catch {
            throw VISStepError("\(fileName): the pixels cannot be read (\(error))")
        }
    }

    /// Rows of the canonical quadrant that hold data: [vstart, vend) within the quadrant.
    public var windowRows: Range<Int> { max(0, vstart)..<max(max(0, vstart), min(vend, geometry.quadrantHeight)) }
    /// The same, stopping at the image rows (vison's `ignore_pover`).
    public var imageWindowRows: Range<Int> { windowRows.lowerBound..<max(windowRows.lowerBound, min(windowRows.upperBound, geometry.imageRows)) }
}

extension VISGeometry {
    /// A quadrant of a full frame in canonical (readout-order) orientation: x' 0 is the first
    /// prescan column, y' 0 the first row read (VIS.md 1.3).
    public func canonicalQuadrant(_ q: Quadrant, of frame: PixelArray<Float>) -> PixelArray<Float> {
        let whole = quadrant(q).whole
        let w = quadrantWidth, h = quadrantHeight
        let flipsX = q.flipsX, flipsY = q.flipsY
        let out = [Float](unsafeUninitializedCapacity: w * h) { out, initialized in
            frame.values.withUnsafeBufferPointer { source in
                for y in 0..<h {
                    let fy = whole.y0 + (flipsY ? h - 1 - y : y)
                    let row = source.baseAddress! + fy * frame.width + whole.x0
                    let target = out.baseAddress! + y * w
                    if flipsX {
                        for x in 0..<w { (target + x).initialize(to: row[w - 1 - x]) }
                    } else {
                        target.initialize(from: row, count: w)
                    }
                }
            }
            initialized = w * h
        }
        return PixelArray(shape: [w, h], values: out)
    }

    /// Writes a canonical quadrant back into a full frame (the inverse of `canonicalQuadrant`).
    public func placeCanonical<P>(_ q: Quadrant, _ canonical: PixelArray<P>, into frame: inout PixelArray<P>) {
        let whole = quadrant(q).whole
        let w = quadrantWidth, h = quadrantHeight
        for y in 0..<h {
            let fy = whole.y0 + (q.flipsY ? h - 1 - y : y)
            for x in 0..<w {
                frame.values[fy * frame.width + whole.x0 + (q.flipsX ? w - 1 - x : x)] = canonical.values[y * w + x]
            }
        }
    }

    /// Canonical column ranges of the scan regions with vison's trims (VIS.md 3.3.1):
    /// prescan [25, 5] (x' 25..45), image [5, 5], overscan [5, 5].
    public var trimmedPrescan: Range<Int> { 25..<max(25, prescanColumns - 5) }
    public var trimmedImage: Range<Int> { (prescanColumns + 5)..<(prescanColumns + imageColumns - 5) }
    public var trimmedOverscan: Range<Int> { (prescanColumns + imageColumns + 5)..<(quadrantWidth - 5) }
    /// The whole image columns, canonical.
    public var imageColumnRange: Range<Int> { prescanColumns..<(prescanColumns + imageColumns) }
}
