import AstroKit
import Foundation
import Synchronization

/// Pixels of processed calibrations (master biases, defect masks, flats) shared by every frame
/// that uses them: read once per run, not once per frame, within a memory budget.
///
/// ```swift
/// let bias = try CalibrationPixels.shared.image(path, extension: "STACK")
/// ```
public final class CalibrationPixels: Sendable {
    public static let shared = CalibrationPixels(budget: 768 << 20)

    private struct Entry { var pixels: PixelArray<Float>; var lastUse: Int }
    private let entries = Mutex<(cache: [String: Entry], clock: Int)>(([:], 0))
    private let budget: Int

    public init(budget: Int) { self.budget = budget }

    /// The named image extension of a calibration file, as Float.
    public func image(_ path: String, extension name: String) throws -> PixelArray<Float> {
        let key = "\(path)[\(name)]"
        if let hit = entries.withLock({ state -> PixelArray<Float>? in
            guard var entry = state.cache[key] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.cache[key] = entry
            return entry.pixels
        }) { return hit }
        let file = try FITSFile.open(path)
        guard let hdu = try file.allInfo().firstIndex(where: { $0.extname == name }) else {
            throw VISStepError("\(path): the calibration has no \(name) extension")
        }
        let pixels = try file.readImage(hdu: hdu, as: Float.self).pixels
        entries.withLock { state in
            state.clock += 1
            state.cache[key] = Entry(pixels: pixels, lastUse: state.clock)
            // Forget the least recently used images beyond the budget (4 bytes per pixel).
            while state.cache.count > 1, state.cache.values.reduce(0, { $0 + $1.pixels.values.count * 4 }) > budget,
                  let oldest = state.cache.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                state.cache[oldest] = nil
            }
        }
        return pixels
    }
}
