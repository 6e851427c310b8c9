import AstroKit
import Config_VIS
import Foundation
import VISSimulator

/// Small simulated data sets, each made once per test process and shared by the tests that read it.
enum Fixtures {
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("vissim-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }

    static func simulate(_ test: String, ccds: [Int] = [1], frames: Int? = 2, seed: UInt64 = 11,
                         configure: (inout SimulationRequest) -> Void = { _ in }) throws -> SimulationResult {
        var request = SimulationRequest(test: test, outputDirectory: folder("\(test)-\(seed)-\(ccds)-\(frames ?? 0)"))
        request.size = .small
        request.ccds = ccds
        request.framesPerLevel = frames
        request.seed = seed
        configure(&request)
        return try Simulator.run(request)
    }

    /// Removes a run's folder once a test is done with it (the shared fixtures below stay).
    static func discard(_ result: SimulationResult) {
        try? FileManager.default.removeItem(at: result.truthFile.deletingLastPathComponent())
    }

    /// Two bias exposures of CCD1 and CCD2.
    static let bias: Result<SimulationResult, Error> = Result { try simulate("BIAS01", ccds: [1, 2]) }
    /// Two flats per fluence level of FLAT01 (25, 50, 75 % of full well).
    static let flat: Result<SimulationResult, Error> = Result { try simulate("FLAT01") }
}

/// A raw frame read back through AstroKit, with canonical quadrant access.
struct Frame {
    let pixels: PixelArray<Double>
    let geometry: VISGeometry

    init(_ url: URL) throws {
        let file = try FITSFile.open(url.path)
        pixels = try file.readImage(hdu: 1, as: Double.self).pixels
        let header = try file.allInfo()[1].header
        geometry = VISGeometry.from(header: header, frameShape: pixels.shape)
    }

    /// Pixel at canonical (x', y') of a quadrant.
    func canonical(_ q: Quadrant, _ x: Int, _ y: Int) -> Double {
        let p = geometry.filePosition(q, canonicalX: x, canonicalY: y)
        return pixels[p.x, p.y]
    }

    /// Values of canonical columns `columns` over image rows.
    func region(_ q: Quadrant, columns: Range<Int>, rows: Range<Int>? = nil) -> [Double] {
        var values: [Double] = []
        for y in rows ?? 0..<geometry.imageRows {
            for x in columns { values.append(canonical(q, x, y)) }
        }
        return values
    }

    func prescan(_ q: Quadrant) -> [Double] { region(q, columns: 0..<geometry.prescanColumns) }

    func image(_ q: Quadrant) -> [Double] {
        region(q, columns: geometry.prescanColumns..<(geometry.prescanColumns + geometry.imageColumns))
    }
}

enum Statistics {
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    static func std(_ v: [Double]) -> Double {
        let m = mean(v)
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
    }

    /// Mean and std after iterative k-σ clipping about the mean: not tied to the integer grid
    /// as a median of integer ADU is.
    static func clipped(_ values: [Double], sigma k: Double = 5) -> (mean: Double, std: Double) {
        var v = values
        while true {
            let m = mean(v), s = std(v)
            let kept = v.filter { abs($0 - m) <= k * s }
            if kept.count == v.count { return (m, s) }
            v = kept
        }
    }
}
