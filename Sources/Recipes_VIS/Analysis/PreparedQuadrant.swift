import AstroKit
import Config_VIS
import Dispatch

/// One quadrant of a frame in canonical (readout-order) orientation, offset-subtracted, with an
/// optional mask: the input every analysis of this folder works on.
///
/// Canonical layout (VIS.md 1.3): x' 0..<prescan is the serial prescan, then the image, then the
/// serial overscan; y' 0..<imageRows are image rows, then the parallel-overscan rows (read last).
/// A recipe that already has a prepared quadrant (its own offset method, cosmetic mask) builds
/// one with `init(pixels:geometry:mask:)`; `extract` does vison's `prep` (bad pixels, 'row' or
/// 'median' offset against the **prescan**) from a raw frame in file orientation.
///
/// ```swift
/// let q = PreparedQuadrant.extract(frame, quadrant: .E, geometry: g, offset: .row)
/// q.pixels.samples(in: q.imageArea, mask: q.mask).median   // fluence above the prescan, ADU
/// ```
public struct PreparedQuadrant: Sendable {
    public enum OffsetMethod: Sendable, Hashable {
        /// Per canonical row, the median of that row's prescan pixels (vison 'row').
        case row
        /// One median over the prescan columns and the image rows (vison 'median').
        case median
        /// Leave the offset in (NL02 removes it in the fit, from `prescanLevel`).
        case none
    }

    /// Canonical quadrant, prescan + image + overscan wide, image + parallel-overscan rows high.
    public var pixels: PixelArray<Float>
    public var geometry: VISGeometry
    /// Same shape as `pixels`; any non-zero word excludes the pixel.
    public var mask: PixelArray<UInt16>?
    /// The prescan level that was subtracted (median over the prescan), ADU, for reference.
    public var prescanLevel: Double
    /// Pixels at the ADC ceiling (65535) in the image area, counted by `extract` from the raw
    /// frame (0 otherwise).
    public internal(set) var saturatedImagePixels = 0

    /// Buffers handed from one extraction to the next (``release(to:)``), so a worker measuring
    /// hundreds of frames allocates (and page-faults) nothing per quadrant.
    public struct Storage: Sendable {
        var pixels: [Float] = []
        var mask: [UInt16] = []
        var histogram: [Int] = []
        public init() {}
    }

    public init(pixels: PixelArray<Float>, geometry: VISGeometry, mask: PixelArray<UInt16>? = nil,
                prescanLevel: Double = 0) {
        precondition(pixels.width == geometry.quadrantWidth && pixels.height == geometry.quadrantHeight,
                     "a canonical quadrant is \(geometry.quadrantWidth)x\(geometry.quadrantHeight), got \(pixels.shape)")
        self.pixels = pixels
        self.geometry = geometry
        self.mask = mask
        self.prescanLevel = prescanLevel
    }

    /// Image area (canonical rows 0..<imageRows: the parallel overscan is never image).
    public var imageArea: Section {
        Section(x0: geometry.prescanColumns, x1: geometry.prescanColumns + geometry.imageColumns,
                y0: 0, y1: geometry.imageRows)
    }

    /// vison's trimmed prescan columns 25..45 (`trimscan`), clamped to narrower prescans.
    public var prescanColumns: Range<Int> { Self.prescanColumns(geometry) }

    static func prescanColumns(_ g: VISGeometry) -> Range<Int> {
        let p = g.prescanColumns
        return p >= 46 ? 25..<46 : (p / 2)..<p
    }

    /// The pixels of `section` as mask-aware samples, without copying.
    public func samples(_ section: Section) -> Samples {
        pixels.samples(in: section, mask: mask, excludedBits: .max)
    }

    /// Extracts quadrant `q` of a raw frame (file orientation, NAXIS1 fastest) in canonical
    /// orientation, masks the ADC limits 0 and 65535 when asked (vison's bad pixels), and
    /// subtracts the offset measured in the **prescan**. vison's FLAT/PTC checks measure the
    /// fluence against the overscan ([quirk], VIS.md 8.5); the overscan carries the serial
    /// charge-transfer tail of the image (the hard-edge response), the prescan does not, so the
    /// prescan is the bias reference everywhere here.
    public static func extract(_ frame: PixelArray<Float>, quadrant q: Quadrant, geometry g: VISGeometry,
                               offset: OffsetMethod = .row, maskADCLimits: Bool = true) -> PreparedQuadrant {
        precondition(frame.width == g.frameShape[0] && frame.height == g.frameShape[1],
                     "frame \(frame.width)x\(frame.height) does not match the geometry \(g.frameShape)")
        let canonical = g.canonicalQuadrant(q, of: frame)
        let words = maskADCLimits ? canonical.values.map { $0 == 0 || $0 == 65535 ? UInt16(1) : 0 } : []
        var prepared = PreparedQuadrant(pixels: canonical, geometry: g,
                                        mask: words.contains(1) ? PixelArray(shape: canonical.shape, values: words) : nil)
        var saturated = 0
        canonical.values.withUnsafeBufferPointer { v in
            for y in 0..<g.imageRows {
                for x in g.prescanColumns..<(g.prescanColumns + g.imageColumns) where v[y * canonical.width + x] == 65535 { saturated += 1 }
            }
        }
        prepared.saturatedImagePixels = saturated
        prepared.subtractOffset(offset)
        return prepared
    }

