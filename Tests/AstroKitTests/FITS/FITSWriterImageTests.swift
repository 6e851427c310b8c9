import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSWriterImageTests {
    /// Reading into a reused array gives what a fresh read gives, for images of the same size
    /// (storage reused) and of another size (reallocated); a failed read names the file.
    @Test func readingIntoReusedStorage() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("reuse.fits")
        let first: [UInt16] = [0, 1, 32767, 32768, 50000, .max], second: [UInt16] = [9, 8, 7, 6, 5, 4]
        let other: [UInt16] = Array(0..<20)
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage(first, shape: [3, 2], extname: "A")
            try writer.addImage(second, shape: [2, 3], extname: "B")
            try writer.addImage(other, shape: [5, 4], extname: "C")
        }
        let file = try FITSFile.open(path)
        var pixels = PixelArray<UInt16>(width: 0, height: 0, repeating: 0)
        try file.readPixels(hdu: 1, into: &pixels)
        #expect(pixels.shape == [3, 2] && pixels.values == first)
        try file.readPixels(hdu: 2, into: &pixels)
        #expect(pixels.shape == [2, 3] && pixels.values == second)
        try file.readPixels(hdu: 3, into: &pixels)
        #expect(pixels.shape == [5, 4] && pixels.values == other)
        #expect(throws: (any Error).self) { try file.readPixels(hdu: 7, into: &pixels) }
    }

    /// Extremes of every storable type, so that BZERO offsets and sign handling show up.
    @Test func imagesOfEveryBitpixReadBackBitExactly() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("every_bitpix.fits")
        let shape = [3, 2]
        let bytes: [UInt8] = [0, 1, 127, 128, 254, 255]
        let shorts: [Int16] = [.min, -1, 0, 1, 12345, .max]
        let unsignedShorts: [UInt16] = [0, 1, 32767, 32768, 50000, .max]
        let ints: [Int32] = [.min, -70000, 0, 1, 70000, .max]
        let unsignedInts: [UInt32] = [0, 1, 2_147_483_647, 2_147_483_648, 3_000_000_000, .max]
        let longs: [Int64] = [.min, -(1 << 53) - 1, 0, 1, (1 << 53) + 1, .max]
        let floats: [Float] = [-.greatestFiniteMagnitude, -1.5, 0, .leastNonzeroMagnitude, 3.25e30, .nan]
        let doubles: [Double] = [-.greatestFiniteMagnitude, -0.1, 0, .leastNonzeroMagnitude, 1e300, .infinity]
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary()
            try writer.addImage(bytes, shape: shape, extname: "U8")
            try writer.addImage(shorts, shape: shape, extname: "I16")
            try writer.addImage(unsignedShorts, shape: shape, extname: "U16")
            try writer.addImage(ints, shape: shape, extname: "I32")
            try writer.addImage(unsignedInts, shape: shape, extname: "U32")
            try writer.addImage(longs, shape: shape, extname: "I64")
            try writer.addImage(floats, shape: shape, extname: "F32")
            try writer.addImage(doubles, shape: shape, extname: "F64")
        }
        let file = try FITSFile.open(path)
        #expect(file.hduCount == 9)
        #expect(try file.readPixels(hdu: 1, as: UInt8.self).values == bytes)
        #expect(try file.readPixels(hdu: 2, as: Int16.self).values == shorts)
        #expect(try file.readPixels(hdu: 3, as: UInt16.self).values == unsignedShorts)
        #expect(try file.readPixels(hdu: 4, as: Int32.self).values == ints)
        #expect(try file.readPixels(hdu: 5, as: UInt32.self).values == unsignedInts)
        #expect(try file.readPixels(hdu: 6, as: Int64.self).values == longs)
        let readFloats = try file.readPixels(hdu: 7, as: Float.self).values
        #expect(readFloats.map(\.bitPattern) == floats.map(\.bitPattern))
        let readDoubles = try file.readPixels(hdu: 8, as: Double.self).values
        #expect(readDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))

        // Storage as a FITS reader sees it: unsigned types are signed BITPIX plus BZERO.
        let expected: [(Int, Double?)] = [(8, nil), (16, nil), (16, 32768), (32, nil),
                                          (32, 2_147_483_648), (64, nil), (-32, nil), (-64, nil)]
        for (offset, (bitpix, bzero)) in expected.enumerated() {
            let info = try file.info(hdu: offset + 1)
            #expect(info.kind == .image && info.bitpix == bitpix && info.naxis == shape)
            #expect(info.header.double("BZERO") == bzero)
        }
        #expect(try file.info(hdu: 3).extname == "U16")
        // Physical values through the float reader: unsigned 16-bit counts come back as counts.
        #expect(try file.readImage(hdu: 3, as: Double.self).pixels.values == unsignedShorts.map(Double.init))
        for hdu in 0..<file.hduCount {
            #expect(try file.verifyChecksum(hdu: hdu) == HDUChecksums(data: .valid, hdu: .valid))
        }
        if let verdict = try FITSVerify.run(path) {
            #expect(verdict.warnings == 0 && verdict.errors == 0, "\(verdict.output)")
        }
    }

    @Test func primaryImageWithHeaderCards() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("primary.fits")
        var header = FITSHeader()
        header.set("OBJECT", .string("NGC 891 'edge-on'"), comment: "target")
        header.set("EXPTIME", .real(0.1))
        header.set("GAIN", .real(1.0 / 3.0))
        header.set("NCOMBINE", .integer(-42))
        header.set("DARKCORR", .logical(false))
        header.set("VISIBIL", .complex(real: 1.5, imaginary: -2.25))
        header.set("ESO DET CHIP NAME", .string("CCD-44"))
        let long = String(repeating: "a long provenance string, ", count: 8) + "end"
        header.set("PROVENAN", .string(long))
        header.cards.append(HeaderCard(keyword: "COMMENT", value: nil, comment: "reduced by AstroKit"))
        header.cards.append(HeaderCard(keyword: "HISTORY", value: nil, comment: "bias subtracted"))
        // Structural cards from elsewhere must not fight the writer's own.
        header.set("NAXIS1", .integer(999))
        header.set("BITPIX", .integer(-64))
        let pixels = PixelArray<Float>(shape: [4, 3], values: (0..<12).map { Float($0) * 0.5 })
        try FITSWriter.write(to: path) { writer in try writer.addImage(pixels, header: header) }

        let file = try FITSFile.open(path)
        let info = try file.info(hdu: 0)
        #expect(info.kind == .primary && info.bitpix == -32 && info.naxis == [4, 3])
        let read = info.header
        #expect(read.string("OBJECT") == "NGC 891 'edge-on'")
        #expect(read.cards.first { $0.keyword == "OBJECT" }?.comment == "target")
        #expect(read.double("EXPTIME") == 0.1)
        #expect(read.double("GAIN") == 1.0 / 3.0)
        #expect(read.int("NCOMBINE") == -42)
        #expect(read.bool("DARKCORR") == false)
        #expect(read["VISIBIL"] == .complex(real: 1.5, imaginary: -2.25))
        #expect(read.string("ESO DET CHIP NAME") == "CCD-44")
        #expect(read.string("PROVENAN") == long)
        #expect(read.comments.contains("reduced by AstroKit"))
        #expect(read.history == ["bias subtracted"])
        #expect(try file.readImage(hdu: 0, as: Float.self).pixels == pixels)
        #expect(try file.verifyChecksum(hdu: 0) == HDUChecksums(data: .valid, hdu: .valid))
        if let verdict = try FITSVerify.run(path) {
            #expect(verdict.warnings == 0 && verdict.errors == 0, "\(verdict.output)")
        }
    }

    @Test func corruptedByteMakesTheChecksumInvalid() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("corrupt.fits")
        try FITSWriter.write(to: path) { writer in
            try writer.addImage([UInt8](repeating: 7, count: 100), shape: [10, 10])
        }
        #expect(try FITSFile.open(path).verifyChecksum(hdu: 0).isIntact)
        // One header block, then the data: flip a data byte.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 2880 + 10)
        try handle.write(contentsOf: Data([8]))
        try handle.close()
        let sums = try FITSFile.open(path).verifyChecksum(hdu: 0)
        #expect(sums.data == .invalid && sums.hdu == .invalid)
    }
}
