import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSReadingTests {
    /// A 2-D unsigned 16-bit frame with a BLANK pixel, like a raw CCD frame.
    private func writeFrame(_ path: String) throws -> [UInt16] {
        let width = 37, height = 23
        var values = (0..<(width * height)).map { UInt16(($0 * 7919) % 65536) }
        values[5 * width + 3] = 65535
        var header = FITSHeader()
        header.set("BLANK", .integer(32767))  // stored value of 65535 once BZERO is applied
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage(values, shape: [width, height], header: header, extname: "SCI")
        }
        return values
    }

    @Test func sectionEqualsTheSliceOfAFullRead() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("frame.fits")
        let values = try writeFrame(path)
        let file = try FITSFile.open(path)
        let full = try file.readImage(hdu: 1, as: Double.self)
        #expect(full.pixels.shape == [37, 23] && full.blankCount == 1)
        #expect(full.pixels[3, 5].isNaN && full.pixels[4, 5] == Double(values[5 * 37 + 4]))
        let section = Section(x0: 2, x1: 30, y0: 4, y1: 9)
        let part = try file.readImage(hdu: 1, as: Double.self, section: section)
        #expect(part.pixels.shape == [28, 5] && part.blankCount == 1)
        for y in section.y0..<section.y1 {
            for x in section.x0..<section.x1 {
                let a = part.pixels[x - section.x0, y - section.y0], b = full.pixels[x, y]
                #expect(a == b || (a.isNaN && b.isNaN), "(\(x), \(y))")
            }
        }
        let outside = #expect(throws: FITSError.self) {
            try file.readImage(hdu: 1, as: Float.self, section: Section(x0: 0, x1: 38, y0: 0, y1: 1))
        }
        #expect(outside?.description == "cannot read the pixels of HDU 1 of \(path): section [1:38,1:1] is empty or outside the image [1:37,1:23]")
    }

    @Test func rowsStreamIntoCallerMemory() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("frame.fits")
        _ = try writeFrame(path)
        let file = try FITSFile.open(path)
        let full = try file.readImage(hdu: 1, as: Float.self).pixels
        var band = [Float](repeating: -1, count: 37 * 4)
        let blanks = try band.withUnsafeMutableBufferPointer {
            try file.readRows(hdu: 1, rows: 3..<7, into: $0)
        }
        #expect(blanks == 1)
        let expected = Array(full.values[(3 * 37)..<(7 * 37)])
        #expect(zip(band, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let stats = try file.statistics(hdu: 1)
        #expect(stats.count == 37 * 23 && stats.blankCount == 1 && stats.validCount == 37 * 23 - 1)
        let valid = full.values.filter { !$0.isNaN }.map(Double.init)
        #expect(stats.min == valid.min() && stats.max == valid.max())
        #expect(stats.sum == valid.reduce(0, +))
    }

    @Test func compressedCorpusImageSectionMatchesFullRead() throws {
        let path = CorpusReference.path("astropy+astropy/astropy/io/fits/hdu/compressed/tests/data/m13_rice.fits")
        guard FileManager.default.fileExists(atPath: path) else { return }
        let file = try FITSFile.open(path)
        let full = try file.readImage(hdu: 1, as: Float.self).pixels
        let section = Section(x0: 100, x1: 180, y0: 50, y1: 61)
        let part = try file.readImage(hdu: 1, as: Float.self, section: section).pixels
        let slice = (section.y0..<section.y1).flatMap { y in
            (section.x0..<section.x1).map { x in full[x, y] }
        }
        #expect(part.values == slice)
    }
}