    /// The same from raw 16-bit pixels (as read from ELVIS files or rendered by the simulator).
    public static func extract(_ frame: PixelArray<UInt16>, quadrant q: Quadrant, geometry g: VISGeometry,
                               offset: OffsetMethod = .row, maskADCLimits: Bool = true) -> PreparedQuadrant {
        var storage = Storage()
        return extract(frame, quadrant: q, geometry: g, offset: offset, maskADCLimits: maskADCLimits, storage: &storage)
    }

    /// The same, in buffers taken from `storage` (give them back with ``release(to:)``).
    public static func extract(_ frame: PixelArray<UInt16>, quadrant q: Quadrant, geometry g: VISGeometry,
                               offset: OffsetMethod = .row, maskADCLimits: Bool = true, storage: inout Storage) -> PreparedQuadrant {
        precondition(frame.width == g.frameShape[0] && frame.height == g.frameShape[1],
                     "frame \(frame.width)x\(frame.height) does not match the geometry \(g.frameShape)")
        let whole = g.quadrant(q).whole
        let w = g.quadrantWidth, h = g.quadrantHeight, width = frame.width
        let flipsX = q.flipsX, flipsY = q.flipsY
        // The hot loop of a PTC run: straight integer-to-float copies the compiler vectorises,
        // no closure per pixel; every element is written, so reused buffers need no clearing.
        var canonical: [Float] = [], maskWords: [UInt16] = []
        swap(&canonical, &storage.pixels)
        if canonical.count != w * h { canonical = [Float](repeating: 0, count: w * h) }
        swap(&maskWords, &storage.mask)
        if maskWords.count != w * h { maskWords = [UInt16](repeating: 0, count: w * h) }
        // The offset is measured on the raw counts first, so that the copy below subtracts it
        // as it goes: one pass over the quadrant instead of two.
        let (levels, prescanLevel) = frame.values.withUnsafeBufferPointer { v in
            rawPrescanLevels(v, width: width, quadrant: q, geometry: g, offset: offset, maskADCLimits: maskADCLimits,
                             histogram: &storage.histogram)
        }
        var masked = 0, saturated = 0
        let imageX = g.prescanColumns, imageEnd = g.prescanColumns + g.imageColumns, imageRows = g.imageRows
        frame.values.withUnsafeBufferPointer { v in
            canonical.withUnsafeMutableBufferPointer { out in
                maskWords.withUnsafeMutableBufferPointer { m in
                    for y in 0..<h {
                        let fileRow = (whole.y0 + (flipsY ? h - 1 - y : y)) * width
                        let source = v.baseAddress! + fileRow + whole.x0
                        let target = out.baseAddress! + y * w, words = m.baseAddress! + y * w
                        let level = levels[y]
                        var rowMasked = 0
                        if flipsX {
                            for x in 0..<w {
                                let raw = source[w - 1 - x]
                                target[x] = Float(raw) - level
                                let bad: UInt16 = raw == 0 || raw == 65535 ? 1 : 0
                                words[x] = bad; rowMasked &+= Int(bad)
                            }
                        } else {
                            for x in 0..<w {
                                let raw = source[x]
                                target[x] = Float(raw) - level
                                let bad: UInt16 = raw == 0 || raw == 65535 ? 1 : 0
                                words[x] = bad; rowMasked &+= Int(bad)
                            }
                        }
                        masked &+= rowMasked
                        if rowMasked > 0 && y < imageRows {
                            for x in imageX..<imageEnd where source[flipsX ? w - 1 - x : x] == 65535 { saturated += 1 }
                        }
                    }
                }
            }
        }
        let useMask = maskADCLimits && masked > 0
        var prepared = PreparedQuadrant(pixels: PixelArray(shape: [w, h], values: canonical), geometry: g,
                                        mask: useMask ? PixelArray(shape: [w, h], values: maskWords) : nil,
                                        prescanLevel: prescanLevel)
        if !useMask { swap(&storage.mask, &maskWords) }
        prepared.saturatedImagePixels = saturated
        return prepared
    }

