import Foundation
import Testing
@testable import AstroKit

@Suite struct FrameStackerTests {
    /// Frames 12 x 10 with value frame + x/100; frame 2 carries a "cosmic ray" at (3, 4).
    func frames(_ n: Int) -> [any RowSource] {
        (0..<n).map { f in
            var values = [Float](repeating: 0, count: 120)
            for y in 0..<10 { for x in 0..<12 { values[y * 12 + x] = Float(f) + Float(x) / 100 } }
            if f == 2 { values[4 * 12 + 3] = 5000 }
            return MemoryRowSource(PixelArray(shape: [12, 10], values: values), name: "frame\(f)")
        }
    }

    @Test func medianAndMeanAsNumpyDefinesThem() throws {
        let median = try FrameStacker.stack(frames(4), options: StackingOptions(method: .median))
        // Values 0,1,2,3 (+x/100): median 1.5; at (3,4) 0,1,5000,3 -> (1+3)/2 = 2.
        #expect(abs(median.stack[5, 5] - 1.55) < 1e-6)
        #expect(median.stack[3, 4] == 2.03)
        let mean = try FrameStacker.stack(frames(4), options: StackingOptions(method: .mean))
        #expect(abs(mean.stack[5, 5] - 1.55) < 1e-6)
        // population std of 0,1,2,3 = sqrt(1.25)
        #expect(abs(Double(mean.standardDeviation[5, 5]) - 1.25.squareRoot()) < 1e-6)
        #expect(mean.usedCount[5, 5] == 4)
    }

    @Test func clippingRemovesACosmicRayThatAMeanWouldKeep() throws {
        let options = StackingOptions(method: .mean, clipping: .init(low: 3, high: 3))
        let clipped = try FrameStacker.stack(frames(9), options: options)
        // Without the hit: 0..8 except frame 2 -> mean of {0,1,3,4,5,6,7,8} = 34/8
        #expect(abs(Double(clipped.stack[3, 4]) - (34.0 / 8 + 0.03)) < 1e-5)
        #expect(clipped.usedCount[3, 4] == 8)
        #expect(clipped.usedCount[0, 0] == 9)
        let unclipped = try FrameStacker.stack(frames(9), options: StackingOptions(method: .mean))
        #expect(unclipped.stack[3, 4] > 500)
    }

    @Test func maskedPixelsAreLeftOut() throws {
        var sources = frames(3)
        sources[1] = TransformedRowSource(sources[1]) { rows, width, band in
            // Mask the whole of row 7 in frame 1.
            if rows.contains(7) {
                let start = (7 - rows.lowerBound) * width
                for i in start..<(start + width) { band[i] = .nan }
            }
        }
        let result = try FrameStacker.stack(sources, options: StackingOptions(method: .mean))
        #expect(result.usedCount[0, 7] == 2)
        #expect(result.stack[0, 7] == 1)      // mean of frames 0 and 2
        #expect(result.usedCount[0, 6] == 3)
    }

    @Test func aSmallBudgetGivesTheSameAnswerInManyBands() throws {
        let whole = try FrameStacker.stack(frames(5), options: StackingOptions(method: .median))
        #expect(whole.bandCount == 1)
        // Budget of 3 rows x 5 frames x 12 pixels x 4 bytes.
        let banded = try FrameStacker.stack(frames(5), options: StackingOptions(method: .median, memoryBudget: 3 * 5 * 12 * 4))
        #expect(banded.bandHeight == 3 && banded.bandCount == 4)
        #expect(banded.stack.values == whole.stack.values)
        #expect(banded.standardDeviation.values == whole.standardDeviation.values)
    }

    @Test func streamsFromFilesAndNamesTheOneThatDiffers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for f in 0..<3 {
            let path = folder.appendingPathComponent("f\(f).fits").path
            try FITSWriter.write(to: path) { w in
                try w.addPrimary()
                try w.addImage([UInt16](repeating: UInt16(1000 + f), count: 64), shape: [8, 8], extname: "ROE1_CCD1")
            }
            paths.append(path)
        }
        let sources = try paths.map { try FileRowSource(path: $0, hdu: 1) }
        let result = try FrameStacker.stack(sources, options: StackingOptions(method: .median, memoryBudget: 2 * 3 * 8 * 4))
        #expect(result.stack.values.allSatisfy { $0 == 1001 })
        #expect(result.bandCount == 4)
        let odd = folder.appendingPathComponent("odd.fits").path
        try FITSWriter.write(to: odd) { w in
            try w.addPrimary()
            try w.addImage([UInt16](repeating: 1, count: 32), shape: [8, 4], extname: "ROE1_CCD1")
        }
        let mixed = try (paths + [odd]).map { try FileRowSource(path: $0, hdu: 1) }
        #expect(throws: StackingError.self) { try FrameStacker.stack(mixed) }
        do { _ = try FrameStacker.stack(mixed) } catch {
            #expect("\(error)" == "cannot stack \(odd): its shape [8, 4] differs from [8, 8] of \(paths[0])")
        }
    }
}
