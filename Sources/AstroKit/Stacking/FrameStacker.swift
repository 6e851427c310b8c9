import Dispatch
import Foundation
import Synchronization

/// Combines N frames pixel by pixel (median or mean, optional sigma clipping, mask-aware),
/// streaming bands of rows so that only `options.memoryBudget` bytes of input are resident,
/// whatever N. Bands are read from the sources in parallel (different files do not block each
/// other) and combined on every core.
///
/// ```swift
/// let sources = try paths.map { try FileRowSource(path: $0, hdu: 1) }
/// let master = try FrameStacker.stack(sources, options: StackingOptions(method: .median))
/// master.stack[100, 200]
/// ```
public enum FrameStacker {
    public static func stack(_ sources: [any RowSource], options: StackingOptions = StackingOptions(),
                             progress: (@Sendable (_ band: Int, _ bands: Int) -> Void)? = nil) throws -> StackResult {
        guard let first = sources.first else { throw StackingError.noInputs }
        let width = first.width, height = first.height
        for source in sources where source.width != width || source.height != height {
            throw StackingError.shapeMismatch(name: source.name, shape: [source.width, source.height],
                                              expected: [width, height], reference: first.name)
        }
        guard sources.count <= Int(UInt16.max) else { throw StackingError.tooManyInputs(sources.count) }
        let n = sources.count
        let bytesPerRow = n * width * MemoryLayout<Float>.size
        let bandHeight = max(1, min(height, options.memoryBudget / max(1, bytesPerRow)))
        let bandCount = (height + bandHeight - 1) / bandHeight

        var stack = [Float](repeating: .nan, count: width * height)
        var deviation = [Float](repeating: .nan, count: width * height)
        var used = [UInt16](repeating: 0, count: width * height)
        var cube = [Float](repeating: 0, count: n * bandHeight * width)

        for band in 0..<bandCount {
            let rows = (band * bandHeight)..<min(height, (band + 1) * bandHeight)
            let bandPixels = rows.count * width
            try cube.withUnsafeMutableBufferPointer { cubeBuffer in
                try readBand(sources, rows: rows, bandPixels: bandPixels, capacity: bandHeight * width, into: cubeBuffer)
            }
            let offset = rows.lowerBound * width
            cube.withUnsafeBufferPointer { cubeBuffer in
                stack.withUnsafeMutableBufferPointer { s in
                    deviation.withUnsafeMutableBufferPointer { d in
                        used.withUnsafeMutableBufferPointer { u in
                            let out = Outputs(stack: s.baseAddress! + offset, deviation: d.baseAddress! + offset,
                                              used: u.baseAddress! + offset)
                            combineBand(cubeBuffer, frames: n, planeStride: bandHeight * width,
                                        pixels: bandPixels, options: options, into: out)
                        }
                    }
                }
            }
            progress?(band + 1, bandCount)
        }
        return StackResult(stack: PixelArray(shape: [width, height], values: stack),
                           standardDeviation: PixelArray(shape: [width, height], values: deviation),
                           usedCount: PixelArray(shape: [width, height], values: used),
                           bandHeight: bandHeight, bandCount: bandCount)
    }

    /// Output pointers for one band; each worker writes disjoint pixels.
    struct Outputs: @unchecked Sendable {
        let stack: UnsafeMutablePointer<Float>
        let deviation: UnsafeMutablePointer<Float>
        let used: UnsafeMutablePointer<UInt16>
    }

    struct CubePointer: @unchecked Sendable {
        let base: UnsafeMutablePointer<Float>
    }

    /// Reads the band's rows of every source into its plane of the cube, sources in parallel.
    static func readBand(_ sources: [any RowSource], rows: Range<Int>, bandPixels: Int, capacity: Int,
                         into cube: UnsafeMutableBufferPointer<Float>) throws {
        let failure = Mutex<(any Error)?>(nil)
        let base = CubePointer(base: cube.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            let plane = UnsafeMutableBufferPointer(start: base.base + i * capacity, count: bandPixels)
            do {
                try sources[i].readRows(rows, into: plane)
            } catch {
                failure.withLock { if $0 == nil { $0 = StackingError.unreadable(name: sources[i].name, reason: "\(error)") } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Combines every pixel of a band, in chunks spread over the cores.
    static func combineBand(_ cube: UnsafeBufferPointer<Float>, frames n: Int, planeStride: Int, pixels: Int,
                            options: StackingOptions, into out: Outputs) {
        let chunk = 16_384
        let chunks = (pixels + chunk - 1) / chunk
        let input = CubePointer(base: UnsafeMutablePointer(mutating: cube.baseAddress!))
        // A plain median of a few frames goes eight pixels at a time (VectorMedian); pixels
        // with a NaN among their values, and every other combination, one at a time.
        let vector = options.method == .median && options.clipping == nil && n >= max(1, options.minimumValid)
            && n <= VectorMedian.maximumFrames
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var scratch = [Float](repeating: 0, count: n)
            let lanes = UnsafeMutablePointer<VectorMedian.Lanes>.allocate(capacity: vector ? n : 0)
            defer { lanes.deallocate() }
            func scalar(_ range: Range<Int>, _ values: UnsafeMutableBufferPointer<Float>) {
                for p in range {
                    var count = 0
                    var source = input.base + p
                    for _ in 0..<n {
                        let v = source.pointee
                        if !v.isNaN { values[count] = v; count += 1 }
                        source += planeStride
                    }
                    let result = PixelCombiner.combine(UnsafeMutableBufferPointer(rebasing: values[0..<count]), options: options)
                    out.stack[p] = result.value
                    out.deviation[p] = result.deviation
                    out.used[p] = UInt16(result.used)
                }
            }
            scratch.withUnsafeMutableBufferPointer { values in
                let end = min(pixels, (c + 1) * chunk)
                var p = c * chunk
                while p < end {
                    if vector, p + VectorMedian.width <= end,
                       VectorMedian.combine(input.base, pixel: p, frames: n, planeStride: planeStride, scratch: lanes, into: out) {
                        p += VectorMedian.width
                        continue
                    }
                    let stop = vector ? min(end, p + VectorMedian.width) : end
                    scalar(p..<stop, values)
                    p = stop
                }
            }
        }
    }
}

public enum StackingError: Error, Sendable, CustomStringConvertible {
    case noInputs
    case tooManyInputs(Int)
    case shapeMismatch(name: String, shape: [Int], expected: [Int], reference: String)
    case unreadable(name: String, reason: String)

    public var description: String {
        switch self {
        case .noInputs:
            return "cannot stack: no input frames"
        case .tooManyInputs(let n):
            return "cannot stack \(n) frames: at most 65535 are supported"
        case .shapeMismatch(let name, let shape, let expected, let reference):
            return "cannot stack \(name): its shape \(shape) differs from \(expected) of \(reference)"
        case .unreadable(let name, let reason):
            return "cannot stack \(name): \(reason)"
        }
    }
}