    /// What ``subtractOffset(_:)`` subtracts from each canonical row, measured on the raw counts
    /// (medians of integers: exact by counting and by sorting 21 values), and the prescan level.
    static func rawPrescanLevels(_ v: UnsafeBufferPointer<UInt16>, width: Int, quadrant q: Quadrant, geometry g: VISGeometry,
                                 offset: OffsetMethod, maskADCLimits: Bool, histogram: inout [Int]) -> ([Float], Double) {
        let whole = g.quadrant(q).whole
        let w = g.quadrantWidth, h = g.quadrantHeight
        let cols = prescanColumns(g)
        func valid(_ raw: UInt16) -> Bool { !maskADCLimits || (raw != 0 && raw != 65535) }
        func fileIndex(_ x: Int, _ y: Int) -> Int {
            (whole.y0 + (q.flipsY ? h - 1 - y : y)) * width + whole.x0 + (q.flipsX ? w - 1 - x : x)
        }
        // The prescan level: median over the prescan columns and the image rows.
        if histogram.count != 65536 { histogram = [Int](repeating: 0, count: 65536) }
        var prescanLevel = Double.nan
        histogram.withUnsafeMutableBufferPointer { counts in
            counts.update(repeating: 0)
            var n = 0
            for y in 0..<g.imageRows {
                for x in cols { let raw = v[fileIndex(x, y)]; if valid(raw) { counts[Int(raw)] += 1; n += 1 } }
            }
            guard let (lower, upper) = HistogramMedian.middleBins(UnsafeBufferPointer(counts), 0..<65536, total: n) else { return }
            prescanLevel = (Double(lower) + Double(upper)) / 2
        }
        switch offset {
        case .none: return ([Float](repeating: 0, count: h), prescanLevel)
        case .median: return ([Float](repeating: Float(prescanLevel), count: h), prescanLevel)
        case .row: break
        }
        var levels = [Float](repeating: 0, count: h)
        var row = [UInt16](repeating: 0, count: cols.count)
        for y in 0..<h {
            var n = 0
            for x in cols {
                let raw = v[fileIndex(x, y)]
                guard valid(raw) else { continue }
                // Insertion into the sorted prefix: 21 values.
                var j = n
                while j > 0 && row[j - 1] > raw { row[j] = row[j - 1]; j -= 1 }
                row[j] = raw
                n += 1
            }
            // A row whose prescan is wholly masked falls back to the prescan level.
            let m = n == 0 ? prescanLevel : n % 2 == 1 ? Double(row[n / 2]) : (Double(row[n / 2 - 1]) + Double(row[n / 2])) / 2
            levels[y] = Float(m)
        }
        return (levels, prescanLevel)
    }

    /// Hands this quadrant's buffers back for the next extraction; the quadrant is left empty.
    public mutating func release(to storage: inout Storage) {
        swap(&storage.pixels, &pixels.values)
        if mask != nil { swap(&storage.mask, &mask!.values) }
        mask = nil
    }

    /// Subtracts the prescan offset in place (vison `sub_offset` with scan 'pre').
    public mutating func subtractOffset(_ method: OffsetMethod) {
        let cols = prescanColumns
        let w = geometry.quadrantWidth, h = geometry.quadrantHeight
        let all = Section(x0: cols.lowerBound, x1: cols.upperBound, y0: 0, y1: geometry.imageRows)
        prescanLevel = samples(all).median
        switch method {
        case .none:
            return
        case .median:
            let level = Float(prescanLevel)
            for i in pixels.values.indices { pixels.values[i] -= level }
        case .row:
            var levels = [Float](repeating: 0, count: h)
            var scratch = [Float](repeating: 0, count: cols.count)
            for y in 0..<h {
                let m = samples(Section(x0: cols.lowerBound, x1: cols.upperBound, y0: y, y1: y + 1))
                    .median(using: &scratch)
                // A row whose prescan is wholly masked falls back to the global level.
                levels[y] = Float(m.isNaN ? prescanLevel : m)
            }
            pixels.values.withUnsafeMutableBufferPointer { p in
                for y in 0..<h {
                    let l = levels[y]
                    for x in 0..<w { p[y * w + x] -= l }
                }
            }
        }
    }
}
